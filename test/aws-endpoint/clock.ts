/** Formats ms since the epoch as ISO 8601 without milliseconds, as CloudTrail and STS write times. */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Formats ms since the epoch in UTC the way CloudTrail writes `credentials.expiration` in
 * AssumeRole records, for example `Jan 27, 2023, 7:54:51 PM`. Built by hand because the ICU
 * of recent Node versions puts a narrow no-break space before AM/PM.
 */
export function cloudTrailExpiration(ms: number): string {
	const date = new Date(ms);
	const hour24 = date.getUTCHours();
	const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
	const minutes = String(date.getUTCMinutes()).padStart(2, '0');
	const seconds = String(date.getUTCSeconds()).padStart(2, '0');
	const period = hour24 < 12 ? 'AM' : 'PM';
	return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${hour12}:${minutes}:${seconds} ${period}`;
}
