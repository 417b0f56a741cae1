/** Runtime dependencies must be MIT, Apache-2.0 or BSD; AGPL packages may only be devDependencies. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD']);

interface LockEntry {
	license?: string;
	dev?: boolean;
	devOptional?: boolean;
	peer?: boolean;
}

function runtimePackages(): Array<{ path: string; license: string }> {
	const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
	return Object.entries(lock.packages)
		.filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.peer)
		.map(([path, entry]) => {
			const manifest = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')) as { license?: string };
			return { path, license: entry.license ?? manifest.license ?? 'missing' };
		});
}

describe('runtime dependency licenses', () => {
	test('every runtime package allowed', () => {
		const packages = runtimePackages();
		console.log(`licenses: ${packages.length} runtime packages checked`);
		expect(packages.length).toBeGreaterThan(0);
		expect(packages.filter((entry) => !ALLOWED.has(entry.license))).toEqual([]);
	});

	test('iam-simulate only a devDependency', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
		expect(Object.keys(manifest.dependencies)).not.toContain('@cloud-copilot/iam-simulate');
		expect(Object.keys(manifest.devDependencies)).toContain('@cloud-copilot/iam-simulate');
		expect(runtimePackages().map((entry) => entry.path).filter((path) => path.includes('@cloud-copilot/iam-simulate'))).toEqual([]);
	});
});
