import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { BaselineShapeError, defaultReviewConfig, parseBaseline, parseReviewConfig, readBaselineForReview, reviewItems, reviewPaths, ReviewConfigError } from '../../core/review';
import { RecordSplitter } from '../../core/review/readers/recordSplitter';
import { splitFileRecords } from '../../core/review/readers/files';

const ROLE = 'arn:aws:iam::111122223333:role/n8n-class-enrichment';
const CONFIG = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });

function event(index: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventVersion: '1.08',
		userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::111122223333:assumed-role/n8n-class-enrichment/n8n-wf1-${index}`, accountId: '111122223333' },
		eventTime: '2024-05-01T10:00:00Z',
		eventSource: 'ec2.amazonaws.com',
		eventName: 'DescribeInstances',
		awsRegion: 'eu-west-1',
		eventID: `id-${index}`,
		requestParameters: { note: 'braces } and "quotes" in strings' },
		...extra,
	};
}

describe('review input errors', () => {
	let dir: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-inputs-'));
	});

	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('reviews the complete records of a truncated gzip file', async () => {
		const records = Array.from({ length: 200 }, (_, index) => event(index));
		const gz = zlib.gzipSync(JSON.stringify({ Records: records }));
		fs.writeFileSync(path.join(dir, 'cut.json.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
		fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify({ Records: [event(999)] }));
		const result = await reviewPaths([dir], CONFIG);
		const error = result.inputErrors.find((entry) => entry.code === 'file.gzipInvalid');
		expect(error?.source).toBe(path.join(dir, 'cut.json.gz'));
		expect(error?.message).toMatch(/truncated or corrupt .* complete records before the damage were reviewed/);
		expect(result.summary.events).toBeGreaterThan(1);
		expect(result.summary.events).toBeLessThan(201);
	});

	it('reports a file that is not CloudTrail and reads the others', async () => {
		fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ hello: 'world' }));
		fs.writeFileSync(path.join(dir, 'b.json'), '{"Records": [');
		fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify([event(1), event(2)]));
		const result = await reviewPaths([dir], CONFIG);
		expect(result.inputErrors.map((entry) => [entry.code, path.basename(entry.source)])).toEqual([
			['file.notCloudTrail', 'a.json'],
			['file.invalidJson', 'b.json'],
		]);
		expect(result.summary.events).toBe(2);
	});

	it('names the file and eventID of an event without eventSource or userIdentity', async () => {
		const file = path.join(dir, 'events.json');
		const noSource = event(1);
		delete noSource.eventSource;
		const noIdentity = event(2);
		delete noIdentity.userIdentity;
		fs.writeFileSync(file, JSON.stringify({ Records: [noSource, noIdentity, event(3), 'text'] }));
		const result = await reviewPaths([file], CONFIG);
		expect(result.inputErrors.map((entry) => [entry.code, entry.eventId, entry.index])).toEqual([
			['event.missingEventSource', 'id-1', 0],
			['event.missingUserIdentity', 'id-2', 1],
			['event.notObject', undefined, 3],
		]);
		expect(result.inputErrors[0].message).toBe(`${file}: event 0 (eventID id-1) has no eventSource; skipped.`);
		expect(result.summary.events).toBe(1);
	});

	it('reports a missing path and reviews the rest', async () => {
		fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ Records: [event(1)] }));
		const result = await reviewPaths([path.join(dir, 'missing'), dir], CONFIG);
		expect(result.inputErrors[0].code).toBe('file.unreadable');
		expect(result.summary.events).toBe(1);
	});

	it('reports a config that names no roles and still reviews', async () => {
		const result = await reviewItems([event(1, { errorCode: 'AccessDenied' })], defaultReviewConfig());
		expect(result.inputErrors.map((entry) => entry.code)).toEqual(['config.noRoles']);
		expect(result.findings.map((finding) => finding.type)).toEqual(['accessDenied']);
	});

	it('rejects a config with an unknown class', () => {
		expect(() => parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'admin' }] }, 'review.json')).toThrow(ReviewConfigError);
		expect(() => parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'admin' }] }, 'review.json')).toThrow(/review.json classRoles\[0\]: unknown classId "admin"/);
	});

	it('rejects a baseline of the wrong shape with the file name', async () => {
		expect(() => parseBaseline({ version: 1, principals: { [ROLE]: 'ec2:DescribeInstances' } }, 'base.json')).toThrow(BaselineShapeError);
		const file = path.join(dir, 'base.json');
		fs.writeFileSync(file, JSON.stringify({ roles: [] }));
		const loaded = await readBaselineForReview(file);
		expect(loaded.baseline).toBeUndefined();
		expect(loaded.error?.code).toBe('baseline.invalidShape');
		expect(loaded.error?.message).toContain(file);
	});
});

describe('review readers', () => {
	it('reads CloudTrail Lake rows with lower-case columns and struct text', async () => {
		const rows = {
			QueryResultRows: [
				[
					{ eventid: 'lake-1' },
					{ eventsource: 'secretsmanager.amazonaws.com' },
					{ eventname: 'GetSecretValue' },
					{ awsregion: 'eu-west-1' },
					{ eventtime: '2024-05-01 10:00:00.000' },
					{ useridentity: '{type=AssumedRole, arn=arn:aws:sts::111122223333:assumed-role/n8n-class-enrichment/n8n-wf5-55, accountid=111122223333, sessioncontext={sessionissuer={arn=arn:aws:iam::111122223333:role/n8n-class-enrichment}}}' },
				],
				'not a row',
			],
		};
		const result = await reviewItems([rows], CONFIG);
		expect(result.summary.events).toBe(1);
		expect(result.inputErrors.map((entry) => [entry.code, entry.index])).toEqual([['lake.invalidRow', 1]]);
		const read = result.findings.find((finding) => finding.type === 'secretRead');
		expect(read?.attribution.workflowId).toBe('wf5');
		expect(read?.evidence.firstTime).toBe('2024-05-01T10:00:00Z');
	});

	it('splits records at every chunk boundary', () => {
		const text = JSON.stringify({ other: [{ a: '{' }], Records: [event(1), event(2), event(3)] });
		const bytes = Buffer.from(text);
		for (const size of [1, 7, 64, bytes.length]) {
			const found: string[] = [];
			const splitter = new RecordSplitter((record) => found.push(record));
			for (let offset = 0; offset < bytes.length; offset += size) splitter.push(bytes.subarray(offset, offset + size));
			expect(found.map((record) => JSON.parse(record).eventID)).toEqual(['id-1', 'id-2', 'id-3']);
			expect(splitter.endedInsideRecord).toBe(false);
		}
	});

	it('streams a gzip file record by record', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-split-'));
		const file = path.join(dir, 'big.json.gz');
		fs.writeFileSync(file, zlib.gzipSync(JSON.stringify({ Records: Array.from({ length: 2500 }, (_, index) => event(index)) })));
		const batches: number[] = [];
		const { splitter, streamError } = await splitFileRecords(file, true, async (texts) => {
			batches.push(texts.length);
		});
		fs.rmSync(dir, { recursive: true, force: true });
		expect(streamError).toBeUndefined();
		expect(splitter.count).toBe(2500);
		// A batch is handed over after the chunk that fills it, so it can exceed 2,000 records.
		expect(batches.length).toBe(2);
		expect(batches[0]).toBeGreaterThanOrEqual(2000);
		expect(batches[0] + batches[1]).toBe(2500);
	});
});
