import * as path from 'node:path';

import type { Finding } from '../../core/review';

/** Folder of the shared test data: SHARED_DIR, else `shared/` beside the repository. */
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared');
export const DATASET_DIR = path.join(SHARED_DIR, 'datasets', 'cloudtrail-invictus', 'CloudTrail');
export const FIXTURES_DIR = path.resolve(__dirname, '..', 'fixtures', 'review');

/** True when `actual` has every field of `expected`, compared deeply; arrays must be equal. */
export function matchesSubset(actual: unknown, expected: unknown): boolean {
	if (Array.isArray(expected)) {
		return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matchesSubset(actual[index], item));
	}
	if (typeof expected === 'object' && expected !== null) {
		if (typeof actual !== 'object' || actual === null) return false;
		return Object.entries(expected).every(([key, value]) => matchesSubset((actual as Record<string, unknown>)[key], value));
	}
	return actual === expected;
}

/** Lists findings compactly for a failure message. */
export function describeFindings(findings: Finding[]): string {
	return findings.map((finding) => `${finding.type} ${finding.action ?? ''} ${JSON.stringify(finding.attribution)} ${JSON.stringify(finding.details)} x${finding.evidence.count}`).join('\n');
}
