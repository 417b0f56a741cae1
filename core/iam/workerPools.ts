/**
 * The worker-pool pattern: one n8n deployment per risk level, each with its own runtime
 * role. n8n's queue mode hands any execution to any worker of the queue, so separating
 * roles between workers takes separate queues (QUEUE_BULL_PREFIX, QUEUE_BULL_REDIS_DB) and
 * separate n8n databases (DB_POSTGRESDB_DATABASE), or separate instances.
 */
import type { WorkflowClassId } from '../catalog';
import type { IamConfig, WorkerPool } from './types';

/** Risk levels and their classes. Each class belongs to exactly one pool. */
const POOL_CLASSES: ReadonlyArray<{ id: string; classIds: WorkflowClassId[] }> = [
	{ id: 'enrichment', classIds: ['readOnlyEnrichment'] },
	{ id: 'ticketing', classIds: ['ticketingNotification', 'securityFindingTriage'] },
	{ id: 'response', classIds: ['quarantineContainment', 'identityAccessChanges', 'infrastructureChanges'] },
];

/**
 * Returns the pools that have at least one class in the config, with names derived from
 * the runtime role name (`n8n-task-runtime-enrichment`). Redis database 0 stays with the
 * existing single-pool deployment, so pools use 1, 2 and 3.
 */
export function planWorkerPools(config: IamConfig): WorkerPool[] {
	const configured = new Set(config.classes.map((entry) => entry.classId));
	return POOL_CLASSES.map((pool, index) => ({
		id: pool.id,
		serviceName: `n8n-worker-${pool.id}`,
		classIds: pool.classIds.filter((classId) => configured.has(classId)),
		runtimeRoleName: `${config.roles.taskRuntime}-${pool.id}`,
		queuePrefix: `n8n-${pool.id}`,
		redisDb: index + 1,
		database: `n8n_${pool.id}`,
	})).filter((pool) => pool.classIds.length > 0);
}

/** Environment of a pool's worker container, without hosts and secrets. */
export function workerEnvironment(pool: WorkerPool): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_PREFIX: pool.queuePrefix,
		QUEUE_BULL_REDIS_DB: String(pool.redisDb),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_DATABASE: pool.database,
	};
}
