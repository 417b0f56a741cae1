import type { ClassOption, ClassOrCustom } from '../catalog';
import { isWorkflowClassId } from '../catalog';
import { isKnownRegion, partitionOfRegion } from '../aws/regions';
import { validateSessionNameTemplate } from './sessionName';

/** Source of the credentials that call STS AssumeRole. */
export type SourceCredentials =
	| {
			/** ECS container credentials, environment variables or web identity, in that order of precedence. */
			type: 'chain';
	  }
	| {
			type: 'accessKeys';
			accessKeyId: string;
			secretAccessKey: string;
			/** Set when the keys are themselves temporary (then role chaining applies). */
			sessionToken?: string;
	  };

/** Everything that decides one scoped session. Field names follow STS where STS has one. */
export interface ScopedSessionConfig {
	/** Class role to assume, `arn:<partition>:iam::<account>:role/<name>`. */
	RoleArn: string;
	/** Region of STS and of the service calls. */
	region: string;
	classId: ClassOrCustom;
	/** Policy JSON for the custom class. */
	customPolicy?: string;
	/** Regions the session policy allows; empty means only `region`. */
	allowedRegions: string[];
	/** Optional action groups of the class that the credential turns on. */
	options: ClassOption[];
	source: SourceCredentials;
	/** Passed to STS; never logged or shown. */
	ExternalId?: string;
	/** Session lifetime in seconds, 900-43,200; at most 3,600 when the source is a role session. Default 900. */
	DurationSeconds: number;
	/** RoleSessionName template with {workflowId}, {executionId}, {class}, {workflowName}. */
	sessionNameTemplate: string;
	/** STS SourceIdentity (2-64 characters of `[\w+=,.@-]`); needs sts:SetSourceIdentity in the trust policy. */
	SourceIdentity?: string;
	/** Send session tags WorkflowClass and WorkflowId; needs sts:TagSession in the trust policy. */
	sessionTags: boolean;
	/** STS endpoint URL instead of the regional one (VPC endpoint, tests). */
	stsEndpoint?: string;
	/** Endpoint URL for every service call instead of AWS's (VPC endpoint, tests). */
	serviceEndpoint?: string;
}

/** Maximum session STS issues to a caller that is itself a role session (role chaining), in seconds. */
export const ROLE_CHAINING_MAX_SECONDS = 3600;
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
export const DEFAULT_DURATION_SECONDS = 900;

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** A credential setting that cannot work; the message names the field, the value and the fix. */
export class ConfigError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'ConfigError';
	}
}

/**
 * Checks a session configuration before anything is sent to AWS.
 * @throws ConfigError for the first problem found.
 */
export function validateSessionConfig(config: ScopedSessionConfig): void {
	checkRoleArn(config.RoleArn);
	checkRegion(config);
	if (config.classId !== 'custom' && !isWorkflowClassId(config.classId)) {
		throw new ConfigError(`Unknown workflow class "${config.classId}". Choose one of the listed classes or Custom.`, 'workflowClass');
	}
	if (config.classId === 'custom' && !config.customPolicy?.trim()) {
		throw new ConfigError('The Custom class needs a policy. Paste an IAM policy document into "Custom Policy".', 'customPolicy');
	}
	checkDuration(config);
	validateSessionNameTemplate(config.sessionNameTemplate);
	if (config.SourceIdentity !== undefined && (!SOURCE_IDENTITY.test(config.SourceIdentity) || config.SourceIdentity.startsWith('aws:'))) {
		throw new ConfigError(
			`Source identity "${config.SourceIdentity}" is invalid: use 2-64 letters, digits or _+=,.@- and do not start with "aws:".`,
			'sourceIdentity',
		);
	}
	if (config.ExternalId !== undefined && !EXTERNAL_ID.test(config.ExternalId)) {
		// The value itself is secret, so the message describes it without showing it.
		throw new ConfigError('The external ID is invalid: use 2-1,224 letters, digits or _+=,.@:/-.', 'externalId');
	}
	for (const url of [config.stsEndpoint, config.serviceEndpoint]) {
		if (url !== undefined) checkEndpoint(url);
	}
}

/** Returns true when the source credentials are a role session, so role chaining applies. */
export function sourceIsRoleSession(source: SourceCredentials): boolean {
	return source.type === 'chain' || source.sessionToken !== undefined;
}

function checkRoleArn(roleArn: string): void {
	if (!ROLE_ARN.test(roleArn)) {
		throw new ConfigError(
			`Role ARN "${roleArn}" is not an IAM role ARN. Use arn:aws:iam::<12-digit account>:role/<name> (or the aws-cn / aws-us-gov partition).`,
			'roleArn',
		);
	}
}

function checkRegion(config: ScopedSessionConfig): void {
	if (!config.region) {
		throw new ConfigError('Region is missing. Choose the AWS region of the class role\'s calls, for example eu-central-1.', 'region');
	}
	const regions = [config.region, ...config.allowedRegions];
	for (const region of regions) {
		if (!isKnownRegion(region) && config.stsEndpoint === undefined) {
			throw new ConfigError(
				`Region "${region}" is unknown. Use a region code such as eu-central-1; for a region newer than this package, also set the STS endpoint override.`,
				region === config.region ? 'region' : 'allowedRegions',
			);
		}
	}
	const rolePartition = ROLE_ARN.exec(config.RoleArn)?.[1];
	const regionPartition = partitionOfRegion(config.region);
	if (rolePartition && rolePartition !== regionPartition) {
		throw new ConfigError(
			`Region "${config.region}" is in partition ${regionPartition}, but the role ARN is in ${rolePartition}. Use a region of the role's partition.`,
			'region',
		);
	}
}

function checkDuration(config: ScopedSessionConfig): void {
	const seconds = config.DurationSeconds;
	if (!Number.isInteger(seconds) || seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
		throw new ConfigError(
			`Session duration ${seconds} s is out of range. Set "Session Duration" to a whole number from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS} seconds.`,
			'durationSeconds',
		);
	}
	if (seconds > ROLE_CHAINING_MAX_SECONDS && sourceIsRoleSession(config.source)) {
		throw new ConfigError(
			`Session duration ${seconds} s is over the role-chaining cap: STS limits a role assumed from another role session ` +
				`(an ECS task role, or temporary keys) to ${ROLE_CHAINING_MAX_SECONDS} s. Set "Session Duration" to ${ROLE_CHAINING_MAX_SECONDS} or less.`,
			'durationSeconds',
		);
	}
}

function checkEndpoint(url: string): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new ConfigError(`Endpoint "${url}" is not a URL. Use https://host[:port], for example a VPC endpoint URL.`, 'endpoint');
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new ConfigError(`Endpoint "${url}" must use https:// (or http:// for a local test endpoint).`, 'endpoint');
	}
}
