/**
 * Role records: one IAM role with its documents, in the shape of an entry of
 * `RoleDetailList` from `aws iam get-account-authorization-details`, plus
 * `MaxSessionDuration` as `aws iam get-role` returns it. The generator writes one per role
 * (role.json) and the lint reads them.
 */
import type { PolicyDocument } from '../policy/types';
import type { GeneratedRole, GeneratedRoleSet, TrustPolicyDocument } from './types';

export interface RoleRecord {
	RoleName: string;
	Arn: string;
	Path?: string;
	Description?: string;
	/** Seconds. Authorization details omit it, and `aws iam get-role` output contains it. */
	MaxSessionDuration?: number;
	AssumeRolePolicyDocument: TrustPolicyDocument;
	RolePolicyList: Array<{ PolicyName: string; PolicyDocument: PolicyDocument }>;
	AttachedManagedPolicies: Array<{ PolicyName: string; PolicyArn: string }>;
	PermissionsBoundary?: { PermissionsBoundaryType: 'Policy'; PermissionsBoundaryArn: string };
	Tags: Array<{ Key: string; Value: string }>;
}

/** Converts a generated role to the record that role.json holds. */
export function toRoleRecord(role: GeneratedRole, set: GeneratedRoleSet): RoleRecord {
	const record: RoleRecord = {
		RoleName: role.roleName,
		Arn: role.arn,
		Path: '/',
		Description: role.description,
		MaxSessionDuration: role.maxSessionDuration,
		AssumeRolePolicyDocument: role.trustPolicy,
		RolePolicyList: role.inlinePolicy ? [{ PolicyName: role.inlinePolicy.name, PolicyDocument: role.inlinePolicy.document }] : [],
		AttachedManagedPolicies: role.managedPolicyArns.map((arn) => ({ PolicyName: arn.split('/').pop() ?? arn, PolicyArn: arn })),
		Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
	};
	const boundary = set.managedPolicies.find((policy) => policy.logicalId === role.permissionsBoundary);
	if (boundary) record.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.arn };
	return record;
}
