/** SigV4 signing for the HTTP Request node: scope from the URL, object bodies signed as sent. */
import { startAwsEndpoint } from '../aws-endpoint';
import { scopeFromUrl } from '../../core/signing/sign';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { authenticateRequest } from '../../nodes/shared/authenticate';
import { CI_USER, credentialData, endpointOptions, FINDING_ID, FINDING_PRODUCT_ARN, TRIAGE_ROLE_ARN } from '../e2e/fixtures';

describe('scopeFromUrl', () => {
	test.each([
		['https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=5', { service: 'execute-api', region: 'eu-west-1' }],
		['https://sqs.us-east-2.amazonaws.com/111122223333/queue', { service: 'sqs', region: 'us-east-2' }],
		['https://s3.eu-west-3.amazonaws.com/bucket/key', { service: 's3', region: 'eu-west-3' }],
		['https://bucket.s3.eu-west-3.amazonaws.com/key', { service: 's3', region: 'eu-west-3' }],
		['https://securityhub.eu-west-1.amazonaws.com/findings/batchupdate', { service: 'securityhub', region: 'eu-west-1' }],
		['https://email.eu-central-1.amazonaws.com/', { service: 'ses', region: 'eu-central-1' }],
		['https://sts.cn-north-1.amazonaws.com.cn/', { service: 'sts', region: 'cn-north-1' }],
		['https://iam.amazonaws.com/', { service: 'iam', region: 'us-east-1' }],
	])('%s', (url, scope) => {
		expect(scopeFromUrl(url)).toEqual(scope);
	});

	test('custom host has no scope', () => {
		expect(scopeFromUrl('http://127.0.0.1:4566/restapis/x')).toBeUndefined();
	});
});

describe('authenticateRequest', () => {
	const keys = { source: 'accessKeys', accessKeyId: CI_USER.accessKeyId, secretAccessKey: CI_USER.secretAccessKey };

	test('execute-api scope in Authorization', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const signed = await authenticateRequest(credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, ...keys }) as ICredentialDataDecryptedObject, {
				method: 'GET',
				url: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=5',
			});
			const authorization = (signed.headers as Record<string, string>).authorization;
			expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA[A-Z0-9]+\/\d{8}\/eu-west-1\/execute-api\/aws4_request,/);
			expect(signed.url).toBe('https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=5');
		} finally {
			await endpoint.close();
		}
	});

	test('custom host needs signing service', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const data = credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, ...keys }) as ICredentialDataDecryptedObject;
			await expect(authenticateRequest(data, { method: 'GET', url: 'http://127.0.0.1:4566/x' })).rejects.toThrow('Set "Signing Service for Custom Endpoints"');
		} finally {
			await endpoint.close();
		}
	});

	test('object body signed as sent', async () => {
		const endpoint = await startAwsEndpoint(endpointOptions());
		try {
			const data = credentialData(endpoint.url, { workflowClass: 'securityFindingTriage', roleArn: TRIAGE_ROLE_ARN, signingService: 'securityhub', ...keys }) as ICredentialDataDecryptedObject;
			const body = {
				FindingIdentifiers: [{ Id: FINDING_ID, ProductArn: FINDING_PRODUCT_ARN }],
				Workflow: { Status: 'NOTIFIED' },
			};
			const signed = await authenticateRequest(data, { method: 'PATCH', url: `${endpoint.url}/findings/batchupdate`, body });
			expect(typeof signed.body).toBe('string');

			// Send exactly what n8n would send; the endpoint verifies the signature and the payload hash.
			const response = await fetch(signed.url, { method: 'PATCH', headers: signed.headers as Record<string, string>, body: signed.body as string });
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ ProcessedFindings: [{ Id: FINDING_ID }] });
			const call = endpoint.events.find((e) => e.eventName === 'BatchUpdateFindings');
			expect(call?.errorCode).toBeUndefined();
			expect(call?.userIdentity.sessionContext?.sessionIssuer.arn).toBe(TRIAGE_ROLE_ARN);
		} finally {
			await endpoint.close();
		}
	});
});
