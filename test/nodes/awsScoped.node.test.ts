/** The AWS Scoped node in process: operations, continue-on-fail and pairedItem per item. */
import { startAwsEndpoint } from '../aws-endpoint';
import type { StartedAwsEndpoint } from '../aws-endpoint';
import { AwsScoped } from '../../nodes/AwsScoped/AwsScoped.node';
import { CI_USER, credentialData, endpointOptions, FINDINGS_INPUT, TRIAGE_ROLE_ARN } from '../e2e/fixtures';
import { runNode, stopN8nCoreTimers } from './harness';

describe('AwsScoped node', () => {
	let endpoint: StartedAwsEndpoint;
	const node = new AwsScoped();
	const credential = () =>
		credentialData(endpoint.url, {
			workflowClass: 'securityFindingTriage',
			roleArn: TRIAGE_ROLE_ARN,
			source: 'accessKeys',
			accessKeyId: CI_USER.accessKeyId,
			secretAccessKey: CI_USER.secretAccessKey,
		});

	beforeEach(async () => {
		endpoint = await startAwsEndpoint(endpointOptions());
	});

	afterEach(async () => {
		await endpoint.close();
	});

	afterAll(() => {
		stopN8nCoreTimers();
	});

	test('call API per item', async () => {
		const items = [{ json: { n: 1 } }, { json: { n: 2 } }];
		const [output] = await runNode(node, {
			parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'BatchUpdateFindings', input: FINDINGS_INPUT },
			items,
			credential: credential(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json.ProcessedFindings).toHaveLength(1);
		expect(output[0].json.awsRequestId).toEqual(expect.any(String));
		expect(output[0].json).not.toHaveProperty('$metadata');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(endpoint.events.filter((e) => e.eventName === 'AssumeRole')).toHaveLength(1);
		expect(endpoint.sessions[0].roleSessionName).toBe('n8n-wfInProcess0001-77');
	});

	test('continue on fail keeps other items', async () => {
		const items = [
			{ json: { apiOperation: 'BatchUpdateFindings', input: FINDINGS_INPUT } },
			{ json: { apiOperation: 'BatchUpdateFindings', input: '{not json' } },
			{ json: { apiOperation: 'CreateInsight', input: '{}' } },
			{ json: { apiOperation: 'GetFindings', input: '{"MaxResults": 5}' } },
		];
		const [output] = await runNode(node, {
			parameters: { operation: 'callApi', service: 'securityhub', apiOperation: '={{ $json.apiOperation }}', input: '={{ $json.input }}' },
			items,
			credential: credential(),
			continueOnFail: true,
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.ProcessedFindings).toHaveLength(1);
		expect(output[1].json.error).toContain('Input is not valid JSON');
		expect(output[2].json.error).toContain('securityhub:CreateInsight is outside workflow class "Security finding triage" (credential "In-process credential")');
		expect(output[3].json.Findings).toHaveLength(5);
		expect(endpoint.events.map((e) => e.eventName)).toEqual(['AssumeRole', 'BatchUpdateFindings', 'GetFindings']);
	});

	test('error without continue names item', async () => {
		const run = runNode(node, {
			parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'CreateInsight', input: '{}' },
			items: [{ json: {} }],
			credential: credential(),
		});
		await expect(run).rejects.toThrow('securityhub:CreateInsight is outside workflow class');
		expect(endpoint.events).toEqual([]);
	});

	test('AWS denial names class boundary', async () => {
		const options = endpointOptions();
		const endpointWithNarrowRole = await startAwsEndpoint({
			...options,
			roles: options.roles?.map((role) => ({ ...role, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }] }] })),
		});
		try {
			const [output] = await runNode(node, {
				parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'BatchUpdateFindings', input: FINDINGS_INPUT },
				items: [{ json: {} }],
				credential: { ...credential(), stsEndpoint: endpointWithNarrowRole.url, serviceEndpoint: endpointWithNarrowRole.url },
				continueOnFail: true,
			});
			const message = String(output[0].json.error);
			expect(message).toContain('AWS denied securityhub:BatchUpdateFindings: the call hit the boundary of workflow class "Security finding triage"');
			expect(message).toMatch(/AccessDeniedException, request id [0-9a-f-]+/);
		} finally {
			await endpointWithNarrowRole.close();
		}
	});

	test('return all merges pages', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'GetFindings', input: '{"MaxResults": 7}', returnAll: true },
			items: [{ json: {} }],
			credential: credential(),
		});
		expect(output[0].json.Findings).toHaveLength(30);
		expect(output[0].json).not.toHaveProperty('NextToken');
		expect((output[0].json.awsRequestId as string[]).length).toBe(5);
	});

	test('check permission without AWS', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'checkPermission', action: '={{ $json.action }}', region: '' },
			items: [{ json: { action: 'securityhub:BatchUpdateFindings' } }, { json: { action: 'secretsmanager:GetSecretValue' } }, { json: { action: 'ec2:StopInstances' } }],
			credential: credential(),
		});
		expect(output.map((item) => item.json.decision)).toEqual(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
		expect(output[1].json.statement).toEqual({ number: 4, purpose: 'No policy writes and no secret reads' });
		expect(output[2].json).not.toHaveProperty('note');
		expect(endpoint.events).toEqual([]);
	});

	test('check permission flags typo', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'checkPermission', action: 'securityhub:GetFinding', region: '' },
			items: [{ json: {} }],
			credential: credential(),
		});
		expect(output[0].json.decision).toBe('ImplicitlyDenied');
		expect(output[0].json.note).toBe('the action "securityhub:GetFinding" does not exist. Did you mean "securityhub:GetFindings"?');
	});

	test('unknown service and operation named', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'callApi', service: '={{ $json.service }}', apiOperation: '={{ $json.apiOperation }}', input: '{}' },
			items: [{ json: { service: 'securityhubb', apiOperation: 'GetFindings' } }, { json: { service: 'securityhub', apiOperation: 'GetFinding' } }],
			credential: credential(),
			continueOnFail: true,
		});
		expect(output[0].json.error).toContain('Unknown service "securityhubb". Bundled services:');
		expect(output[1].json.error).toContain('GetFinding');
		expect(output[1].json.error).toContain('securityhub');
		expect(endpoint.events).toEqual([]);
	});

	test('missing required field reaches AWS error', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'BatchUpdateFindings', input: '{"Workflow": {"Status": "NOTIFIED"}}' },
			items: [{ json: {} }],
			credential: credential(),
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatch(/AWS returned InvalidInputException, request id [0-9a-f-]+ for securityhub:BatchUpdateFindings: FindingIdentifiers must list 1 to 100 findings/);
	});

	test('bad credential fields named', async () => {
		const [output] = await runNode(node, {
			parameters: { operation: 'whoAmI' },
			items: [{ json: {} }],
			credential: { ...credential(), roleArn: 'n8n-triage' },
			continueOnFail: true,
		});
		expect(output[0].json.error).toContain('Role ARN "n8n-triage" is not an IAM role ARN');
	});
});
