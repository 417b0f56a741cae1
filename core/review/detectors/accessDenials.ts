import type { Attribution, Finding, ReviewEvent } from '../types';
import { EVIDENCE_EVENT_IDS_MAX } from '../types';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal, primaryAction } from './detector';
import { FindingGroups } from './findingGroups';

/** Denials kept per session for the probing check; later ones are counted but not kept. */
const DENIALS_PER_SESSION_MAX = 100_000;

interface Denial {
	ms: number;
	action: string;
	eventId: string;
	eventTime: string;
}

/**
 * Denials of one session in arrival order, as parallel arrays: a session can keep
 * DENIALS_PER_SESSION_MAX of them, and arrays of numbers and shared strings take less
 * memory than one object per denial.
 */
interface SessionDenials {
	caller: Attribution;
	firstEvent: ReviewEvent;
	ms: number[];
	actions: string[];
	eventIds: string[];
	/** The eventTime, or undefined when it is the CloudTrail form of `ms` and is rebuilt from it. */
	eventTimes: Array<string | undefined>;
}

/**
 * (f) Access denials, for every errorCode in DENIAL_ERROR_CODES, grouped per principal,
 * workflow and action; medium for n8n roles and low for others. A session with
 * `probingDistinctActions` or more distinct denied actions within `probingWindowMinutes`
 * is also reported as probing (high), once, for its busiest window.
 */
export class AccessDenialsDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly sessions = new Map<string, SessionDenials>();
	private readonly threshold: number;
	private readonly windowMs: number;

	constructor(context: DetectorContext) {
		this.threshold = context.config.probingDistinctActions;
		this.windowMs = context.config.probingWindowMinutes * 60_000;
	}

	observe(event: ReviewEvent): void {
		if (!event.denied) return;
		const action = primaryAction(event);
		const key = `${event.attribution.principalArn ?? event.attribution.identityType}\n${event.attribution.workflowId ?? ''}\n${action}`;
		this.groups.add(key, event, () => ({
			type: 'accessDenied',
			severity: event.attribution.roleKind === 'other' ? 'low' : 'medium',
			summary: `${describePrincipal(event)} was denied ${action}${event.attribution.workflowId ? ` in workflow ${event.attribution.workflowId}` : ''}.`,
			action,
			eventSource: event.eventSource,
			eventName: event.eventName,
		}), { errorCodes: event.errorCode });

		let session = this.sessions.get(event.sessionKey);
		if (!session) {
			session = { caller: event.attribution, firstEvent: event, ms: [], actions: [], eventIds: [], eventTimes: [] };
			this.sessions.set(event.sessionKey, session);
		}
		if (session.ms.length < DENIALS_PER_SESSION_MAX) {
			const ms = Date.parse(event.eventTime);
			session.ms.push(ms);
			session.actions.push(action);
			session.eventIds.push(event.eventId);
			session.eventTimes.push(Number.isNaN(ms) || cloudTrailTime(ms) !== event.eventTime ? event.eventTime : undefined);
		}
	}

	finish(): Finding[] {
		const findings = this.groups.findings();
		for (const session of this.sessions.values()) {
			const burst = busiestWindow(sessionDenials(session), this.windowMs);
			if (burst && burst.actions.length >= this.threshold) findings.push(this.probingFinding(session, burst));
		}
		return findings;
	}

	private probingFinding(session: SessionDenials, burst: Burst): Finding {
		const minutes = this.windowMs / 60_000;
		const caller = session.caller;
		return {
			type: 'probing',
			severity: 'high',
			summary: `${describePrincipal(session.firstEvent)}${caller.sessionName ? ` (session ${caller.sessionName})` : ''} was denied ${burst.actions.length} distinct actions within ${minutes} minutes.`,
			attribution: { ...caller },
			evidence: {
				count: burst.denials.length,
				firstTime: burst.denials[0].eventTime,
				lastTime: burst.denials[burst.denials.length - 1].eventTime,
				eventIds: burst.denials.slice(0, EVIDENCE_EVENT_IDS_MAX).map((denial) => denial.eventId),
				workflowIds: caller.workflowId ? [caller.workflowId] : [],
				executionIds: caller.executionId ? [caller.executionId] : [],
			},
			details: { distinctActions: burst.actions.length, windowMinutes: minutes, actions: burst.actions },
		};
	}
}

/** Rebuilds the denials of a session as objects, for the window search. */
function sessionDenials(session: SessionDenials): Denial[] {
	return session.ms.map((ms, i) => ({
		ms,
		action: session.actions[i],
		eventId: session.eventIds[i],
		eventTime: session.eventTimes[i] ?? cloudTrailTime(ms),
	}));
}

/** Formats a time as CloudTrail writes it: ISO 8601 in UTC, without milliseconds when they are 0. */
function cloudTrailTime(ms: number): string {
	const iso = new Date(ms).toISOString();
	return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

interface Burst {
	denials: Denial[];
	actions: string[];
}

/** Finds the window of `windowMs` with the most distinct denied actions (sliding window over time). */
function busiestWindow(denials: Denial[], windowMs: number): Burst | undefined {
	const sorted = denials.filter((denial) => !Number.isNaN(denial.ms)).sort((a, b) => a.ms - b.ms);
	const counts = new Map<string, number>();
	let best: { start: number; end: number; distinct: number } | undefined;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		counts.set(sorted[end].action, (counts.get(sorted[end].action) ?? 0) + 1);
		while (sorted[end].ms - sorted[start].ms > windowMs) {
			const left = sorted[start++].action;
			const remaining = (counts.get(left) ?? 1) - 1;
			if (remaining === 0) counts.delete(left);
			else counts.set(left, remaining);
		}
		if (!best || counts.size > best.distinct) best = { start, end, distinct: counts.size };
	}
	if (!best) return undefined;
	const window = sorted.slice(best.start, best.end + 1);
	return { denials: window, actions: [...new Set(window.map((denial) => denial.action))].sort() };
}
