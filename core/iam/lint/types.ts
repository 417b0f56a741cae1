/** Types of the role lint. */
import type { PolicyDocument, PolicyStatement } from '../../policy/types';
import type { RoleRecord } from '../roleRecord';
import type { RoleKind } from '../types';

export type Severity = 'low' | 'medium' | 'high';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high'];

export type LintRuleId =
	| 'runtime-extra-permissions'
	| 'runtime-secrets-read'
	| 'execution-application-permissions'
	| 'wildcard-action'
	| 'wildcard-resource'
	| 'class-trust-foreign-principal'
	| 'task-trust-source-conditions'
	| 'class-session-too-long';

export interface LintFinding {
	ruleId: LintRuleId;
	severity: Severity;
	roleName: string;
	roleKind: RoleKind;
	/** `trust policy`, `inline policy NAME` or `managed policy ARN`. */
	policy: string;
	/** `statement 2 (Sid "X")`, or empty for a finding about the role itself. */
	statement: string;
	message: string;
	fix: string;
}

/** Everything the lint read, merged by role name across input files. */
export interface LintInput {
	roles: RoleRecord[];
	/** Managed policy documents by ARN (default version), from authorization details. */
	managedPolicies: Map<string, PolicyDocument>;
}

export interface LintOptions {
	/** Role kinds by role name, for roles without the `n8n-aws-scoped:role` tag. */
	kinds?: Record<string, RoleKind>;
}

export interface LintReport {
	findings: LintFinding[];
	/** Roles the lint recognised, with their kinds. Untagged roles it could not place are left out. */
	roles: Array<{ roleName: string; kind: RoleKind }>;
	/** Checks that could not run, for example a MaxSessionDuration missing from the input. */
	notes: string[];
}

/** A permission statement with where it came from. */
export interface LocatedStatement {
	policy: string;
	statement: string;
	value: PolicyStatement;
}

/** A role with its kind and every permission statement it has. */
export interface ClassifiedRole {
	record: RoleRecord;
	kind: RoleKind;
	statements: LocatedStatement[];
	/** Attached managed policies whose documents the input does not contain. */
	unresolvedManagedPolicies: string[];
}

/** Shared state of one lint run. */
export interface LintContext {
	roles: ClassifiedRole[];
	/** Statements already reported by a role-specific rule, which the wildcard rules skip. */
	reported: Set<LocatedStatement>;
	notes: string[];
}
