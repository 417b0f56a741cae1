import type { InputErrorLog } from '../inputErrors';
import { lakeRowToEvent } from './lake';

/**
 * Finds the CloudTrail events in a parsed JSON value of any supported shape: an S3 log file
 * (`{"Records": [...]}`), LookupEvents output (`{"Events": [{"CloudTrailEvent": "..."}]}`),
 * CloudTrail Lake results (`{"QueryResultRows": [[{column: value}, ...], ...]}`), a bare
 * array of events or Lake rows, or a single event or LookupEvents entry.
 *
 * Returns the events by position in the source; an entry that could not be read is
 * `undefined` and has been logged. Returns undefined when the value is not CloudTrail.
 */
export function extractEvents(value: unknown, source: string, errors: InputErrorLog): unknown[] | undefined {
	if (Array.isArray(value)) {
		return value.length > 0 && Array.isArray(value[0]) ? value.map((row, index) => lakeRow(row, source, index, errors)) : value;
	}
	if (typeof value !== 'object' || value === null) return undefined;
	const object = value as Record<string, unknown>;

	if (Array.isArray(object.Records)) return object.Records;
	if (Array.isArray(object.Events)) return object.Events.map((entry, index) => lookupEntry(entry, source, index, errors));
	if (Array.isArray(object.QueryResultRows)) {
		return object.QueryResultRows.map((row, index) => lakeRow(row, source, index, errors));
	}
	if (typeof object.CloudTrailEvent === 'string') return [lookupEntry(object, source, 0, errors)];
	if (looksLikeEvent(object)) return [object];
	return undefined;
}

/** Describes the shapes extractEvents reads, for the "not CloudTrail" message. */
export const SUPPORTED_SHAPES =
	'{"Records": [...]} (S3 log file), {"Events": [...]} (LookupEvents), {"QueryResultRows": [...]} (CloudTrail Lake), a JSON array of events, or one event';

function looksLikeEvent(object: Record<string, unknown>): boolean {
	return 'eventVersion' in object || 'eventSource' in object || 'eventID' in object || 'userIdentity' in object;
}

function lookupEntry(entry: unknown, source: string, index: number, errors: InputErrorLog): unknown {
	if (typeof entry !== 'object' || entry === null) return entry;
	const item = entry as Record<string, unknown>;
	if (typeof item.CloudTrailEvent !== 'string') return item;

	const eventId = typeof item.EventId === 'string' ? item.EventId : undefined;
	try {
		const parsed: unknown = JSON.parse(item.CloudTrailEvent);
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
		throw new Error('the value is not a JSON object');
	} catch (error) {
		const where = eventId ? `EventId ${eventId}` : `entry ${index}`;
		errors.add('lookupEvents.invalidCloudTrailEvent', `${source}: LookupEvents ${where} has an invalid CloudTrailEvent string (${(error as Error).message}); skipped.`, {
			source,
			eventId,
			index,
		});
		return undefined;
	}
}

function lakeRow(row: unknown, source: string, index: number, errors: InputErrorLog): unknown {
	const event = lakeRowToEvent(row);
	if (event) return event;
	errors.add('lake.invalidRow', `${source}: CloudTrail Lake row ${index} is not a list of {column: value} objects; skipped.`, { source, index });
	return undefined;
}
