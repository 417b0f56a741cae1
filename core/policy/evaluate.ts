import { LOCALLY_CHECKED_CONDITION_KEYS } from './parse';
import { asList } from './types';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from './types';

/** The three outcomes of IAM policy evaluation, with AWS's names. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface EvaluationRequest {
	/** IAM action, `prefix:Name`; matched case-insensitively. */
	action: string;
	/** Value of `aws:RequestedRegion`; when absent, region conditions count as not checked. */
	region?: string;
}

export interface DecidingStatement {
	/** Zero-based index in the policy's Statement list. */
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
	decision: Decision;
	/** The statement that decided; absent for an implicit deny. */
	statement?: DecidingStatement;
	/**
	 * Conditions and resource limits that AWS evaluates but the local check cannot: the
	 * decision holds only if they do (for Allowed), or they may still deny (for a Deny that
	 * could apply). Each entry is readable text.
	 */
	unchecked: string[];
}

type Match = 'yes' | 'maybe' | 'no';

interface CompiledStatement {
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
	notAction: boolean;
	/** Lower-cased Action (or NotAction) entries without wildcards, matched by lookup. */
	exactActions: Set<string>;
	/** Entries with `*` or `?`, as regular expressions. */
	patterns: RegExp[];
	resourceNote?: string;
	conditions: CompiledCondition[];
}

interface CompiledCondition {
	operator: string;
	key: string;
	values: string[];
	/** Decides the condition from the request, or returns undefined when it cannot. */
	test?: (request: EvaluationRequest) => boolean | undefined;
}

/**
 * A session policy prepared for repeated evaluation. The Action entries are compiled once, so
 * each check is one set lookup per statement plus one regular-expression test per wildcard entry.
 */
export class CompiledPolicy {
	private readonly statements: CompiledStatement[];

	constructor(document: PolicyDocument) {
		this.statements = document.Statement.map(compileStatement);
	}

	/**
	 * Decides an action (and region) as IAM does for a single policy: an explicit deny wins,
	 * then any allow, otherwise an implicit deny.
	 */
	evaluate(request: EvaluationRequest): EvaluationResult {
		const unchecked: string[] = [];
		let allow: { statement: CompiledStatement; match: Match } | undefined;
		const action = request.action.toLowerCase();

		for (const statement of this.statements) {
			const match = matchStatement(statement, request, action);
			if (match === 'no') continue;
			if (statement.effect === 'Deny') {
				if (match === 'yes') {
					return { decision: 'ExplicitlyDenied', statement: describe(statement), unchecked: [] };
				}
				unchecked.push(`statement ${statement.index + 1} may deny: ${notes(statement, request).join('; ')}`);
			} else if (!allow || (allow.match === 'maybe' && match === 'yes')) {
				allow = { statement, match };
			}
		}

		if (!allow) return { decision: 'ImplicitlyDenied', unchecked };
		if (allow.match === 'maybe') {
			unchecked.unshift(`statement ${allow.statement.index + 1} allows only if: ${notes(allow.statement, request).join('; ')}`);
		}
		return { decision: 'Allowed', statement: describe(allow.statement), unchecked };
	}
}

/** Evaluates one request against a policy document; compile once with CompiledPolicy for loops. */
export function evaluatePolicy(document: PolicyDocument, request: EvaluationRequest): EvaluationResult {
	return new CompiledPolicy(document).evaluate(request);
}

/** Turns an IAM action pattern (`*` any run, `?` one character) into a case-insensitive regex. */
export function actionPatternToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${escaped}$`, 'i');
}

function compileStatement(statement: PolicyStatement, index: number): CompiledStatement {
	const notAction = statement.NotAction !== undefined;
	const actions = asList(notAction ? statement.NotAction : statement.Action);
	const exactActions = new Set(actions.filter((action) => !/[*?]/.test(action)).map((action) => action.toLowerCase()));
	const patterns = actions.filter((action) => /[*?]/.test(action)).map(actionPatternToRegExp);
	const resources = asList(statement.Resource);
	const resourceNote =
		statement.NotResource !== undefined
			? `resource not in ${asList(statement.NotResource).join(', ')}`
			: resources.includes('*')
				? undefined
				: `resource in ${resources.join(', ')}`;
	return {
		index,
		sid: statement.Sid,
		effect: statement.Effect,
		notAction,
		exactActions,
		patterns,
		resourceNote,
		conditions: compileConditions(statement.Condition),
	};
}

/** `action` is request.action lower-cased once per evaluation, for the lookup in exactActions. */
function matchStatement(statement: CompiledStatement, request: EvaluationRequest, action: string): Match {
	const listed = statement.exactActions.has(action) || statement.patterns.some((pattern) => pattern.test(request.action));
	if (listed === statement.notAction) return 'no';

	let result: Match = statement.resourceNote ? 'maybe' : 'yes';
	for (const condition of statement.conditions) {
		const outcome = condition.test ? condition.test(request) : undefined;
		if (outcome === false) return 'no';
		if (outcome === undefined) result = 'maybe';
	}
	return result;
}

function notes(statement: CompiledStatement, request: EvaluationRequest): string[] {
	const list: string[] = [];
	if (statement.resourceNote) list.push(statement.resourceNote);
	for (const condition of statement.conditions) {
		if (!condition.test || condition.test(request) === undefined) {
			list.push(`${condition.operator} ${condition.key} ${JSON.stringify(condition.values.length === 1 ? condition.values[0] : condition.values)}`);
		}
	}
	return list;
}

function describe(statement: CompiledStatement): DecidingStatement {
	return { index: statement.index, sid: statement.sid, effect: statement.effect };
}

function compileConditions(block: ConditionBlock | undefined): CompiledCondition[] {
	if (!block) return [];
	const conditions: CompiledCondition[] = [];
	for (const [operator, keys] of Object.entries(block)) {
		for (const [key, value] of Object.entries(keys)) {
			const values = asList(value).map(String);
			conditions.push({ operator, key, values, test: regionTest(operator, key, values) });
		}
	}
	return conditions;
}

/** Builds the test for a region condition, or undefined for keys and operators left to AWS. */
function regionTest(operator: string, key: string, values: string[]): CompiledCondition['test'] {
	if (!LOCALLY_CHECKED_CONDITION_KEYS.has(key.toLowerCase())) return undefined;

	const ifExists = operator.endsWith('IfExists');
	const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
	const matchers = stringMatchers(base, values);
	if (!matchers) return undefined;

	const negated = base.startsWith('StringNot');
	return (request) => {
		// aws:RequestedRegion is present in every request AWS evaluates, so IfExists changes nothing.
		if (request.region === undefined) return undefined;
		const hit = matchers.some((matcher) => matcher(request.region as string));
		return negated ? !hit : hit;
	};
}

function stringMatchers(operator: string, values: string[]): Array<(value: string) => boolean> | undefined {
	switch (operator) {
		case 'StringEquals':
		case 'StringNotEquals':
			return values.map((expected) => (value: string) => value === expected);
		case 'StringEqualsIgnoreCase':
		case 'StringNotEqualsIgnoreCase':
			return values.map((expected) => (value: string) => value.toLowerCase() === expected.toLowerCase());
		case 'StringLike':
		case 'StringNotLike':
			return values.map((expected) => {
				const pattern = new RegExp(`^${expected.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
				return (value: string) => pattern.test(value);
			});
		default:
			return undefined;
	}
}
