/**
 * Converts CloudTrail Lake query rows to events. GetQueryResults returns each row as a list
 * of one-key objects, every value a string; nested columns come as JSON or as
 * `{key=value, key={...}}` text, and column names may be lower case. Keys are given
 * CloudTrail's spelling so the rest of the review reads Lake rows like S3 log records.
 */

const CANONICAL_KEYS = [
	'eventVersion', 'userIdentity', 'type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName',
	'sessionContext', 'sessionIssuer', 'sourceIdentity', 'attributes', 'creationDate', 'mfaAuthenticated',
	'invokedBy', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
	'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'requestID', 'eventID', 'eventType',
	'recipientAccountId', 'readOnly', 'managementEvent', 'eventCategory', 'roleArn', 'roleSessionName',
	'policy', 'policyArns', 'roleName', 'policyArn', 'secretId', 'durationSeconds',
];
const BY_LOWER_CASE = new Map(CANONICAL_KEYS.map((key) => [key.toLowerCase(), key]));

/** Converts one row; returns undefined when the row is not a list of objects. */
export function lakeRowToEvent(row: unknown): Record<string, unknown> | undefined {
	if (!Array.isArray(row)) return undefined;
	const event: Record<string, unknown> = {};
	for (const cell of row) {
		if (typeof cell !== 'object' || cell === null || Array.isArray(cell)) return undefined;
		for (const [column, value] of Object.entries(cell as Record<string, unknown>)) {
			if (value === null || value === undefined || value === '') continue;
			event[canonicalKey(column)] = convertValue(value);
		}
	}
	if (typeof event.eventTime === 'string') event.eventTime = isoTime(event.eventTime);
	return event;
}

function canonicalKey(key: string): string {
	return BY_LOWER_CASE.get(key.toLowerCase()) ?? key;
}

function convertValue(value: unknown): unknown {
	if (typeof value !== 'string') return canonicalObject(value);
	const text = value.trim();
	if (text.startsWith('{') && text.endsWith('}')) {
		try {
			return canonicalObject(JSON.parse(text));
		} catch {
			return parseStruct(text);
		}
	}
	return value;
}

function canonicalObject(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const result: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value as Record<string, unknown>)) result[canonicalKey(key)] = canonicalObject(inner);
	return result;
}

/** Parses `{a=1, b={c=2}}`; commas and braces inside nested values are kept by depth. */
function parseStruct(text: string): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const part of splitTopLevel(text.slice(1, -1))) {
		const equals = part.indexOf('=');
		if (equals <= 0) continue;
		const key = canonicalKey(part.slice(0, equals).trim());
		const value = part.slice(equals + 1).trim();
		if (value === 'null' || value === '') continue;
		result[key] = value.startsWith('{') && value.endsWith('}') ? convertValue(value) : value;
	}
	return result;
}

function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
		else if (char === ',' && depth === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

/** Lake writes `2023-07-10 11:42:36.000` in UTC; the review compares CloudTrail's ISO form. */
function isoTime(time: string): string {
	const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.\d+)?Z?$/.exec(time);
	return match ? `${match[1]}T${match[2]}Z` : time;
}
