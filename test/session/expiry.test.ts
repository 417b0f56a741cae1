/** Sessions expiring during a long execution, on a fake clock: refreshed ahead, once per window. */
import { startAwsEndpoint } from '../aws-endpoint';
import { SessionCache, REFRESH_WINDOW_MS } from '../../core/session/cache';
import { CI_USER, endpointOptions } from '../e2e/fixtures';
import { configFor, FINDING_UPDATE, scopedAws } from './helpers';

const MINUTE = 60_000;

describe('session expiry', () => {
	test('40 minutes of items refresh ahead', async () => {
		const clock = { now: Date.parse('2026-12-04T10:00:00Z') };
		const now = () => clock.now;
		const endpoint = await startAwsEndpoint({ ...endpointOptions(), now });
		try {
			const cache = new SessionCache(now);
			const { scoped } = scopedAws(configFor(endpoint.url, { DurationSeconds: 900 }), { cache });
			const context = { workflowId: 'wfLong', executionId: '1' };
			const call = () => scoped.call(context, { service: 'securityhub', operation: 'BatchUpdateFindings', input: FINDING_UPDATE });

			// One item every 30 s for 40 minutes; three parallel executions ask at each step.
			for (let elapsed = 0; elapsed < 40 * MINUTE; elapsed += MINUTE / 2) {
				clock.now = Date.parse('2026-12-04T10:00:00Z') + elapsed;
				await Promise.all([call(), call(), call()]);
			}

			expect(endpoint.events.filter((e) => e.errorCode)).toEqual([]);
			// 15-minute sessions replaced 5 minutes before expiry: the first AssumeRole plus one refresh
			// every 10 minutes (at 10, 20 and 30 minutes).
			expect(cache.stats.refreshes).toBe(3);
			expect(endpoint.sessions).toHaveLength(4);
			for (let index = 1; index < endpoint.sessions.length; index++) {
				const issued = Date.parse(endpoint.sessions[index].issuedAt);
				const previousExpiry = Date.parse(endpoint.sessions[index - 1].expiration);
				expect(previousExpiry - issued).toBeGreaterThanOrEqual(REFRESH_WINDOW_MS);
			}
		} finally {
			await endpoint.close();
		}
	});

	test('parallel callers share one AssumeRole', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const { scoped, cache } = scopedAws(configFor(endpoint.url));
			const sessions = await Promise.all(Array.from({ length: 20 }, () => scoped.session({ workflowId: 'wf', executionId: '9' })));
			expect(new Set(sessions.map((s) => s.accessKeyId)).size).toBe(1);
			expect(cache.stats.assumeRoleCalls).toBe(1);
			expect(endpoint.sessions).toHaveLength(1);
		} finally {
			await endpoint.close();
		}
	});

	test('failed AssumeRole not cached', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'denied', status: 403, times: 1 });
			const { scoped } = scopedAws(configFor(endpoint.url));
			await expect(scoped.session({ workflowId: 'wf', executionId: '1' })).rejects.toThrow(/AssumeRole into/);
			await expect(scoped.session({ workflowId: 'wf', executionId: '1' })).resolves.toHaveProperty('accessKeyId');
		} finally {
			await endpoint.close();
		}
	});
});

describe('session cache key', () => {
	test('changed secret does not reuse session', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const cache = new SessionCache();
			const context = { workflowId: 'wf', executionId: '1' };
			const good = scopedAws(configFor(endpoint.url), { cache }).scoped;
			await good.session(context);

			const config = configFor(endpoint.url);
			const wrongSecret = { ...config, source: { type: 'accessKeys' as const, accessKeyId: CI_USER.accessKeyId, secretAccessKey: 'wrong-secret' } };
			const bad = scopedAws(wrongSecret, { cache }).scoped;
			await expect(bad.session(context)).rejects.toThrow(/secret access key does not match/);
			expect(cache.stats.assumeRoleCalls).toBe(2);
		} finally {
			await endpoint.close();
		}
	});

	test('fresh session skips cache', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const { scoped, cache } = scopedAws(configFor(endpoint.url));
			await scoped.session({ workflowId: 'wf', executionId: '1' });
			await scoped.session({ workflowId: 'wf', executionId: '1' }, { fresh: true });
			expect(endpoint.sessions).toHaveLength(2);
			expect(cache.stats.assumeRoleCalls).toBe(1);
		} finally {
			await endpoint.close();
		}
	});
});
