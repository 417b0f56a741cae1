/** Messages between the benchmark and its endpoint process. */

/** Parent to child. */
export type EndpointRequest = { type: 'cpu' } | { type: 'summary' } | { type: 'close' };

/** Child to parent. */
export type EndpointReply =
	| { type: 'ready'; url: string }
	/** User plus system CPU time of the endpoint process since it started, in µs. */
	| { type: 'cpu'; micros: number }
	| { type: 'summary'; summary: EventSummary };

/** Counts of the requests the endpoint served, from its CloudTrail records. */
export interface EventSummary {
	total: number;
	/** Records by `<eventName> <userIdentity.type>`, for example `AssumeRole IAMUser`. */
	byEvent: Record<string, number>;
	/** Failed records by errorCode. */
	errors: Record<string, number>;
}
