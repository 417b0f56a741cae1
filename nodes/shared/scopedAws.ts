import { createHash } from 'node:crypto';

import { sessionConfigFromCredential } from '../../core/credentialFields';
import type { ScopedRoleCredentialData } from '../../core/credentialFields';
import { ScopedAws } from '../../core/scoped';

const instances = new Map<string, ScopedAws>();
const MAX_INSTANCES = 100;

/**
 * Returns the ScopedAws for a credential's field values, reusing the instance (and so the
 * compiled policy) while the values stay the same. Sessions live in the process-wide cache.
 * @throws ConfigError or SessionPolicyError when a field is invalid.
 */
export function scopedAwsFor(data: ScopedRoleCredentialData, credentialName?: string): ScopedAws {
	const key = createHash('sha256').update(JSON.stringify([data, credentialName ?? ''])).digest('hex');
	const existing = instances.get(key);
	if (existing) return existing;

	const scoped = new ScopedAws(sessionConfigFromCredential(data), { credentialName });
	if (instances.size >= MAX_INSTANCES) {
		const oldest = instances.keys().next().value;
		if (oldest !== undefined) instances.delete(oldest);
	}
	instances.set(key, scoped);
	return scoped;
}
