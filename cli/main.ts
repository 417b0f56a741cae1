#!/usr/bin/env node
/**
 * Command-line entry point: `n8n-nodes-aws-scoped <command> ...`.
 * Each command lives in its own module and exports `run(args, io)`, which returns the exit
 * code: 0 (nothing at or above the severity threshold), 1 (findings), 2 (bad input).
 */
import type { CommandIo } from './io';

const COMMANDS: Record<string, { module: string; summary: string }> = {
	review: { module: './review', summary: 'Review CloudTrail events of the n8n roles.' },
	iam: { module: './iam', summary: 'Generate or lint the IAM roles of n8n on ECS (iam generate | iam lint).' },
};

export async function main(argv: string[], io: CommandIo): Promise<number> {
	const [command, ...rest] = argv;
	const entry = command ? COMMANDS[command] : undefined;
	if (!entry) {
		io.stderr(usage(command));
		return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(entry.module) as { run: (args: string[], io: CommandIo) => Promise<number> };
	return module.run(rest, io);
}

function usage(command: string | undefined): string {
	const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(8)} ${entry.summary}`);
	const head = command && command !== '--help' && command !== '-h' ? `Unknown command "${command}".\n` : '';
	return `${head}Usage: n8n-nodes-aws-scoped <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

if (require.main === module) {
	const io: CommandIo = {
		stdout: (text) => process.stdout.write(text),
		stderr: (text) => process.stderr.write(text),
	};
	main(process.argv.slice(2), io).then(
		(code) => {
			process.exitCode = code;
		},
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 2;
		},
	);
}
