/**
 * Reads and checks the generator config (YAML or JSON). Every problem is collected, so one
 * run names every field to fix. examples/iam/config.yaml documents each field.
 */
import { safeLoad } from 'js-yaml';

import { isWorkflowClassId, WORKFLOW_CLASSES } from '../catalog';
import type { ClassOption, WorkflowClassId } from '../catalog';
import { parseArn } from './arn';
import { IamInputError } from './errors';
import type { IamInputIssue } from './errors';
import { PARTITIONS } from './types';
import type { ClassRoleConfig, IamConfig, Partition, StartupSecret } from './types';

const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
/** IAM role names: 1-64 characters from letters, digits and `+=,.@_-`. */
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
const ECS_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLASS_OPTIONS: readonly ClassOption[] = ['ssmSendCommand'];

const TOP_LEVEL_FIELDS = ['account', 'ecs', 'startupSecrets', 'roles', 'classes', 'assumeRole', 'deployment', 'breakGlass'];

type Fields = Record<string, unknown>;

/**
 * Parses a generator config from YAML or JSON text.
 * @param source file name used in error messages
 * @throws IamInputError listing each invalid or missing field and the fix
 */
export function parseIamConfig(text: string, source: string): IamConfig {
	let value: unknown;
	try {
		value = safeLoad(text);
	} catch (error) {
		throw new IamInputError(source, [{ field: '(file)', message: `is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` }]);
	}
	const reader = new ConfigReader();
	const root = reader.object(value, '(file)');
	if (!root) throw new IamInputError(source, reader.issues);

	reader.unknownFields(root, '', TOP_LEVEL_FIELDS);
	const config = readConfig(reader, root);
	checkRoleNamesUnique(reader, config);
	if (reader.issues.length > 0) throw new IamInputError(source, reader.issues);
	return config;
}

function readConfig(reader: ConfigReader, root: Fields): IamConfig {
	const account = reader.object(root.account, 'account') ?? {};
	reader.unknownFields(account, 'account', ['id', 'partition', 'region', 'allowedRegions']);
	const accountId = readAccountId(reader, account.id);
	const partition = readPartition(reader, account.partition);
	const region = readRegion(reader, account.region, 'account.region', partition) ?? '';
	const allowedRegions =
		account.allowedRegions === undefined
			? [region]
			: reader.strings(account.allowedRegions, 'account.allowedRegions').map((entry, index) => readRegion(reader, entry, `account.allowedRegions[${index}]`, partition) ?? '');

	return {
		accountId,
		partition,
		region,
		allowedRegions,
		ecs: readEcs(reader, root.ecs, partition),
		startupSecrets: readStartupSecrets(reader, root.startupSecrets, partition),
		roles: readRoles(reader, root.roles),
		classes: readClasses(reader, root.classes),
		assumeRole: readAssumeRole(reader, root.assumeRole),
		deployment: readDeployment(reader, root.deployment, partition),
		breakGlass: readBreakGlass(reader, root.breakGlass, partition),
	};
}

function readAccountId(reader: ConfigReader, value: unknown): string {
	if (value === undefined) {
		reader.issue('account.id', 'is missing. Set it to the 12-digit id of the AWS account that runs n8n, in quotes.');
		return '';
	}
	if (typeof value === 'number') {
		reader.issue('account.id', `is the number ${value}. Write the 12-digit account id in quotes, for example "012345678901", because YAML drops leading zeros of numbers.`);
		return '';
	}
	if (typeof value !== 'string' || !ACCOUNT_ID_PATTERN.test(value)) {
		reader.issue('account.id', `${JSON.stringify(value)} is not 12 digits. Set it to the 12-digit AWS account id, for example "123456789012".`);
		return '';
	}
	return value;
}

function readPartition(reader: ConfigReader, value: unknown): Partition {
	if (value === undefined) return 'aws';
	if (typeof value === 'string' && (PARTITIONS as readonly string[]).includes(value)) return value as Partition;
	reader.issue('account.partition', `${JSON.stringify(value)} is not a supported partition. Use one of: ${PARTITIONS.join(', ')}.`);
	return 'aws';
}

function readRegion(reader: ConfigReader, value: unknown, field: string, partition: Partition): string | undefined {
	const region = reader.string(value, field);
	if (region === undefined) return undefined;
	if (!REGION_PATTERN.test(region)) {
		reader.issue(field, `"${region}" is not a region name. Use a name such as eu-west-1.`);
		return undefined;
	}
	const expected: Partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
	if (expected !== partition) {
		reader.issue(field, `"${region}" is a region of partition ${expected}, but account.partition is ${partition}. Change one of them.`);
	}
	return region;
}

function readEcs(reader: ConfigReader, value: unknown, partition: Partition): IamConfig['ecs'] {
	const ecs = reader.object(value, 'ecs') ?? {};
	reader.unknownFields(ecs, 'ecs', ['cluster', 'services', 'taskFamilies', 'logGroup', 'imageRepository']);
	const cluster = reader.name(ecs.cluster, 'ecs.cluster', ECS_NAME_PATTERN, 'letters, digits, - and _') ?? '';
	const services = reader.nonEmptyStrings(ecs.services, 'ecs.services', 'the ECS service names of n8n, for example [n8n-main, n8n-worker]');
	services.forEach((service, index) => reader.name(service, `ecs.services[${index}]`, ECS_NAME_PATTERN, 'letters, digits, - and _'));
	const taskFamilies = ecs.taskFamilies === undefined ? [...services] : reader.strings(ecs.taskFamilies, 'ecs.taskFamilies');
	const logGroup = reader.string(ecs.logGroup, 'ecs.logGroup') ?? '';

	let imageRepository: string | undefined;
	if (ecs.imageRepository !== undefined) {
		imageRepository = reader.string(ecs.imageRepository, 'ecs.imageRepository');
		if (imageRepository?.startsWith('arn:')) reader.arnOf(imageRepository, 'ecs.imageRepository', partition, 'ecr', 'repository/');
	}
	return { cluster, services, taskFamilies, logGroup, imageRepository };
}

function readStartupSecrets(reader: ConfigReader, value: unknown, partition: Partition): IamConfig['startupSecrets'] {
	if (value === undefined) return { secrets: [] };
	const block = reader.object(value, 'startupSecrets') ?? {};
	reader.unknownFields(block, 'startupSecrets', ['secrets', 'kmsKeyArn']);
	const secrets: StartupSecret[] = [];
	reader.list(block.secrets ?? [], 'startupSecrets.secrets').forEach((entry, index) => {
		const field = `startupSecrets.secrets[${index}]`;
		const secret = reader.object(entry, field);
		if (!secret) return;
		reader.unknownFields(secret, field, ['name', 'arn']);
		const name = reader.name(secret.name, `${field}.name`, ENV_NAME_PATTERN, 'an environment variable name such as N8N_ENCRYPTION_KEY');
		const arn = reader.string(secret.arn, `${field}.arn`);
		if (arn !== undefined) readSecretArn(reader, arn, `${field}.arn`, partition);
		if (name !== undefined && arn !== undefined) secrets.push({ name, arn });
	});
	let kmsKeyArn: string | undefined;
	if (block.kmsKeyArn !== undefined) {
		kmsKeyArn = reader.string(block.kmsKeyArn, 'startupSecrets.kmsKeyArn');
		if (kmsKeyArn !== undefined) reader.arnOf(kmsKeyArn, 'startupSecrets.kmsKeyArn', partition, 'kms', 'key/');
	}
	return { secrets, kmsKeyArn };
}

function readSecretArn(reader: ConfigReader, arn: string, field: string, partition: Partition): void {
	const parsed = parseArn(arn);
	const isSecret = parsed?.service === 'secretsmanager' && parsed.resource.startsWith('secret:');
	const isParameter = parsed?.service === 'ssm' && parsed.resource.startsWith('parameter/');
	if (!parsed || !(isSecret || isParameter)) {
		reader.issue(field, `"${arn}" is not a Secrets Manager secret ARN (arn:${partition}:secretsmanager:REGION:ACCOUNT:secret:NAME) or an SSM parameter ARN (arn:${partition}:ssm:REGION:ACCOUNT:parameter/NAME).`);
		return;
	}
	if (parsed.partition !== partition) {
		reader.issue(field, `"${arn}" is in partition ${parsed.partition}, but account.partition is ${partition}. Use a secret of partition ${partition} or change account.partition.`);
	}
}

function readRoles(reader: ConfigReader, value: unknown): IamConfig['roles'] {
	const roles = reader.object(value, 'roles') ?? {};
	reader.unknownFields(roles, 'roles', ['taskExecution', 'taskRuntime', 'deployment', 'breakGlass']);
	const roleName = (key: string): string => readRoleName(reader, roles[key], `roles.${key}`) ?? '';
	return { taskExecution: roleName('taskExecution'), taskRuntime: roleName('taskRuntime'), deployment: roleName('deployment'), breakGlass: roleName('breakGlass') };
}

function readRoleName(reader: ConfigReader, value: unknown, field: string): string | undefined {
	return reader.name(value, field, ROLE_NAME_PATTERN, 'at most 64 letters, digits and +=,.@_-');
}

function readClasses(reader: ConfigReader, value: unknown): ClassRoleConfig[] {
	const known = WORKFLOW_CLASSES.map((definition) => definition.id).join(', ');
	const block = reader.object(value, 'classes');
	if (!block) return [];
	if (Object.keys(block).length === 0) reader.issue('classes', `is empty. Add at least one workflow class, one of: ${known}.`);

	const classes: ClassRoleConfig[] = [];
	for (const [classId, entry] of Object.entries(block)) {
		const field = `classes.${classId}`;
		if (!isWorkflowClassId(classId)) {
			reader.issue(field, `"${classId}" is not a workflow class. Use one of: ${known}.`);
			continue;
		}
		const settings = reader.object(entry, field);
		if (!settings) continue;
		reader.unknownFields(settings, field, ['roleName', 'options']);
		const roleName = readRoleName(reader, settings.roleName, `${field}.roleName`);
		const options = readClassOptions(reader, settings.options, `${field}.options`);
		if (roleName !== undefined) classes.push({ classId: classId as WorkflowClassId, roleName, options });
	}
	return classes;
}

function readClassOptions(reader: ConfigReader, value: unknown, field: string): ClassOption[] {
	if (value === undefined) return [];
	return reader.strings(value, field).filter((option) => {
		if ((CLASS_OPTIONS as readonly string[]).includes(option)) return true;
		reader.issue(field, `"${option}" is not a class option. Use one of: ${CLASS_OPTIONS.join(', ')}.`);
		return false;
	}) as ClassOption[];
}

function readAssumeRole(reader: ConfigReader, value: unknown): IamConfig['assumeRole'] {
	if (value === undefined) return { externalId: false, sessionTags: false, sourceIdentity: false };
	const block = reader.object(value, 'assumeRole') ?? {};
	reader.unknownFields(block, 'assumeRole', ['externalId', 'sessionTags', 'sourceIdentity']);
	return {
		externalId: reader.boolean(block.externalId, 'assumeRole.externalId'),
		sessionTags: reader.boolean(block.sessionTags, 'assumeRole.sessionTags'),
		sourceIdentity: reader.boolean(block.sourceIdentity, 'assumeRole.sourceIdentity'),
	};
}

function readDeployment(reader: ConfigReader, value: unknown, partition: Partition): IamConfig['deployment'] {
	const block = reader.object(value, 'deployment') ?? {};
	reader.unknownFields(block, 'deployment', ['principals']);
	return { principals: readPrincipals(reader, block, 'deployment', partition) };
}

function readPrincipals(reader: ConfigReader, block: Fields, field: string, partition: Partition): string[] {
	const principals = reader.nonEmptyStrings(block.principals, `${field}.principals`, 'the ARNs of the IAM roles or users that may assume this role');
	principals.forEach((principal, index) => reader.arnOf(principal, `${field}.principals[${index}]`, partition, 'iam', ''));
	return principals;
}

function readBreakGlass(reader: ConfigReader, value: unknown, partition: Partition): IamConfig['breakGlass'] {
	const block = reader.object(value, 'breakGlass') ?? {};
	reader.unknownFields(block, 'breakGlass', ['principals', 'managedPolicyArns']);
	const principals = readPrincipals(reader, block, 'breakGlass', partition);
	const managedPolicyArns =
		block.managedPolicyArns === undefined ? [`arn:${partition}:iam::aws:policy/AdministratorAccess`] : reader.strings(block.managedPolicyArns, 'breakGlass.managedPolicyArns');
	managedPolicyArns.forEach((arn, index) => reader.arnOf(arn, `breakGlass.managedPolicyArns[${index}]`, partition, 'iam', 'policy/'));
	return { principals, managedPolicyArns };
}

/** Rejects a role name given to two roles, because IAM role names are unique in an account. */
function checkRoleNamesUnique(reader: ConfigReader, config: IamConfig): void {
	const seen = new Map<string, string>();
	const named: Array<[string, string]> = [
		['roles.taskExecution', config.roles.taskExecution],
		['roles.taskRuntime', config.roles.taskRuntime],
		['roles.deployment', config.roles.deployment],
		['roles.breakGlass', config.roles.breakGlass],
		...config.classes.map((entry): [string, string] => [`classes.${entry.classId}.roleName`, entry.roleName]),
	];
	for (const [field, name] of named) {
		if (name === '') continue;
		// IAM compares role names without regard to case.
		const key = name.toLowerCase();
		const first = seen.get(key);
		if (first) reader.issue(field, `role name "${name}" is already used by ${first}. Give each role its own name.`);
		else seen.set(key, field);
	}
}

/** Typed field access that records an issue for each missing or invalid value. */
class ConfigReader {
	readonly issues: IamInputIssue[] = [];

	issue(field: string, message: string): void {
		this.issues.push({ field, message });
	}

	object(value: unknown, field: string): Fields | undefined {
		if (value === undefined || value === null) {
			this.issue(field, 'is missing. Add it; examples/iam/config.yaml shows every field.');
			return undefined;
		}
		if (typeof value !== 'object' || Array.isArray(value)) {
			this.issue(field, `must be a mapping of fields, not ${JSON.stringify(value)}.`);
			return undefined;
		}
		return value as Fields;
	}

	unknownFields(value: Fields, field: string, known: string[]): void {
		for (const key of Object.keys(value)) {
			if (!known.includes(key)) this.issue(field === '' ? key : `${field}.${key}`, `is not a known field. Remove it or use one of: ${known.join(', ')}.`);
		}
	}

	string(value: unknown, field: string): string | undefined {
		if (value === undefined || value === null || value === '') {
			this.issue(field, 'is missing. Add it; examples/iam/config.yaml shows every field.');
			return undefined;
		}
		if (typeof value !== 'string') {
			this.issue(field, `must be a string, not ${JSON.stringify(value)}. Put the value in quotes.`);
			return undefined;
		}
		return value;
	}

	name(value: unknown, field: string, pattern: RegExp, allowed: string): string | undefined {
		const text = this.string(value, field);
		if (text !== undefined && !pattern.test(text)) {
			this.issue(field, `"${text}" is not a valid name. Use ${allowed}.`);
			return undefined;
		}
		return text;
	}

	boolean(value: unknown, field: string): boolean {
		if (value === undefined) return false;
		if (typeof value === 'boolean') return value;
		this.issue(field, `must be true or false, not ${JSON.stringify(value)}.`);
		return false;
	}

	list(value: unknown, field: string): unknown[] {
		if (Array.isArray(value)) return value;
		this.issue(field, `must be a list, not ${JSON.stringify(value)}.`);
		return [];
	}

	strings(value: unknown, field: string): string[] {
		return this.list(value, field).flatMap((entry, index) => this.string(entry, `${field}[${index}]`) ?? []);
	}

	nonEmptyStrings(value: unknown, field: string, expectedContent: string): string[] {
		if (value === undefined || (Array.isArray(value) && value.length === 0)) {
			this.issue(field, `is missing or empty. List ${expectedContent}.`);
			return [];
		}
		return this.strings(value, field);
	}

	/** Checks that `text` is an ARN of `partition` and `service` whose resource starts with `resourcePrefix`. */
	arnOf(text: string, field: string, partition: Partition, service: string, resourcePrefix: string): void {
		const parsed = parseArn(text);
		if (!parsed || parsed.service !== service || !parsed.resource.startsWith(resourcePrefix)) {
			this.issue(field, `"${text}" is not an ARN of the form arn:${partition}:${service}:...:${resourcePrefix}... Use the full ARN.`);
		} else if (parsed.partition !== partition) {
			this.issue(field, `"${text}" is in partition ${parsed.partition}, but account.partition is ${partition}. Use an ARN of partition ${partition} or change account.partition.`);
		}
	}
}
