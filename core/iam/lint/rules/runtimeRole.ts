/**
 * Runtime task role rules: the role may assume class roles and nothing else, and in
 * particular may not read secrets, because every workflow on the task shares it.
 */
import { asList } from '../../../policy/types';
import { roleNameOfArn } from '../../arn';
import { grantedAmong, isExactlyOneOf } from '../match';
import type { ClassifiedRole, LintContext, LintFinding, LocatedStatement } from '../types';
import { finding } from './finding';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const SECRET_READS = ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'];

export function checkRuntimeRoles(context: LintContext): LintFinding[] {
	const classNames = new Set(context.roles.filter((role) => role.kind === 'class').map((role) => role.record.RoleName));
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => candidate.kind === 'task-runtime')) {
		for (const located of role.statements.filter((entry) => entry.value.Effect === 'Allow')) {
			const before = findings.length;
			findings.push(...checkStatement(role, located, classNames));
			if (findings.length > before) context.reported.add(located);
		}
		for (const arn of role.unresolvedManagedPolicies) {
			findings.push(
				finding('runtime-extra-permissions', role, { policy: `managed policy ${arn}`, statement: '' }, 'The runtime role has an attached managed policy, and the input does not contain its document.', `Detach ${arn}; the runtime role needs only sts:AssumeRole on the class roles.`),
			);
		}
	}
	return findings;
}

function checkStatement(role: ClassifiedRole, located: LocatedStatement, classNames: Set<string>): LintFinding[] {
	const statement = located.value;
	const findings: LintFinding[] = [];
	const actions = asList(statement.Action);
	const secretReads = [...new Set(actions.flatMap((action) => grantedAmong(action, SECRET_READS)))];
	if (secretReads.length > 0) {
		findings.push(
			finding('runtime-secrets-read', role, located, `The runtime role may call ${secretReads.join(', ')}, so every workflow on the task can read those secrets.`, 'Remove the secret reads; give secrets to ECS through the task execution role (startup secrets) or to a custom class role.'),
		);
	}

	const extra = actions.filter((action) => !isExactlyOneOf(action, ASSUME_ACTIONS) && !isExactlyOneOf(action, SECRET_READS));
	if (statement.NotAction !== undefined) extra.push(`everything except ${asList(statement.NotAction).join(', ')}`);
	if (extra.length > 0) {
		findings.push(finding('runtime-extra-permissions', role, located, `The runtime role allows ${extra.join(', ')}, beyond assuming class roles.`, 'Remove these actions; put them in a workflow class role, which the runtime role assumes.'));
	} else if (secretReads.length === 0) {
		const foreign = asList(statement.Resource).filter((resource) => !classNames.has(roleNameOfArn(resource) ?? '') || /[*?]/.test(resource));
		if (statement.NotResource !== undefined || foreign.length > 0) {
			const what = statement.NotResource !== undefined ? 'every resource except those in NotResource' : foreign.join(', ');
			findings.push(finding('runtime-extra-permissions', role, located, `The runtime role may assume ${what}, which are not class roles in the input.`, 'List only the ARNs of the workflow class roles in Resource.'));
		}
	}
	return findings;
}
