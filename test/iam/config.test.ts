/** Bad generator configs: each error names the field and what to change. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { safeLoad } from 'js-yaml';

import { main } from '../../cli/main';
import { generateRoles, IamInputError, parseIamConfig } from '../../core/iam';
import { captureIo, EXAMPLE_CONFIG_PATH, makeTempDir } from './helpers';

type Config = Record<string, Record<string, unknown>>;

function exampleObject(): Config {
	return safeLoad(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')) as Config;
}

function issuesOf(config: unknown): Array<{ field: string; message: string }> {
	try {
		parseIamConfig(JSON.stringify(config), 'config.json');
	} catch (error) {
		if (error instanceof IamInputError) return error.issues;
		throw error;
	}
	return [];
}

describe('config errors', () => {
	test('example config is valid', () => {
		expect(issuesOf(exampleObject())).toEqual([]);
	});

	test.each<[string, (config: Config) => void, string, string]>([
		['missing roles block', (config) => delete config.roles, 'roles', 'is missing'],
		['missing cluster', (config) => delete config.ecs.cluster, 'ecs.cluster', 'is missing'],
		['missing deployment principals', (config) => (config.deployment.principals = []), 'deployment.principals', 'is missing or empty'],
		['account id of 11 digits', (config) => (config.account.id = '12345678901'), 'account.id', '"12345678901" is not 12 digits'],
		['account id as number', (config) => (config.account.id = 12345678901), 'account.id', 'Write the 12-digit account id in quotes'],
		['unknown class', (config) => ((config.classes as Record<string, unknown>).readOnly = { roleName: 'x' }), 'classes.readOnly', '"readOnly" is not a workflow class. Use one of: readOnlyEnrichment'],
		['role name used twice', (config) => (config.roles.deployment = 'n8n-task-runtime'), 'roles.deployment', 'role name "n8n-task-runtime" is already used by roles.taskRuntime'],
		['class role name reused', (config) => ((config.classes.ticketingNotification as Record<string, string>).roleName = 'N8N-BREAK-GLASS'), 'classes.ticketingNotification.roleName', 'is already used by roles.breakGlass'],
		[
			'secret of another partition',
			(config) => ((config.startupSecrets.secrets as Array<Record<string, string>>)[1].arn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf'),
			'startupSecrets.secrets[1].arn',
			'is in partition aws-cn, but account.partition is aws',
		],
		['secret not an ARN', (config) => ((config.startupSecrets.secrets as Array<Record<string, string>>)[0].arn = 'n8n/encryption-key'), 'startupSecrets.secrets[0].arn', 'is not a Secrets Manager secret ARN'],
		['region of another partition', (config) => (config.account.region = 'cn-north-1'), 'account.region', 'is a region of partition aws-cn'],
		['unknown field', (config) => (config.ecs.logGroups = ['/ecs/n8n']), 'ecs.logGroups', 'is not a known field'],
		['unknown class option', (config) => ((config.classes.quarantineContainment as Record<string, unknown>).options = ['runCommand']), 'classes.quarantineContainment.options', '"runCommand" is not a class option'],
		['principal of another partition', (config) => (config.breakGlass.principals = ['arn:aws-us-gov:iam::123456789012:role/oncall']), 'breakGlass.principals[0]', 'is in partition aws-us-gov'],
	])('%s', (_, change, field, message) => {
		const config = exampleObject();
		change(config);
		const issues = issuesOf(config);
		expect(issues.map((issue) => issue.field)).toContain(field);
		expect(issues.find((issue) => issue.field === field)?.message).toContain(message);
	});

	test('all problems in one error', () => {
		const config = exampleObject();
		config.account.id = '1';
		delete config.ecs.logGroup;
		expect(issuesOf(config).map((issue) => issue.field)).toEqual(['account.id', 'ecs.logGroup']);
	});

	test('pool role name collision', () => {
		const config = exampleObject();
		config.roles.breakGlass = 'n8n-task-runtime-response';
		const parsed = parseIamConfig(JSON.stringify(config), 'config.json');
		expect(() => generateRoles(parsed, { workerPools: true })).toThrow('the worker-pool runtime role name "n8n-task-runtime-response" is already used by another role');
		expect(() => generateRoles(parsed)).not.toThrow();
	});

	test('invalid YAML names the file', () => {
		expect(() => parseIamConfig('account: [', 'deploy.yaml')).toThrow(/^deploy\.yaml is invalid:\n {2}- \(file\): is not valid YAML or JSON/);
	});
});

describe('iam generate command', () => {
	test('bad config exits 2', async () => {
		const path = join(makeTempDir('config'), 'config.yaml');
		writeFileSync(path, readFileSync(EXAMPLE_CONFIG_PATH, 'utf8').replace('id: "123456789012"', 'id: "12345"'));
		const io = captureIo();
		expect(await main(['iam', 'generate', '--config', path, '--out', makeTempDir('out')], io)).toBe(2);
		expect(io.err.join('')).toContain(`${path} is invalid:\n  - account.id: "12345" is not 12 digits.`);
	});

	test('missing --config exits 2', async () => {
		const io = captureIo();
		expect(await main(['iam', 'generate'], io)).toBe(2);
		expect(io.err.join('')).toContain('iam generate needs --config FILE.');
	});

	test('unknown format exits 2', async () => {
		const io = captureIo();
		expect(await main(['iam', 'generate', '--config', EXAMPLE_CONFIG_PATH, '--format', 'yaml'], io)).toBe(2);
		expect(io.err.join('')).toContain('--format "yaml" is not valid. Use one of: json, cloudformation, terraform, all.');
	});

	test('single format writes one file', async () => {
		const out = makeTempDir('format');
		const io = captureIo();
		expect(await main(['iam', 'generate', '--config', EXAMPLE_CONFIG_PATH, '--out', out, '--format', 'terraform'], io)).toBe(0);
		expect(io.out.join('')).toContain(`Wrote 1 files to ${out} for 10 roles`);
	});
});
