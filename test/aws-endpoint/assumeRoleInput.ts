import { AwsError } from './errors';
import type { PolicyDocument } from './types';

/** AssumeRole parameters, decoded from the Query form fields. */
export interface AssumeRoleInput {
	RoleArn?: string;
	RoleSessionName?: string;
	DurationSeconds?: number;
	/** Raw value of the form field, to report it in validation messages. */
	DurationSecondsText?: string;
	Policy?: string;
	ExternalId?: string;
	SourceIdentity?: string;
	Tags: Array<{ Key: string; Value: string }>;
	TransitiveTagKeys: string[];
	PolicyArns: string[];
}

/** Default session duration of AssumeRole, in seconds. */
export const DEFAULT_DURATION_SECONDS = 3600;

/** Maximum DurationSeconds when a role session assumes another role (role chaining). */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

/**
 * Budget of the packed-size estimate, in characters. AWS compresses the session policy and tags
 * into a binary form and reports how much of a fixed budget they take, without publishing the
 * algorithm. The endpoint estimates it deterministically instead:
 *
 *   PackedPolicySize = round(100 * (policy length + sum of tag key and value lengths) / 3500)
 *
 * so a 1,900-character policy plus 10 tags of 3-character keys and 200-character values gives
 * round(100 * 3930 / 3500) = 112 %. A policy alone (at most 2,048 characters) stays under 100 %.
 */
export const PACKED_POLICY_BUDGET = 3500;

/** Decodes `Tags.member.N.Key`, `TransitiveTagKeys.member.N` and the other AssumeRole fields. */
export function parseAssumeRoleInput(params: Record<string, unknown>): AssumeRoleInput {
	const field = (name: string): string | undefined => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
	const durationText = field('DurationSeconds');
	return {
		RoleArn: field('RoleArn'),
		RoleSessionName: field('RoleSessionName'),
		DurationSeconds: durationText === undefined ? undefined : Number(durationText),
		DurationSecondsText: durationText,
		Policy: field('Policy'),
		ExternalId: field('ExternalId'),
		SourceIdentity: field('SourceIdentity'),
		Tags: listMembers(params, 'Tags').map((prefix) => ({ Key: field(`${prefix}.Key`) ?? '', Value: field(`${prefix}.Value`) ?? '' })),
		TransitiveTagKeys: listMembers(params, 'TransitiveTagKeys').map((prefix) => field(prefix) ?? ''),
		PolicyArns: listMembers(params, 'PolicyArns').map((prefix) => field(`${prefix}.arn`) ?? ''),
	};
}

/** Returns `List.member.1`, `List.member.2`, ... for every index present in the form, in order. */
function listMembers(params: Record<string, unknown>, list: string): string[] {
	const indexes = new Set<number>();
	const pattern = new RegExp(`^${list}\\.member\\.(\\d+)(\\.|$)`);
	for (const key of Object.keys(params)) {
		const match = pattern.exec(key);
		if (match) indexes.add(Number(match[1]));
	}
	return [...indexes].sort((a, b) => a - b).map((index) => `${list}.member.${index}`);
}

/**
 * Checks the input against the STS API model constraints and throws one ValidationError listing
 * every failure, like AWS ("2 validation errors detected: ...; ...").
 */
export function validateAssumeRoleInput(input: AssumeRoleInput): void {
	const failures = [
		...checkString('roleArn', input.RoleArn, { required: true, min: 20, max: 2048 }),
		...checkString('roleSessionName', input.RoleSessionName, { required: true, min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
		...checkDuration(input),
		...checkString('policy', input.Policy, { min: 1, max: 2048 }),
		// The external ID is a shared secret, so its value stays out of the message (AWS would echo it).
		...checkString('externalId', input.ExternalId, { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*', hideValue: true }),
		...checkString('sourceIdentity', input.SourceIdentity, { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
		...checkTags(input),
	];
	if (failures.length === 0) return;

	const count = failures.length === 1 ? '1 validation error detected' : `${failures.length} validation errors detected`;
	throw new AwsError('ValidationError', `${count}: ${failures.join('; ')}`, 400);
}

interface StringConstraint {
	required?: boolean;
	min: number;
	max: number;
	pattern?: RegExp;
	patternText?: string;
	hideValue?: boolean;
}

function checkString(member: string, value: string | undefined, constraint: StringConstraint): string[] {
	if (value === undefined) return constraint.required ? [`Value null at '${member}' failed to satisfy constraint: Member must not be null`] : [];
	const valueText = constraint.hideValue ? 'Value' : `Value '${value}'`;
	const failures: string[] = [];
	if (value.length < constraint.min) {
		failures.push(`${valueText} at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${constraint.min}`);
	}
	if (value.length > constraint.max) {
		failures.push(`${valueText} at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${constraint.max}`);
	}
	if (constraint.pattern && !constraint.pattern.test(value)) {
		failures.push(`${valueText} at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${constraint.patternText}`);
	}
	return failures;
}

function checkDuration(input: AssumeRoleInput): string[] {
	const seconds = input.DurationSeconds;
	if (seconds === undefined) return [];
	if (!Number.isInteger(seconds)) return [`Value '${input.DurationSecondsText}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`];
	if (seconds < 900) return [`Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`];
	if (seconds > 43200) return [`Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`];
	return [];
}

function checkTags(input: AssumeRoleInput): string[] {
	const failures: string[] = [];
	if (input.Tags.length > 50) failures.push(`Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`);
	input.Tags.forEach((tag, index) => {
		failures.push(...checkString(`tags.${index + 1}.member.key`, tag.Key, { min: 1, max: 128 }));
		failures.push(...checkString(`tags.${index + 1}.member.value`, tag.Value, { min: 0, max: 256 }));
	});
	return failures;
}

/** Parses the session policy; invalid JSON or a document without statements gives MalformedPolicyDocument. */
export function parseSessionPolicy(policy: string): PolicyDocument {
	let document: unknown;
	try {
		document = JSON.parse(policy);
	} catch {
		throw new AwsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400);
	}
	const statement = (document as { Statement?: unknown } | null)?.Statement;
	if (typeof document !== 'object' || document === null || (!Array.isArray(statement) && typeof statement !== 'object')) {
		throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy. The policy must be a JSON object with a Statement.', 400);
	}
	const statements = Array.isArray(statement) ? statement : [statement];
	return { ...(document as PolicyDocument), Statement: statements };
}

/** Returns the packed-size estimate in percent; see PACKED_POLICY_BUDGET for the formula. */
export function packedPolicySize(input: AssumeRoleInput): number {
	const tagLength = input.Tags.reduce((sum, tag) => sum + tag.Key.length + tag.Value.length, 0);
	const used = (input.Policy?.length ?? 0) + tagLength;
	return Math.round((100 * used) / PACKED_POLICY_BUDGET);
}
