import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { parseReviewConfig, reviewPaths } from '../../core/review';
import { findRecordPieces } from '../../core/review/readers/recordPieces';

const ROLE = 'arn:aws:iam::111122223333:role/n8n-class-enrichment';
const CONFIG = parseReviewConfig({
	classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }],
	expectedRegions: ['eu-west-1'],
	expectedAccounts: ['111122223333'],
});

/** Events that differ in caller, region, action and outcome, so several detectors report. */
function event(index: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventVersion: '1.08',
		userIdentity: {
			type: 'AssumedRole',
			arn: `arn:aws:sts::111122223333:assumed-role/${index % 3 === 0 ? 'other-role' : 'n8n-class-enrichment'}/n8n-wf${index % 5}-${index}`,
			accountId: '111122223333',
		},
		eventTime: `2024-05-01T10:${String(index % 60).padStart(2, '0')}:00Z`,
		eventSource: index % 4 === 0 ? 'secretsmanager.amazonaws.com' : 'ec2.amazonaws.com',
		eventName: index % 4 === 0 ? 'GetSecretValue' : 'DescribeInstances',
		awsRegion: index % 7 === 0 ? 'us-west-2' : 'eu-west-1',
		eventID: `id-${index}`,
		...(index % 6 === 0 ? { errorCode: 'AccessDenied' } : {}),
		requestParameters: { note: 'braces },{"eventVersion" and "quotes" in a string', secretId: `secret-${index % 2}` },
		...extra,
	};
}

function records(count: number): Record<string, unknown>[] {
	return Array.from({ length: count }, (_, index) => event(index));
}

describe('findRecordPieces', () => {
	it('cuts only before a new record', () => {
		const text = JSON.stringify({ Records: records(300) });
		const data = Buffer.from(text, 'latin1');
		const pieces = findRecordPieces(data, 4096) ?? [];
		expect(pieces.length).toBeGreaterThan(5);
		const parsed = pieces.flatMap((piece) => JSON.parse(`[${data.toString('latin1', piece.start, piece.end)}]`) as unknown[]);
		expect(parsed).toEqual(records(300));
	});

	it('accepts whitespace between the tokens', () => {
		const data = Buffer.from(' \n{ "Records" :\t[ {"eventVersion":"1"},{"eventVersion":"2"} ]\r\n} \n', 'latin1');
		const pieces = findRecordPieces(data, 1) ?? [];
		expect(pieces.map((piece) => data.toString('latin1', piece.start, piece.end))).toEqual(['{"eventVersion":"1"}', '{"eventVersion":"2"}']);
	});

	it.each([
		['an empty Records array', '{"Records":[]}'],
		['a bare array', '[{"eventVersion":"1"}]'],
		['another first key', '{"Events":[{"eventVersion":"1"}]}'],
		['a missing closing brace', '{"Records":[{"eventVersion":"1"}]'],
		['text after the object', '{"Records":[{"eventVersion":"1"}]}x'],
	])('returns undefined for %s', (_, text) => {
		expect(findRecordPieces(Buffer.from(text, 'latin1'))).toBeUndefined();
	});
});

describe('review by pieces', () => {
	let dir: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-pieces-'));
	});

	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('matches the review of the same events as an array', async () => {
		const events = records(2000);
		const s3File = path.join(dir, 's3', 'log.json.gz');
		const arrayFile = path.join(dir, 'array', 'log.json');
		fs.mkdirSync(path.dirname(s3File));
		fs.mkdirSync(path.dirname(arrayFile));
		fs.writeFileSync(s3File, zlib.gzipSync(JSON.stringify({ Records: events })));
		fs.writeFileSync(arrayFile, JSON.stringify(events));

		const plain = (result: Awaited<ReturnType<typeof reviewPaths>>) => JSON.parse(JSON.stringify(result.findings)) as unknown;
		const s3 = await reviewPaths([s3File], CONFIG);
		const array = await reviewPaths([arrayFile], CONFIG);
		expect(Buffer.byteLength(JSON.stringify({ Records: events }))).toBeGreaterThan(200_000);
		expect(s3.summary.events).toBe(2000);
		expect(plain(s3)).toEqual(plain(array));
		expect(s3.summary.findingsByType).toEqual(array.summary.findingsByType);
	});

	it('skips a file whose later record is invalid JSON', async () => {
		const text = JSON.stringify({ Records: records(2000) });
		const broken = `${text.slice(0, text.length - 5000)}{"eventVersion":x}${text.slice(text.length - 5000)}`;
		const file = path.join(dir, 'broken.json');
		fs.writeFileSync(file, broken);
		const result = await reviewPaths([file], CONFIG);
		expect(result.inputErrors.map((error) => error.code)).toEqual(['file.invalidJson']);
		expect(result.inputErrors[0].message).toMatch(/^.*broken\.json: not valid JSON \(.*\); file skipped\.$/);
		expect(result.summary.events).toBe(0);
		expect(result.findings).toEqual([]);
	});

	it('reviews a file with a nested cut as a whole', async () => {
		const nested = { eventVersion: '1.08', note: 'x'.repeat(40_000) };
		const events = [event(1), event(2, { requestParameters: { items: [{ a: 1 }, nested, nested] } }), event(3)];
		const file = path.join(dir, 'nested.json');
		fs.writeFileSync(file, JSON.stringify({ Records: events }));
		const result = await reviewPaths([file], CONFIG);
		expect(result.inputErrors).toEqual([]);
		expect(result.summary.events).toBe(3);
	});

	it('reports bad events of later pieces by position', async () => {
		const events = records(2000);
		delete events[1500].eventSource;
		events[1800] = 'text' as unknown as Record<string, unknown>;
		const file = path.join(dir, 'events.json');
		fs.writeFileSync(file, JSON.stringify({ Records: events }));
		const result = await reviewPaths([file], CONFIG);
		expect(result.inputErrors.map((error) => [error.code, error.eventId, error.index])).toEqual([
			['event.missingEventSource', 'id-1500', 1500],
			['event.notObject', undefined, 1800],
		]);
		expect(result.summary.events).toBe(1998);
	});
});
