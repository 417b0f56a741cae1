import { parseSessionName } from '../session/sessionName';
import type { ReviewConfig } from './config';
import type { Attribution, RoleKind } from './types';

/** Cached attributions are dropped when the cache reaches this many sessions, to bound memory. */
const CACHE_MAX = 50_000;

interface KnownRole {
	kind: RoleKind;
	classId?: string;
}

/**
 * Works out who made a call: role, class, session name, source identity, and the workflow
 * and execution ids that the session-name template put in the session name.
 */
export class Attributor {
	private readonly roles = new Map<string, KnownRole>();
	/**
	 * Attributions by `userIdentity.arn`, then type, then source identity. Nested maps
	 * look up the strings of each event without building a joined key per event.
	 */
	private readonly cache = new Map<string, Map<string, Map<string, Attribution>>>();
	private cacheSize = 0;
	/** The identity of the previous call; neighbouring events often share it. */
	private last?: { arn: string; type: string; sourceIdentity: string | undefined; attribution: Attribution };

	constructor(private readonly config: ReviewConfig) {
		for (const arn of config.runtimeRoleArns) this.roles.set(principalKey(arn), { kind: 'runtime' });
		for (const role of config.classRoles) this.roles.set(principalKey(role.roleArn), { kind: 'class', classId: role.classId });
	}

	/** Returns how the config sees a role or user ARN (runtime, class or other). */
	lookupRole(arn: string | undefined): KnownRole {
		return (arn && this.roles.get(principalKey(arn))) || { kind: 'other' };
	}

	/** Reads a session name with the configured template; empty when it does not match. */
	parseSessionName(sessionName: string): { workflowId?: string; executionId?: string } {
		const values = parseSessionName(this.config.sessionNameTemplate, sessionName);
		return { workflowId: values.workflowId, executionId: values.executionId };
	}

	/** Attributes one `userIdentity` object; the result is shared, so callers must not change it. */
	attribute(identity: Record<string, unknown>): Attribution {
		const type = typeof identity.type === 'string' ? identity.type : '';
		const arn = typeof identity.arn === 'string' ? identity.arn : '';
		const context = identity.sessionContext as Record<string, unknown> | undefined;
		const sourceIdentity = typeof context?.sourceIdentity === 'string' ? context.sourceIdentity : undefined;
		const last = this.last;
		if (last && last.arn === arn && last.type === type && last.sourceIdentity === sourceIdentity) return last.attribution;

		let found = this.cache.get(arn)?.get(type)?.get(sourceIdentity ?? '');
		if (!found) {
			found = this.build(type, arn, context, sourceIdentity);
			this.remember(arn, type, sourceIdentity ?? '', found);
		}
		this.last = { arn, type, sourceIdentity, attribution: found };
		return found;
	}

	private remember(arn: string, type: string, sourceIdentity: string, attribution: Attribution): void {
		if (this.cacheSize >= CACHE_MAX) {
			this.cache.clear();
			this.cacheSize = 0;
		}
		let byType = this.cache.get(arn);
		if (!byType) this.cache.set(arn, (byType = new Map()));
		let bySourceIdentity = byType.get(type);
		if (!bySourceIdentity) byType.set(type, (bySourceIdentity = new Map()));
		bySourceIdentity.set(sourceIdentity, attribution);
		this.cacheSize++;
	}

	private build(type: string, arn: string, context: Record<string, unknown> | undefined, sourceIdentity: string | undefined): Attribution {
		const attribution: Attribution = { identityType: type, roleKind: 'other' };
		const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
		if (assumed) {
			const issuer = (context?.sessionIssuer as Record<string, unknown> | undefined)?.arn;
			attribution.roleArn = typeof issuer === 'string' && issuer !== '' ? issuer : `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
			attribution.principalArn = attribution.roleArn;
			attribution.sessionName = assumed[4];
			Object.assign(attribution, definedOnly(this.parseSessionName(assumed[4])));
		} else if (arn !== '') {
			attribution.principalArn = arn;
		}
		if (sourceIdentity !== undefined) attribution.sourceIdentity = sourceIdentity;
		const role = this.lookupRole(attribution.principalArn);
		attribution.roleKind = role.kind;
		if (role.classId) attribution.classId = role.classId;
		return attribution;
	}
}

/**
 * Reduces a role or user ARN to `account:role/name` in lower case. IAM role and user
 * names are unique without regard to case, and CloudTrail's sessionIssuer ARN carries the
 * role's path while a configured ARN may not, so the path is left out.
 */
export function principalKey(arn: string): string {
	const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(role|user|assumed-role)\/(.+)$/.exec(arn);
	if (!match) return arn.toLowerCase();
	const parts = match[3].split('/');
	const name = match[2] === 'assumed-role' ? parts[0] : parts[parts.length - 1];
	const kind = match[2] === 'user' ? 'user' : 'role';
	return `${match[1]}:${kind}/${name}`.toLowerCase();
}

function definedOnly<T extends Record<string, string | undefined>>(values: T): Partial<T> {
	const result: Partial<T> = {};
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined) (result as Record<string, string>)[key] = value;
	}
	return result;
}
