import { ActionMapper } from './actions/actionMapper';
import { Attributor } from './attribution';
import { BaselineLearner } from './baseline';
import type { Baseline } from './baseline';
import { configNamesRoles } from './config';
import type { ReviewConfig } from './config';
import { AccessDenialsDetector } from './detectors/accessDenials';
import type { Detector, DetectorContext } from './detectors/detector';
import { IamChangesDetector } from './detectors/iamChanges';
import { NewActionDetector } from './detectors/newAction';
import { OutsideClassPolicyDetector } from './detectors/outsideClassPolicy';
import { RegionAccountDetector } from './detectors/regionAccount';
import { ScopingBypassDetector } from './detectors/scopingBypass';
import { SecretReadsDetector } from './detectors/secretReads';
import { InputErrorLog } from './inputErrors';
import { leastPrivilegeReports } from './leastPrivilege';
import type { RolePolicyReport } from './leastPrivilege';
import { normalizeEvent } from './normalize';
import { SEVERITIES } from './types';
import type { Finding, FindingType, InputError, ReviewEvent, Severity, UnmappedEvent } from './types';
import { EVIDENCE_EVENT_IDS_MAX } from './types';

export interface ReviewSessionOptions {
	/** Baseline for the new-action detector; without it that detector is off. */
	baseline?: Baseline;
}

/** Events and input errors of one source, normalised but not yet reviewed; see `ReviewSession.stageEvents`. */
export class StagedEvents {
	readonly events: ReviewEvent[] = [];
	readonly errors = new InputErrorLog();
}

/** Counts and lists that describe a whole review. */
export interface ReviewSummary {
	/** Files read (0 for events passed in memory). */
	files: number;
	/** Events reviewed, after input errors were set aside. */
	events: number;
	mappedEvents: number;
	noPermissionEvents: number;
	unmappedEvents: number;
	firstEventTime: string;
	lastEventTime: string;
	/** Input errors, including those beyond the kept list. */
	inputErrors: number;
	/** Findings at or above `minimumSeverity`, by severity and by type. */
	findingsBySeverity: Record<Severity, number>;
	findingsByType: Partial<Record<FindingType, number>>;
	minimumSeverity: Severity;
	/** True when a baseline was loaded, so new actions were checked. */
	baselineUsed: boolean;
	/** Every eventSource and eventName that maps to no IAM action. */
	unmapped: UnmappedEvent[];
}

export interface ReviewResult {
	/** Findings at or above the minimum severity, highest severity first. */
	findings: Finding[];
	summary: ReviewSummary;
	inputErrors: InputError[];
	/** Baseline learned from these events, ready to save. */
	baseline: Baseline;
	/** Least-privilege policy per configured role, with its difference from the class. */
	leastPrivilege: RolePolicyReport[];
}

/**
 * One review: feed it events in batches with `addEvents`, then call `finish` once. Memory
 * is bounded by the number of distinct principals, actions and finding groups, not by the
 * number of events.
 */
export class ReviewSession {
	readonly errors = new InputErrorLog();
	files = 0;
	private readonly mapper = new ActionMapper();
	private readonly attributor: Attributor;
	private readonly learner = new BaselineLearner();
	private readonly detectors: Detector[];
	private readonly unmapped = new Map<string, UnmappedEvent>();
	private readonly counts = { events: 0, mapped: 0, noPermission: 0, unmapped: 0 };
	private firstTime = '';
	private lastTime = '';

	constructor(
		private readonly config: ReviewConfig,
		private readonly options: ReviewSessionOptions = {},
	) {
		this.attributor = new Attributor(config);
		if (!configNamesRoles(config)) {
			this.errors.add('config.noRoles', 'The review config names no runtime role and no class role, so the n8n-specific checks (class policy, secret reads, scoping bypass) find nothing. Add "runtimeRoleArns" or "classRoles".', { source: 'config' });
		}
		const context: DetectorContext = { config, attributor: this.attributor, baseline: options.baseline };
		this.detectors = [
			new NewActionDetector(context),
			new OutsideClassPolicyDetector(context),
			new RegionAccountDetector(context),
			new SecretReadsDetector(),
			new IamChangesDetector(context),
			new AccessDenialsDetector(context),
			new ScopingBypassDetector(context),
		];
	}

	/** Events reviewed so far. */
	get eventCount(): number {
		return this.counts.events;
	}

	/**
	 * Reviews a batch of raw events from one source. Entries that are undefined were
	 * already logged as input errors by the reader; other bad entries are logged here.
	 * `firstIndex` is the position of the batch's first entry in its source.
	 */
	async addEvents(raws: readonly unknown[], source: string, firstIndex = 0): Promise<void> {
		await this.prepareSources(raws);
		for (let i = 0; i < raws.length; i++) {
			const event = this.normalize(raws[i], source, firstIndex + i, this.errors);
			if (event) this.observe(event);
		}
	}

	/**
	 * Checks and normalises a batch like `addEvents`, but keeps the events and input errors
	 * in `staged` until `commitStaged`, so a reader can drop a file that turns out to be
	 * invalid after some of its records were parsed.
	 */
	async stageEvents(raws: readonly unknown[], source: string, firstIndex: number, staged: StagedEvents): Promise<void> {
		await this.prepareSources(raws);
		for (let i = 0; i < raws.length; i++) {
			const event = this.normalize(raws[i], source, firstIndex + i, staged.errors);
			if (event) staged.events.push(event);
		}
	}

	/** Reviews staged events and records their input errors, in the order they were staged. */
	commitStaged(staged: StagedEvents): void {
		for (const error of staged.errors.errors) this.errors.record(error);
		this.errors.total += staged.errors.total - staged.errors.errors.length;
		for (const event of staged.events) this.observe(event);
	}

	/** Runs every detector's finish step and returns the result. Call once. */
	finish(): ReviewResult {
		const minimum = SEVERITIES.indexOf(this.config.minimumSeverity);
		const findings = this.detectors
			.flatMap((detector) => detector.finish())
			.filter((finding) => SEVERITIES.indexOf(finding.severity) >= minimum)
			.sort(compareFindings);
		const baseline = this.learner.toBaseline();
		return {
			findings,
			summary: this.summarize(findings),
			inputErrors: this.errors.errors,
			baseline,
			leastPrivilege: leastPrivilegeReports(this.config, this.learner),
		};
	}

	private normalize(raw: unknown, source: string, index: number, errors: InputErrorLog): ReviewEvent | undefined {
		if (raw === undefined) return undefined;
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
			errors.add('event.notObject', `${source}: event ${index} is not a JSON object; skipped.`, { source, index });
			return undefined;
		}
		return normalizeEvent(raw as Record<string, unknown>, { source, index }, this.mapper, this.attributor, errors);
	}

	private async prepareSources(raws: readonly unknown[]): Promise<void> {
		let pending: Set<string> | undefined;
		// Neighbouring events often share an eventSource, so a repeat skips the map lookup.
		let previous: unknown;
		for (const raw of raws) {
			const source = (raw as { eventSource?: unknown } | null | undefined)?.eventSource;
			if (source === previous) continue;
			previous = source;
			if (typeof source === 'string' && !this.mapper.isPrepared(source)) (pending ??= new Set()).add(source);
		}
		if (pending) await this.mapper.prepare(pending);
	}

	private observe(event: ReviewEvent): void {
		this.counts.events++;
		this.counts[event.mapping.status]++;
		if (event.eventTime !== '') {
			if (this.firstTime === '' || event.eventTime < this.firstTime) this.firstTime = event.eventTime;
			if (event.eventTime > this.lastTime) this.lastTime = event.eventTime;
		}
		if (event.mapping.status === 'unmapped') this.recordUnmapped(event);
		this.learner.observe(event);
		for (const detector of this.detectors) detector.observe(event);
	}

	private recordUnmapped(event: ReviewEvent): void {
		const key = `${event.eventSource}\n${event.eventName}`;
		let entry = this.unmapped.get(key);
		if (!entry) {
			entry = { eventSource: event.eventSource, eventName: event.eventName, reason: event.mapping.reason ?? '', count: 0, eventIds: [] };
			this.unmapped.set(key, entry);
		}
		entry.count++;
		if (entry.eventIds.length < EVIDENCE_EVENT_IDS_MAX) entry.eventIds.push(event.eventId);
	}

	private summarize(findings: Finding[]): ReviewSummary {
		const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0 };
		const byType: Partial<Record<FindingType, number>> = {};
		for (const finding of findings) {
			bySeverity[finding.severity]++;
			byType[finding.type] = (byType[finding.type] ?? 0) + 1;
		}
		return {
			files: this.files,
			events: this.counts.events,
			mappedEvents: this.counts.mapped,
			noPermissionEvents: this.counts.noPermission,
			unmappedEvents: this.counts.unmapped,
			firstEventTime: this.firstTime,
			lastEventTime: this.lastTime,
			inputErrors: this.errors.total,
			findingsBySeverity: bySeverity,
			findingsByType: byType,
			minimumSeverity: this.config.minimumSeverity,
			baselineUsed: this.options.baseline !== undefined,
			unmapped: [...this.unmapped.values()].sort((a, b) => b.count - a.count),
		};
	}
}

function compareFindings(a: Finding, b: Finding): number {
	const severity = SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity);
	if (severity !== 0) return severity;
	if (a.type !== b.type) return a.type.localeCompare(b.type, 'en');
	return a.evidence.firstTime.localeCompare(b.evidence.firstTime, 'en');
}
