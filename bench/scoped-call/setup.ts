/** The IAM user, class role and API call that both ways of the benchmark use. */
import type { AwsEndpointOptions, EndpointPrincipal, PolicyDocument } from '../../test/aws-endpoint/types';
import type { ScopedSessionConfig } from '../../core/session/config';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/n8n-triage`;

/**
 * The IAM user whose static keys sign the baseline calls and the one AssumeRole. Its identity
 * policy matches the role's, so the endpoint authorizes both ways against the same grant.
 */
export const BENCH_USER: EndpointPrincipal = {
	accessKeyId: 'AKIABENCHUSER0000001',
	secretAccessKey: 'bench-user-secret-not-real',
	arn: `arn:aws:iam::${ACCOUNT}:user/bench`,
	policies: [allow(['securityhub:*'], ['*']), allow(['sts:AssumeRole'], [ROLE_ARN])],
};

/** The one API call of the benchmark: Security Hub BatchUpdateFindings on a finding the endpoint serves. */
export const CALL = {
	service: 'securityhub',
	operation: 'BatchUpdateFindings',
	input: {
		FindingIdentifiers: [
			{ Id: `arn:aws:securityhub:us-east-1:${ACCOUNT}:finding/n8n-demo-01`, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' },
		],
		Workflow: { Status: 'NOTIFIED' as const },
	},
};

/** The IAM action the call needs, for the evaluator-only measurement. */
export const CALL_ACTION = 'securityhub:BatchUpdateFindings';

/** The same n8n execution for every item, so the scoped way needs one session. */
export const EXECUTION = { workflowId: 'bench', executionId: '1' };

export function endpointOptions(): AwsEndpointOptions {
	const trust: PolicyDocument = {
		Version: '2012-10-17',
		Statement: [{ Effect: 'Allow', Principal: { AWS: BENCH_USER.arn }, Action: 'sts:AssumeRole' }],
	};
	return {
		accountId: ACCOUNT,
		principals: [BENCH_USER],
		roles: [{ arn: ROLE_ARN, trustPolicy: trust, policies: [allow(['securityhub:*'], ['*'])] }],
	};
}

/** Builds the class credential of the scoped way: security finding triage, with BENCH_USER's keys as the source. */
export function scopedConfig(endpointUrl: string): ScopedSessionConfig {
	return {
		RoleArn: ROLE_ARN,
		region: REGION,
		classId: 'securityFindingTriage',
		allowedRegions: [],
		options: [],
		source: { type: 'accessKeys', accessKeyId: BENCH_USER.accessKeyId, secretAccessKey: BENCH_USER.secretAccessKey },
		DurationSeconds: 900,
		sessionNameTemplate: 'n8n-{workflowId}-{executionId}',
		sessionTags: false,
		stsEndpoint: endpointUrl,
		serviceEndpoint: endpointUrl,
	};
}

function allow(actions: string[], resources: string[]): PolicyDocument {
	return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] };
}
