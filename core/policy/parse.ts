import { SessionPolicyError } from './errors';
import { jsonErrorOffset } from './jsonPosition';
import { asList } from './types';
import type { PolicyDocument, PolicyStatement } from './types';

/** Condition keys the local evaluator decides; every other key is left to AWS. */
export const LOCALLY_CHECKED_CONDITION_KEYS = new Set(['aws:requestedregion']);

/** An IAM action or action pattern, `service:Name` with `*` and `?` allowed in the name. */
export const ACTION_PATTERN = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/i;
const ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov|\*):[a-z0-9-*]+:[a-z0-9-*]*:(\d{12}|\*|aws)?:.+$/;
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

export interface ParsedCustomPolicy {
	document: PolicyDocument;
	warnings: string[];
}

/**
 * Parses and checks the shape of a custom session policy. Action names are checked
 * against IAM data separately (see validateActions), because that lookup is asynchronous.
 * @throws SessionPolicyError naming the statement, the problem and the fix.
 */
export function parseCustomPolicy(text: string): ParsedCustomPolicy {
	if (text.trim() === '') {
		throw new SessionPolicyError('The custom policy is empty. Enter an IAM policy document, for example {"Version":"2012-10-17","Statement":[...]}.');
	}
	const value = parseJson(text);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new SessionPolicyError('The custom policy must be a JSON object with "Version" and "Statement".');
	}
	const raw = value as Record<string, unknown>;
	if (raw.Version === undefined) {
		throw new SessionPolicyError('The custom policy has no "Version". Add "Version": "2012-10-17" at the top level.');
	}
	if (raw.Version !== '2012-10-17') {
		throw new SessionPolicyError(
			`The custom policy has Version ${JSON.stringify(raw.Version)}; set "Version": "2012-10-17" (policy variables and current grammar need it).`,
		);
	}
	if (raw.Statement === undefined) {
		throw new SessionPolicyError('The custom policy has no "Statement". Add a list of statements with Effect, Action and Resource.');
	}
	const rawStatements = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
	if (rawStatements.length === 0) {
		throw new SessionPolicyError('The custom policy has an empty "Statement" list, which allows nothing. Add at least one Allow statement.');
	}

	const warnings: string[] = [];
	const statements = rawStatements.map((item, index) => checkStatement(item, statementName(item, index), warnings));
	return { document: { Version: '2012-10-17', Statement: statements }, warnings };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const match = /position (\d+)/.exec(message);
		const position = match ? Number(match[1]) : jsonErrorOffset(text);
		const { line, column } = lineAndColumn(text, position);
		const found = position < text.length ? `unexpected ${JSON.stringify(text[position])}` : 'the text ends too early';
		throw new SessionPolicyError(`The custom policy is not valid JSON at line ${line}, column ${column}: ${found}. Check the brackets, commas and quotes there.`);
	}
}

/** Converts a character offset to 1-based line and column numbers. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
	const before = text.slice(0, position);
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function statementName(item: unknown, index: number): string {
	const sid = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).Sid : undefined;
	return typeof sid === 'string' && sid !== '' ? `statement ${index + 1} (Sid "${sid}")` : `statement ${index + 1}`;
}

function checkStatement(item: unknown, name: string, warnings: string[]): PolicyStatement {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) {
		throw new SessionPolicyError(`In the custom policy, ${name} is not an object. Each statement needs Effect, Action and Resource.`);
	}
	const raw = item as Record<string, unknown>;
	for (const key of Object.keys(raw)) {
		if (key === 'Principal' || key === 'NotPrincipal') {
			throw new SessionPolicyError(`In the custom policy, ${name} has "${key}", which session policies do not accept. Remove it.`);
		}
		if (!STATEMENT_KEYS.has(key)) {
			throw new SessionPolicyError(`In the custom policy, ${name} has the unknown key "${key}". Allowed keys: ${[...STATEMENT_KEYS].join(', ')}.`);
		}
	}
	if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
		throw new SessionPolicyError(`In the custom policy, ${name} has Effect ${JSON.stringify(raw.Effect)}; use "Allow" or "Deny".`);
	}
	const statement: PolicyStatement = { Effect: raw.Effect };
	if (typeof raw.Sid === 'string') statement.Sid = raw.Sid;

	checkActions(raw, name, statement, warnings);
	checkResources(raw, name, statement);
	if (raw.Condition !== undefined) {
		statement.Condition = checkCondition(raw.Condition, name, warnings);
	}
	return statement;
}

function checkActions(raw: Record<string, unknown>, name: string, statement: PolicyStatement, warnings: string[]): void {
	const hasAction = raw.Action !== undefined;
	const hasNotAction = raw.NotAction !== undefined;
	if (hasAction === hasNotAction) {
		throw new SessionPolicyError(`In the custom policy, ${name} needs exactly one of "Action" or "NotAction".`);
	}
	const key = hasAction ? 'Action' : 'NotAction';
	const actions = stringList(raw[key], `${name} "${key}"`);
	for (const action of actions) {
		if (action === '*') {
			if (hasAction && statement.Effect === 'Allow') {
				throw new SessionPolicyError(
					`In the custom policy, ${name} allows "Action": "*", which passes every permission of the role and defeats the class. List the actions the workflow calls.`,
				);
			}
			continue;
		}
		if (!ACTION_PATTERN.test(action)) {
			throw new SessionPolicyError(
				`In the custom policy, ${name} has the malformed action "${action}". Write actions as service:Action, for example "sns:Publish".`,
			);
		}
	}
	if (hasNotAction && statement.Effect === 'Allow') {
		warnings.push(
			`${name} uses Allow with NotAction, which grants every action of the role except the listed ones. Prefer Allow with Action.`,
		);
	}
	statement[key] = raw[key] as string | string[];
}

function checkResources(raw: Record<string, unknown>, name: string, statement: PolicyStatement): void {
	const hasResource = raw.Resource !== undefined;
	const hasNotResource = raw.NotResource !== undefined;
	if (hasResource === hasNotResource) {
		throw new SessionPolicyError(`In the custom policy, ${name} needs exactly one of "Resource" or "NotResource"; use "Resource": "*" to leave resources to the role's policy.`);
	}
	const key = hasResource ? 'Resource' : 'NotResource';
	for (const resource of stringList(raw[key], `${name} "${key}"`)) {
		if (resource !== '*' && !ARN_PATTERN.test(resource)) {
			throw new SessionPolicyError(
				`In the custom policy, ${name} has the malformed resource "${resource}". Use "*" or an ARN such as arn:aws:sns:eu-west-1:111122223333:alerts.`,
			);
		}
	}
	statement[key] = raw[key] as string | string[];
}

function checkCondition(value: unknown, name: string, warnings: string[]): PolicyStatement['Condition'] {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new SessionPolicyError(`In the custom policy, ${name} has a "Condition" that is not an object of operators.`);
	}
	const block = value as Record<string, unknown>;
	for (const [operator, keys] of Object.entries(block)) {
		if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
			throw new SessionPolicyError(`In the custom policy, ${name} has condition operator "${operator}" without a { key: value } object.`);
		}
		for (const key of Object.keys(keys)) {
			if (!LOCALLY_CHECKED_CONDITION_KEYS.has(key.toLowerCase())) {
				warnings.push(`${name} has the condition ${operator} on "${key}": it is passed to AWS, but not checked locally.`);
			}
		}
	}
	return block as PolicyStatement['Condition'];
}

function stringList(value: unknown, where: string): string[] {
	const list = asList(value as string | string[]);
	if (list.length === 0 || list.some((entry) => typeof entry !== 'string')) {
		throw new SessionPolicyError(`In the custom policy, ${where} must be a string or a non-empty list of strings.`);
	}
	return list;
}
