/** Facts about the machine the figures were measured on. */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface MachineFacts {
	cpuModel: string;
	/** Logical CPUs the OS reports. */
	cores: number;
	memoryGiB: number;
	node: string;
	platform: string;
}

export function machineFacts(): MachineFacts {
	return {
		cpuModel: cpuModel(),
		cores: os.cpus().length,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
	};
}

/** Reads the first "model name" of /proc/cpuinfo, or asks os.cpus() where that file does not exist (not Linux). */
function cpuModel(): string {
	try {
		const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
		if (match) return match[1].trim();
	} catch {
		// Not Linux: fall through to what Node reports.
	}
	return os.cpus()[0]?.model ?? 'unknown';
}
