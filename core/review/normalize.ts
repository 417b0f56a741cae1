import type { ActionMapper } from './actions/actionMapper';
import type { Attributor } from './attribution';
import { describeEventPosition } from './inputErrors';
import type { InputErrorLog } from './inputErrors';
import type { EventLocation, ReviewEvent } from './types';

/**
 * errorCode values that mean IAM (or a resource policy) denied the call. EC2 prefixes its
 * client errors with `Client.`. ThrottlingException, NoSuchEntity and validation errors
 * are not denials. SNS reports a denial as AuthorizationError.
 */
export const DENIAL_ERROR_CODES: ReadonlySet<string> = new Set([
	'AccessDenied',
	'AccessDeniedException',
	'UnauthorizedOperation',
	'Client.UnauthorizedOperation',
	'AuthorizationError',
]);

/**
 * Checks a raw CloudTrail record and turns it into a ReviewEvent. Returns undefined, after
 * logging an input error that names the source and event id, when the record lacks
 * eventSource, eventName or userIdentity. The mapper must have loaded its eventSource.
 */
export function normalizeEvent(
	raw: Record<string, unknown>,
	location: EventLocation,
	mapper: ActionMapper,
	attributor: Attributor,
	errors: InputErrorLog,
): ReviewEvent | undefined {
	const eventId = typeof raw.eventID === 'string' ? raw.eventID : undefined;
	const problem = missingField(raw);
	if (problem) {
		errors.add(problem.code, `${location.source}: ${describeEventPosition(location.index, eventId)} has no ${problem.field}; skipped.`, {
			source: location.source,
			eventId,
			index: location.index,
		});
		return undefined;
	}

	const eventSource = raw.eventSource as string;
	const eventName = raw.eventName as string;
	const eventType = typeof raw.eventType === 'string' ? raw.eventType : 'AwsApiCall';
	const identity = raw.userIdentity as Record<string, unknown>;
	const errorCode = typeof raw.errorCode === 'string' ? raw.errorCode : undefined;
	const callerAccountId = typeof identity.accountId === 'string' ? identity.accountId : undefined;
	const requestParameters = raw.requestParameters;
	const denied = errorCode !== undefined && DENIAL_ERROR_CODES.has(errorCode);

	return {
		eventId: eventId ?? `${location.source}#${location.index}`,
		eventTime: typeof raw.eventTime === 'string' ? raw.eventTime : '',
		eventSource,
		eventName,
		eventType,
		awsRegion: typeof raw.awsRegion === 'string' ? raw.awsRegion : '',
		accountId: typeof raw.recipientAccountId === 'string' ? raw.recipientAccountId : (callerAccountId ?? ''),
		callerAccountId,
		errorCode,
		denied,
		mapping: mapper.map(eventSource, eventName, eventType),
		attribution: attributor.attribute(identity),
		// Only the denial detector groups by session, so the key is built for denials only.
		sessionKey: denied ? sessionKey(identity) : '',
		requestParameters: typeof requestParameters === 'object' && requestParameters !== null ? (requestParameters as Record<string, unknown>) : undefined,
		location,
	};
}

function missingField(raw: Record<string, unknown>) {
	if (typeof raw.eventSource !== 'string' || raw.eventSource === '') {
		return { code: 'event.missingEventSource', field: 'eventSource' } as const;
	}
	if (typeof raw.eventName !== 'string' || raw.eventName === '') {
		return { code: 'event.missingEventName', field: 'eventName' } as const;
	}
	if (typeof raw.userIdentity !== 'object' || raw.userIdentity === null) {
		return { code: 'event.missingUserIdentity', field: 'userIdentity' } as const;
	}
	return undefined;
}

/**
 * Identifies the calling session: the assumed-role ARN names role and session; an IAM
 * user's sessions differ by access key. The key is for grouping only and is never output,
 * because it can contain an access key id.
 */
function sessionKey(identity: Record<string, unknown>): string {
	const arn = typeof identity.arn === 'string' ? identity.arn : String(identity.invokedBy ?? identity.principalId ?? '');
	return typeof identity.accessKeyId === 'string' && identity.type !== 'AssumedRole' ? `${arn}#${identity.accessKeyId}` : arn;
}
