/** Tells the n8n roles apart: by tag, by the caller's `kinds`, then by trust and permissions. */
import { asList } from '../../policy/types';
import { roleNameOfArn } from '../arn';
import type { RoleRecord } from '../roleRecord';
import { ECS_TASKS_PRINCIPAL, ROLE_KIND_TAG, ROLE_KINDS } from '../types';
import type { Principal, RoleKind } from '../types';
import type { ClassifiedRole, LintInput, LintOptions, LocatedStatement } from './types';

const EXECUTION_MANAGED_POLICY = /^arn:[\w-]+:iam::aws:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/;

/**
 * Returns the n8n roles of the input with their kinds and permission statements. An
 * untagged role is a task role when ECS tasks may assume it (execution when it has the
 * ECS execution managed policy or "execution" in its name), and a class role when only
 * runtime roles may assume it. Any other untagged role is not checked.
 */
export function classifyRoles(input: LintInput, options: LintOptions): ClassifiedRole[] {
	const kinds = new Map<RoleRecord, RoleKind>();
	for (const role of input.roles) {
		const kind = options.kinds?.[role.RoleName] ?? taggedKind(role) ?? taskKind(role);
		if (kind) kinds.set(role, kind);
	}
	const runtimeNames = new Set([...kinds].filter(([, kind]) => kind === 'task-runtime').map(([role]) => role.RoleName));
	for (const role of input.roles) {
		if (!kinds.has(role) && trustedAwsPrincipals(role).some((arn) => runtimeNames.has(roleNameOfArn(arn) ?? ''))) kinds.set(role, 'class');
	}
	return [...kinds].map(([record, kind]) => withStatements(record, kind, input));
}

function taggedKind(role: RoleRecord): RoleKind | undefined {
	const value = role.Tags.find((tag) => tag.Key === ROLE_KIND_TAG)?.Value;
	return (ROLE_KINDS as readonly string[]).includes(value ?? '') ? (value as RoleKind) : undefined;
}

function taskKind(role: RoleRecord): RoleKind | undefined {
	const trustsEcsTasks = role.AssumeRolePolicyDocument.Statement.some((statement) => principalValues(statement.Principal, 'Service').includes(ECS_TASKS_PRINCIPAL));
	if (!trustsEcsTasks) return undefined;
	const isExecution = /execution/i.test(role.RoleName) || role.AttachedManagedPolicies.some((policy) => EXECUTION_MANAGED_POLICY.test(policy.PolicyArn));
	return isExecution ? 'task-execution' : 'task-runtime';
}

/** Returns the values of one principal type (`AWS`, `Service`, `Federated`), counting `*` as an AWS principal. */
export function principalValues(principal: Principal | undefined, type: 'AWS' | 'Service' | 'Federated'): string[] {
	if (principal === undefined) return [];
	if (principal === '*') return type === 'AWS' ? ['*'] : [];
	return asList(principal[type]);
}

function trustedAwsPrincipals(role: RoleRecord): string[] {
	return role.AssumeRolePolicyDocument.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) => principalValues(statement.Principal, 'AWS'));
}

function withStatements(record: RoleRecord, kind: RoleKind, input: LintInput): ClassifiedRole {
	const statements: LocatedStatement[] = [];
	for (const policy of record.RolePolicyList) statements.push(...locate(`inline policy ${policy.PolicyName}`, policy.PolicyDocument.Statement));
	const unresolvedManagedPolicies: string[] = [];
	for (const attached of record.AttachedManagedPolicies) {
		const document = input.managedPolicies.get(attached.PolicyArn);
		if (document) statements.push(...locate(`managed policy ${attached.PolicyArn}`, document.Statement));
		else unresolvedManagedPolicies.push(attached.PolicyArn);
	}
	return { record, kind, statements, unresolvedManagedPolicies };
}

function locate(policy: string, statements: LocatedStatement['value'][]): LocatedStatement[] {
	return statements.map((value, index) => ({ policy, statement: statementLabel(value.Sid, index), value }));
}

/** `statement 2 (Sid "X")`: the 1-based position, as the IAM console counts. */
export function statementLabel(sid: string | undefined, index: number): string {
	return sid ? `statement ${index + 1} (Sid "${sid}")` : `statement ${index + 1}`;
}
