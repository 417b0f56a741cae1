#!/usr/bin/env node
/**
 * Writes docs/classes.md from the compiled catalog. The script loads dist/ (or the build
 * folder given as the first argument), not the TypeScript sources, so compile first:
 * `npm run docs:classes` runs `tsc -p tsconfig.json` and then this script.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const distDir = path.resolve(root, process.argv[2] ?? 'dist');
const output = path.join(root, 'docs', 'classes.md');

async function main() {
	const { renderClassesMarkdown } = require(path.join(distDir, 'core', 'catalog', 'docs.js'));
	const markdown = await renderClassesMarkdown();
	fs.mkdirSync(path.dirname(output), { recursive: true });
	fs.writeFileSync(output, markdown);
	console.log(`Wrote ${path.relative(root, output)} (${markdown.length} characters) from ${path.relative(root, distDir) || '.'}.`);
}

main().catch((error) => {
	console.error(`Failed to write docs/classes.md: ${error.message}. Compile first with "tsc -p tsconfig.json" so ${path.relative(root, distDir) || '.'}/core/catalog/docs.js exists.`);
	process.exitCode = 1;
});
