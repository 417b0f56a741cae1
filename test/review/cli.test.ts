import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { run } from '../../cli/review';
import type { CommandIo } from '../../cli/io';

const ROLE = 'arn:aws:iam::111122223333:role/n8n-class-enrichment';

function captureIo(): CommandIo & { out: string; err: string } {
	const io = {
		out: '',
		err: '',
		stdout: (text: string) => {
			io.out += text;
		},
		stderr: (text: string) => {
			io.err += text;
		},
	};
	return io;
}

function event(eventName: string, errorCode?: string): Record<string, unknown> {
	return {
		eventVersion: '1.08',
		userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/n8n-class-enrichment/n8n-wf1-7', accountId: '111122223333', accessKeyId: 'ASIAEXAMPLEKEY000001' },
		eventTime: '2024-05-01T10:00:00Z',
		eventSource: 'ec2.amazonaws.com',
		eventName,
		awsRegion: 'eu-west-1',
		eventID: `id-${eventName}`,
		...(errorCode ? { errorCode } : {}),
	};
}

describe('review command', () => {
	let dir: string;
	let configFile: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cli-'));
		configFile = path.join(dir, 'review.json');
		fs.writeFileSync(configFile, JSON.stringify({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] }));
		fs.mkdirSync(path.join(dir, 'logs'));
	});

	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('exits 0 when nothing is found', async () => {
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeInstances')] }));
		const io = captureIo();
		expect(await run([path.join(dir, 'logs'), '--config', configFile], io)).toBe(0);
		const lines = io.out.trim().split('\n').map((line) => JSON.parse(line));
		expect(lines).toHaveLength(1);
		expect(lines[0].kind).toBe('summary');
		expect(lines[0].events).toBe(1);
	});

	it('exits 1 with findings as JSON lines', async () => {
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeVolumes', 'Client.UnauthorizedOperation')] }));
		const io = captureIo();
		expect(await run([path.join(dir, 'logs'), '--config', configFile], io)).toBe(1);
		const finding = JSON.parse(io.out.split('\n')[0]);
		expect(finding.kind).toBe('finding');
		expect(finding.type).toBe('accessDenied');
		expect(finding.attribution.workflowId).toBe('wf1');
		expect(io.out).not.toContain('ASIAEXAMPLEKEY000001');
	});

	it('exits 0 when findings are below --severity', async () => {
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeVolumes', 'AccessDenied')] }));
		const io = captureIo();
		expect(await run([path.join(dir, 'logs'), '--config', configFile, '--severity', 'high'], io)).toBe(0);
	});

	it('prints a table', async () => {
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeVolumes', 'AccessDenied')] }));
		const io = captureIo();
		await run([path.join(dir, 'logs'), '--config', configFile, '--format', 'table'], io);
		expect(io.out).toMatch(/^SEVERITY\s+TYPE\s+COUNT/);
		expect(io.out).toContain('medium    accessDenied  1');
		expect(io.out).toContain('1 events from 1 files');
	});

	it('exits 2 on bad input and still prints the findings', async () => {
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeVolumes', 'AccessDenied')] }));
		fs.writeFileSync(path.join(dir, 'logs', 'b.json'), JSON.stringify({ not: 'cloudtrail' }));
		const io = captureIo();
		expect(await run([path.join(dir, 'logs'), '--config', configFile], io)).toBe(2);
		expect(io.out).toContain('"kind":"finding"');
		expect(io.out).toContain('"code":"file.notCloudTrail"');
		expect(io.err).toContain('b.json: not CloudTrail');
	});

	it('exits 2 on a bad config or option', async () => {
		fs.writeFileSync(configFile, JSON.stringify({ classRoles: [{ roleArn: 'n8n', classId: 'readOnlyEnrichment' }] }));
		const io = captureIo();
		expect(await run([dir, '--config', configFile], io)).toBe(2);
		expect(io.err).toContain('invalid ARN "n8n"');
		expect(await run([dir, '--config', configFile, '--format', 'xml'], captureIo())).toBe(2);
		expect(await run([dir], captureIo())).toBe(2);
	});

	it('saves a baseline and uses it for new actions', async () => {
		const baselineFile = path.join(dir, 'baseline.json');
		fs.writeFileSync(path.join(dir, 'logs', 'a.json'), JSON.stringify({ Records: [event('DescribeInstances')] }));
		expect(await run([path.join(dir, 'logs'), '--config', configFile, '--save-baseline', baselineFile], captureIo())).toBe(0);
		expect(JSON.parse(fs.readFileSync(baselineFile, 'utf8')).principals[ROLE]).toEqual(['ec2:DescribeInstances']);

		fs.writeFileSync(path.join(dir, 'logs', 'b.json'), JSON.stringify({ Records: [event('DescribeVolumes')] }));
		const io = captureIo();
		expect(await run([path.join(dir, 'logs'), '--config', configFile, '--baseline', baselineFile], io)).toBe(1);
		const findings = io.out.trim().split('\n').map((line) => JSON.parse(line)).filter((line) => line.kind === 'finding');
		expect(findings.map((finding) => [finding.type, finding.action])).toEqual([['newAction', 'ec2:DescribeVolumes']]);
	});
});
