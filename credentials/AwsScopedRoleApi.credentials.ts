import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateRequest, CREDENTIAL_TEST_HEADER } from '../nodes/shared/authenticate';
import { WORKFLOW_CLASSES } from '../core/catalog';
import { DEFAULT_SESSION_NAME_TEMPLATE } from '../core/session/sessionName';

const classOptions = [
	...WORKFLOW_CLASSES.map((workflowClass) => ({
		name: workflowClass.name,
		value: workflowClass.id,
		description: workflowClass.description,
	})),
	{ name: 'Custom', value: 'custom', description: 'Your own session policy JSON' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Workflow Class',
		name: 'workflowClass',
		type: 'options',
		options: classOptions,
		default: 'readOnlyEnrichment',
		description: 'What workflows using this credential may do. The session policy sent to STS allows only this class\'s actions.',
	},
	{
		displayName: 'Custom Policy',
		name: 'customPolicy',
		type: 'string',
		typeOptions: { rows: 10 },
		default: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["sns:Publish"], "Resource": "*" }\n  ]\n}',
		displayOptions: { show: { workflowClass: ['custom'] } },
		description: 'IAM policy JSON used as the session policy; at most 2,048 characters without whitespace',
	},
	{
		displayName: 'Allow SSM Run Command',
		name: 'ssmSendCommand',
		type: 'boolean',
		default: false,
		displayOptions: { show: { workflowClass: ['quarantineContainment'] } },
		description: 'Whether the class may also call ssm:SendCommand to run a containment command on an instance',
	},
	{
		displayName: 'Class Role ARN',
		name: 'roleArn',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'arn:aws:iam::111122223333:role/n8n-triage',
		description: 'IAM role of this workflow class. Its trust policy must allow the source credentials (usually the ECS task role).',
	},
	{
		displayName: 'Source Credentials',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'ECS Task Role or Default Provider Chain',
				value: 'chain',
				description: 'ECS container credentials, then environment variables, then web identity. Never the EC2 instance profile.',
			},
			{ name: 'Access Keys', value: 'accessKeys', description: 'An access key of an IAM user (or temporary keys)' },
		],
		default: 'chain',
		description: 'Credentials that call STS AssumeRole. They are never used to sign a service call.',
	},
	{
		displayName: 'Access Key ID',
		name: 'accessKeyId',
		type: 'string',
		default: '',
		displayOptions: { show: { source: ['accessKeys'] } },
	},
	{
		displayName: 'Secret Access Key',
		name: 'secretAccessKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { source: ['accessKeys'] } },
	},
	{
		displayName: 'Session Token',
		name: 'sessionToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { source: ['accessKeys'] } },
		description: 'Only for temporary keys. With a session token, sessions are capped at 3,600 s (role chaining).',
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'eu-central-1',
		description: 'Region of the STS endpoint and of the service calls',
	},
	{
		displayName: 'Allowed Regions',
		name: 'allowedRegions',
		type: 'string',
		default: '',
		placeholder: 'eu-central-1, eu-west-1',
		description: 'Comma-separated regions the session policy allows (global services such as IAM are exempt). Empty means only Region.',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Sent with AssumeRole when the role\'s trust policy requires sts:ExternalId',
	},
	{
		displayName: 'Session Duration',
		name: 'durationSeconds',
		type: 'number',
		typeOptions: { minValue: 900, maxValue: 43200 },
		default: 900,
		description: 'Lifetime of each scoped session in seconds (900-43,200). A role assumed from another role session, such as the ECS task role, is capped at 3,600.',
	},
	{
		displayName: 'Session Name Template',
		name: 'sessionNameTemplate',
		type: 'string',
		default: DEFAULT_SESSION_NAME_TEMPLATE,
		description: 'RoleSessionName, with {workflowId}, {executionId}, {class} and {workflowName}. Reduced to STS\'s characters and 64 characters; CloudTrail shows it.',
	},
	{
		displayName: 'Source Identity',
		name: 'sourceIdentity',
		type: 'string',
		default: '',
		description: 'Optional STS SourceIdentity, recorded in CloudTrail for every later call. The trust policy must allow sts:SetSourceIdentity.',
	},
	{
		displayName: 'Session Tags',
		name: 'sessionTags',
		type: 'boolean',
		default: false,
		description: 'Whether to tag sessions with WorkflowClass and WorkflowId. The trust policy must allow sts:TagSession.',
	},
	{
		displayName: 'STS Endpoint Override',
		name: 'stsEndpoint',
		type: 'string',
		default: '',
		placeholder: 'https://vpce-0123-abcd.sts.eu-central-1.vpce.amazonaws.com',
		description: 'STS endpoint URL instead of the regional one, for example an interface VPC endpoint',
	},
	{
		displayName: 'Service Endpoint Override',
		name: 'serviceEndpoint',
		type: 'string',
		default: '',
		description: 'Endpoint URL for every service call instead of AWS\'s, for example a VPC endpoint or a local test endpoint',
	},
	{
		displayName: 'Signing Service for Custom Endpoints',
		name: 'signingService',
		type: 'string',
		default: '',
		placeholder: 'execute-api',
		description: 'SigV4 service name for HTTP Request node calls to hosts that are not *.amazonaws.com',
	},
];

export class AwsScopedRoleApi implements ICredentialType {
	name = 'awsScopedRoleApi';

	displayName = 'AWS Scoped Role';

	icon = 'file:awsScoped.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-aws-scoped';

	properties = properties;

	/**
	 * Signs requests of the HTTP Request node with the class's scoped session. The same path
	 * runs the credential test below, which assumes the role with the session policy and
	 * calls GetCallerIdentity.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return authenticateRequest(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.stsEndpoint ? $credentials.stsEndpoint : "https://sts." + $credentials.region + ($credentials.region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com")}}',
			url: '/',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', [CREDENTIAL_TEST_HEADER]: '1' },
			body: 'Action=GetCallerIdentity&Version=2011-06-15',
		},
	};
}
