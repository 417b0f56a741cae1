/**
 * End to end in a real n8n, on every version in E2E_VERSIONS: the AWS Scoped node with the
 * AWS Scoped Role credential, against the loopback AWS endpoint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { startAwsEndpoint } from '../aws-endpoint';
import type { CloudTrailEvent, StartedAwsEndpoint } from '../aws-endpoint';
import {
	CI_USER,
	CONTAINER_TOKEN,
	credentialData,
	endpointOptions,
	ENRICHMENT_ROLE_ARN,
	FINDING_ID,
	FINDINGS_INPUT,
	TASK_ROLE,
	RUNTIME_ROLE_ARN,
	TRIAGE_ROLE_ARN,
} from './fixtures';
import { E2E_VERSIONS, prepareN8n } from './n8n';
import type { N8nHandle, N8nServer } from './n8n';
import { credential, workflow } from './workflows';

jest.setTimeout(15 * 60 * 1000);

const batchUpdate = { operation: 'callApi', service: 'securityhub', apiOperation: 'BatchUpdateFindings', input: FINDINGS_INPUT };
const keys = { source: 'accessKeys', accessKeyId: CI_USER.accessKeyId, secretAccessKey: CI_USER.secretAccessKey };

describe.each(E2E_VERSIONS)('n8n %s', (version) => {
	let n8n: N8nHandle;
	let endpoint: StartedAwsEndpoint;

	beforeAll(async () => {
		endpoint = await startAwsEndpoint(endpointOptions());
		n8n = prepareN8n(version);
		await n8n.importCredentials([
			credential({ id: 'credTriageKeys1', name: 'Triage (keys)', data: credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, ...keys }) }),
			credential({ id: 'credEnrichKeys1', name: 'Enrichment (keys)', data: credentialData(endpoint.url, { workflowClass: 'readOnlyEnrichment', roleArn: ENRICHMENT_ROLE_ARN, ...keys }) }),
			credential({ id: 'credTriageEcs01', name: 'Triage (ECS)', data: credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, source: 'chain' }) }),
		]);
		const step = (name: string, credentialId: string, credentialName: string, parameters: Record<string, unknown>, continueOnFail = false) => ({
			name,
			parameters,
			credentialId,
			credentialName,
			continueOnFail,
		});
		await n8n.importWorkflows([
			workflow('wfTriageCall001', 'Triage call', [step('Update Findings', 'credTriageKeys1', 'Triage (keys)', batchUpdate)]),
			workflow('wfEnrichDenied1', 'Enrichment denied', [step('Update Findings', 'credEnrichKeys1', 'Enrichment (keys)', batchUpdate)]),
			workflow('wfEnrichDenied2', 'Enrichment denied, continue', [step('Update Findings', 'credEnrichKeys1', 'Enrichment (keys)', batchUpdate, true)]),
			workflow('wfEcsSource0001', 'ECS source', [
				step('Who Am I', 'credTriageEcs01', 'Triage (ECS)', { operation: 'whoAmI' }),
				step('Update Findings', 'credTriageEcs01', 'Triage (ECS)', batchUpdate),
			]),
			workflow('wfTwoHundred001', '200 items', [step('Update Findings', 'credTriageKeys1', 'Triage (keys)', batchUpdate)], 200),
		]);
	});

	afterAll(async () => {
		await endpoint?.close();
		n8n?.cleanup();
	});

	test('triage class call succeeds', async () => {
		const first = endpoint.events.length;
		const result = await n8n.execute('wfTriageCall001');
		expect(result.code).toBe(0);
		expect(result.outputs['Update Findings'][0]).toMatchObject({ ProcessedFindings: [{ Id: FINDING_ID }], UnprocessedFindings: [] });

		const events = endpoint.events.slice(first);
		const assume = events.filter((e) => e.eventName === 'AssumeRole');
		expect(assume).toHaveLength(1);
		expect(assume[0].userIdentity.arn).toBe(CI_USER.arn);
		expect(String(assume[0].requestParameters?.policy)).toContain('securityhub:BatchUpdateFindings');
		const call = single(events, 'BatchUpdateFindings');
		expect(call.errorCode).toBeUndefined();
		expect(call.userIdentity.arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/n8n-triage\/n8n-wfTriageCall001-\d+$/);
	});

	test('enrichment class fails locally', async () => {
		const first = endpoint.events.length;
		const failed = await n8n.execute('wfEnrichDenied1');
		expect(failed.code).not.toBe(0);
		expect(failed.stdout + failed.stderr).toContain('securityhub:BatchUpdateFindings is outside workflow class "Read-only enrichment"');

		const continued = await n8n.execute('wfEnrichDenied2');
		expect(continued.code).toBe(0);
		const message = String(continued.outputs['Update Findings'][0].error);
		expect(message).toContain('securityhub:BatchUpdateFindings is outside workflow class "Read-only enrichment" (credential "Enrichment (keys)")');
		expect(message).toContain('AWS was not called');
		// Nothing reached AWS: no AssumeRole and no Security Hub call.
		expect(endpoint.events.slice(first)).toEqual([]);
	});

	test('container credentials assume the class role', async () => {
		const first = endpoint.events.length;
		const result = await n8n.execute('wfEcsSource0001', {
			AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.containerCredentialsUrl,
			AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_TOKEN,
		});
		expect(result.code).toBe(0);
		expect(String(result.outputs['Who Am I'][0].Arn)).toMatch(/^arn:aws:sts::111122223333:assumed-role\/n8n-triage\/n8n-wfEcsSource0001-\d+$/);

		const events = endpoint.events.slice(first);
		const assume = events.filter((e) => e.eventName === 'AssumeRole');
		expect(assume).toHaveLength(1);
		expect(assume[0].userIdentity.accessKeyId).toBe(TASK_ROLE.accessKeyId);
		expect(String(assume[0].requestParameters?.policy)).toContain('securityhub:BatchUpdateFindings');
		const later = events.filter((e) => e.eventName !== 'AssumeRole');
		expect(later.map((e) => e.eventName).sort()).toEqual(['BatchUpdateFindings', 'GetCallerIdentity']);
		for (const event of later) {
			expect(event.userIdentity.accessKeyId).not.toBe(TASK_ROLE.accessKeyId);
			expect(event.userIdentity.sessionContext?.sessionIssuer.arn).toBe(TRIAGE_ROLE_ARN);
		}
	});

	test('200 items use one AssumeRole', async () => {
		const first = endpoint.events.length;
		const result = await n8n.execute('wfTwoHundred001');
		expect(result.code).toBe(0);
		expect(result.outputs['Update Findings']).toHaveLength(200);

		const events = endpoint.events.slice(first);
		expect(events.filter((e) => e.eventName === 'AssumeRole')).toHaveLength(1);
		expect(events.filter((e) => e.eventName === 'BatchUpdateFindings' && !e.errorCode)).toHaveLength(200);
	});

	test('access review reads the endpoint log', async () => {
		const logFile = join(n8n.userFolder, 'cloudtrail', 'endpoint.json');
		mkdirSync(dirname(logFile), { recursive: true });
		writeFileSync(logFile, JSON.stringify(endpoint.eventsAsLogFile()));
		await n8n.importWorkflows([reviewWorkflow(logFile)]);

		const result = await n8n.execute('wfReviewFiles01');
		expect(result.code).toBe(0);
		const items = result.outputs['Review'];
		const findings = items.filter((item) => item.type !== undefined);
		const summary = items[items.length - 1].summary as { events: number; unmappedEvents: number };
		expect(summary.events).toBe(endpoint.events.length);
		expect(summary.unmappedEvents).toBe(0);

		// The baseline lists no triage actions, so BatchUpdateFindings is new. The ids come from the session name.
		const newAction = findings.find((f) => f.type === 'newAction' && f.action === 'securityhub:BatchUpdateFindings');
		expect(newAction).toBeDefined();
		expect(newAction?.attribution).toMatchObject({ roleArn: TRIAGE_ROLE_ARN, classId: 'securityFindingTriage' });
		const workflows = new Set(findings.filter((f) => f.type === 'unexpectedRegion').flatMap((f) => (f.evidence as { workflowIds?: string[] }).workflowIds ?? []));
		expect([...workflows].sort()).toEqual(expect.arrayContaining(['wfEcsSource0001', 'wfTriageCall001', 'wfTwoHundred001']));
		// Every AssumeRole carried the class's session policy, and no class call left its class.
		expect(findings.filter((f) => f.type === 'scopingBypass' || f.type === 'outsideClassPolicy')).toEqual([]);
	});
});

function reviewWorkflow(logFile: string): object {
	const config = {
		runtimeRoleArns: [RUNTIME_ROLE_ARN],
		classRoles: [
			{ roleArn: TRIAGE_ROLE_ARN, classId: 'securityFindingTriage' },
			{ roleArn: ENRICHMENT_ROLE_ARN, classId: 'readOnlyEnrichment' },
		],
		expectedRegions: ['us-east-1'],
		expectedAccounts: ['111122223333'],
	};
	const baseline = { version: 1, createdAt: '2026-12-01T00:00:00Z', principals: { [TRIAGE_ROLE_ARN]: [] } };
	return {
		id: 'wfReviewFiles01',
		name: 'Access review',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} },
			{
				id: 'review',
				name: 'Review',
				type: 'CUSTOM.awsAccessReview',
				typeVersion: 1,
				position: [220, 300],
				parameters: { source: 'files', paths: logFile, config: JSON.stringify(config), baseline: JSON.stringify(baseline) },
			},
		],
		connections: { Start: { main: [[{ node: 'Review', type: 'main', index: 0 }]] } },
	};
}

describe.each(E2E_VERSIONS)('n8n %s credential test', (version) => {
	let n8n: N8nHandle;
	let endpoint: StartedAwsEndpoint;
	let server: N8nServer;

	beforeAll(async () => {
		endpoint = await startAwsEndpoint(endpointOptions());
		n8n = prepareN8n(version);
		await n8n.importCredentials([
			credential({ id: 'credTestKeys001', name: 'Triage (keys)', data: credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, ...keys }) }),
		]);
		server = await n8n.startServer();
	});

	afterAll(async () => {
		await server?.stop();
		await endpoint?.close();
		n8n?.cleanup();
	});

	const testCredential = (fields: Record<string, unknown>) =>
		server.rest('POST', '/credentials/test', {
			credentials: {
				id: 'credTestKeys001',
				name: 'Triage (keys)',
				type: 'awsScopedRoleApi',
				data: credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, ...keys, ...fields }),
			},
		}) as Promise<{ status: string; message: string }>;

	test('valid credential passes', async () => {
		const first = endpoint.events.length;
		await expect(testCredential({})).resolves.toMatchObject({ status: 'OK' });
		const events = endpoint.events.slice(first);
		expect(events.map((e) => e.eventName)).toEqual(['AssumeRole', 'GetCallerIdentity']);
		expect(String(events[0].requestParameters?.policy)).toContain('securityhub:BatchUpdateFindings');
		expect(events[1].userIdentity.sessionContext?.sessionIssuer.arn).toBe(TRIAGE_ROLE_ARN);
	});

	test('wrong secret fails after a pass', async () => {
		await expect(testCredential({})).resolves.toMatchObject({ status: 'OK' });
		const result = await testCredential({ secretAccessKey: 'wrong-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Re-enter the secret access key');
	});

	test('missing TagSession explained', async () => {
		const result = await testCredential({ sessionTags: true });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Add "sts:TagSession" to the trust policy');
	});

	test('chaining cap explained', async () => {
		const result = await testCredential({ source: 'chain', durationSeconds: 7200 });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Set "Session Duration" to 3600 or less');
	});

	test('unknown custom action named', async () => {
		const customPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sns:Publsh'], Resource: '*' }] });
		const result = await testCredential({ workflowClass: 'custom', customPolicy });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('sns:Publsh');
	});
});

function single(events: CloudTrailEvent[], eventName: string): CloudTrailEvent {
	const matching = events.filter((e) => e.eventName === eventName);
	expect(matching).toHaveLength(1);
	return matching[0];
}
