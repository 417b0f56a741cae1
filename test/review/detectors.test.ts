import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseBaseline, parseReviewConfig, reviewItems } from '../../core/review';
import { describeFindings, FIXTURES_DIR, matchesSubset } from './helpers';

/**
 * Runs every fixture in test/fixtures/review: the events go through the whole review, each
 * `expect` entry must match a finding (as a subset), and no `expectNone` entry may.
 */
interface DetectorFixture {
	description: string;
	config: unknown;
	baseline?: unknown;
	events: unknown[];
	expect: unknown[];
	expectNone: unknown[];
}

const fixtures = fs
	.readdirSync(FIXTURES_DIR)
	.filter((name) => name.endsWith('.json'))
	.sort()
	.map((name) => [name.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8')) as DetectorFixture] as const);

describe('review detectors', () => {
	it('finds the fixture files', () => {
		expect(fixtures.length).toBeGreaterThanOrEqual(7);
	});

	describe.each(fixtures)('%s', (_name, fixture) => {
		let findings: Awaited<ReturnType<typeof reviewItems>>['findings'];
		let inputErrors: number;

		beforeAll(async () => {
			const config = parseReviewConfig(fixture.config, 'fixture');
			const baseline = fixture.baseline ? parseBaseline(fixture.baseline, 'fixture baseline') : undefined;
			const result = await reviewItems(fixture.events, config, { baseline });
			findings = result.findings;
			inputErrors = result.summary.inputErrors;
		});

		it('reads every event', () => {
			expect(inputErrors).toBe(0);
		});

		it.each(fixture.expect.map((entry) => [JSON.stringify(entry), entry]))('fires %s', (_label, entry) => {
			const found = findings.some((finding) => matchesSubset(finding, entry));
			if (!found) throw new Error(`No finding matches ${JSON.stringify(entry)}. Findings:\n${describeFindings(findings)}`);
		});

		it.each(fixture.expectNone.map((entry) => [JSON.stringify(entry), entry]))('does not fire %s', (_label, entry) => {
			const matching = findings.filter((finding) => matchesSubset(finding, entry));
			if (matching.length > 0) throw new Error(`Unexpected finding:\n${describeFindings(matching)}`);
		});
	});
});
