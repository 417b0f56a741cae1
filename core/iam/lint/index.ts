/** Entry point of the role lint. */
import { classifyRoles } from './classify';
import { checkExecutionRoles } from './rules/executionRole';
import { RULE_SEVERITY } from './rules/finding';
import { checkRuntimeRoles } from './rules/runtimeRole';
import { checkClassSessionDuration } from './rules/sessionDuration';
import { checkClassTrust, checkTaskTrust } from './rules/trust';
import { checkWildcards } from './rules/wildcards';
import { SEVERITIES } from './types';
import type { LintContext, LintInput, LintOptions, LintReport, Severity } from './types';

export { readLintFile } from './read';
export { RULE_SEVERITY };
export * from './types';

/**
 * Checks the n8n roles of the input against the role separation rules and returns the
 * findings, ordered by role and rule. Role-specific rules run before the wildcard rules,
 * so one faulty statement is reported once.
 */
export async function lintRoles(input: LintInput, options: LintOptions = {}): Promise<LintReport> {
	const roles = classifyRoles(input, options);
	const context: LintContext = { roles, reported: new Set(), notes: [] };
	const findings = [
		...checkRuntimeRoles(context),
		...checkExecutionRoles(context),
		...(await checkWildcards(context)),
		...checkClassTrust(context),
		...checkTaskTrust(context),
		...checkClassSessionDuration(context),
	];
	findings.sort((a, b) => a.roleName.localeCompare(b.roleName) || a.ruleId.localeCompare(b.ruleId));
	return { findings, roles: roles.map((role) => ({ roleName: role.record.RoleName, kind: role.kind })), notes: context.notes };
}

/** Returns true when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
	return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

export function emptyLintInput(): LintInput {
	return { roles: [], managedPolicies: new Map() };
}
