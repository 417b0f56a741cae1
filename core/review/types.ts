/** Shared types of the CloudTrail review: events after normalisation, findings and results. */

/** Finding severities, lowest first. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One finding type per detector (the denial detector has two). */
export type FindingType =
	| 'newAction'
	| 'outsideClassPolicy'
	| 'unexpectedRegion'
	| 'unexpectedAccount'
	| 'secretRead'
	| 'iamChange'
	| 'accessDenied'
	| 'probing'
	| 'scopingBypass';

/** Kind of principal for the review: the n8n runtime role, a class role, or any other principal. */
export type RoleKind = 'runtime' | 'class' | 'other';

/** Caller of an event: role, class, session and workflow ids, read from `userIdentity` and the session name. */
export interface Attribution {
	/** `userIdentity.type`: AssumedRole, IAMUser, AWSService, Root, ... (empty for service events). */
	identityType: string;
	/** Role ARN for a role session, user ARN for an IAM user, otherwise `userIdentity.arn`. */
	principalArn?: string;
	/** Role ARN from `sessionContext.sessionIssuer.arn`, or derived from the assumed-role ARN. */
	roleArn?: string;
	roleKind: RoleKind;
	/** Workflow class of a configured class role. */
	classId?: string;
	/** RoleSessionName, the last part of an assumed-role ARN. */
	sessionName?: string;
	/** `sessionContext.sourceIdentity`, set once by the first AssumeRole of a chain. */
	sourceIdentity?: string;
	/** Read back from the session name with the configured template. */
	workflowId?: string;
	executionId?: string;
}

/** Result of mapping eventSource and eventName to IAM actions. */
export interface ActionMapping {
	/** `mapped`: actions exist in IAM data; `noPermission`: the event needs none; `unmapped`: no known action. */
	status: 'mapped' | 'noPermission' | 'unmapped';
	/** IAM actions, `prefix:Name` as IAM data spells them; empty unless mapped. */
	actions: string[];
	/** Reason the event needs no permission or could not be mapped. */
	reason?: string;
}

/** Source file (or `items`) and position of an event, for messages and evidence. */
export interface EventLocation {
	/** File path, or `items` for events passed in memory. */
	source: string;
	/** Zero-based position of the event (or item) in that source. */
	index: number;
}

/** A CloudTrail event after normalisation; detectors read only this. */
export interface ReviewEvent {
	eventId: string;
	/** ISO 8601 UTC, as CloudTrail writes it (`2023-07-10T11:42:36Z`). */
	eventTime: string;
	eventSource: string;
	eventName: string;
	eventType: string;
	awsRegion: string;
	/** Account that received the call: `recipientAccountId`, else `userIdentity.accountId`. */
	accountId: string;
	/** Account of the caller, `userIdentity.accountId`. */
	callerAccountId?: string;
	errorCode?: string;
	/** True when errorCode is one of the access-denial codes. */
	denied: boolean;
	mapping: ActionMapping;
	attribution: Attribution;
	/** Key of the calling session, set for denied events only; for grouping, never written to output. */
	sessionKey: string;
	requestParameters?: Record<string, unknown>;
	location: EventLocation;
}

/** Evidence behind a finding. */
export interface Evidence {
	/** Number of events in the finding. */
	count: number;
	firstTime: string;
	lastTime: string;
	/** Event ids of the first events seen, at most EVIDENCE_EVENT_IDS_MAX. */
	eventIds: string[];
	/** Distinct workflow ids seen, at most EVIDENCE_VALUES_MAX. */
	workflowIds: string[];
	/** Distinct execution ids seen, at most EVIDENCE_VALUES_MAX. */
	executionIds: string[];
}

export const EVIDENCE_EVENT_IDS_MAX = 10;
export const EVIDENCE_VALUES_MAX = 20;

export type DetailValue = string | number | boolean | string[];

export interface Finding {
	type: FindingType;
	severity: Severity;
	/** One sentence for a reader: what happened and which principal did it. */
	summary: string;
	/** IAM action, when the finding is about one. */
	action?: string;
	eventSource?: string;
	eventName?: string;
	attribution: Attribution;
	evidence: Evidence;
	/** Detector-specific facts (decision, region, release time, ...). */
	details: Record<string, DetailValue>;
}

/** A problem with the input: the event or file is skipped and the review goes on. */
export interface InputError {
	/** Dotted code from INPUT_ERROR_CODES, for example `event.missingEventSource`. */
	code: string;
	message: string;
	/** File path, `items`, the config or the baseline file. */
	source: string;
	eventId?: string;
	/** Zero-based position of the event or item in its source. */
	index?: number;
}

/** An eventSource and eventName that maps to no IAM action, with where it was seen. */
export interface UnmappedEvent {
	eventSource: string;
	eventName: string;
	reason: string;
	count: number;
	eventIds: string[];
}
