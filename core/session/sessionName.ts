import { createHash } from 'node:crypto';

/** STS RoleSessionName: 2-64 characters from letters, digits and `_+=,.@-`. */
export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
export const ROLE_SESSION_NAME_MAX_LENGTH = 64;

/** Tokens a session-name template may contain. */
export const SESSION_NAME_TOKENS = ['workflowId', 'executionId', 'class', 'workflowName'] as const;
export type SessionNameToken = (typeof SESSION_NAME_TOKENS)[number];
export type SessionNameValues = Partial<Record<SessionNameToken, string>>;

export const DEFAULT_SESSION_NAME_TEMPLATE = 'n8n-{workflowId}-{executionId}';

const TOKEN = /\{([^{}]*)\}/g;
const HASH_LENGTH = 8;

/**
 * Checks that a template uses only known tokens.
 * @throws Error naming the unknown token and the allowed ones.
 */
export function validateSessionNameTemplate(template: string): void {
	for (const match of template.matchAll(TOKEN)) {
		if (!(SESSION_NAME_TOKENS as readonly string[]).includes(match[1])) {
			throw new Error(
				`Unknown token "{${match[1]}}" in the session name template "${template}". Use only ${SESSION_NAME_TOKENS.map((t) => `{${t}}`).join(', ')}.`,
			);
		}
	}
}

/**
 * Renders a RoleSessionName from a template. Every value is reduced to STS's character set;
 * when the result exceeds 64 characters, the workflow name (then the whole name) is cut and
 * an 8-character hash of the full name is added, so that different inputs stay different
 * and the same input always gives the same name. The ids are never cut while the template's
 * fixed text and ids fit in 64 characters, so the CloudTrail review can read them back.
 */
export function renderSessionName(template: string, values: SessionNameValues): string {
	validateSessionNameTemplate(template);
	const clean: Record<string, string> = {};
	for (const token of SESSION_NAME_TOKENS) clean[token] = sanitize(values[token] ?? '');
	const full = fill(template, clean);
	let name = full;

	if (name.length > ROLE_SESSION_NAME_MAX_LENGTH) {
		const hash = shortHash(template, values);
		const room = ROLE_SESSION_NAME_MAX_LENGTH - (full.length - clean.workflowName.length) - HASH_LENGTH - 1;
		if (template.includes('{workflowName}') && room >= 0) {
			name = fill(template, { ...clean, workflowName: `${clean.workflowName.slice(0, room)}-${hash}` });
		} else {
			name = `${full.slice(0, ROLE_SESSION_NAME_MAX_LENGTH - HASH_LENGTH - 1)}-${hash}`;
		}
	}
	if (name.length < 2) name = `${name}n8n`.slice(0, Math.max(2, name.length + 3));
	return name;
}

/**
 * Reads the workflow and execution ids back from a session name made by `template`.
 * Returns an empty object when the name does not match the template.
 */
export function parseSessionName(template: string, sessionName: string): SessionNameValues {
	const order: SessionNameToken[] = [];
	let source = '';
	let last = 0;
	for (const match of template.matchAll(TOKEN)) {
		source += escapeRegExp(replaceInvalid(template.slice(last, match.index)));
		order.push(match[1] as SessionNameToken);
		source += match[1] === 'workflowName' ? '([\\w+=,.@-]*?)' : '([A-Za-z0-9_+=,.@]*?)';
		last = (match.index ?? 0) + match[0].length;
	}
	source += escapeRegExp(replaceInvalid(template.slice(last)));
	const found = new RegExp(`^${source}(?:-[0-9a-f]{${HASH_LENGTH}})?$`).exec(sessionName);
	if (!found) return {};
	const values: SessionNameValues = {};
	order.forEach((token, index) => {
		if (found[index + 1]) values[token] = found[index + 1];
	});
	return values;
}

/**
 * Reduces a token value to STS's session-name characters: accents are dropped, every run
 * of other characters becomes one `-`, and `-` at either end is removed.
 */
export function sanitize(text: string): string {
	return replaceInvalid(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** Replaces each run of characters that STS does not allow in a session name with `-`. */
function replaceInvalid(text: string): string {
	return text.replace(/[^\w+=,.@-]+/g, '-');
}

function fill(template: string, values: Record<string, string>): string {
	return replaceInvalid(template.replace(TOKEN, (_, token: string) => values[token] ?? ''));
}

function shortHash(template: string, values: SessionNameValues): string {
	return createHash('sha256').update(JSON.stringify([template, values])).digest('hex').slice(0, HASH_LENGTH);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
