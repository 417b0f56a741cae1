import { promises as fs } from 'node:fs';

import { principalKey } from './attribution';
import type { InputError, ReviewEvent } from './types';

/** Actions each principal used, learned from a period of events; saved as JSON. */
export interface Baseline {
	/** Shape version; only 1 exists. */
	version: 1;
	/** When the baseline was written, ISO 8601. */
	createdAt: string;
	/** Time of the first and last event learned from, ISO 8601; empty when no events were seen. */
	firstEventTime: string;
	lastEventTime: string;
	/** Role or user ARN to the sorted IAM actions it called without being denied. */
	principals: Record<string, string[]>;
}

/** Thrown when a baseline file does not have the Baseline shape; the message names the file and the field. */
export class BaselineShapeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BaselineShapeError';
	}
}

/**
 * Learns the actions per principal: every mapped action of an event that was not denied.
 * A call that failed for another reason (NoSuchEntity, throttling) still passed
 * authorization, so it counts as used.
 */
export class BaselineLearner {
	private readonly principals = new Map<string, Set<string>>();
	private firstTime = '';
	private lastTime = '';

	observe(event: ReviewEvent): void {
		if (event.denied || event.mapping.status !== 'mapped') return;
		const principal = event.attribution.principalArn;
		if (!principal) return;
		let actions = this.principals.get(principal);
		if (!actions) this.principals.set(principal, (actions = new Set()));
		for (const action of event.mapping.actions) actions.add(action);
		if (event.eventTime !== '') {
			if (this.firstTime === '' || event.eventTime < this.firstTime) this.firstTime = event.eventTime;
			if (event.eventTime > this.lastTime) this.lastTime = event.eventTime;
		}
	}

	/** Actions learned for a principal, matched by account and name (see principalKey). */
	actionsFor(arn: string): string[] {
		const key = principalKey(arn);
		const found = new Set<string>();
		for (const [principal, actions] of this.principals) {
			if (principalKey(principal) === key) actions.forEach((action) => found.add(action));
		}
		return [...found].sort();
	}

	toBaseline(now = new Date()): Baseline {
		const principals: Record<string, string[]> = {};
		for (const principal of [...this.principals.keys()].sort()) principals[principal] = [...(this.principals.get(principal) ?? [])].sort();
		return { version: 1, createdAt: now.toISOString(), firstEventTime: this.firstTime, lastEventTime: this.lastTime, principals };
	}
}

/** Baseline actions by principalKey, lower case, for fast lookups. */
export function indexBaseline(baseline: Baseline): Map<string, Set<string>> {
	const index = new Map<string, Set<string>>();
	for (const [principal, actions] of Object.entries(baseline.principals)) {
		const key = principalKey(principal);
		let set = index.get(key);
		if (!set) index.set(key, (set = new Set()));
		for (const action of actions) set.add(action.toLowerCase());
	}
	return index;
}

/**
 * Checks the shape of a parsed baseline.
 * @throws BaselineShapeError naming the source, the field and the expected form.
 */
export function parseBaseline(value: unknown, source: string): Baseline {
	const fail = (problem: string): never => {
		throw new BaselineShapeError(
			`${source}: not a review baseline (${problem}). Expected {"version": 1, "createdAt": "...", "principals": {"<role ARN>": ["service:Action", ...]}}; write one with --save-baseline.`,
		);
	};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('the value is not a JSON object');
	const raw = value as Record<string, unknown>;
	if (raw.version !== 1) fail(`"version" is ${JSON.stringify(raw.version)}, expected 1`);
	if (typeof raw.principals !== 'object' || raw.principals === null || Array.isArray(raw.principals)) fail('"principals" is not an object');
	for (const [principal, actions] of Object.entries(raw.principals as Record<string, unknown>)) {
		if (!Array.isArray(actions) || actions.some((action) => typeof action !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action))) {
			fail(`"principals" entry ${principal} is not a list of service:Action strings`);
		}
	}
	return {
		version: 1,
		createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
		firstEventTime: typeof raw.firstEventTime === 'string' ? raw.firstEventTime : '',
		lastEventTime: typeof raw.lastEventTime === 'string' ? raw.lastEventTime : '',
		principals: raw.principals as Record<string, string[]>,
	};
}

/**
 * Reads and checks a baseline file.
 * @throws BaselineShapeError for invalid JSON or a wrong shape; the file system error when unreadable.
 */
export async function loadBaselineFile(filePath: string): Promise<Baseline> {
	const text = await fs.readFile(filePath, 'utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new BaselineShapeError(`${filePath}: not valid JSON (${(error as Error).message}).`);
	}
	return parseBaseline(value, filePath);
}

/** Writes a baseline as indented JSON. */
export async function saveBaselineFile(filePath: string, baseline: Baseline): Promise<void> {
	await fs.writeFile(filePath, `${JSON.stringify(baseline, null, '\t')}\n`);
}

/**
 * Loads a baseline for a review. A missing, unreadable or wrongly shaped file becomes an
 * input error, so the review can still run without the new-action check.
 */
export async function readBaselineForReview(filePath: string): Promise<{ baseline?: Baseline; error?: InputError }> {
	try {
		return { baseline: await loadBaselineFile(filePath) };
	} catch (error) {
		if (error instanceof BaselineShapeError) {
			return { error: { code: 'baseline.invalidShape', message: `${error.message} The new-action check was skipped.`, source: filePath } };
		}
		const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return { error: { code: 'baseline.unreadable', message: `${filePath}: the baseline cannot be read (${reason}); the new-action check was skipped.`, source: filePath } };
	}
}
