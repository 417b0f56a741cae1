/**
 * Role chaining rule: the node assumes class roles with the runtime role's credentials, and
 * STS caps a chained session at one hour whatever MaxSessionDuration says. See
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining.
 */
import { ROLE_CHAINING_MAX_SESSION_SECONDS } from '../../types';
import type { LintContext, LintFinding } from '../types';
import { finding } from './finding';

export function checkClassSessionDuration(context: LintContext): LintFinding[] {
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => candidate.kind === 'class')) {
		const seconds = role.record.MaxSessionDuration;
		if (seconds === undefined) {
			context.notes.push(`MaxSessionDuration of class role ${role.record.RoleName} is not in the input (authorization details omit it); pass the output of \`aws iam get-role --role-name ${role.record.RoleName}\` to check it.`);
			continue;
		}
		if (seconds <= ROLE_CHAINING_MAX_SESSION_SECONDS) continue;
		findings.push(
			finding('class-session-too-long', role, { policy: 'role settings', statement: '' }, `MaxSessionDuration is ${seconds} seconds, but a session assumed through role chaining lasts at most ${ROLE_CHAINING_MAX_SESSION_SECONDS}, so a request for more fails.`, `Set MaxSessionDuration to ${ROLE_CHAINING_MAX_SESSION_SECONDS}.`),
		);
	}
	return findings;
}
