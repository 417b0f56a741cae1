/** STS limits: role-chaining duration, policy and packed size, session tags, region. */
import { startAwsEndpoint } from '../aws-endpoint';
import type { StartedAwsEndpoint } from '../aws-endpoint';
import { ConfigError } from '../../core/session/config';
import { SessionPolicyError } from '../../core/policy/errors';
import { AssumeRoleError } from '../../core/session/assumeRole';
import { CI_USER, endpointOptions, TRIAGE_ROLE_ARN } from '../e2e/fixtures';
import { configFor, scopedAws } from './helpers';

const context = { workflowId: 'wf1', executionId: '7' };

describe('role chaining duration', () => {
	test('container source over 3600 rejected', () => {
		const build = () => scopedAws(configFor('http://127.0.0.1:9', { source: { type: 'chain' }, DurationSeconds: 7200 }));
		expect(build).toThrow(ConfigError);
		expect(build).toThrow(/role-chaining cap.*3600 s\. Set "Session Duration" to 3600 or less/);
	});

	test('temporary keys over 3600 rejected', () => {
		const source = { type: 'accessKeys' as const, accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't' };
		expect(() => scopedAws(configFor('http://127.0.0.1:9', { source, DurationSeconds: 7200 }))).toThrow(/role-chaining cap/);
	});

	test('long-term keys accept 7200', async () => {
		const options = endpointOptions();
		options.roles = options.roles?.map((role) => ({ ...role, maxSessionDuration: 14400 }));
		const endpoint = await startAwsEndpoint(options);
		try {
			const { scoped } = scopedAws(configFor(endpoint.url, { DurationSeconds: 7200 }));
			await scoped.session(context);
			expect(endpoint.sessions[0].durationSeconds).toBe(7200);
		} finally {
			await endpoint.close();
		}
	});
});

describe('policy and packed size', () => {
	test('2300-character custom policy rejected', () => {
		const statement = { Effect: 'Allow', Action: ['sns:Publish'], Resource: '*' };
		const base = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: '', ...statement }] });
		const padded = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(2300 - base.length), ...statement }] });
		expect(padded.length).toBe(2300);
		const build = () => scopedAws(configFor('http://127.0.0.1:9', { classId: 'custom', customPolicy: padded, allowedRegions: [] }));
		expect(build).toThrow(SessionPolicyError);
		expect(build).toThrow(/The custom policy is 2300 characters after whitespace is removed; STS accepts at most 2048/);
	});

	test('PackedPolicyTooLarge names the percentage', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			endpoint.injectFault({
				service: 'sts',
				operation: 'AssumeRole',
				code: 'PackedPolicyTooLarge',
				message: 'Packed policy consumes 112% of allowed space, please use smaller policy',
				status: 400,
				times: 1,
			});
			const { scoped } = scopedAws(configFor(endpoint.url, { sessionTags: true }));
			const session = scoped.session(context);
			await expect(session).rejects.toThrow(/\(112% of the allowed size\)\. Shorten the policy, or turn off "Session Tags"/);
		} finally {
			await endpoint.close();
		}
	});

	test('built-in classes with tags fit', async () => {
		const endpoint = await startAwsEndpoint(withTagSessionTrust());
		try {
			for (const classId of ['readOnlyEnrichment', 'securityFindingTriage'] as const) {
				const { scoped } = scopedAws(configFor(endpoint.url, { classId, sessionTags: true, allowedRegions: ['eu-west-1', 'eu-central-1'] }));
				const session = await scoped.session({ ...context, workflowId: `wf-${classId}` });
				expect(scoped.policy.length).toBeLessThanOrEqual(2048);
				expect(session.PackedPolicySize).toBeLessThan(100);
			}
		} finally {
			await endpoint.close();
		}
	});
});

describe('session tags', () => {
	test('trust without TagSession explained', async () => {
		const options = endpointOptions();
		const endpoint = await startAwsEndpoint(options);
		try {
			const tagged = scopedAws(configFor(endpoint.url, { sessionTags: true })).scoped;
			const failure = tagged.session(context);
			await expect(failure).rejects.toBeInstanceOf(AssumeRoleError);
			await expect(failure).rejects.toThrow(/does not allow sts:TagSession\. Add "sts:TagSession" to the trust policy's Action list, or turn off "Session Tags"/);

			const untagged = scopedAws(configFor(endpoint.url, { sessionTags: false })).scoped;
			await expect(untagged.session(context)).resolves.toMatchObject({ assumedRoleArn: expect.stringContaining('assumed-role/n8n-triage/') });
		} finally {
			await endpoint.close();
		}
	});

	test('tags sent when trust allows them', async () => {
		const endpoint = await startAwsEndpoint(withTagSessionTrust());
		try {
			await scopedAws(configFor(endpoint.url, { sessionTags: true })).scoped.session(context);
			expect(endpoint.sessions[0].tags).toEqual([
				{ Key: 'WorkflowClass', Value: 'securityFindingTriage' },
				{ Key: 'WorkflowId', Value: 'wf1' },
			]);
			expect(endpoint.sessions[0].roleArn).toBe(TRIAGE_ROLE_ARN);
		} finally {
			await endpoint.close();
		}
	});
});

function withTagSessionTrust() {
	const options = endpointOptions();
	options.roles = options.roles?.map((role) => ({
		...role,
		trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: CI_USER.arn }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
	}));
	return options;
}
