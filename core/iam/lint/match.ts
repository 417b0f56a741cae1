/** Action and resource matching as IAM does it: case-insensitive actions, `*` and `?` wildcards. */

/** Returns true when the IAM pattern (with `*` and `?`) matches `value`. */
export function matchesPattern(pattern: string, value: string, ignoreCase = true): boolean {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** Returns true when the action pattern is `*` or `service:*`, which grants a whole service or more. */
export function isServiceWideAction(pattern: string): boolean {
	return pattern === '*' || /^[a-z0-9-]+:\*$/i.test(pattern);
}

/** Returns the exact action names of `allowed` that the pattern grants. */
export function grantedAmong(pattern: string, allowed: readonly string[]): string[] {
	return allowed.filter((action) => matchesPattern(pattern, action));
}

/** Returns true when the pattern is exactly one of the allowed actions (no wildcard reaching further). */
export function isExactlyOneOf(pattern: string, allowed: readonly string[]): boolean {
	return !/[*?]/.test(pattern) && allowed.some((action) => action.toLowerCase() === pattern.toLowerCase());
}
