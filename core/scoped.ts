import { createHash } from 'node:crypto';

import { getWorkflowClass } from './catalog';
import { actionsForOperation } from './aws/actionMap';
import { sendApiCall } from './aws/call';
import type { ApiCallRequest, ApiCallResult } from './aws/call';
import { toAwsCallError } from './aws/errors';
import { partitionOfRegion, regionalStsEndpoint } from './aws/regions';
import { getService } from './aws/services';
import { CompiledPolicy } from './policy/evaluate';
import type { Decision } from './policy/evaluate';
import { renderSessionPolicy } from './policy/render';
import type { RenderedSessionPolicy } from './policy/render';
import { assumeRole } from './session/assumeRole';
import type { AssumeRoleRequest, ScopedSession } from './session/assumeRole';
import { SessionCache } from './session/cache';
import type { CacheLogger } from './session/cache';
import { validateSessionConfig } from './session/config';
import type { ScopedSessionConfig } from './session/config';
import { renderSessionName } from './session/sessionName';
import { sourceCredentialProvider } from './session/sourceCredentials';
import type { CredentialProvider } from './session/sourceCredentials';

/** The n8n context a session is named after. */
export interface ExecutionContext {
	workflowId?: string;
	executionId?: string;
	workflowName?: string;
}

/** Verdict of the local check for one IAM action. */
export interface ActionVerdict {
	action: string;
	decision: Decision;
	/** 1-based statement number and what the statement is for; absent for an implicit deny. */
	statement?: { number: number; label: string };
	/** Conditions or resource limits that only AWS can evaluate. */
	unchecked: string[];
}

export interface LocalCheckResult {
	allowed: boolean;
	service: string;
	operation: string;
	region: string;
	verdicts: ActionVerdict[];
}

/** The local check refused a call; AWS was not asked. */
export class LocalDenyError extends Error {
	constructor(
		message: string,
		readonly result: LocalCheckResult,
	) {
		super(message);
		this.name = 'LocalDenyError';
	}
}

export interface ScopedAwsOptions {
	/** Shared across executions so that sessions are reused; default is the process-wide cache. */
	cache?: SessionCache;
	/** Name of the n8n credential, used in messages. */
	credentialName?: string;
	/** Replaces the source credential chain (tests, benchmarks). */
	sourceProvider?: CredentialProvider;
	env?: NodeJS.ProcessEnv;
}

/** Bound on the per-execution AssumeRole requests a ScopedAws keeps; each is a few hundred bytes. */
const MAX_REMEMBERED_REQUESTS = 1000;

/** Process-wide session cache shared by every node and credential test. */
export const defaultSessionCache = new SessionCache();

/** Configures the process-wide cache's log output (the n8n adapter passes n8n's logger). */
export function setSessionCacheLogger(logger: CacheLogger): void {
	defaultSessionCache.setLogger(logger);
}

/**
 * One class credential, ready to use: its validated configuration, rendered session
 * policy and compiled evaluator. Calls run with a cached scoped session; no request is
 * ever signed with the source credentials.
 */
export class ScopedAws {
	readonly policy: RenderedSessionPolicy;
	readonly className: string;
	private readonly compiled: CompiledPolicy;
	private readonly cache: SessionCache;
	private readonly source: CredentialProvider;
	private readonly sourceKey: string;
	private readonly requests = new Map<string, { request: AssumeRoleRequest; key: string }>();

	constructor(
		readonly config: ScopedSessionConfig,
		private readonly options: ScopedAwsOptions = {},
	) {
		validateSessionConfig(config);
		const allowedRegions = config.allowedRegions.length > 0 ? config.allowedRegions : [config.region];
		this.policy = renderSessionPolicy({
			classId: config.classId,
			customPolicy: config.customPolicy,
			allowedRegions,
			options: config.options,
		});
		this.className = config.classId === 'custom' ? 'Custom' : getWorkflowClass(config.classId).name;
		this.compiled = new CompiledPolicy(this.policy.document);
		this.cache = options.cache ?? defaultSessionCache;
		this.source = options.sourceProvider ?? sourceCredentialProvider(config.source, options.env).provider;
		// Hashed, never kept in clear: a changed secret or token must not reuse a session that
		// the old keys obtained (a credential test would otherwise pass with a wrong secret).
		this.sourceKey =
			config.source.type === 'accessKeys'
				? `keys:${createHash('sha256')
						.update([config.source.accessKeyId, config.source.secretAccessKey, config.source.sessionToken ?? ''].join('\u0000'))
						.digest('hex')}`
				: 'chain';
	}

	/** Decides locally whether the class allows an operation, without calling AWS. */
	check(service: string, operation: string, region = this.config.region): LocalCheckResult {
		const definition = getService(service);
		const verdicts = actionsForOperation(definition.id, operation).map((action) => this.checkAction(action, region));
		return { allowed: verdicts.every((v) => v.decision === 'Allowed'), service: definition.id, operation, region, verdicts };
	}

	/** Decides locally whether the class allows one IAM action in a region. */
	checkAction(action: string, region = this.config.region): ActionVerdict {
		const result = this.compiled.evaluate({ action, region: requestedRegionFor(action, region) });
		const statement = result.statement
			? { number: result.statement.index + 1, label: this.policy.origins[result.statement.index]?.label ?? '' }
			: undefined;
		return { action, decision: result.decision, statement, unchecked: result.unchecked };
	}

	/**
	 * Returns the scoped session for an execution, from the cache or a new AssumeRole. With
	 * `fresh`, AssumeRole is always called (the credential test must prove the keys work now).
	 */
	async session(context: ExecutionContext, options: { fresh?: boolean } = {}): Promise<ScopedSession> {
		const { request, key } = this.requestFor(context);
		if (options.fresh) return assumeRole(request, this.source);
		return this.cache.get(key, () => assumeRole(request, this.source));
	}

	/**
	 * The AssumeRole request and its cache key for an execution. Every other input is fixed
	 * per instance, so both are kept per workflow id, execution id and workflow name instead
	 * of being rebuilt (session name, SHA-256) for every item.
	 */
	private requestFor(context: ExecutionContext): { request: AssumeRoleRequest; key: string } {
		const contextKey = `${context.workflowId ?? ''}\u0000${context.executionId ?? ''}\u0000${context.workflowName ?? ''}`;
		const known = this.requests.get(contextKey);
		if (known) return known;
		const request = this.assumeRoleRequest(context);
		const entry = { request, key: this.cacheKey(request) };
		if (this.requests.size >= MAX_REMEMBERED_REQUESTS) this.requests.clear();
		this.requests.set(contextKey, entry);
		return entry;
	}

	/**
	 * Runs one API call: the local check first (a denied call throws LocalDenyError and AWS is
	 * not asked), then the call with the scoped session.
	 * @throws LocalDenyError, AssumeRoleError or AwsCallError.
	 */
	async call(context: ExecutionContext, request: ApiCallRequest): Promise<ApiCallResult> {
		const verdict = this.check(request.service, request.operation);
		if (!verdict.allowed) throw new LocalDenyError(this.denialMessage(verdict), verdict);
		const session = await this.session(context);
		try {
			return await sendApiCall({ region: this.config.region, endpoint: this.endpointFor(request.service), session }, request);
		} catch (error) {
			const action = verdict.verdicts[0]?.action ?? `${request.service}:${request.operation}`;
			throw toAwsCallError(error, { action, className: this.className, RoleArn: this.config.RoleArn, credentialName: this.options.credentialName });
		}
	}

	/** Builds the AssumeRole request for an execution: session name, policy, tags. */
	assumeRoleRequest(context: ExecutionContext): AssumeRoleRequest {
		const RoleSessionName = renderSessionName(this.config.sessionNameTemplate, {
			workflowId: context.workflowId,
			executionId: context.executionId,
			workflowName: context.workflowName,
			class: this.config.classId,
		});
		const Tags = this.config.sessionTags
			? [
					{ Key: 'WorkflowClass', Value: this.config.classId },
					{ Key: 'WorkflowId', Value: tagValue(context.workflowId ?? 'unknown') },
				]
			: undefined;
		return {
			RoleArn: this.config.RoleArn,
			RoleSessionName,
			Policy: this.policy.json,
			DurationSeconds: this.config.DurationSeconds,
			ExternalId: this.config.ExternalId,
			SourceIdentity: this.config.SourceIdentity,
			Tags,
			region: this.config.region,
			stsEndpoint: this.config.stsEndpoint,
		};
	}

	/** STS calls go to the STS endpoint (override or regional); other services to the service endpoint override, if any. */
	private endpointFor(service: string): string | undefined {
		if (service === 'sts') return this.config.stsEndpoint ?? this.config.serviceEndpoint ?? regionalStsEndpoint(this.config.region);
		return this.config.serviceEndpoint;
	}

	private cacheKey(request: AssumeRoleRequest): string {
		const parts = [
			this.sourceKey,
			request.RoleArn,
			this.policy.hash,
			request.region,
			request.stsEndpoint ?? '',
			request.RoleSessionName,
			String(request.DurationSeconds),
			request.SourceIdentity ?? '',
			JSON.stringify(request.Tags ?? []),
			request.ExternalId ? createHash('sha256').update(request.ExternalId).digest('hex') : '',
		];
		return createHash('sha256').update(parts.join('\n')).digest('hex');
	}

	private denialMessage(result: LocalCheckResult): string {
		const denied = result.verdicts.find((v) => v.decision !== 'Allowed') as ActionVerdict;
		const credential = this.options.credentialName ? ` (credential "${this.options.credentialName}")` : '';
		const reason =
			denied.decision === 'ExplicitlyDenied'
				? `statement ${denied.statement?.number} of the session policy denies it (${denied.statement?.label})`
				: 'no statement of the class allows it';
		return (
			`${denied.action} is outside workflow class "${this.className}"${credential} in ${result.region}: ${reason}. ` +
			`AWS was not called. Use a credential of a class that allows ${denied.action}, or a Custom class.`
		);
	}
}

const IAM_HOME_REGION = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' } as const;

/** Region AWS puts in aws:RequestedRegion: IAM, a global service, reports its partition's home region. */
function requestedRegionFor(action: string, region: string): string {
	if (!action.toLowerCase().startsWith('iam:')) return region;
	return IAM_HOME_REGION[partitionOfRegion(region)];
}

/** Session tag values allow letters, digits, spaces and `_.:/=+-@`, up to 256 characters. */
function tagValue(value: string): string {
	return value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '-').slice(0, 256);
}
