import type { InputError } from './types';

/** Every input error code the review reports, with what it means. */
export const INPUT_ERROR_CODES = {
	'file.unreadable': 'The file or folder could not be read.',
	'file.gzipInvalid': 'The gzip data is truncated or corrupt.',
	'file.invalidJson': 'The file is not valid JSON.',
	'file.notCloudTrail': 'The JSON is not a CloudTrail format the review reads.',
	'event.notObject': 'An entry in the event list is not a JSON object.',
	'event.missingEventSource': 'The event has no eventSource.',
	'event.missingEventName': 'The event has no eventName.',
	'event.missingUserIdentity': 'The event has no userIdentity.',
	'event.invalidJson': 'One record of a large file is not valid JSON.',
	'lookupEvents.invalidCloudTrailEvent': 'A LookupEvents entry has a CloudTrailEvent string that is not a JSON object.',
	'lake.invalidRow': 'A CloudTrail Lake result row is not a list of {column: value} objects.',
	'baseline.unreadable': 'The baseline file could not be read.',
	'baseline.invalidShape': 'The baseline file does not have the baseline shape.',
	'config.noRoles': 'The config names no runtime role and no class role.',
} as const;

export type InputErrorCode = keyof typeof INPUT_ERROR_CODES;

/** Input errors kept in the result; later ones are only counted, so memory stays bounded. */
export const INPUT_ERRORS_KEPT_MAX = 1000;

/** Collects input errors up to INPUT_ERRORS_KEPT_MAX and counts every one. */
export class InputErrorLog {
	readonly errors: InputError[] = [];
	total = 0;

	add(code: InputErrorCode, message: string, where: { source: string; eventId?: string; index?: number }): void {
		this.total++;
		if (this.errors.length >= INPUT_ERRORS_KEPT_MAX) return;
		const error: InputError = { code, message, source: where.source };
		if (where.eventId !== undefined) error.eventId = where.eventId;
		if (where.index !== undefined) error.index = where.index;
		this.errors.push(error);
	}

	/** Adds an error made elsewhere, for example while loading the baseline. */
	record(error: InputError): void {
		this.add(error.code as InputErrorCode, error.message, error);
	}
}

/** Describes an event's position for a message: `event 12 (eventID abc)` or `event 12`. */
export function describeEventPosition(index: number, eventId: string | undefined): string {
	return eventId ? `event ${index} (eventID ${eventId})` : `event ${index}`;
}
