/**
 * The package as the Community Nodes UI installs it: the npm pack tarball with its runtime
 * dependencies in <user folder>/.n8n/nodes, node types named n8n-nodes-aws-scoped.*.
 */
import { startAwsEndpoint } from '../aws-endpoint';
import type { StartedAwsEndpoint } from '../aws-endpoint';
import { CI_USER, credentialData, endpointOptions, FINDING_ID, FINDINGS_INPUT, TRIAGE_ROLE_ARN } from './fixtures';
import { E2E_VERSIONS, prepareN8n } from './n8n';
import type { N8nHandle } from './n8n';
import { credential, workflow } from './workflows';

jest.setTimeout(15 * 60 * 1000);

describe.each(E2E_VERSIONS)('n8n %s with the installed package', (version) => {
	let n8n: N8nHandle;
	let endpoint: StartedAwsEndpoint;

	beforeAll(async () => {
		endpoint = await startAwsEndpoint(endpointOptions());
		n8n = prepareN8n(version, 'package');
		const data = credentialData(endpoint.url, {
			workflowClass: 'securityFindingTriage',
			roleArn: TRIAGE_ROLE_ARN,
			source: 'accessKeys',
			accessKeyId: CI_USER.accessKeyId,
			secretAccessKey: CI_USER.secretAccessKey,
		});
		await n8n.importCredentials([credential({ id: 'credPackage0001', name: 'Triage', data })]);
		const scopedWorkflow = workflow('wfPackage000001', 'Installed package', [
			{
				name: 'Update Findings',
				parameters: { operation: 'callApi', service: 'securityhub', apiOperation: 'BatchUpdateFindings', input: FINDINGS_INPUT },
				credentialId: 'credPackage0001',
				credentialName: 'Triage',
			},
		]) as { nodes: Array<{ type: string }> };
		scopedWorkflow.nodes[1].type = 'n8n-nodes-aws-scoped.awsScoped';
		await n8n.importWorkflows([scopedWorkflow]);
	});

	afterAll(async () => {
		await endpoint?.close();
		n8n?.cleanup();
	});

	test('installed node calls AWS scoped', async () => {
		const result = await n8n.execute('wfPackage000001');
		expect(result.code).toBe(0);
		expect(result.outputs['Update Findings'][0]).toMatchObject({ ProcessedFindings: [{ Id: FINDING_ID }] });
		const call = endpoint.events.find((e) => e.eventName === 'BatchUpdateFindings');
		expect(call?.userIdentity.sessionContext?.sessionIssuer.arn).toBe(TRIAGE_ROLE_ARN);
	});
});
