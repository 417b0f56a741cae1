/**
 * Checks the generated roles: every policy parses back, every action exists in IAM,
 * every resource is an ARN of the configured partition, every size is under IAM's quotas,
 * and each role has the trust and permissions it exists for.
 */
import { generateRoles, measurePolicies, parseIamConfig, renderOutputs } from '../../core/iam';
import type { GeneratedRole, GeneratedRoleSet, IamConfig } from '../../core/iam';
import { asList } from '../../core/policy/types';
import type { PolicyDocument } from '../../core/policy/types';
import { exampleConfig } from './helpers';
import { malformedResources, unknownActions } from './validatePolicy';

const SINGLE = generateRoles(exampleConfig());
const POOLS = generateRoles(exampleConfig(), { workerPools: true });

function role(set: GeneratedRoleSet, kind: GeneratedRole['kind'], pool?: string): GeneratedRole {
	const found = set.roles.find((candidate) => candidate.kind === kind && candidate.pool === pool);
	if (!found) throw new Error(`no ${kind} role`);
	return found;
}

function allDocuments(set: GeneratedRoleSet): Array<[string, PolicyDocument]> {
	return [
		...set.roles.filter((entry) => entry.inlinePolicy).map((entry): [string, PolicyDocument] => [entry.roleName, entry.inlinePolicy!.document]),
		...set.managedPolicies.map((policy): [string, PolicyDocument] => [policy.policyName, policy.document]),
	];
}

describe.each([
	['single pool', SINGLE],
	['worker pools', POOLS],
])('generated roles, %s', (_, set) => {
	test('json files parse back', () => {
		for (const [path, content] of renderOutputs(set, 'all')) {
			if (!path.endsWith('.json')) continue;
			expect({ path, parses: (() => { try { JSON.parse(content); return true; } catch { return false; } })() }).toEqual({ path, parses: true });
		}
	});

	test('every action exists in IAM', async () => {
		for (const [name, document] of allDocuments(set)) {
			expect({ name, problems: await unknownActions(document) }).toEqual({ name, problems: [] });
		}
		for (const entry of set.roles) {
			const trustActions = entry.trustPolicy.Statement.flatMap((statement) => asList(statement.Action));
			const document: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: trustActions }] };
			expect({ role: entry.roleName, problems: await unknownActions(document) }).toEqual({ role: entry.roleName, problems: [] });
		}
	});

	test('resources are ARNs of partition', () => {
		for (const [name, document] of allDocuments(set)) {
			expect({ name, problems: malformedResources(document, 'aws') }).toEqual({ name, problems: [] });
		}
	});

	test('sizes under IAM quotas', () => {
		const sizes = measurePolicies(set);
		console.log(sizes.map((size) => `${size.name} ${size.document}: ${size.length} of ${size.limit}`).join('\n'));
		for (const size of sizes) expect({ ...size, fits: size.length <= size.limit }).toEqual({ ...size, fits: true });
	});

	test('role names unique', () => {
		const names = set.roles.map((entry) => entry.roleName);
		expect(new Set(names).size).toBe(names.length);
	});

	test('class roles trusted by runtime only', () => {
		const runtimeArns = set.roles.filter((entry) => entry.kind === 'task-runtime').map((entry) => entry.arn);
		for (const classRole of set.roles.filter((entry) => entry.kind === 'class')) {
			const statement = classRole.trustPolicy.Statement[0];
			const principals = asList((statement.Principal as { AWS: string | string[] }).AWS);
			expect(principals.length).toBeGreaterThan(0);
			for (const principal of principals) expect(runtimeArns).toContain(principal);
			expect(classRole.maxSessionDuration).toBe(3600);
			expect(statement.Condition?.StringEquals?.['sts:ExternalId']).toBe('REPLACE_WITH_EXTERNAL_ID');
			expect(statement.Action).toEqual(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
		}
	});
});

describe('task roles', () => {
	test('execution trust has source conditions', () => {
		const condition = role(SINGLE, 'task-execution').trustPolicy.Statement[0].Condition;
		expect(condition?.StringEquals?.['aws:SourceAccount']).toBe('123456789012');
		expect(condition?.ArnLike?.['aws:SourceArn']).toBe('arn:aws:ecs:eu-west-1:123456789012:*');
	});

	test('execution role reads named secrets only', () => {
		const statements = role(SINGLE, 'task-execution').inlinePolicy!.document.Statement;
		const secrets = statements.find((statement) => statement.Sid === 'ReadStartupSecrets');
		expect(asList(secrets?.Resource)).toEqual([
			'arn:aws:secretsmanager:eu-west-1:123456789012:secret:n8n/encryption-key-AbCdEf',
			'arn:aws:secretsmanager:eu-west-1:123456789012:secret:n8n/db-password-GhIjKl',
		]);
		const decrypt = statements.find((statement) => statement.Sid === 'DecryptStartupSecrets');
		expect(decrypt?.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } });
	});

	test('runtime role only assumes class roles', () => {
		const runtime = role(SINGLE, 'task-runtime');
		const statements = runtime.inlinePolicy!.document.Statement;
		const classArns = SINGLE.roles.filter((entry) => entry.kind === 'class').map((entry) => entry.arn);
		expect(statements).toHaveLength(1);
		expect(statements[0].Action).toEqual(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
		expect(statements[0].Resource).toEqual(classArns);
		expect(runtime.permissionsBoundary).toBe('RuntimeBoundaryPolicy');
	});

	test('pool runtime role assumes its classes', () => {
		const enrichment = role(POOLS, 'task-runtime', 'enrichment');
		expect(enrichment.roleName).toBe('n8n-task-runtime-enrichment');
		expect(enrichment.inlinePolicy!.document.Statement[0].Resource).toEqual(['arn:aws:iam::123456789012:role/n8n-class-read-only-enrichment']);
		expect(POOLS.workerPools?.map((pool) => pool.serviceName)).toEqual(['n8n-worker-enrichment', 'n8n-worker-ticketing', 'n8n-worker-response']);
		expect(POOLS.workerPools?.map((pool) => pool.redisDb)).toEqual([1, 2, 3]);
	});
});

describe('deployment and break-glass roles', () => {
	test('PassRole limited to task roles', () => {
		const statements = role(POOLS, 'deployment').inlinePolicy!.document.Statement;
		const passRole = statements.find((statement) => statement.Action === 'iam:PassRole');
		const taskRoleArns = POOLS.roles.filter((entry) => entry.kind === 'task-execution' || entry.kind === 'task-runtime').map((entry) => entry.arn);
		expect(passRole?.Resource).toEqual(taskRoleArns);
		expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
		const update = statements.find((statement) => statement.Sid === 'UpdateServices');
		expect(asList(update?.Resource)).toContain('arn:aws:ecs:eu-west-1:123456789012:service/n8n/n8n-worker-response');
	});

	test('break-glass requires MFA', () => {
		const breakGlass = role(SINGLE, 'break-glass');
		expect(breakGlass.trustPolicy.Statement[0].Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
		expect(breakGlass.trustPolicy.Statement[0].Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/security-oncall'] });
		expect(breakGlass.maxSessionDuration).toBeLessThanOrEqual(3600);
		expect(breakGlass.notes.join(' ')).toContain('EventBridge');
	});
});

describe('other partitions', () => {
	test('aws-cn ARNs and endpoints', async () => {
		const text = JSON.stringify({
			account: { id: '123456789012', partition: 'aws-cn', region: 'cn-north-1' },
			ecs: { cluster: 'n8n', services: ['n8n'], logGroup: '/ecs/n8n', imageRepository: 'n8n' },
			startupSecrets: {
				kmsKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
				secrets: [{ name: 'N8N_ENCRYPTION_KEY', arn: 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/n8n/key' }],
			},
			roles: { taskExecution: 'e', taskRuntime: 'r', deployment: 'd', breakGlass: 'b' },
			classes: { readOnlyEnrichment: { roleName: 'c' } },
			deployment: { principals: ['arn:aws-cn:iam::123456789012:role/ci'] },
			breakGlass: { principals: ['arn:aws-cn:iam::123456789012:role/oncall'] },
		});
		const config: IamConfig = parseIamConfig(text, 'cn.json');
		const set = generateRoles(config);
		for (const [name, document] of allDocuments(set)) {
			expect({ name, problems: malformedResources(document, 'aws-cn') }).toEqual({ name, problems: [] });
			expect({ name, problems: await unknownActions(document) }).toEqual({ name, problems: [] });
		}
		const decrypt = role(set, 'task-execution').inlinePolicy!.document.Statement.find((statement) => statement.Sid === 'DecryptStartupSecrets');
		expect(decrypt?.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'ssm.cn-north-1.amazonaws.com.cn' } });
		expect(role(set, 'break-glass').managedPolicyArns).toEqual(['arn:aws-cn:iam::aws:policy/AdministratorAccess']);
	});
});
