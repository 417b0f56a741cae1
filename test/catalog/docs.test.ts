import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKFLOW_CLASSES } from '../../core/catalog';
import { renderClassesMarkdown } from '../../core/catalog/docs';

const DOC_PATH = join(__dirname, '..', '..', 'docs', 'classes.md');
const REGENERATE =
	'Regenerate it with "npm run docs:classes", which runs "tsc -p tsconfig.json && node scripts/write-classes-doc.js".';

/** Returns the 1-based number of the first line where the two texts differ. */
function firstDifferentLine(actual: string, expected: string): number {
	const actualLines = actual.split('\n');
	const expectedLines = expected.split('\n');
	let line = 0;
	while (line < expectedLines.length && actualLines[line] === expectedLines[line]) line++;
	return line + 1;
}

describe('classes doc', () => {
	let markdown: string;

	beforeAll(async () => {
		markdown = await renderClassesMarkdown();
	});

	test('file up to date', () => {
		if (!existsSync(DOC_PATH)) throw new Error(`docs/classes.md is missing. ${REGENERATE}`);
		const actual = readFileSync(DOC_PATH, 'utf8');
		if (actual !== markdown) {
			const line = firstDifferentLine(actual, markdown);
			const expectedLine = markdown.split('\n')[line - 1] ?? '(end of file)';
			throw new Error(`docs/classes.md is out of date from line ${line} (expected "${expectedLine}"). ${REGENERATE}`);
		}
	});

	test('every class documented', () => {
		for (const definition of WORKFLOW_CLASSES) {
			expect(markdown).toContain(`## ${definition.name}\n\nId: \`${definition.id}\``);
			expect(markdown).toContain(definition.description);
		}
	});

	test('every action listed', () => {
		for (const definition of WORKFLOW_CLASSES) {
			for (const group of [...definition.allow, ...definition.deny]) {
				expect(markdown).toContain(`**${group.purpose}**`);
				for (const action of group.actions) expect(markdown).toContain(`\`${action}\``);
			}
		}
	});

	test('sizes within limit', () => {
		const sizes = [...markdown.matchAll(/Session policy size: (\d+) characters without a region rule, (\d+) with/g)];
		expect(sizes).toHaveLength(WORKFLOW_CLASSES.length);
		for (const [, bare, withRegions] of sizes) {
			expect(Number(bare)).toBeLessThan(Number(withRegions));
			expect(Number(withRegions)).toBeLessThanOrEqual(2048);
		}
	});

	test('access levels shown', () => {
		expect(markdown).toContain('| `iam:AttachRolePolicy` | Permissions management, Write |');
		expect(markdown).toMatch(/\| `ec2:Describe\*` \| [A-Za-z, ]+ \(\d+ actions\) \|/);
	});

	test('custom class guide present', () => {
		expect(markdown).toContain('### When to use a custom class');
		expect(markdown).toContain('"Action": "*"');
	});
});
