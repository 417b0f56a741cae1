/** Policy sizes as IAM counts them (JSON without whitespace), checked against IAM quotas. */
import { INLINE_ROLE_POLICIES_MAX_LENGTH, MANAGED_POLICY_MAX_LENGTH, TRUST_POLICY_MAX_LENGTH } from './types';
import type { GeneratedRoleSet } from './types';

export interface PolicySize {
	/** Role or managed policy name. */
	name: string;
	document: 'trust policy' | 'inline policies' | 'managed policy';
	length: number;
	limit: number;
}

/**
 * Returns the size of every trust policy, of each role's inline policies together and of
 * each managed policy. Limits are IAM's default quotas: 2,048 characters for a trust
 * policy (can be raised to 4,096), 10,240 for all inline policies of a role, 6,144 for a
 * managed policy. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html.
 */
export function measurePolicies(set: GeneratedRoleSet): PolicySize[] {
	const sizes: PolicySize[] = [];
	for (const role of set.roles) {
		sizes.push({ name: role.roleName, document: 'trust policy', length: JSON.stringify(role.trustPolicy).length, limit: TRUST_POLICY_MAX_LENGTH });
		if (role.inlinePolicy) {
			sizes.push({ name: role.roleName, document: 'inline policies', length: JSON.stringify(role.inlinePolicy.document).length, limit: INLINE_ROLE_POLICIES_MAX_LENGTH });
		}
	}
	for (const policy of set.managedPolicies) {
		sizes.push({ name: policy.policyName, document: 'managed policy', length: JSON.stringify(policy.document).length, limit: MANAGED_POLICY_MAX_LENGTH });
	}
	return sizes;
}
