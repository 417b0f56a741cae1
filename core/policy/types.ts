/** IAM policy grammar, as far as session policies use it. */

/** `{ Operator: { ConditionKey: value | values } }`, as in IAM JSON. */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Action?: string | string[];
	NotAction?: string | string[];
	Resource?: string | string[];
	NotResource?: string | string[];
	Condition?: ConditionBlock;
}

export interface PolicyDocument {
	Version: string;
	Statement: PolicyStatement[];
}

/** Maximum plaintext length of an inline session policy (STS `Policy`, 1-2,048 characters). */
export const SESSION_POLICY_MAX_LENGTH = 2048;

/** Returns the value as an array; IAM allows a single string wherever a list is allowed. */
export function asList(value: string | string[] | undefined): string[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}
