'use strict';
/**
 * Child process of the benchmark: reviews a folder with the compiled engine and prints one
 * JSON line with event count, wall time, CPU time and peak RSS, so the figures belong to
 * the review alone. Usage: node reviewOnly.js DIST_REVIEW_MODULE CONFIG_FILE FOLDER
 */
const [distModule, configFile, folder] = process.argv.slice(2);
const review = require(distModule);
const fs = require('node:fs');

async function main() {
	const config = review.parseReviewConfig(JSON.parse(fs.readFileSync(configFile, 'utf8')), configFile);
	const cpuStart = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await review.reviewPaths([folder], config);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuStart);
	process.stdout.write(`${JSON.stringify({
		events: result.summary.events,
		findings: result.findings.length,
		denialEvents: result.findings.filter((f) => f.type === 'accessDenied').reduce((sum, f) => sum + f.evidence.count, 0),
		inputErrors: result.summary.inputErrors,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		maxRssBytes: process.resourceUsage().maxRSS * 1024,
	})}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exitCode = 1;
});
