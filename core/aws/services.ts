/**
 * The AWS SDK for JavaScript v3 clients bundled with the package, one entry per service.
 * Clients are loaded with require() on first use, so a workflow that calls SNS does not
 * load the EC2 client.
 */
export interface ServiceDefinition {
	/** Id used in node parameters, the catalog and the action map. */
	id: string;
	/** Label in the n8n UI. */
	name: string;
	/** npm package of the SDK client. */
	packageName: string;
	/** Exported client class, for example `SNSClient`. */
	clientName: string;
	/** IAM action prefix (`access-analyzer`, not `accessanalyzer`). */
	iamPrefix: string;
	/** Wire protocol, for documentation and the loopback endpoint. */
	protocol: 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';
}

export const SERVICES: readonly ServiceDefinition[] = [
	{ id: 'accessanalyzer', name: 'IAM Access Analyzer', packageName: '@aws-sdk/client-accessanalyzer', clientName: 'AccessAnalyzerClient', iamPrefix: 'access-analyzer', protocol: 'rest-json' },
	{ id: 'cloudformation', name: 'CloudFormation', packageName: '@aws-sdk/client-cloudformation', clientName: 'CloudFormationClient', iamPrefix: 'cloudformation', protocol: 'query' },
	{ id: 'cloudtrail', name: 'CloudTrail', packageName: '@aws-sdk/client-cloudtrail', clientName: 'CloudTrailClient', iamPrefix: 'cloudtrail', protocol: 'json' },
	{ id: 'config', name: 'AWS Config', packageName: '@aws-sdk/client-config-service', clientName: 'ConfigServiceClient', iamPrefix: 'config', protocol: 'json' },
	{ id: 'ec2', name: 'EC2', packageName: '@aws-sdk/client-ec2', clientName: 'EC2Client', iamPrefix: 'ec2', protocol: 'ec2' },
	{ id: 'ecs', name: 'ECS', packageName: '@aws-sdk/client-ecs', clientName: 'ECSClient', iamPrefix: 'ecs', protocol: 'json' },
	{ id: 'guardduty', name: 'GuardDuty', packageName: '@aws-sdk/client-guardduty', clientName: 'GuardDutyClient', iamPrefix: 'guardduty', protocol: 'rest-json' },
	{ id: 'iam', name: 'IAM', packageName: '@aws-sdk/client-iam', clientName: 'IAMClient', iamPrefix: 'iam', protocol: 'query' },
	{ id: 'inspector2', name: 'Inspector', packageName: '@aws-sdk/client-inspector2', clientName: 'Inspector2Client', iamPrefix: 'inspector2', protocol: 'rest-json' },
	{ id: 'lambda', name: 'Lambda', packageName: '@aws-sdk/client-lambda', clientName: 'LambdaClient', iamPrefix: 'lambda', protocol: 'rest-json' },
	{ id: 's3', name: 'S3', packageName: '@aws-sdk/client-s3', clientName: 'S3Client', iamPrefix: 's3', protocol: 'rest-xml' },
	{ id: 'securityhub', name: 'Security Hub', packageName: '@aws-sdk/client-securityhub', clientName: 'SecurityHubClient', iamPrefix: 'securityhub', protocol: 'rest-json' },
	{ id: 'sesv2', name: 'SES v2', packageName: '@aws-sdk/client-sesv2', clientName: 'SESv2Client', iamPrefix: 'ses', protocol: 'rest-json' },
	{ id: 'sns', name: 'SNS', packageName: '@aws-sdk/client-sns', clientName: 'SNSClient', iamPrefix: 'sns', protocol: 'query' },
	{ id: 'sqs', name: 'SQS', packageName: '@aws-sdk/client-sqs', clientName: 'SQSClient', iamPrefix: 'sqs', protocol: 'json' },
	{ id: 'ssm', name: 'Systems Manager', packageName: '@aws-sdk/client-ssm', clientName: 'SSMClient', iamPrefix: 'ssm', protocol: 'json' },
	{ id: 'sts', name: 'STS', packageName: '@aws-sdk/client-sts', clientName: 'STSClient', iamPrefix: 'sts', protocol: 'query' },
];

const BY_ID = new Map(SERVICES.map((service) => [service.id, service]));

/**
 * Looks up a bundled service.
 * @throws Error naming the unknown id and the bundled ones.
 */
export function getService(id: string): ServiceDefinition {
	const service = BY_ID.get(id);
	if (!service) {
		throw new Error(`Unknown service "${id}". Bundled services: ${SERVICES.map((s) => s.id).join(', ')}.`);
	}
	return service;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const modules = new Map<string, Record<string, any>>();

/** Loads the SDK client module of a service on first use and keeps it for the hot path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadServiceModule(service: ServiceDefinition): Record<string, any> {
	let module = modules.get(service.id);
	if (!module) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		module = require(service.packageName) as Record<string, unknown>;
		modules.set(service.id, module);
	}
	return module;
}

/** Operation names of a service, from the `*Command` classes its client exports. */
export function listOperations(service: ServiceDefinition): string[] {
	return Object.keys(loadServiceModule(service))
		.filter((name) => name.endsWith('Command') && name !== 'Command' && name !== '$Command')
		.map((name) => name.slice(0, -'Command'.length))
		.sort();
}
