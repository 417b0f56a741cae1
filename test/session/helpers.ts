/** Shared setup for session-layer tests against the loopback endpoint. */
import { SessionCache } from '../../core/session/cache';
import type { ScopedSessionConfig } from '../../core/session/config';
import { ScopedAws } from '../../core/scoped';
import type { ScopedAwsOptions } from '../../core/scoped';
import { CI_USER, FINDING_ID, FINDING_PRODUCT_ARN, REGION, TRIAGE_ROLE_ARN } from '../e2e/fixtures';

export function configFor(endpointUrl: string, overrides: Partial<ScopedSessionConfig> = {}): ScopedSessionConfig {
	return {
		RoleArn: TRIAGE_ROLE_ARN,
		region: REGION,
		classId: 'securityFindingTriage',
		allowedRegions: [],
		options: [],
		source: { type: 'accessKeys', accessKeyId: CI_USER.accessKeyId, secretAccessKey: CI_USER.secretAccessKey },
		DurationSeconds: 900,
		sessionNameTemplate: 'n8n-{workflowId}-{executionId}',
		sessionTags: false,
		stsEndpoint: endpointUrl,
		serviceEndpoint: endpointUrl,
		...overrides,
	};
}

/** Builds a ScopedAws with its own cache, so tests do not share sessions. */
export function scopedAws(config: ScopedSessionConfig, options: ScopedAwsOptions = {}): { scoped: ScopedAws; cache: SessionCache } {
	const cache = options.cache ?? new SessionCache();
	return { scoped: new ScopedAws(config, { ...options, cache }), cache };
}

export const FINDING_UPDATE = {
	FindingIdentifiers: [{ Id: FINDING_ID, ProductArn: FINDING_PRODUCT_ARN }],
	Note: { Text: 'seen by n8n', UpdatedBy: 'n8n' },
};
