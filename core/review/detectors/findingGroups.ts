import { EVIDENCE_EVENT_IDS_MAX, EVIDENCE_VALUES_MAX } from '../types';
import type { Attribution, DetailValue, Finding, FindingType, ReviewEvent, Severity } from '../types';

/** The parts of a finding that a detector sets when a group starts. */
export interface FindingSeed {
	type: FindingType;
	severity: Severity;
	summary: string;
	action?: string;
	eventSource?: string;
	eventName?: string;
	details?: Record<string, DetailValue>;
}

interface Group {
	seed: FindingSeed;
	attribution: Attribution;
	lastCaller: Attribution;
	count: number;
	firstTime: string;
	lastTime: string;
	eventIds: string[];
	workflowIds: Set<string>;
	executionIds: Set<string>;
	/** Distinct values a detector collects per group, for example secret ids. */
	values: Map<string, Set<string>>;
}

const SESSION_FIELDS = ['sessionName', 'sourceIdentity', 'workflowId', 'executionId'] as const;

/**
 * Aggregates events into findings by a detector's key, keeping counts, first and last
 * time and a bounded sample of event, workflow and execution ids. Memory grows with the
 * number of keys, not events.
 */
export class FindingGroups {
	private readonly groups = new Map<string, Group>();

	/**
	 * Adds an event to the group `key`, creating it from `seed()` on first use. `values`
	 * are collected per name into a detail list of distinct values.
	 */
	add(key: string, event: ReviewEvent, seed: () => FindingSeed, values?: Record<string, string | string[] | undefined>): void {
		let group = this.groups.get(key);
		if (!group) {
			group = newGroup(seed(), event);
			this.groups.set(key, group);
		} else {
			addEvent(group, event);
		}
		if (values) addValues(group, values);
	}

	/** Returns the findings, one per group. */
	findings(): Finding[] {
		return [...this.groups.values()].map(toFinding);
	}
}

function newGroup(seed: FindingSeed, event: ReviewEvent): Group {
	const group: Group = {
		seed,
		attribution: { ...event.attribution },
		lastCaller: event.attribution,
		count: 0,
		firstTime: event.eventTime,
		lastTime: event.eventTime,
		eventIds: [],
		workflowIds: new Set(),
		executionIds: new Set(),
		values: new Map(),
	};
	addEvent(group, event);
	return group;
}

function addEvent(group: Group, event: ReviewEvent): void {
	group.count++;
	if (event.eventTime < group.firstTime) group.firstTime = event.eventTime;
	if (event.eventTime > group.lastTime) group.lastTime = event.eventTime;
	if (group.eventIds.length < EVIDENCE_EVENT_IDS_MAX) group.eventIds.push(event.eventId);
	const caller = event.attribution;
	if (caller.workflowId && group.workflowIds.size < EVIDENCE_VALUES_MAX) group.workflowIds.add(caller.workflowId);
	if (caller.executionId && group.executionIds.size < EVIDENCE_VALUES_MAX) group.executionIds.add(caller.executionId);
	if (caller !== group.lastCaller) {
		// A group can span sessions: keep only the session fields that all its events share.
		for (const field of SESSION_FIELDS) {
			if (group.attribution[field] !== caller[field]) delete group.attribution[field];
		}
		group.lastCaller = caller;
	}
}

function addValues(group: Group, values: Record<string, string | string[] | undefined>): void {
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined) continue;
		let set = group.values.get(name);
		if (!set) group.values.set(name, (set = new Set()));
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item !== '' && set.size < EVIDENCE_VALUES_MAX) set.add(item);
		}
	}
}

function toFinding(group: Group): Finding {
	const details: Record<string, DetailValue> = { ...(group.seed.details ?? {}) };
	for (const [name, set] of group.values) details[name] = [...set];
	const finding: Finding = {
		type: group.seed.type,
		severity: group.seed.severity,
		summary: group.seed.summary,
		attribution: group.attribution,
		evidence: {
			count: group.count,
			firstTime: group.firstTime,
			lastTime: group.lastTime,
			eventIds: group.eventIds,
			workflowIds: [...group.workflowIds],
			executionIds: [...group.executionIds],
		},
		details,
	};
	if (group.seed.action) finding.action = group.seed.action;
	if (group.seed.eventSource) finding.eventSource = group.seed.eventSource;
	if (group.seed.eventName) finding.eventName = group.seed.eventName;
	return finding;
}
