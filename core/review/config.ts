import { isWorkflowClassId, WORKFLOW_CLASSES } from '../catalog';
import type { ClassOption, WorkflowClassId } from '../catalog';
import { DEFAULT_SESSION_NAME_TEMPLATE, validateSessionNameTemplate } from '../session/sessionName';
import { SEVERITIES } from './types';
import type { Severity } from './types';

/** A class role: the IAM role a workflow class's credential assumes. */
export interface ClassRoleConfig {
	roleArn: string;
	classId: WorkflowClassId;
	/** Regions of the credential's region rule; default none (no region statement in the session policy). */
	allowedRegions: string[];
	/** Optional action groups the credential turns on, for example `ssmSendCommand`; default none. */
	options: ClassOption[];
}

/** Settings of one review, read from the JSON config file or the node's parameters. */
export interface ReviewConfig {
	/** ARNs of the n8n task (runtime) roles, which should only call sts:AssumeRole. */
	runtimeRoleArns: string[];
	classRoles: ClassRoleConfig[];
	/** Template that built the RoleSessionName; default `n8n-{workflowId}-{executionId}`. */
	sessionNameTemplate: string;
	/** Regions the n8n roles are expected in; empty turns the region check off. */
	expectedRegions: string[];
	/** 12-digit account ids the events are expected in; empty turns the account check off. */
	expectedAccounts: string[];
	/** Baseline file for the new-action check, relative to the config file; optional. */
	baselineFile?: string;
	/** Release times (ISO 8601) that IAM changes are compared with. */
	releaseTimes: string[];
	/** Minutes before or after a release that make an IAM change "near a release"; default 60. */
	releaseWindowMinutes: number;
	/** Distinct denied actions by one session that count as probing; default 15. */
	probingDistinctActions: number;
	/** Window for the probing count, in minutes; default 10. */
	probingWindowMinutes: number;
	/** Actions the runtime role may call without a scoping-bypass finding. */
	runtimeRoleAllowedActions: string[];
	/** Findings below this severity are left out of the output; default `low`. */
	minimumSeverity: Severity;
}

export const DEFAULT_RUNTIME_ROLE_ALLOWED_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:GetCallerIdentity'];

/** Thrown for a config that cannot be used at all (wrong JSON types); a config without roles is only an input error. */
export class ReviewConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReviewConfigError';
	}
}

/** Returns a config with every default applied and no roles. */
export function defaultReviewConfig(): ReviewConfig {
	return {
		runtimeRoleArns: [],
		classRoles: [],
		sessionNameTemplate: DEFAULT_SESSION_NAME_TEMPLATE,
		expectedRegions: [],
		expectedAccounts: [],
		releaseTimes: [],
		releaseWindowMinutes: 60,
		probingDistinctActions: 15,
		probingWindowMinutes: 10,
		runtimeRoleAllowedActions: [...DEFAULT_RUNTIME_ROLE_ALLOWED_ACTIONS],
		minimumSeverity: 'low',
	};
}

const CONFIG_KEYS = new Set(Object.keys(defaultReviewConfig()).concat('baselineFile'));

/**
 * Checks a parsed config object and fills in defaults.
 * @throws ReviewConfigError naming the key, the value and the expected form.
 */
export function parseReviewConfig(value: unknown, source = 'config'): ReviewConfig {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ReviewConfigError(`${source}: the review config must be a JSON object, for example {"runtimeRoleArns": [...], "classRoles": [...]}.`);
	}
	const raw = value as Record<string, unknown>;
	for (const key of Object.keys(raw)) {
		if (!CONFIG_KEYS.has(key)) {
			throw new ReviewConfigError(`${source}: unknown key "${key}". Known keys: ${[...CONFIG_KEYS].join(', ')}.`);
		}
	}
	const config = defaultReviewConfig();
	config.runtimeRoleArns = stringList(raw, 'runtimeRoleArns', source, config.runtimeRoleArns).map((arn) => checkArn(arn, source, 'runtimeRoleArns'));
	if (raw.classRoles !== undefined) config.classRoles = classRoles(raw.classRoles, source);
	config.sessionNameTemplate = stringValue(raw, 'sessionNameTemplate', source, config.sessionNameTemplate);
	try {
		validateSessionNameTemplate(config.sessionNameTemplate);
	} catch (error) {
		throw new ReviewConfigError(`${source}: ${(error as Error).message}`);
	}
	config.expectedRegions = stringList(raw, 'expectedRegions', source, []);
	config.expectedAccounts = stringList(raw, 'expectedAccounts', source, []).map((id) => checkAccount(id, source));
	if (raw.baselineFile !== undefined) config.baselineFile = stringValue(raw, 'baselineFile', source, '');
	config.releaseTimes = stringList(raw, 'releaseTimes', source, []).map((time) => checkTime(time, source));
	config.releaseWindowMinutes = positiveNumber(raw, 'releaseWindowMinutes', source, config.releaseWindowMinutes);
	config.probingDistinctActions = positiveNumber(raw, 'probingDistinctActions', source, config.probingDistinctActions);
	config.probingWindowMinutes = positiveNumber(raw, 'probingWindowMinutes', source, config.probingWindowMinutes);
	config.runtimeRoleAllowedActions = stringList(raw, 'runtimeRoleAllowedActions', source, config.runtimeRoleAllowedActions);
	config.minimumSeverity = parseSeverity(stringValue(raw, 'minimumSeverity', source, config.minimumSeverity), `${source} "minimumSeverity"`);
	return config;
}

/** True when the config names at least one runtime or class role. */
export function configNamesRoles(config: ReviewConfig): boolean {
	return config.runtimeRoleArns.length > 0 || config.classRoles.length > 0;
}

/**
 * Parses a severity name.
 * @throws ReviewConfigError naming the value and the valid ones.
 */
export function parseSeverity(value: string, where: string): Severity {
	if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
	throw new ReviewConfigError(`${where}: invalid severity "${value}". Use one of: ${SEVERITIES.join(', ')}.`);
}

function classRoles(value: unknown, source: string): ClassRoleConfig[] {
	if (!Array.isArray(value)) {
		throw new ReviewConfigError(`${source}: "classRoles" must be a list of {"roleArn", "classId"} objects.`);
	}
	return value.map((entry, index) => {
		const where = `${source} classRoles[${index}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new ReviewConfigError(`${where} must be an object with "roleArn" and "classId".`);
		}
		const item = entry as Record<string, unknown>;
		const roleArn = checkArn(stringValue(item, 'roleArn', where, ''), where, 'roleArn');
		const classId = stringValue(item, 'classId', where, '');
		if (!isWorkflowClassId(classId)) {
			throw new ReviewConfigError(`${where}: unknown classId "${classId}". Use one of: ${WORKFLOW_CLASSES.map((c) => c.id).join(', ')}.`);
		}
		const options = stringList(item, 'options', where, []) as ClassOption[];
		return { roleArn, classId, allowedRegions: stringList(item, 'allowedRegions', where, []), options };
	});
}

function stringValue(raw: Record<string, unknown>, key: string, where: string, fallback: string): string {
	const value = raw[key];
	if (value === undefined) {
		if (fallback === '') throw new ReviewConfigError(`${where}: "${key}" is missing.`);
		return fallback;
	}
	if (typeof value !== 'string' || value === '') {
		throw new ReviewConfigError(`${where}: "${key}" must be a non-empty string, not ${JSON.stringify(value)}.`);
	}
	return value;
}

function stringList(raw: Record<string, unknown>, key: string, where: string, fallback: string[]): string[] {
	const value = raw[key];
	if (value === undefined) return fallback;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
		throw new ReviewConfigError(`${where}: "${key}" must be a list of non-empty strings, not ${JSON.stringify(value)}.`);
	}
	return value as string[];
}

function positiveNumber(raw: Record<string, unknown>, key: string, where: string, fallback: number): number {
	const value = raw[key];
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new ReviewConfigError(`${where}: "${key}" must be a number above 0, not ${JSON.stringify(value)}.`);
	}
	return value;
}

function checkArn(arn: string, where: string, key: string): string {
	if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/.test(arn)) {
		throw new ReviewConfigError(`${where}: "${key}" has the invalid ARN "${arn}". Use an IAM role ARN such as arn:aws:iam::111122223333:role/n8n-runtime.`);
	}
	return arn;
}

function checkAccount(id: string, where: string): string {
	if (!/^\d{12}$/.test(id)) {
		throw new ReviewConfigError(`${where}: "expectedAccounts" has "${id}", which is not a 12-digit account id.`);
	}
	return id;
}

function checkTime(time: string, where: string): string {
	if (!/^\d{4}-\d\d-\d\dT/.test(time) || Number.isNaN(Date.parse(time))) {
		throw new ReviewConfigError(`${where}: "releaseTimes" has "${time}", which is not an ISO 8601 time such as 2024-05-01T10:00:00Z.`);
	}
	return time;
}
