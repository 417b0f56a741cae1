import {
	DEFAULT_DURATION_SECONDS,
	ROLE_CHAINING_MAX_SECONDS,
	packedPolicySize,
	parseAssumeRoleInput,
	parseSessionPolicy,
	validateAssumeRoleInput,
	type AssumeRoleInput,
} from './assumeRoleInput';
import { callerContext, findDenialReason, notAuthorizedMessage, type AuthorizationRequest } from './authorize';
import { cloudTrailExpiration, isoSeconds } from './clock';
import { AwsError } from './errors';
import { accountIdOf, newSessionKeys, principalIdOf, resourceNameOf, userIdentityOf, type Caller } from './identity';
import type { OperationContext, OperationDefinition, OperationOutput } from './operation';
import type { EndpointRole, PolicyDocument } from './types';

/** STS operations. Both authorize themselves: GetCallerIdentity is always allowed, AssumeRole checks the trust policy. */
export const STS_OPERATIONS: Record<string, OperationDefinition> = {
	GetCallerIdentity: {
		readOnly: true,
		requestParameters: () => null,
		handle: ({ caller }) => ({
			result: { UserId: userIdOf(caller), Account: caller.accountId, Arn: caller.arn },
			responseElements: null,
		}),
	},
	AssumeRole: {
		readOnly: true,
		requestParameters: assumeRoleRequestParameters,
		handle: assumeRole,
	},
};

function userIdOf(caller: Caller): string {
	return userIdentityOf(caller).principalId ?? caller.accessKeyId;
}

/**
 * Serves AssumeRole. It checks, in this order: input constraints, session policy JSON, trust
 * policy, duration limits, sts:TagSession and sts:SetSourceIdentity, then packed size.
 */
async function assumeRole(context: OperationContext): Promise<OperationOutput> {
	const { caller } = context;
	const input = parseAssumeRoleInput(context.request.params);
	validateAssumeRoleInput(input);
	const sessionPolicy = input.Policy === undefined ? undefined : parseSessionPolicy(input.Policy);
	if (input.PolicyArns.length > 0) {
		throw new AwsError('ValidationError', 'The loopback AWS endpoint does not support PolicyArns (managed session policies). Pass an inline Policy instead.', 400);
	}

	const role = await findAssumableRole(context, input);
	checkDuration(caller, role, input);
	if (input.Tags.length > 0) await checkTrust(context, role, input, 'sts:TagSession');
	if (input.SourceIdentity !== undefined) await checkTrust(context, role, input, 'sts:SetSourceIdentity');

	const packedSize = packedPolicySize(input);
	if (packedSize > 100) {
		throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${packedSize}% of allowed space, please use smaller policy`, 400);
	}
	return issueSession(context, role, input, sessionPolicy, packedSize);
}

/** Returns the role when its trust policy allows the caller sts:AssumeRole. A missing role is denied like AWS does, without saying it is missing. */
async function findAssumableRole(context: OperationContext, input: AssumeRoleInput): Promise<EndpointRole> {
	const role = context.state.roles.get(input.RoleArn as string);
	if (!role) {
		const authorization: AuthorizationRequest = { action: 'sts:AssumeRole', resource: input.RoleArn as string, context: {} };
		throw new AwsError('AccessDenied', notAuthorizedMessage(context.caller, authorization, ''), 403);
	}
	await checkTrust(context, role, input, 'sts:AssumeRole');
	return role;
}

/** Evaluates the trust policy, with the caller's identity and session policies, for one STS action. */
async function checkTrust(context: OperationContext, role: EndpointRole, input: AssumeRoleInput, action: string): Promise<void> {
	const authorization: AuthorizationRequest = {
		action,
		resource: role.arn,
		context: trustContext(context, input),
		resourcePolicy: role.trustPolicy,
	};
	const reason = await findDenialReason(context.caller, authorization);
	if (reason === undefined) return;
	throw new AwsError('AccessDenied', notAuthorizedMessage(context.caller, authorization, reason), 403);
}

function trustContext(context: OperationContext, input: AssumeRoleInput): Record<string, string | string[]> {
	const trust = callerContext(context.caller, context.request.region);
	trust['sts:RoleSessionName'] = input.RoleSessionName as string;
	if (input.ExternalId !== undefined) trust['sts:ExternalId'] = input.ExternalId;
	if (input.SourceIdentity !== undefined) trust['sts:SourceIdentity'] = input.SourceIdentity;
	if (input.Tags.length > 0) trust['aws:TagKeys'] = input.Tags.map((tag) => tag.Key);
	for (const tag of input.Tags) trust[`aws:RequestTag/${tag.Key}`] = tag.Value;
	return trust;
}

function checkDuration(caller: Caller, role: EndpointRole, input: AssumeRoleInput): void {
	const seconds = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
	if (caller.isRoleSession && seconds > ROLE_CHAINING_MAX_SECONDS) {
		throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
	}
	if (seconds > (role.maxSessionDuration ?? DEFAULT_DURATION_SECONDS)) {
		throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
	}
}

/**
 * Creates the session's keys and caller record and returns AWS's AssumeRoleResult.
 *
 * NOTE: Transitive session tags and the source identity of the calling session are not carried
 * into the new session, although AWS carries them through role chaining.
 */
function issueSession(context: OperationContext, role: EndpointRole, input: AssumeRoleInput, sessionPolicy: PolicyDocument | undefined, packedSize: number): OperationOutput {
	const { state } = context;
	const now = state.now();
	const durationSeconds = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
	const expiresAt = now + durationSeconds * 1000;
	const roleSessionName = input.RoleSessionName as string;
	const assumedRoleArn = `arn:aws:sts::${accountIdOf(role.arn)}:assumed-role/${resourceNameOf(role.arn)}/${roleSessionName}`;
	const keys = newSessionKeys();
	const session: Caller = {
		...keys,
		arn: assumedRoleArn,
		accountId: accountIdOf(role.arn),
		isRoleSession: true,
		roleArn: role.arn,
		identityPolicies: role.policies,
		sessionPolicy,
		sessionTags: Object.fromEntries(input.Tags.map((tag) => [tag.Key, tag.Value])),
		sourceIdentity: input.SourceIdentity,
		expiresAt,
		createdAt: now,
	};
	state.callers.set(keys.accessKeyId, session);
	state.sessions.push({
		roleArn: role.arn,
		roleSessionName,
		callerArn: context.caller.arn,
		assumedRoleArn,
		policy: input.Policy,
		tags: input.Tags,
		transitiveTagKeys: input.TransitiveTagKeys,
		sourceIdentity: input.SourceIdentity,
		durationSeconds,
		issuedAt: isoSeconds(now),
		expiration: isoSeconds(expiresAt),
		packedPolicySize: packedSize,
		accessKeyId: keys.accessKeyId,
	});

	return assumeRoleOutput(session, input, packedSize);
}

/** Builds the AssumeRoleResult and its CloudTrail `responseElements`. */
function assumeRoleOutput(session: Caller, input: AssumeRoleInput, packedSize: number): OperationOutput {
	const reportPackedSize = input.Policy !== undefined || input.Tags.length > 0;
	const expiresAt = session.expiresAt as number;
	const assumedRoleUser = { AssumedRoleId: principalIdOf(session), Arn: session.arn };
	const credentials = { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: isoSeconds(expiresAt) };
	return {
		result: {
			Credentials: credentials,
			AssumedRoleUser: assumedRoleUser,
			PackedPolicySize: reportPackedSize ? packedSize : undefined,
			SourceIdentity: input.SourceIdentity,
		},
		// CloudTrail records the access key id and expiration of the new credentials, never the secret or the token.
		responseElements: {
			credentials: { accessKeyId: session.accessKeyId, expiration: cloudTrailExpiration(expiresAt) },
			assumedRoleUser: { assumedRoleId: assumedRoleUser.AssumedRoleId, arn: session.arn },
			...(reportPackedSize ? { packedPolicySize: packedSize } : {}),
			...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
		},
	};
}

/** CloudTrail `requestParameters` of AssumeRole. The external ID is left out because it is a shared secret. */
function assumeRoleRequestParameters(params: Record<string, unknown>): Record<string, unknown> {
	const input = parseAssumeRoleInput(params);
	const parameters: Record<string, unknown> = { roleArn: input.RoleArn, roleSessionName: input.RoleSessionName };
	if (input.DurationSeconds !== undefined) parameters.durationSeconds = input.DurationSeconds;
	if (input.Policy !== undefined) parameters.policy = input.Policy;
	if (input.Tags.length > 0) parameters.tags = input.Tags.map((tag) => ({ key: tag.Key, value: tag.Value }));
	if (input.TransitiveTagKeys.length > 0) parameters.transitiveTagKeys = input.TransitiveTagKeys;
	if (input.SourceIdentity !== undefined) parameters.sourceIdentity = input.SourceIdentity;
	return parameters;
}
