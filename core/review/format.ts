import type { ReviewResult } from './session';
import type { Finding } from './types';

/**
 * Formats a result as JSON lines: one `{"kind": "finding"}` line per finding, one
 * `{"kind": "inputError"}` line per kept input error, then one `{"kind": "summary"}` line
 * with the summary and the least-privilege reports.
 */
export function toJsonLines(result: ReviewResult): string {
	const lines: string[] = [];
	for (const finding of result.findings) lines.push(JSON.stringify({ kind: 'finding', ...finding }));
	for (const error of result.inputErrors) lines.push(JSON.stringify({ kind: 'inputError', ...error }));
	lines.push(JSON.stringify({ kind: 'summary', ...result.summary, leastPrivilege: result.leastPrivilege }));
	return `${lines.join('\n')}\n`;
}

const COLUMNS = ['SEVERITY', 'TYPE', 'COUNT', 'PRINCIPAL', 'ACTION', 'WORKFLOW', 'FIRST SEEN'] as const;

/** Formats a result as a text table of findings, followed by unmapped events, input errors and totals. */
export function formatFindingsTable(result: ReviewResult): string {
	const rows = result.findings.map(tableRow);
	const widths = COLUMNS.map((title, column) => Math.min(60, Math.max(title.length, ...rows.map((row) => row[column].length))));
	const render = (cells: readonly string[]) => cells.map((cell, column) => cut(cell, widths[column]).padEnd(widths[column])).join('  ').trimEnd();

	const out: string[] = [];
	if (rows.length > 0) {
		out.push(render(COLUMNS), ...rows.map(render), '');
		out.push('Findings:');
		result.findings.forEach((finding, index) => out.push(`  ${index + 1}. ${finding.summary} Events: ${finding.evidence.eventIds.join(', ')}`));
	} else {
		out.push(`No findings at or above ${result.summary.minimumSeverity} severity.`);
	}
	const { summary } = result;
	if (summary.unmapped.length > 0) {
		out.push('', 'Events with no IAM action:');
		for (const entry of summary.unmapped) out.push(`  ${entry.eventSource} ${entry.eventName} (${entry.count}): ${entry.reason}`);
	}
	if (result.inputErrors.length > 0) {
		out.push('', `Input errors (${summary.inputErrors}):`);
		for (const error of result.inputErrors) out.push(`  [${error.code}] ${error.message}`);
	}
	out.push(
		'',
		`${summary.events} events from ${summary.files} files (${summary.mappedEvents} mapped, ${summary.noPermissionEvents} needing no permission, ${summary.unmappedEvents} unmapped); ` +
			`findings: ${summary.findingsBySeverity.high} high, ${summary.findingsBySeverity.medium} medium, ${summary.findingsBySeverity.low} low.`,
	);
	return `${out.join('\n')}\n`;
}

function tableRow(finding: Finding): string[] {
	const caller = finding.attribution;
	const workflow = caller.workflowId ?? finding.evidence.workflowIds.join(',');
	return [
		finding.severity,
		finding.type,
		String(finding.evidence.count),
		caller.principalArn ?? caller.identityType,
		finding.action ?? '',
		workflow,
		finding.evidence.firstTime,
	];
}

function cut(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
