/**
 * Runs the lint on the generated roles (no findings) and on deliberately bad roles in
 * fixtures/bad-roles (each planted fault reported exactly once), through the CLI.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { main } from '../../cli/main';
import { emptyLintInput, generateRoles, lintRoles, readLintFile, renderOutputs } from '../../core/iam';
import type { LintReport } from '../../core/iam';
import { captureIo, exampleConfig, FIXTURES, makeTempDir } from './helpers';

const BAD_ROLES = join(FIXTURES, 'bad-roles');
const BAD_FILES = readdirSync(BAD_ROLES).map((name) => join(BAD_ROLES, name)).sort();

function writeGenerated(workerPools: boolean): string {
	const dir = makeTempDir('lint');
	for (const [path, content] of renderOutputs(generateRoles(exampleConfig(), { workerPools }), 'json')) {
		const target = join(dir, path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, content);
	}
	return dir;
}

async function lintJson(args: string[]): Promise<{ code: number; report: LintReport; stderr: string }> {
	const io = captureIo();
	const code = await main(['iam', 'lint', '--format', 'json', ...args], io);
	return { code, report: code === 2 ? ({} as LintReport) : JSON.parse(io.out.join('')), stderr: io.err.join('') };
}

describe('lint on generated roles', () => {
	test.each([false, true])('no findings, worker pools %s', async (workerPools) => {
		const { code, report } = await lintJson([writeGenerated(workerPools)]);
		expect(report.findings).toEqual([]);
		expect(code).toBe(0);
		expect(report.roles.length).toBe(workerPools ? 12 : 10);
	});
});

describe('lint on planted faults', () => {
	test('each fault reported once', async () => {
		const expected = JSON.parse(readFileSync(join(FIXTURES, 'bad-roles.expected.json'), 'utf8')) as Array<{ ruleId: string; roleName: string; statement: string }>;
		const { code, report } = await lintJson(BAD_FILES);
		const found = report.findings.map((entry) => ({ ruleId: entry.ruleId, roleName: entry.roleName, statement: entry.statement }));
		const key = (entry: { ruleId: string; roleName: string }): string => `${entry.roleName} ${entry.ruleId}`;
		expect(found.map(key).sort()).toEqual(expected.map(key).sort());
		for (const entry of expected) expect(found.filter((candidate) => key(candidate) === key(entry) && candidate.statement === entry.statement)).toHaveLength(1);
		expect(code).toBe(1);
	});

	test('unrelated role left alone', async () => {
		const { report } = await lintJson(BAD_FILES);
		expect(report.roles.map((role) => role.roleName)).not.toContain('unrelated-admin');
	});

	test('findings name role, statement, fix', async () => {
		const { report } = await lintJson(BAD_FILES);
		const secrets = report.findings.find((entry) => entry.ruleId === 'runtime-secrets-read');
		expect(secrets).toMatchObject({ roleName: 'bad-task-runtime', policy: 'inline policy runtime', statement: 'statement 3 (Sid "ReadsSecrets")', severity: 'high' });
		expect(secrets?.fix).toContain('task execution role');
	});

	test('severity threshold sets exit code', async () => {
		const high = await lintJson(['--severity', 'high', ...BAD_FILES]);
		expect(high.code).toBe(1);
		expect(high.report.findings.every((entry) => entry.severity === 'high')).toBe(true);
		expect(high.report.findings).toHaveLength(5);
		const onlyMedium = await lintJson(['--severity', 'high', join(BAD_ROLES, 'get-role-bad-class-triage.json')]);
		expect(onlyMedium.code).toBe(0);
	});

	test('missing MaxSessionDuration noted', async () => {
		const input = emptyLintInput();
		readLintFile(readFileSync(join(BAD_ROLES, 'authorization-details.json'), 'utf8'), 'authorization-details.json', input);
		const report = await lintRoles(input);
		expect(report.notes.some((note) => note.includes('aws iam get-role --role-name bad-class-triage'))).toBe(true);
	});

	test('kind option places untagged role', async () => {
		const { report } = await lintJson(['--kind', 'unrelated-admin=deployment', ...BAD_FILES]);
		expect(report.findings.filter((entry) => entry.roleName === 'unrelated-admin').map((entry) => entry.ruleId)).toEqual(['wildcard-action']);
	});

	test('text output lists fixes', async () => {
		const io = captureIo();
		expect(await main(['iam', 'lint', ...BAD_FILES], io)).toBe(1);
		const text = io.out.join('');
		expect(text).toContain('HIGH runtime-extra-permissions bad-task-runtime [inline policy runtime, statement 2 (Sid "ReadsExports")]');
		expect(text).toContain('9 findings.');
	});
});

describe('lint bad input', () => {
	test.each([
		['not JSON', 'role: yes', 'is not JSON'],
		['JSON but not IAM', '{"Buckets": []}', 'is JSON but not IAM role data'],
		['policy without Statement', '{"RoleName":"x","AssumeRolePolicyDocument":{"Version":"2012-10-17"}}', 'is not an IAM policy document with a Statement'],
	])('%s', async (_, content, message) => {
		const path = join(makeTempDir('lint-bad'), 'input.json');
		writeFileSync(path, content);
		const io = captureIo();
		expect(await main(['iam', 'lint', path], io)).toBe(2);
		expect(io.err.join('')).toContain(path);
		expect(io.err.join('')).toContain(message);
	});

	test('missing file', async () => {
		const io = captureIo();
		expect(await main(['iam', 'lint', '/nonexistent/roles.json'], io)).toBe(2);
		expect(io.err.join('')).toContain('Cannot read the lint input /nonexistent/roles.json: ENOENT');
	});

	test('unknown severity', async () => {
		const io = captureIo();
		expect(await main(['iam', 'lint', '--severity', 'critical', ...BAD_FILES], io)).toBe(2);
		expect(io.err.join('')).toContain('--severity "critical" is not valid. Use one of: low, medium, high.');
	});
});
