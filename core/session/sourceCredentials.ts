import { fromEnv, fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';

import type { SourceCredentials } from './config';

/** Credentials as the SDK's identity providers return them. */
export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** Source of the credentials the chain found, logged in place of any credential value. */
export type SourceKind = 'accessKeys' | 'container' | 'environment' | 'webIdentity';

/** No source credentials could be had; the node fails instead of trying a broader identity. */
export class SourceCredentialsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SourceCredentialsError';
	}
}

/**
 * Builds the provider of the credentials that sign AssumeRole.
 *
 * The chain tries ECS container credentials, then environment variables, then web
 * identity. It never calls the EC2 instance metadata service: on ECS on EC2 that would be
 * the instance profile, a broader identity than the task role.
 */
export function sourceCredentialProvider(source: SourceCredentials, env: NodeJS.ProcessEnv = process.env): {
	provider: CredentialProvider;
	kind: () => SourceKind | undefined;
} {
	if (source.type === 'accessKeys') {
		const credentials: AwsCredentials = {
			accessKeyId: source.accessKeyId,
			secretAccessKey: source.secretAccessKey,
			sessionToken: source.sessionToken || undefined,
		};
		return { provider: async () => credentials, kind: () => 'accessKeys' };
	}

	let found: SourceKind | undefined;
	const provider: CredentialProvider = async () => {
		const attempts: string[] = [];
		for (const [kind, make] of chainSteps(env)) {
			try {
				const credentials = await make()();
				found = kind;
				return credentials;
			} catch (error) {
				attempts.push(`${kind}: ${(error as Error).message}`);
			}
		}
		throw new SourceCredentialsError(
			'No source credentials found for AssumeRole. On ECS, give the task a task role (the agent sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI); ' +
				'elsewhere set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose "Access Keys" as the source. ' +
				`Tried: ${attempts.join('; ') || 'nothing is configured'}.`,
		);
	};
	return { provider, kind: () => found };
}

function chainSteps(env: NodeJS.ProcessEnv): Array<[SourceKind, () => CredentialProvider]> {
	const steps: Array<[SourceKind, () => CredentialProvider]> = [];
	if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
		steps.push(['container', () => fromHttp({ timeout: 2000, maxRetries: 2 })]);
	}
	if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
		steps.push(['environment', () => fromEnv()]);
	}
	if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
		steps.push(['webIdentity', () => fromTokenFile()]);
	}
	return steps;
}
