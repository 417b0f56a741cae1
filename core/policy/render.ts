import { createHash } from 'node:crypto';

import { getWorkflowClass } from '../catalog';
import type { ActionGroup, ClassOption, ClassOrCustom } from '../catalog';
import { SessionPolicyError } from './errors';
import { parseCustomPolicy } from './parse';
import { SESSION_POLICY_MAX_LENGTH } from './types';
import type { PolicyDocument, PolicyStatement } from './types';

/**
 * Action prefixes exempt from the region rule. IAM, Organizations, CloudFront, Route 53 and
 * Support are global: AWS sets `aws:RequestedRegion` to us-east-1 for them, so a region
 * deny without this exemption would block every identity-change call.
 */
export const GLOBAL_ACTION_PATTERNS = [
	'iam:*',
	'sts:*',
	'organizations:*',
	'cloudfront:*',
	'route53:*',
	'support:*',
];

/** Origin of a statement of a rendered session policy, by statement index. */
export interface StatementOrigin {
	kind: 'class' | 'classDeny' | 'region' | 'custom';
	/** The catalog group's purpose, the custom statement's Sid, or the region rule. */
	label: string;
}

export interface SessionPolicyInput {
	classId: ClassOrCustom;
	/** The user's policy JSON; required for `custom`, ignored otherwise. */
	customPolicy?: string;
	/** Regions the session may call; empty means no region rule. */
	allowedRegions: string[];
	/** Optional action groups the credential turns on. */
	options?: ClassOption[];
}

export interface RenderedSessionPolicy {
	classId: ClassOrCustom;
	document: PolicyDocument;
	/** Minimal JSON sent as the AssumeRole `Policy` parameter. */
	json: string;
	/** Plaintext length of `json`, which STS limits to 2,048 characters. */
	length: number;
	/** SHA-256 of `json`, hex; part of the session cache key. */
	hash: string;
	origins: StatementOrigin[];
	/** Problems that do not stop the policy from being used (for example unchecked conditions). */
	warnings: string[];
}

/**
 * Renders the session policy for a class: the class's statements (or the user's custom
 * policy), its explicit denies and the region rule, as minimal JSON.
 * @throws SessionPolicyError when a custom policy is invalid or the result exceeds 2,048 characters.
 */
export function renderSessionPolicy(input: SessionPolicyInput): RenderedSessionPolicy {
	const statements: PolicyStatement[] = [];
	const origins: StatementOrigin[] = [];
	const warnings: string[] = [];

	if (input.classId === 'custom') {
		const parsed = parseCustomPolicy(input.customPolicy ?? '');
		const ownLength = JSON.stringify(parsed.document).length;
		if (ownLength > SESSION_POLICY_MAX_LENGTH) {
			throw new SessionPolicyError(
				`The custom policy is ${ownLength} characters after whitespace is removed; STS accepts at most ${SESSION_POLICY_MAX_LENGTH}. ` +
					'Remove actions or statements, or use wildcards whose expansion you have checked.',
			);
		}
		warnings.push(...parsed.warnings);
		parsed.document.Statement.forEach((statement, index) => {
			statements.push(statement);
			origins.push({ kind: 'custom', label: statement.Sid ?? `statement ${index + 1}` });
		});
	} else {
		const definition = getWorkflowClass(input.classId);
		const options = new Set(input.options ?? []);
		for (const group of definition.allow) {
			if (group.option && !options.has(group.option)) continue;
			statements.push(groupStatement('Allow', group));
			origins.push({ kind: 'class', label: group.purpose });
		}
		for (const group of definition.deny) {
			statements.push(groupStatement('Deny', group));
			origins.push({ kind: 'classDeny', label: group.purpose });
		}
	}

	if (input.allowedRegions.length > 0) {
		statements.push(regionStatement(input.allowedRegions));
		origins.push({ kind: 'region', label: `Only regions ${input.allowedRegions.join(', ')}` });
	}

	const document: PolicyDocument = { Version: '2012-10-17', Statement: statements };
	const json = JSON.stringify(document);
	if (json.length > SESSION_POLICY_MAX_LENGTH) {
		throw new SessionPolicyError(
			`The session policy for class "${input.classId}" is ${json.length} characters after whitespace is removed; ` +
				`STS accepts at most ${SESSION_POLICY_MAX_LENGTH}. Remove actions, use fewer allowed regions, or split the workflow across two classes.`,
		);
	}
	const hash = createHash('sha256').update(json).digest('hex');
	return { classId: input.classId, document, json, length: json.length, hash, origins, warnings };
}

function groupStatement(effect: 'Allow' | 'Deny', group: ActionGroup): PolicyStatement {
	const statement: PolicyStatement = {
		Effect: effect,
		Action: group.actions.length === 1 ? group.actions[0] : [...group.actions],
		Resource: '*',
	};
	if (group.condition) statement.Condition = group.condition;
	return statement;
}

function regionStatement(regions: string[]): PolicyStatement {
	return {
		Effect: 'Deny',
		NotAction: GLOBAL_ACTION_PATTERNS,
		Resource: '*',
		Condition: { StringNotEquals: { 'aws:RequestedRegion': regions.length === 1 ? regions[0] : regions } },
	};
}
