/**
 * `n8n-nodes-aws-scoped review PATH... --config FILE`: reviews CloudTrail files and folders
 * and prints findings as JSON lines or a table. Exit code: 0 when there is no finding at or
 * above the severity, 1 when there is one, 2 for bad arguments, a bad config or input errors.
 * After input errors the output still covers the rest of the input.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import {
	formatFindingsTable,
	parseReviewConfig,
	parseSeverity,
	readBaselineForReview,
	reviewPaths,
	ReviewConfigError,
	saveBaselineFile,
	toJsonLines,
} from '../core/review';
import type { Baseline, InputError, ReviewConfig, ReviewProgress, Severity } from '../core/review';
import type { CommandIo } from './io';

const USAGE = `Usage: n8n-nodes-aws-scoped review PATH... --config FILE [options]

Reviews CloudTrail events (S3 log files .json or .json.gz, folders of them, LookupEvents
output, CloudTrail Lake results, or JSON arrays of events) of the n8n roles.

Options:
  --config FILE          review config (JSON): roles, classes, regions, accounts, thresholds
  --format jsonl|table   output format (default: jsonl)
  --severity LEVEL       low, medium or high: the lowest severity printed and counted for
                         the exit code (default: the config's minimumSeverity, else low)
  --baseline FILE        baseline of actions per role for the new-action check
                         (default: the config's baselineFile)
  --save-baseline FILE   write the actions seen in these events as a baseline
  --quiet                no progress line on stderr

Exit code: 0 no finding at or above the severity, 1 findings, 2 bad input.
`;

/** Seconds of work before the first progress line, and between lines. */
const PROGRESS_DELAY_MS = 2000;
const PROGRESS_INTERVAL_MS = 5000;

interface ReviewArgs {
	paths: string[];
	configFile?: string;
	format: 'jsonl' | 'table';
	severity?: Severity;
	baselineFile?: string;
	saveBaselineFile?: string;
	quiet: boolean;
	help: boolean;
}

export async function run(args: string[], io: CommandIo): Promise<number> {
	let parsed: ReviewArgs;
	let config: ReviewConfig;
	try {
		parsed = parseArgs(args);
		if (parsed.help) {
			io.stdout(USAGE);
			return 0;
		}
		config = await loadConfig(parsed);
	} catch (error) {
		io.stderr(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}

	const { baseline, errors } = await loadBaseline(parsed, config);
	const result = await reviewPaths(parsed.paths, config, { baseline, inputErrors: errors, onProgress: progressReporter(io, parsed.quiet) });

	if (parsed.saveBaselineFile) await writeBaseline(parsed.saveBaselineFile, result.baseline, io);
	io.stdout(parsed.format === 'table' ? formatFindingsTable(result) : toJsonLines(result));
	for (const error of result.inputErrors) io.stderr(`error [${error.code}] ${error.message}\n`);

	if (result.summary.inputErrors > 0) return 2;
	return result.findings.length > 0 ? 1 : 0;
}

function parseArgs(args: string[]): ReviewArgs {
	const parsed: ReviewArgs = { paths: [], format: 'jsonl', quiet: false, help: false };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const value = (): string => {
			const next = args[++i];
			if (next === undefined || next.startsWith('--')) throw new ReviewConfigError(`Option ${arg} needs a value.`);
			return next;
		};
		if (arg === '--config') parsed.configFile = value();
		else if (arg === '--format') parsed.format = parseFormat(value());
		else if (arg === '--severity') parsed.severity = parseSeverity(value(), '--severity');
		else if (arg === '--baseline') parsed.baselineFile = value();
		else if (arg === '--save-baseline') parsed.saveBaselineFile = value();
		else if (arg === '--quiet') parsed.quiet = true;
		else if (arg === '--help' || arg === '-h') parsed.help = true;
		else if (arg.startsWith('--')) throw new ReviewConfigError(`Unknown option ${arg}.`);
		else parsed.paths.push(arg);
	}
	if (!parsed.help && parsed.paths.length === 0) throw new ReviewConfigError('Give at least one file or folder to review.');
	if (!parsed.help && !parsed.configFile) throw new ReviewConfigError('--config FILE is required.');
	return parsed;
}

function parseFormat(value: string): 'jsonl' | 'table' {
	if (value === 'jsonl' || value === 'table') return value;
	throw new ReviewConfigError(`--format: invalid format "${value}". Use jsonl or table.`);
}

async function loadConfig(args: ReviewArgs): Promise<ReviewConfig> {
	const file = args.configFile as string;
	let value: unknown;
	try {
		value = JSON.parse(await fs.readFile(file, 'utf8'));
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		throw new ReviewConfigError(`${file}: the review config cannot be read (${reason}).`);
	}
	const config = parseReviewConfig(value, file);
	if (args.severity) config.minimumSeverity = args.severity;
	// A baseline named in the config is relative to the config file.
	if (config.baselineFile) config.baselineFile = path.resolve(path.dirname(file), config.baselineFile);
	return config;
}

async function loadBaseline(args: ReviewArgs, config: ReviewConfig): Promise<{ baseline?: Baseline; errors: InputError[] }> {
	const file = args.baselineFile ?? config.baselineFile;
	if (!file) return { errors: [] };
	const { baseline, error } = await readBaselineForReview(file);
	return { baseline, errors: error ? [error] : [] };
}

async function writeBaseline(file: string, baseline: Baseline, io: CommandIo): Promise<void> {
	await saveBaselineFile(file, baseline);
	io.stderr(`Baseline with ${Object.keys(baseline.principals).length} principals written to ${file}.\n`);
}

function progressReporter(io: CommandIo, quiet: boolean): ((progress: ReviewProgress) => void) | undefined {
	if (quiet) return undefined;
	const started = Date.now();
	let lastLine = 0;
	return (progress) => {
		const now = Date.now();
		if (now - started < PROGRESS_DELAY_MS || now - lastLine < PROGRESS_INTERVAL_MS) return;
		lastLine = now;
		const percent = progress.bytesTotal > 0 ? Math.floor((100 * progress.bytesDone) / progress.bytesTotal) : 100;
		io.stderr(`review: ${progress.filesDone}/${progress.filesTotal} files, ${progress.events} events, ${percent}% of bytes, ${Math.round((now - started) / 1000)} s\n`);
	};
}
