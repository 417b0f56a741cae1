/** Regional STS endpoints, overrides, missing region, throttling and an unreachable STS. */
import { startAwsEndpoint } from '../aws-endpoint';
import { regionalStsEndpoint } from '../../core/aws/regions';
import { stsClientConfig } from '../../core/session/assumeRole';
import { ConfigError } from '../../core/session/config';
import { endpointOptions } from '../e2e/fixtures';
import { configFor, scopedAws } from './helpers';

const context = { workflowId: 'wf', executionId: '1' };

describe('STS endpoint', () => {
	test.each([
		['ap-east-1', 'https://sts.ap-east-1.amazonaws.com'],
		['eu-central-1', 'https://sts.eu-central-1.amazonaws.com'],
		['cn-north-1', 'https://sts.cn-north-1.amazonaws.com.cn'],
		['us-gov-west-1', 'https://sts.us-gov-west-1.amazonaws.com'],
	])('region %s uses %s', (region, url) => {
		expect(regionalStsEndpoint(region)).toBe(url);
		const roleArn = region.startsWith('cn-')
			? 'arn:aws-cn:iam::111122223333:role/n8n-triage'
			: region.startsWith('us-gov-')
				? 'arn:aws-us-gov:iam::111122223333:role/n8n-triage'
				: 'arn:aws:iam::111122223333:role/n8n-triage';
		const { scoped } = scopedAws(configFor('', { region, RoleArn: roleArn, stsEndpoint: undefined, serviceEndpoint: undefined }));
		expect(stsClientConfig(scoped.assumeRoleRequest(context))).toMatchObject({ region, endpoint: url });
	});

	test('override wins', () => {
		const { scoped } = scopedAws(configFor('https://vpce-1.sts.ap-east-1.vpce.amazonaws.com', { region: 'ap-east-1' }));
		expect(stsClientConfig(scoped.assumeRoleRequest(context)).endpoint).toBe('https://vpce-1.sts.ap-east-1.vpce.amazonaws.com');
	});

	test('missing region rejected', () => {
		const build = () => scopedAws(configFor('http://127.0.0.1:9', { region: '' }));
		expect(build).toThrow(ConfigError);
		expect(build).toThrow('Region is missing. Choose the AWS region');
	});

	test('unknown region rejected', () => {
		const build = () => scopedAws(configFor('', { region: 'eu-middle-9', stsEndpoint: undefined }));
		expect(build).toThrow('Region "eu-middle-9" is unknown');
	});

	test('region of another partition rejected', () => {
		expect(() => scopedAws(configFor('', { region: 'cn-north-1', stsEndpoint: undefined }))).toThrow('partition aws-cn, but the role ARN is in aws');
	});

	test.each([
		['arn:aws:iam::1111:role/x'],
		['arn:aws:iam::111122223333:user/x'],
		['arn:aws-xx:iam::111122223333:role/x'],
		['n8n-triage'],
	])('malformed role ARN %s rejected', (roleArn) => {
		expect(() => scopedAws(configFor('http://127.0.0.1:9', { RoleArn: roleArn }))).toThrow(`Role ARN "${roleArn}" is not an IAM role ARN`);
	});

	test.each([[899], [43201], [1000.5]])('duration %d rejected', (seconds) => {
		expect(() => scopedAws(configFor('http://127.0.0.1:9', { DurationSeconds: seconds }))).toThrow(`Session duration ${seconds} s is out of range`);
	});
});

// The SDK backs off between throttled attempts (up to a few seconds in all), so these tests get more time.
describe('STS failures', () => {
	jest.setTimeout(30_000);

	test('throttling retried then succeeds', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'Throttling', message: 'Rate exceeded', status: 400, times: 2 });
			const { scoped } = scopedAws(configFor(endpoint.url));
			await expect(scoped.session(context)).resolves.toHaveProperty('accessKeyId');
			expect(endpoint.events.filter((e) => e.eventName === 'AssumeRole')).toHaveLength(3);
		} finally {
			await endpoint.close();
		}
	});

	test('throttling exhausted explained', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'Throttling', message: 'Rate exceeded', status: 400, times: 10 });
			const { scoped } = scopedAws(configFor(endpoint.url));
			await expect(scoped.session(context)).rejects.toThrow(/STS kept throttling AssumeRole after retries with backoff/);
			expect(endpoint.events.filter((e) => e.eventName === 'AssumeRole')).toHaveLength(4);
		} finally {
			await endpoint.close();
		}
	});

	test('unreachable STS explained', async () => {
		const { scoped } = scopedAws(configFor('http://127.0.0.1:1'));
		await expect(scoped.session(context)).rejects.toThrow('STS at http://127.0.0.1:1 could not be reached');
	});
});
