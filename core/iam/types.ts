/** Types shared by the role generator and the role lint. */
import type { ClassOption, WorkflowClassId } from '../catalog';
import type { ConditionBlock, PolicyDocument } from '../policy/types';

/** IAM partitions the generator supports. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** The part each n8n role plays, stored on the role as the `n8n-aws-scoped:role` tag. */
export type RoleKind = 'task-execution' | 'task-runtime' | 'class' | 'deployment' | 'break-glass';
export const ROLE_KINDS: readonly RoleKind[] = ['task-execution', 'task-runtime', 'class', 'deployment', 'break-glass'];

/** Tag keys the generator puts on every role, so that the lint can tell the roles apart. */
export const ROLE_KIND_TAG = 'n8n-aws-scoped:role';
export const CLASS_TAG = 'n8n-aws-scoped:class';
export const POOL_TAG = 'n8n-aws-scoped:pool';

/** Service principal of ECS tasks, the same in all three partitions. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

/** Role chaining limits the session of a role assumed with role credentials to one hour. */
export const ROLE_CHAINING_MAX_SESSION_SECONDS = 3600;

/** IAM quotas, counted without whitespace. */
export const TRUST_POLICY_MAX_LENGTH = 2048;
export const INLINE_ROLE_POLICIES_MAX_LENGTH = 10240;
export const MANAGED_POLICY_MAX_LENGTH = 6144;

/** `Principal` element of a trust policy. */
export type Principal = '*' | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export interface TrustStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Principal?: Principal;
	NotPrincipal?: Principal;
	Action: string | string[];
	Condition?: ConditionBlock;
}

export interface TrustPolicyDocument {
	Version: string;
	Statement: TrustStatement[];
}

/** A startup secret that ECS injects into the container as an environment variable. */
export interface StartupSecret {
	/** Environment variable name in the container, for example `N8N_ENCRYPTION_KEY`. */
	name: string;
	/** Secrets Manager secret ARN or Systems Manager parameter ARN. */
	arn: string;
}

export interface ClassRoleConfig {
	classId: WorkflowClassId;
	roleName: string;
	/** Optional action groups of the class that the role allows (for example ssmSendCommand). */
	options: ClassOption[];
}

/** Validated generator configuration. examples/iam/config.yaml describes every field. */
export interface IamConfig {
	accountId: string;
	partition: Partition;
	/** Region of the ECS cluster, log group and image repository. */
	region: string;
	/** Regions the class roles may call. The class roles deny every other region. */
	allowedRegions: string[];
	ecs: {
		cluster: string;
		services: string[];
		taskFamilies: string[];
		logGroup: string;
		/** ECR repository name or ARN, absent when the image comes from a public registry. */
		imageRepository?: string;
	};
	startupSecrets: { secrets: StartupSecret[]; kmsKeyArn?: string };
	roles: { taskExecution: string; taskRuntime: string; deployment: string; breakGlass: string };
	classes: ClassRoleConfig[];
	assumeRole: { externalId: boolean; sessionTags: boolean; sourceIdentity: boolean };
	deployment: { principals: string[] };
	breakGlass: { principals: string[]; managedPolicyArns: string[] };
}

/** One IAM role as the generator writes it. */
export interface GeneratedRole {
	kind: RoleKind;
	/** Resource name in the CloudFormation template (PascalCase) and Terraform (snake_case). */
	logicalId: string;
	roleName: string;
	arn: string;
	description: string;
	trustPolicy: TrustPolicyDocument;
	/** Inline policy name and document, absent when the role has only managed policies. */
	inlinePolicy?: { name: string; document: PolicyDocument };
	managedPolicyArns: string[];
	/** Logical id of a generated managed policy used as the permissions boundary. */
	permissionsBoundary?: string;
	/** Seconds, 3,600 to 43,200 in IAM. */
	maxSessionDuration: number;
	tags: Record<string, string>;
	/** Facts an operator needs when applying the role (alarms, placeholders). */
	notes: string[];
	classId?: WorkflowClassId;
	pool?: string;
}

/** A customer managed policy that the generator writes (the runtime permissions boundary). */
export interface GeneratedManagedPolicy {
	logicalId: string;
	policyName: string;
	arn: string;
	description: string;
	document: PolicyDocument;
}

export interface GeneratedRoleSet {
	config: IamConfig;
	roles: GeneratedRole[];
	managedPolicies: GeneratedManagedPolicy[];
	/** Worker pools, present only when the generator was asked for them. */
	workerPools?: WorkerPool[];
}

/**
 * One n8n deployment of the worker-pool pattern. n8n does not route workflows to chosen
 * workers of one queue, so each pool has its own Bull queue prefix, Redis database and
 * n8n database, and its own runtime role.
 */
export interface WorkerPool {
	id: string;
	/** ECS service name and task definition family, for example `n8n-worker-enrichment`. */
	serviceName: string;
	classIds: WorkflowClassId[];
	runtimeRoleName: string;
	/** Value of n8n's QUEUE_BULL_PREFIX. */
	queuePrefix: string;
	/** Value of n8n's QUEUE_BULL_REDIS_DB. */
	redisDb: number;
	/** Value of n8n's DB_POSTGRESDB_DATABASE. */
	database: string;
}
