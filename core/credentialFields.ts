import type { ClassOption, ClassOrCustom } from './catalog';
import { DEFAULT_DURATION_SECONDS } from './session/config';
import type { ScopedSessionConfig } from './session/config';
import { DEFAULT_SESSION_NAME_TEMPLATE } from './session/sessionName';

/** Field values of the "AWS Scoped Role" credential, as n8n stores them. */
export interface ScopedRoleCredentialData {
	workflowClass?: string;
	customPolicy?: string;
	ssmSendCommand?: boolean;
	roleArn?: string;
	source?: 'chain' | 'accessKeys';
	accessKeyId?: string;
	secretAccessKey?: string;
	sessionToken?: string;
	region?: string;
	allowedRegions?: string;
	externalId?: string;
	durationSeconds?: number;
	sessionNameTemplate?: string;
	sourceIdentity?: string;
	sessionTags?: boolean;
	stsEndpoint?: string;
	serviceEndpoint?: string;
	signingService?: string;
}

/** Translates the credential's fields into a session configuration (validated later by ScopedAws). */
export function sessionConfigFromCredential(data: ScopedRoleCredentialData): ScopedSessionConfig {
	const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
	const options: ClassOption[] = data.ssmSendCommand ? ['ssmSendCommand'] : [];
	return {
		RoleArn: text(data.roleArn) ?? '',
		region: text(data.region) ?? '',
		classId: (text(data.workflowClass) ?? 'readOnlyEnrichment') as ClassOrCustom,
		customPolicy: data.customPolicy,
		allowedRegions: (text(data.allowedRegions) ?? '')
			.split(',')
			.map((region) => region.trim())
			.filter(Boolean),
		options,
		source:
			data.source === 'accessKeys'
				? {
						type: 'accessKeys',
						accessKeyId: text(data.accessKeyId) ?? '',
						secretAccessKey: text(data.secretAccessKey) ?? '',
						sessionToken: text(data.sessionToken),
					}
				: { type: 'chain' },
		ExternalId: text(data.externalId),
		DurationSeconds: Number(data.durationSeconds ?? DEFAULT_DURATION_SECONDS),
		sessionNameTemplate: text(data.sessionNameTemplate) ?? DEFAULT_SESSION_NAME_TEMPLATE,
		SourceIdentity: text(data.sourceIdentity),
		sessionTags: data.sessionTags === true,
		stsEndpoint: text(data.stsEndpoint),
		serviceEndpoint: text(data.serviceEndpoint),
	};
}
