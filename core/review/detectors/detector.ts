import type { Attributor } from '../attribution';
import type { Baseline } from '../baseline';
import type { ReviewConfig } from '../config';
import type { Finding, ReviewEvent } from '../types';

/** What every detector is built from. */
export interface DetectorContext {
	config: ReviewConfig;
	attributor: Attributor;
	/** Baseline of actions per principal; the new-action detector is off without one. */
	baseline?: Baseline;
}

/**
 * One check over the event stream. `observe` runs for every event and must stay cheap;
 * `finish` runs once and returns the findings.
 */
export interface Detector {
	observe(event: ReviewEvent): void;
	finish(): Finding[];
}

/** The action an event is about: the first mapped IAM action, else `prefix:eventName`. */
export function primaryAction(event: ReviewEvent): string {
	if (event.mapping.actions.length > 0) return event.mapping.actions[0];
	const host = event.eventSource.replace(/\.amazonaws\.com$/, '');
	return `${host}:${event.eventName}`;
}

/** Names a principal for a summary sentence. */
export function describePrincipal(event: ReviewEvent): string {
	const caller = event.attribution;
	const name = caller.principalArn ?? (caller.identityType || 'an unknown principal');
	if (caller.roleKind === 'class') return `class role ${name} (${caller.classId})`;
	if (caller.roleKind === 'runtime') return `runtime role ${name}`;
	return name;
}
