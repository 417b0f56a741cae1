import { randomUUID } from 'node:crypto';

import { isoSeconds } from './clock';
import type { AwsError } from './errors';
import { userIdentityOf, type Caller } from './identity';
import type { ApiRequest } from './protocols';
import type { CloudTrailEvent, CloudTrailUserIdentity } from './types';

/** Everything known about a served request when its CloudTrail record is written. */
export interface ServedRequest {
	request: ApiRequest;
	/** The authenticated caller; for an injected fault, which comes before authentication, the owner of the access key. */
	caller?: Caller;
	requestId: string;
	/** ms since the epoch, from the endpoint clock. */
	time: number;
	recipientAccountId: string;
	sourceIPAddress: string;
	readOnly: boolean;
	requestParameters: Record<string, unknown> | null;
	responseElements: Record<string, unknown> | null;
	error?: AwsError;
}

/** Builds the CloudTrail record of one request, in the shape of a CloudTrail log file entry (eventVersion 1.08). */
export function buildCloudTrailEvent(served: ServedRequest): CloudTrailEvent {
	const { request, error } = served;
	const event: CloudTrailEvent = {
		eventVersion: '1.08',
		userIdentity: identityOf(served),
		eventTime: isoSeconds(served.time),
		eventSource: `${request.service}.amazonaws.com`,
		eventName: request.operation,
		awsRegion: request.region,
		sourceIPAddress: served.sourceIPAddress,
		userAgent: request.headers['user-agent'] ?? '',
		requestParameters: withoutUndefined(served.requestParameters),
		responseElements: error ? null : withoutUndefined(served.responseElements),
		requestID: served.requestId,
		eventID: randomUUID(),
		readOnly: served.readOnly,
		eventType: 'AwsApiCall',
		managementEvent: true,
		recipientAccountId: served.recipientAccountId,
		eventCategory: 'Management',
	};
	if (error) {
		event.errorCode = error.code;
		event.errorMessage = error.message;
	}
	return event;
}

function identityOf(served: ServedRequest): CloudTrailUserIdentity {
	if (served.caller) return userIdentityOf(served.caller);
	const accessKeyId = served.request.scope?.accessKeyId;
	return accessKeyId ? { type: 'Unknown', accessKeyId } : { type: 'Unknown' };
}

/** Drops undefined members, as JSON serialization of a CloudTrail record would. */
function withoutUndefined(value: Record<string, unknown> | null): Record<string, unknown> | null {
	if (value === null) return null;
	return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
