import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AssumeRoleCommandInput, Tag } from '@aws-sdk/client-sts';

import { regionalStsEndpoint } from '../aws/regions';
import { explainAssumeRoleFailure } from './explain';
import type { CredentialProvider } from './sourceCredentials';

/** Temporary credentials of an assumed class role. */
export interface ScopedSession {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	/** Expiration time of the credentials, as STS returned it. */
	expiration: Date;
	/** `arn:aws:sts::<account>:assumed-role/<role>/<session name>`. */
	assumedRoleArn: string;
	RoleSessionName: string;
	/** Percentage of STS's packed size limit that the policy and tags use. */
	PackedPolicySize?: number;
	requestId?: string;
}

export interface AssumeRoleRequest {
	RoleArn: string;
	RoleSessionName: string;
	Policy: string;
	DurationSeconds: number;
	ExternalId?: string;
	SourceIdentity?: string;
	Tags?: Tag[];
	region: string;
	/** STS endpoint URL; default is the regional endpoint of `region`. */
	stsEndpoint?: string;
	/** Attempts including the first; the SDK backs off exponentially between them. Default 4. */
	maxAttempts?: number;
}

/** AssumeRole failed; the message explains the usual cause in plain words and names the fix. */
export class AssumeRoleError extends Error {
	constructor(
		message: string,
		readonly RoleArn: string,
		readonly RoleSessionName: string,
		readonly region: string,
		/** STS error code such as AccessDenied, or a network error code. */
		readonly code: string,
		readonly requestId: string | undefined,
		readonly cause: unknown,
	) {
		super(message);
		this.name = 'AssumeRoleError';
	}
}

/**
 * Region, endpoint and retries of the STS client: the regional endpoint of the credential's
 * region unless an override is set. Regional tokens work in every region, opt-in regions
 * included, which global-endpoint tokens do not by default.
 */
export function stsClientConfig(request: AssumeRoleRequest): { region: string; endpoint: string; maxAttempts: number } {
	return {
		region: request.region,
		endpoint: request.stsEndpoint ?? regionalStsEndpoint(request.region),
		maxAttempts: request.maxAttempts ?? 4,
	};
}

/**
 * Calls STS AssumeRole with the session policy, signed with the source credentials.
 * @throws AssumeRoleError with a plain explanation; never returns the source credentials.
 */
export async function assumeRole(request: AssumeRoleRequest, source: CredentialProvider): Promise<ScopedSession> {
	const client = new STSClient({ ...stsClientConfig(request), credentials: source });
	const input: AssumeRoleCommandInput = {
		RoleArn: request.RoleArn,
		RoleSessionName: request.RoleSessionName,
		Policy: request.Policy,
		DurationSeconds: request.DurationSeconds,
		ExternalId: request.ExternalId,
		SourceIdentity: request.SourceIdentity,
		Tags: request.Tags && request.Tags.length > 0 ? request.Tags : undefined,
	};
	try {
		const output = await client.send(new AssumeRoleCommand(input));
		const credentials = output.Credentials;
		if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
			throw new Error('STS returned no credentials');
		}
		return {
			accessKeyId: credentials.AccessKeyId,
			secretAccessKey: credentials.SecretAccessKey,
			sessionToken: credentials.SessionToken,
			expiration: credentials.Expiration,
			assumedRoleArn: output.AssumedRoleUser?.Arn ?? '',
			RoleSessionName: request.RoleSessionName,
			PackedPolicySize: output.PackedPolicySize,
			requestId: output.$metadata.requestId,
		};
	} catch (error) {
		const explained = explainAssumeRoleFailure(error, request);
		throw new AssumeRoleError(
			explained.message,
			request.RoleArn,
			request.RoleSessionName,
			request.region,
			explained.code,
			explained.requestId,
			error,
		);
	} finally {
		client.destroy();
	}
}
