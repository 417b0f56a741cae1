/** Severity of each rule and the finding constructor the rules share. */
import type { ClassifiedRole, LintFinding, LintRuleId, Severity } from '../types';

export const RULE_SEVERITY: Record<LintRuleId, Severity> = {
	'runtime-extra-permissions': 'high',
	'runtime-secrets-read': 'high',
	'execution-application-permissions': 'high',
	'wildcard-action': 'high',
	'class-trust-foreign-principal': 'high',
	'wildcard-resource': 'medium',
	'task-trust-source-conditions': 'medium',
	'class-session-too-long': 'medium',
};

export function finding(
	ruleId: LintRuleId,
	role: ClassifiedRole,
	where: { policy: string; statement: string },
	message: string,
	fix: string,
): LintFinding {
	return { ruleId, severity: RULE_SEVERITY[ruleId], roleName: role.record.RoleName, roleKind: role.kind, policy: where.policy, statement: where.statement, message, fix };
}
