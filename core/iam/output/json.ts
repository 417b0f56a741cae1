/** Plain JSON output: one folder per role, ready for `aws iam create-role` and review. */
import { toRoleRecord } from '../roleRecord';
import { breakGlassEventPattern } from '../roles/breakGlassRole';
import type { GeneratedRoleSet } from '../types';

/** Generated files by path relative to the output folder. */
export type OutputFiles = Map<string, string>;

export function pretty(value: unknown): string {
	return `${JSON.stringify(value, null, '\t')}\n`;
}

/**
 * Renders `json/roles/<role>/` with trust-policy.json, permissions-policy.json (when the
 * role has an inline policy), role.json (the record the lint reads) and NOTES.md, and
 * `json/policies/<policy>.json` for the managed policies.
 */
export function renderJsonFiles(set: GeneratedRoleSet): OutputFiles {
	const files: OutputFiles = new Map();
	for (const role of set.roles) {
		const folder = `json/roles/${role.roleName}`;
		files.set(`${folder}/trust-policy.json`, pretty(role.trustPolicy));
		if (role.inlinePolicy) files.set(`${folder}/permissions-policy.json`, pretty(role.inlinePolicy.document));
		files.set(`${folder}/role.json`, pretty(toRoleRecord(role, set)));
		if (role.notes.length > 0) files.set(`${folder}/NOTES.md`, `# ${role.roleName}\n\n${role.notes.map((note) => `- ${note}`).join('\n')}\n`);
		if (role.kind === 'break-glass') files.set(`${folder}/event-pattern.json`, pretty(breakGlassEventPattern(role)));
	}
	for (const policy of set.managedPolicies) {
		files.set(`json/policies/${policy.policyName}.json`, pretty(policy.document));
	}
	return files;
}
