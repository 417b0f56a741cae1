/** The task execution role: what ECS itself needs to start the n8n container. */
import type { PolicyStatement } from '../../policy/types';
import { dnsSuffix, parseArn, roleArn } from '../arn';
import type { GeneratedRole, IamConfig } from '../types';
import { ecsTasksTrust, kindTags, POLICY_VERSION } from './common';

/**
 * Builds the task execution role: pull the image, write the log group, read the startup
 * secrets. It holds no application permission, because ECS, not n8n, uses it.
 */
export function buildExecutionRole(config: IamConfig): GeneratedRole {
	const statements: PolicyStatement[] = [...imagePullStatements(config), logStatement(config), ...secretStatements(config)];
	const name = config.roles.taskExecution;
	return {
		kind: 'task-execution',
		logicalId: 'TaskExecutionRole',
		roleName: name,
		arn: roleArn(config.partition, config.accountId, name),
		description: 'ECS task execution role of n8n: pulls the image, writes the log group and reads the startup secrets.',
		trustPolicy: ecsTasksTrust(config),
		inlinePolicy: { name: 'task-execution', document: { Version: POLICY_VERSION, Statement: statements } },
		managedPolicyArns: [],
		maxSessionDuration: 3600,
		tags: kindTags('task-execution'),
		notes: [],
	};
}

function imagePullStatements(config: IamConfig): PolicyStatement[] {
	const repository = config.ecs.imageRepository;
	if (repository === undefined) return [];
	const repositoryArn = repository.startsWith('arn:') ? repository : `arn:${config.partition}:ecr:${config.region}:${config.accountId}:repository/${repository}`;
	return [
		// GetAuthorizationToken has no resource type, so IAM accepts only "*" here.
		{ Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
		{
			Sid: 'PullImage',
			Effect: 'Allow',
			Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
			Resource: repositoryArn,
		},
	];
}

function logStatement(config: IamConfig): PolicyStatement {
	const { partition, region, accountId } = config;
	return {
		Sid: 'WriteLogGroup',
		Effect: 'Allow',
		Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
		Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:${config.ecs.logGroup}:*`,
	};
}

function secretStatements(config: IamConfig): PolicyStatement[] {
	const secrets = config.startupSecrets.secrets.map((secret) => secret.arn);
	const secretArns = secrets.filter((arn) => parseArn(arn)?.service === 'secretsmanager');
	const parameterArns = secrets.filter((arn) => parseArn(arn)?.service === 'ssm');
	const statements: PolicyStatement[] = [];
	if (secretArns.length > 0) {
		statements.push({ Sid: 'ReadStartupSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
	}
	if (parameterArns.length > 0) {
		statements.push({ Sid: 'ReadStartupParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameterArns });
	}

	const keyArn = config.startupSecrets.kmsKeyArn;
	if (keyArn !== undefined && statements.length > 0) {
		// kms:ViaService limits the decrypt to requests that Secrets Manager or SSM make on the task's behalf.
		const viaServices = [...new Set(secrets.map((arn) => viaService(arn, config)))];
		statements.push({
			Sid: 'DecryptStartupSecrets',
			Effect: 'Allow',
			Action: 'kms:Decrypt',
			Resource: keyArn,
			Condition: { StringEquals: { 'kms:ViaService': viaServices.length === 1 ? viaServices[0] : viaServices } },
		});
	}
	return statements;
}

/** `secretsmanager.eu-west-1.amazonaws.com`: the endpoint that serves the secret or parameter. */
function viaService(arn: string, config: IamConfig): string {
	const parsed = parseArn(arn);
	return `${parsed?.service ?? ''}.${parsed?.region || config.region}.${dnsSuffix(config.partition)}`;
}
