/** The runtime task role: the identity of the n8n process, which only assumes class roles. */
import { managedPolicyArn, roleArn } from '../arn';
import { POOL_TAG } from '../types';
import type { GeneratedManagedPolicy, GeneratedRole, IamConfig, WorkerPool } from '../types';
import { assumeActions, ecsTasksTrust, kindTags, pascal, POLICY_VERSION } from './common';

export const RUNTIME_BOUNDARY_LOGICAL_ID = 'RuntimeBoundaryPolicy';

/**
 * Builds a runtime task role that may assume the given class roles and nothing else.
 * With worker pools, each pool gets one, limited to the class roles of its classes.
 */
export function buildRuntimeRole(config: IamConfig, classRoleArns: string[], pool?: WorkerPool): GeneratedRole {
	const name = pool ? pool.runtimeRoleName : config.roles.taskRuntime;
	const scope = pool ? `the ${pool.serviceName} worker pool` : 'n8n';
	return {
		kind: 'task-runtime',
		logicalId: pool ? `TaskRuntimeRole${pascal(pool.id)}` : 'TaskRuntimeRole',
		roleName: name,
		arn: roleArn(config.partition, config.accountId, name),
		description: `ECS task role of ${scope}: may only assume its workflow class roles.`,
		trustPolicy: ecsTasksTrust(config),
		inlinePolicy: {
			name: 'assume-class-roles',
			document: {
				Version: POLICY_VERSION,
				Statement: [{ Sid: 'AssumeClassRoles', Effect: 'Allow', Action: assumeActions(config), Resource: classRoleArns }],
			},
		},
		managedPolicyArns: [],
		permissionsBoundary: RUNTIME_BOUNDARY_LOGICAL_ID,
		maxSessionDuration: 3600,
		tags: kindTags('task-runtime', pool ? { [POOL_TAG]: pool.id } : {}),
		notes: [],
		pool: pool?.id,
	};
}

/**
 * Builds the permissions boundary of the runtime roles. A policy added to a runtime role
 * later, by hand or by another stack, cannot grant more than assuming the class roles.
 */
export function buildRuntimeBoundary(config: IamConfig, classRoleArns: string[]): GeneratedManagedPolicy {
	const policyName = `${config.roles.taskRuntime}-boundary`;
	return {
		logicalId: RUNTIME_BOUNDARY_LOGICAL_ID,
		policyName,
		arn: managedPolicyArn(config.partition, config.accountId, policyName),
		description: 'Permissions boundary of the n8n runtime task roles: assume the workflow class roles only.',
		document: {
			Version: POLICY_VERSION,
			Statement: [{ Sid: 'AssumeClassRolesOnly', Effect: 'Allow', Action: assumeActions(config), Resource: classRoleArns }],
		},
	};
}
