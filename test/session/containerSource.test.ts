/** Container credentials as the source must still assume the class role, and fail closed. */
import { startAwsEndpoint } from '../aws-endpoint';
import type { StartedAwsEndpoint } from '../aws-endpoint';
import { AssumeRoleError } from '../../core/session/assumeRole';
import { CONTAINER_TOKEN, endpointOptions, TASK_ROLE, TRIAGE_ROLE_ARN } from '../e2e/fixtures';
import { configFor, FINDING_UPDATE, scopedAws } from './helpers';

describe('container credentials source', () => {
	let endpoint: StartedAwsEndpoint;
	const saved = { ...process.env };

	beforeEach(async () => {
		endpoint = await startAwsEndpoint(endpointOptions());
		process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.containerCredentialsUrl;
		process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = CONTAINER_TOKEN;
	});

	afterEach(async () => {
		process.env = { ...saved };
		await endpoint.close();
	});

	test('assumes role with task keys', async () => {
		const { scoped } = scopedAws(configFor(endpoint.url, { source: { type: 'chain' } }));
		const context = { workflowId: 'wF9kQ2xYz7AbCdEf', executionId: '42' };

		const who = await scoped.call(context, { service: 'sts', operation: 'GetCallerIdentity', input: {} });
		await scoped.call(context, { service: 'securityhub', operation: 'BatchUpdateFindings', input: FINDING_UPDATE });

		expect(who.output.Arn).toBe('arn:aws:sts::111122223333:assumed-role/n8n-triage/n8n-wF9kQ2xYz7AbCdEf-42');
		const assume = endpoint.events.filter((e) => e.eventName === 'AssumeRole');
		expect(assume).toHaveLength(1);
		expect(assume[0].userIdentity.accessKeyId).toBe(TASK_ROLE.accessKeyId);
		expect(assume[0].requestParameters?.policy).toBe(scoped.policy.json);
		const later = endpoint.events.filter((e) => e.eventName !== 'AssumeRole');
		expect(later.map((e) => e.eventName)).toEqual(['GetCallerIdentity', 'BatchUpdateFindings']);
		for (const event of later) {
			expect(event.userIdentity.accessKeyId).toBe(endpoint.sessions[0].accessKeyId);
			expect(event.userIdentity.sessionContext?.sessionIssuer.arn).toBe(TRIAGE_ROLE_ARN);
		}
	});

	test('failed AssumeRole signs nothing', async () => {
		endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole', status: 403, times: 1 });
		const { scoped } = scopedAws(configFor(endpoint.url, { source: { type: 'chain' } }));

		const call = scoped.call({ workflowId: 'w1', executionId: '1' }, { service: 'securityhub', operation: 'BatchUpdateFindings', input: FINDING_UPDATE });

		await expect(call).rejects.toBeInstanceOf(AssumeRoleError);
		await expect(call).rejects.toThrow(/trust policy names the source/);
		// Only the refused AssumeRole reached the endpoint; nothing was signed with the task keys after it.
		expect(endpoint.events.map((e) => e.eventName)).toEqual(['AssumeRole']);
	});
});
