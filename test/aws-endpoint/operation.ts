import type { FakeData } from './fakeData';
import type { Caller } from './identity';
import type { ApiRequest } from './protocols';
import type { EndpointRole, IssuedSession } from './types';

/** Mutable state of one endpoint: keys, roles, issued sessions and the fake service data. */
export interface EndpointState {
	accountId: string;
	now: () => number;
	/** Keyed by access key id. */
	callers: Map<string, Caller>;
	/** Keyed by role ARN. */
	roles: Map<string, EndpointRole>;
	sessions: IssuedSession[];
	data: FakeData;
}

/** An authenticated request on its way to a handler. */
export interface OperationContext {
	state: EndpointState;
	request: ApiRequest;
	caller: Caller;
}

/** What a handler returns: the response body and the CloudTrail `responseElements`. */
export interface OperationOutput {
	result: Record<string, unknown>;
	responseElements: Record<string, unknown> | null;
}

/** One AWS API operation the endpoint serves. */
export interface OperationDefinition {
	/** IAM action checked with iam-simulate before `handle`; omitted when the handler authorizes itself (STS). */
	iamAction?: string;
	/** Resource ARN of the IAM check; default `*`. */
	resourceOf?: (context: OperationContext) => string;
	/** CloudTrail `readOnly`. */
	readOnly: boolean;
	/** CloudTrail `requestParameters`, also recorded when the call fails. */
	requestParameters: (params: Record<string, unknown>) => Record<string, unknown> | null;
	handle: (context: OperationContext) => Promise<OperationOutput> | OperationOutput;
}

/** Converts `PascalCase` keys to the `camelCase` keys CloudTrail writes, recursively. */
export function camelCaseKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(camelCaseKeys);
	if (typeof value !== 'object' || value === null) return value;
	const entries = Object.entries(value as Record<string, unknown>).map(([key, child]) => [key.charAt(0).toLowerCase() + key.slice(1), camelCaseKeys(child)]);
	return Object.fromEntries(entries);
}
