/** Principals, roles and credentials shared by the end-to-end scenarios. */
import type { AwsEndpointOptions, EndpointPrincipal, PolicyDocument } from '../aws-endpoint';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const RUNTIME_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/n8n-runtime`;
export const TRIAGE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/n8n-triage`;
export const ENRICHMENT_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/n8n-enrichment`;

/** An IAM user's long-term keys, used as "Access Keys" source credentials. */
export const CI_USER: EndpointPrincipal = {
	accessKeyId: 'AKIAE2ECIUSER0000001',
	secretAccessKey: 'e2e-ci-user-secret-not-real',
	arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
};

/** The ECS task role session that the container credentials endpoint hands out. */
export const TASK_ROLE: EndpointPrincipal = {
	accessKeyId: 'ASIAE2ETASKROLE00001',
	secretAccessKey: 'e2e-task-role-secret-not-real',
	sessionToken: 'e2e-task-role-session-token-not-real',
	arn: `arn:aws:sts::${ACCOUNT}:assumed-role/n8n-runtime/task-1`,
	isRoleSession: true,
	policies: [allow(['sts:AssumeRole'], [TRIAGE_ROLE_ARN, ENRICHMENT_ROLE_ARN])],
};

export const CONTAINER_TOKEN = 'e2e-container-authorization-token';

/** Broad role policies: the session policy is what must narrow them. */
export function endpointOptions(): AwsEndpointOptions {
	const trust: PolicyDocument = {
		Version: '2012-10-17',
		Statement: [{ Effect: 'Allow', Principal: { AWS: [RUNTIME_ROLE_ARN, CI_USER.arn] }, Action: 'sts:AssumeRole' }],
	};
	return {
		accountId: ACCOUNT,
		principals: [CI_USER],
		roles: [
			{ arn: TRIAGE_ROLE_ARN, trustPolicy: trust, policies: [allow(['securityhub:*', 'ssm:*', 'sns:*'], ['*'])] },
			{ arn: ENRICHMENT_ROLE_ARN, trustPolicy: trust, policies: [allow(['securityhub:*', 'ssm:*', 'sns:*'], ['*'])] },
		],
		containerCredentials: { token: CONTAINER_TOKEN, principal: TASK_ROLE },
	};
}

function allow(actions: string[], resources: string[]): PolicyDocument {
	return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] };
}

/** Credential data of the AWS Scoped Role credential pointing at the loopback endpoint. */
export function credentialData(endpointUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
	return { region: REGION, stsEndpoint: endpointUrl, serviceEndpoint: endpointUrl, durationSeconds: 900, ...fields };
}

/** A finding the loopback endpoint's fake Security Hub data contains, and its product. */
export const FINDING_ID = `arn:aws:securityhub:us-east-1:${ACCOUNT}:finding/n8n-demo-01`;
export const FINDING_PRODUCT_ARN = 'arn:aws:securityhub:us-east-1::product/aws/securityhub';

export const FINDINGS_INPUT = JSON.stringify({
	FindingIdentifiers: [{ Id: FINDING_ID, ProductArn: FINDING_PRODUCT_ARN }],
	Workflow: { Status: 'NOTIFIED' },
});
