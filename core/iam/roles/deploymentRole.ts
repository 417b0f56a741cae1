/** The deployment role: what a pipeline needs to roll out a new n8n task definition. */
import type { PolicyStatement } from '../../policy/types';
import { roleArn } from '../arn';
import { ECS_TASKS_PRINCIPAL } from '../types';
import type { GeneratedRole, IamConfig } from '../types';
import { kindTags, POLICY_VERSION } from './common';

export interface DeploymentScope {
	services: string[];
	taskFamilies: string[];
	/** ARNs of the execution and runtime roles that task definitions may name. */
	passableRoleArns: string[];
}

/**
 * Builds the deployment role: register task definitions of the named families, update the
 * named services, and pass only the execution and runtime roles, only to ECS tasks.
 */
export function buildDeploymentRole(config: IamConfig, scope: DeploymentScope): GeneratedRole {
	const { partition, region, accountId } = config;
	const ecsArn = (resource: string): string => `arn:${partition}:ecs:${region}:${accountId}:${resource}`;
	const statements: PolicyStatement[] = [
		{
			Sid: 'RegisterTaskDefinitions',
			Effect: 'Allow',
			Action: 'ecs:RegisterTaskDefinition',
			Resource: scope.taskFamilies.map((family) => ecsArn(`task-definition/${family}:*`)),
		},
		// DescribeTaskDefinition has no resource type, so IAM accepts only "*" here.
		{ Sid: 'ReadTaskDefinitions', Effect: 'Allow', Action: 'ecs:DescribeTaskDefinition', Resource: '*' },
		{
			Sid: 'UpdateServices',
			Effect: 'Allow',
			Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
			Resource: scope.services.map((service) => ecsArn(`service/${config.ecs.cluster}/${service}`)),
		},
		{
			Sid: 'PassTaskRolesToEcsTasks',
			Effect: 'Allow',
			Action: 'iam:PassRole',
			Resource: scope.passableRoleArns,
			Condition: { StringEquals: { 'iam:PassedToService': ECS_TASKS_PRINCIPAL } },
		},
	];
	const name = config.roles.deployment;
	return {
		kind: 'deployment',
		logicalId: 'DeploymentRole',
		roleName: name,
		arn: roleArn(partition, accountId, name),
		description: 'Deployment role of n8n: registers task definitions, updates the n8n services and passes only the n8n task roles.',
		trustPolicy: {
			Version: POLICY_VERSION,
			Statement: [{ Sid: 'DeploymentPrincipals', Effect: 'Allow', Principal: { AWS: config.deployment.principals }, Action: 'sts:AssumeRole' }],
		},
		inlinePolicy: { name: 'deploy-n8n', document: { Version: POLICY_VERSION, Statement: statements } },
		managedPolicyArns: [],
		maxSessionDuration: 3600,
		tags: kindTags('deployment'),
		notes: [],
	};
}
