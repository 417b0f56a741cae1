/**
 * `n8n-nodes-aws-scoped iam generate|lint`: writes the IAM roles of n8n on ECS from a
 * config, or checks existing roles. Exit codes: 0 (done, or no findings at or above the
 * severity), 1 (findings), 2 (bad input).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	atOrAbove,
	emptyLintInput,
	generateRoles,
	IamInputError,
	lintRoles,
	measurePolicies,
	OUTPUT_FORMATS,
	parseIamConfig,
	readLintFile,
	renderOutputs,
	ROLE_KINDS,
	SEVERITIES,
} from '../core/iam';
import type { LintReport, OutputFormat, RoleKind, Severity } from '../core/iam';
import type { CommandIo } from './io';

const USAGE = `Usage:
  n8n-nodes-aws-scoped iam generate --config FILE [--out DIR] [--format json|cloudformation|terraform|all] [--worker-pools]
  n8n-nodes-aws-scoped iam lint FILE_OR_DIR... [--severity low|medium|high] [--format text|json] [--kind ROLE_NAME=KIND]...

generate  Writes the task execution, runtime, class, deployment and break-glass roles.
  --config FILE     YAML or JSON config; examples/iam/config.yaml documents every field.
  --out DIR         Output folder (default: n8n-iam).
  --format F        json (one folder per role), cloudformation, terraform, or all (default).
  --worker-pools    Also write one runtime role, ECS service and task definition per worker pool.

lint      Checks roles: role.json files (folders are searched for them), or the output of
          aws iam get-account-authorization-details or aws iam get-role.
  --severity S      Lowest severity that makes the exit code 1 (default: low).
  --format F        text (default) or json.
  --kind NAME=KIND  Kind of an untagged role: ${ROLE_KINDS.join(', ')}.
`;

class UsageError extends Error {}

export async function run(args: string[], io: CommandIo): Promise<number> {
	const [subcommand, ...rest] = args;
	try {
		if (subcommand === 'generate') return runGenerate(rest, io);
		if (subcommand === 'lint') return await runLint(rest, io);
		if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
			io.stdout(USAGE);
			return 0;
		}
		throw new UsageError(`Unknown iam command "${subcommand}". Use generate or lint.`);
	} catch (error) {
		if (error instanceof UsageError || error instanceof IamInputError) {
			io.stderr(`${error.message}\n${error instanceof UsageError ? `\n${USAGE}` : ''}`);
			return 2;
		}
		throw error;
	}
}

interface ParsedArgs {
	values: Map<string, string[]>;
	flags: Set<string>;
	positional: string[];
}

function parseArgs(args: string[], valueOptions: string[], flagOptions: string[]): ParsedArgs {
	const parsed: ParsedArgs = { values: new Map(), flags: new Set(), positional: [] };
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (flagOptions.includes(arg)) {
			parsed.flags.add(arg);
		} else if (valueOptions.includes(arg)) {
			const value = args[++index];
			if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
			parsed.values.set(arg, [...(parsed.values.get(arg) ?? []), value]);
		} else if (arg.startsWith('--')) {
			throw new UsageError(`Unknown option "${arg}".`);
		} else {
			parsed.positional.push(arg);
		}
	}
	return parsed;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
	if (value === undefined) return fallback;
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${option} "${value}" is not valid. Use one of: ${allowed.join(', ')}.`);
}

function runGenerate(args: string[], io: CommandIo): number {
	const parsed = parseArgs(args, ['--config', '--out', '--format'], ['--worker-pools']);
	const configPath = parsed.values.get('--config')?.[0];
	if (!configPath) throw new UsageError('iam generate needs --config FILE.');
	if (parsed.positional.length > 0) throw new UsageError(`Unexpected argument "${parsed.positional[0]}".`);
	const format = oneOf<OutputFormat>(parsed.values.get('--format')?.[0], OUTPUT_FORMATS, '--format', 'all');
	const outDir = parsed.values.get('--out')?.[0] ?? 'n8n-iam';

	const config = parseIamConfig(readInput(configPath, 'config file'), configPath);
	const set = generateRoles(config, { workerPools: parsed.flags.has('--worker-pools') });
	const oversized = measurePolicies(set).filter((size) => size.length > size.limit);
	if (oversized.length > 0) {
		const lines = oversized.map((size) => `  - ${size.name} ${size.document}: ${size.length} characters, IAM allows ${size.limit}`);
		io.stderr(`Some generated policies exceed IAM quotas; nothing was written:\n${lines.join('\n')}\nUse fewer class options or shorter role names.\n`);
		return 2;
	}

	const files = renderOutputs(set, format);
	for (const [path, content] of files) {
		const target = join(outDir, path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, content);
	}
	io.stdout(`Wrote ${files.size} files to ${outDir} for ${set.roles.length} roles:\n`);
	for (const role of set.roles) io.stdout(`  ${role.kind.padEnd(14)} ${role.roleName}\n`);
	return 0;
}

function readInput(path: string, inputKind: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new UsageError(`Cannot read the ${inputKind} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`);
	}
}

async function runLint(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseArgs(args, ['--severity', '--format', '--kind'], []);
	if (parsed.positional.length === 0) throw new UsageError('iam lint needs at least one FILE or folder.');
	const severity = oneOf<Severity>(parsed.values.get('--severity')?.[0], SEVERITIES, '--severity', 'low');
	const format = oneOf(parsed.values.get('--format')?.[0], ['text', 'json'] as const, '--format', 'text');
	const kinds = parseKinds(parsed.values.get('--kind') ?? []);

	const input = emptyLintInput();
	for (const path of parsed.positional.flatMap(expandPath)) readLintFile(readInput(path, 'lint input'), path, input);
	const report = await lintRoles(input, { kinds });
	const reported = report.findings.filter((entry) => atOrAbove(entry.severity, severity));

	if (format === 'json') io.stdout(`${JSON.stringify({ ...report, findings: reported }, null, 2)}\n`);
	else io.stdout(formatReport(report, reported));
	return reported.length > 0 ? 1 : 0;
}

function parseKinds(entries: string[]): Record<string, RoleKind> {
	const kinds: Record<string, RoleKind> = {};
	for (const entry of entries) {
		const [name, kind] = entry.split('=');
		if (!name || !(ROLE_KINDS as readonly string[]).includes(kind)) {
			throw new UsageError(`--kind "${entry}" is not ROLE_NAME=KIND. Use a kind of: ${ROLE_KINDS.join(', ')}.`);
		}
		kinds[name] = kind as RoleKind;
	}
	return kinds;
}

/** A folder stands for every role.json under it. */
function expandPath(path: string): string[] {
	let isFolder: boolean;
	try {
		isFolder = statSync(path).isDirectory();
	} catch {
		return [path];
	}
	if (!isFolder) return [path];
	const found = readdirSync(path, { recursive: true, encoding: 'utf8' })
		.filter((entry) => entry === 'role.json' || entry.endsWith('/role.json'))
		.sort()
		.map((entry) => join(path, entry));
	if (found.length === 0) throw new UsageError(`The folder ${path} contains no role.json file. Pass role files or the output of aws iam get-account-authorization-details.`);
	return found;
}

function formatReport(report: LintReport, reported: LintReport['findings']): string {
	const lines = [`Checked ${report.roles.length} roles: ${report.roles.map((role) => `${role.roleName} (${role.kind})`).join(', ') || 'none recognised'}.`];
	for (const entry of reported) {
		const where = [entry.policy, entry.statement].filter((part) => part !== '').join(', ');
		lines.push(`${entry.severity.toUpperCase()} ${entry.ruleId} ${entry.roleName} [${where}]`, `  ${entry.message}`, `  Fix: ${entry.fix}`);
	}
	for (const note of report.notes) lines.push(`Note: ${note}`);
	lines.push(reported.length === 0 ? 'No findings.' : `${reported.length} findings.`);
	return `${lines.join('\n')}\n`;
}
