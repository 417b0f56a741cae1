/** Entry point of the role generator. */
import { IamInputError } from './errors';
import { buildBreakGlassRole } from './roles/breakGlassRole';
import { buildClassRole } from './roles/classRole';
import { buildDeploymentRole } from './roles/deploymentRole';
import { buildExecutionRole } from './roles/executionRole';
import { buildRuntimeBoundary, buildRuntimeRole } from './roles/runtimeRole';
import { roleArn } from './arn';
import type { GeneratedRole, GeneratedRoleSet, IamConfig } from './types';
import { planWorkerPools } from './workerPools';

export interface GenerateOptions {
	/** Write one runtime role, ECS service and task definition per worker pool. Default false. */
	workerPools?: boolean;
}

/**
 * Builds every role of an n8n deployment on ECS from a checked config (see parseIamConfig):
 * task execution, runtime task role (one per pool with `workerPools`), one role per
 * configured workflow class, deployment and break-glass.
 */
export function generateRoles(config: IamConfig, options: GenerateOptions = {}): GeneratedRoleSet {
	const classArn = (roleName: string): string => roleArn(config.partition, config.accountId, roleName);
	const allClassArns = config.classes.map((entry) => classArn(entry.roleName));
	const pools = options.workerPools ? planWorkerPools(config) : undefined;
	if (pools) checkPoolRoleNames(config, pools.map((pool) => pool.runtimeRoleName));

	const runtimeRoles = pools
		? pools.map((pool) => buildRuntimeRole(config, config.classes.filter((entry) => pool.classIds.includes(entry.classId)).map((entry) => classArn(entry.roleName)), pool))
		: [buildRuntimeRole(config, allClassArns)];
	const classRoles = config.classes.map((entry) => {
		const trusted = pools ? runtimeRoles.filter((role) => pools.find((pool) => pool.id === role.pool)?.classIds.includes(entry.classId)) : runtimeRoles;
		return buildClassRole(config, entry, trusted.map((role) => role.arn));
	});
	const executionRole = buildExecutionRole(config);

	const poolServices = pools?.map((pool) => pool.serviceName) ?? [];
	const deploymentRole = buildDeploymentRole(config, {
		services: [...config.ecs.services, ...poolServices],
		taskFamilies: [...config.ecs.taskFamilies, ...poolServices],
		passableRoleArns: [executionRole.arn, ...runtimeRoles.map((role) => role.arn)],
	});

	const roles: GeneratedRole[] = [executionRole, ...runtimeRoles, ...classRoles, deploymentRole, buildBreakGlassRole(config)];
	return { config, roles, managedPolicies: [buildRuntimeBoundary(config, allClassArns)], workerPools: pools };
}

/** Pool runtime role names are derived, so they can collide with a configured name. */
function checkPoolRoleNames(config: IamConfig, poolRoleNames: string[]): void {
	const configured = [...Object.values(config.roles), ...config.classes.map((entry) => entry.roleName)].map((name) => name.toLowerCase());
	const issues = poolRoleNames.flatMap((name) => {
		if (name.length > 64) return [{ field: 'roles.taskRuntime', message: `the worker-pool runtime role name "${name}" is longer than 64 characters. Choose a shorter roles.taskRuntime.` }];
		if (configured.includes(name.toLowerCase())) return [{ field: 'roles.taskRuntime', message: `the worker-pool runtime role name "${name}" is already used by another role. Rename that role or roles.taskRuntime.` }];
		return [];
	});
	if (issues.length > 0) throw new IamInputError('The config', issues);
}
