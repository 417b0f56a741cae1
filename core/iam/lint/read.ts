/**
 * Reads lint input: the output of `aws iam get-account-authorization-details`, of
 * `aws iam get-role`, a role.json written by `iam generate`, or a list of such roles.
 */
import type { PolicyDocument } from '../../policy/types';
import { IamInputError } from '../errors';
import type { RoleRecord } from '../roleRecord';
import type { TrustPolicyDocument } from '../types';
import type { LintInput } from './types';

const ACCEPTED =
	'Pass the output of `aws iam get-account-authorization-details`, of `aws iam get-role`, or a role.json file written by `iam generate`.';

type Fields = Record<string, unknown>;

/** Parses one input file and adds its roles and managed policies to `into`. */
export function readLintFile(text: string, source: string, into: LintInput): void {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new IamInputError(source, [{ field: '(file)', message: `is not JSON (${(error as Error).message}). ${ACCEPTED}` }]);
	}

	const rawRoles = rolesOf(value);
	if (rawRoles === undefined) {
		throw new IamInputError(source, [{ field: '(file)', message: `is JSON but not IAM role data: it has no RoleDetailList, Role or RoleName with AssumeRolePolicyDocument. ${ACCEPTED}` }]);
	}
	const roles = rawRoles.map((raw, index) => toRecord(raw, `${source}: role ${index + 1}`));
	for (const role of roles) mergeRole(into, role);
	if (isObject(value) && Array.isArray(value.Policies)) readManagedPolicies(value.Policies, source, into);
}

function rolesOf(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value.every(isRoleLike) && value.length > 0 ? value : undefined;
	if (!isObject(value)) return undefined;
	if (Array.isArray(value.RoleDetailList)) return value.RoleDetailList;
	if (isRoleLike(value.Role)) return [value.Role];
	if (isRoleLike(value)) return [value];
	return undefined;
}

function isRoleLike(value: unknown): boolean {
	return isObject(value) && typeof value.RoleName === 'string' && value.AssumeRolePolicyDocument !== undefined;
}

function isObject(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRecord(raw: unknown, where: string): RoleRecord {
	if (!isObject(raw) || typeof raw.RoleName !== 'string') {
		throw new IamInputError(where, [{ field: where, message: `has no RoleName. ${ACCEPTED}` }]);
	}
	const field = `${where} (${raw.RoleName})`;
	const inline = Array.isArray(raw.RolePolicyList) ? raw.RolePolicyList : [];
	const attached = Array.isArray(raw.AttachedManagedPolicies) ? raw.AttachedManagedPolicies : [];
	const record: RoleRecord = {
		RoleName: raw.RoleName,
		Arn: typeof raw.Arn === 'string' ? raw.Arn : '',
		AssumeRolePolicyDocument: policyDocument(raw.AssumeRolePolicyDocument, `${field}.AssumeRolePolicyDocument`) as unknown as TrustPolicyDocument,
		RolePolicyList: inline.map((entry: Fields, index: number) => ({
			PolicyName: String(entry.PolicyName ?? `policy ${index + 1}`),
			PolicyDocument: policyDocument(entry.PolicyDocument, `${field}.RolePolicyList[${index}].PolicyDocument`),
		})),
		AttachedManagedPolicies: attached.map((entry: Fields) => ({ PolicyName: String(entry.PolicyName ?? ''), PolicyArn: String(entry.PolicyArn ?? '') })),
		Tags: Array.isArray(raw.Tags) ? raw.Tags.map((tag: Fields) => ({ Key: String(tag.Key), Value: String(tag.Value) })) : [],
	};
	if (typeof raw.MaxSessionDuration === 'number') record.MaxSessionDuration = raw.MaxSessionDuration;
	return record;
}

/** Parses a policy document. IAM's API returns documents URL-encoded and the AWS CLI decodes them, so both are accepted. */
function policyDocument(value: unknown, field: string): PolicyDocument {
	let document = value;
	if (typeof value === 'string') {
		try {
			document = JSON.parse(value.trim().startsWith('{') ? value : decodeURIComponent(value));
		} catch {
			document = undefined;
		}
	}
	if (!isObject(document) || document.Statement === undefined) {
		throw new IamInputError(field, [{ field, message: 'is not an IAM policy document with a Statement. Pass the documents as the AWS CLI prints them.' }]);
	}
	const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
	return { Version: String(document.Version ?? ''), Statement: statements as PolicyDocument['Statement'] };
}

function readManagedPolicies(policies: unknown[], source: string, into: LintInput): void {
	policies.forEach((policy, index) => {
		if (!isObject(policy) || typeof policy.Arn !== 'string' || !Array.isArray(policy.PolicyVersionList)) return;
		const version = policy.PolicyVersionList.find((entry: Fields) => entry.IsDefaultVersion === true) as Fields | undefined;
		if (version) into.managedPolicies.set(policy.Arn, policyDocument(version.Document, `${source}: Policies[${index}] (${policy.Arn})`));
	});
}

/** Merges a role read from several files (authorization details plus get-role output). */
function mergeRole(into: LintInput, role: RoleRecord): void {
	const existing = into.roles.find((candidate) => candidate.RoleName === role.RoleName);
	if (!existing) {
		into.roles.push(role);
		return;
	}
	existing.Arn ||= role.Arn;
	existing.MaxSessionDuration ??= role.MaxSessionDuration;
	if (existing.RolePolicyList.length === 0) existing.RolePolicyList = role.RolePolicyList;
	if (existing.AttachedManagedPolicies.length === 0) existing.AttachedManagedPolicies = role.AttachedManagedPolicies;
	if (existing.Tags.length === 0) existing.Tags = role.Tags;
}
