/** Building and checking the ARNs the generator writes. */
import type { Partition } from './types';

/** `arn:partition:service:region:account:resource`, as IAM accepts it in policies. */
const ARN_PATTERN = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;

export interface ParsedArn {
	partition: string;
	service: string;
	region: string;
	account: string;
	resource: string;
}

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(text: string): ParsedArn | undefined {
	const match = ARN_PATTERN.exec(text);
	if (!match) return undefined;
	const [, partition, service, region, account, resource] = match;
	return { partition, service, region, account: account ?? '', resource };
}

export function roleArn(partition: Partition, accountId: string, roleName: string): string {
	return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export function managedPolicyArn(partition: Partition, accountId: string, policyName: string): string {
	return `arn:${partition}:iam::${accountId}:policy/${policyName}`;
}

/** DNS suffix of service endpoints, used in `kms:ViaService` values. */
export function dnsSuffix(partition: Partition): string {
	return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** Returns the role name of an IAM role ARN (path removed), or undefined for other ARNs. */
export function roleNameOfArn(text: string): string | undefined {
	const parsed = parseArn(text);
	if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return undefined;
	const parts = parsed.resource.split('/');
	return parts[parts.length - 1];
}
