/** Shared helpers of the iam tests: captured CLI output, temporary folders, example config. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CommandIo } from '../../cli/io';
import { parseIamConfig } from '../../core/iam';
import type { IamConfig } from '../../core/iam';

export const REPO_ROOT = join(__dirname, '..', '..');
export const EXAMPLE_CONFIG_PATH = join(REPO_ROOT, 'examples', 'iam', 'config.yaml');
export const FIXTURES = join(__dirname, 'fixtures');

export interface CapturedIo extends CommandIo {
	out: string[];
	err: string[];
}

export function captureIo(): CapturedIo {
	const out: string[] = [];
	const err: string[] = [];
	return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

export function makeTempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `n8n-iam-${prefix}-`));
}

export function exampleConfig(): IamConfig {
	return parseIamConfig(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'), EXAMPLE_CONFIG_PATH);
}

/** Every file under `dir`, by path relative to it, with its text. */
export function readTree(dir: string): Map<string, string> {
	const files = readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
	return new Map(files.sort().map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]));
}
