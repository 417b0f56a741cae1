'use strict';
/**
 * Benchmark of the CloudTrail review against an equivalent jq filter, on gzipped S3 log
 * files built from the Invictus dataset (generate.js). Prints events per second per CPU
 * second, the ratio to jq and peak RSS. It is not a test: it prints figures.
 *
 * Run `npm run build` first, then: node bench/review/run.js [--gib 1] [--dist DIR] [--keep]
 * The data set is generated into a temporary folder and deleted afterwards unless --keep.
 * SHARED_DIR points at the shared folder (default: ../shared beside the repository).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { generateLogFiles } = require('./generate');

const REPO = path.resolve(__dirname, '..', '..');
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO, '..', 'shared');
const DATASET = path.join(SHARED_DIR, 'datasets', 'cloudtrail-invictus', 'CloudTrail');

/** The review config: two dataset roles as class roles, so every detector has work. */
const CONFIG = {
	runtimeRoleArns: ['arn:aws:iam::123837392027:role/n8n-runtime'],
	classRoles: [
		{ roleArn: 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role', classId: 'readOnlyEnrichment' },
		{ roleArn: 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-enumerate-role', classId: 'quarantineContainment' },
	],
	expectedRegions: ['us-east-1'],
	expectedAccounts: ['123837392027'],
	releaseTimes: ['2023-07-10T12:00:00Z'],
};

/**
 * jq version of the same single pass: denials per principal and action, secret reads, IAM
 * changes and regions outside the expected one. jq has no IAM data, so it does no action
 * mapping, class-policy evaluation or session-name parsing; it does less work than the review.
 */
const JQ_FILTER = `
reduce (inputs | .Records[]) as $e ({events: 0, denials: {}, secrets: {}, iam: {}, regions: {}};
  .events += 1
  | ($e.userIdentity.sessionContext.sessionIssuer.arn // $e.userIdentity.arn // "none") as $p
  | ($e.eventSource | split(".")[0]) as $svc
  | ($e.errorCode // "") as $code
  | if $code == "AccessDenied" or $code == "AccessDeniedException" or $code == "UnauthorizedOperation" or $code == "Client.UnauthorizedOperation"
    then .denials[$p + " " + $svc + ":" + $e.eventName] += 1 else . end
  | if $svc == "secretsmanager" and ($e.eventName | IN("GetSecretValue", "BatchGetSecretValue", "DescribeSecret", "ListSecretVersionIds", "GetResourcePolicy", "ListSecrets"))
    then .secrets[$p + " " + $e.eventName] += 1 else . end
  | if $svc == "iam" and $code == "" and ($e.eventName | IN("CreateRole", "DeleteRole", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "CreatePolicy", "DeletePolicy", "UpdateAssumeRolePolicy", "AttachUserPolicy", "DetachUserPolicy"))
    then .iam[$p + " " + $e.eventName] += 1 else . end
  | if $e.awsRegion != "us-east-1" then .regions[$p + " " + $e.awsRegion] += 1 else . end)
| {events, denials: ([.denials[]] | add)}`;

function parseArgs(argv) {
	const args = { gib: 1, dist: path.join(REPO, 'dist', 'core', 'review'), keep: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--gib') args.gib = Number(argv[++i]);
		else if (argv[i] === '--dist') args.dist = path.resolve(argv[++i]);
		else if (argv[i] === '--keep') args.keep = true;
		else throw new Error(`Unknown argument ${argv[i]}. Use --gib N, --dist DIR, --keep.`);
	}
	return args;
}

function runReview(dist, configFile, folder) {
	const child = spawnSync(process.execPath, [path.join(__dirname, 'reviewOnly.js'), dist, configFile, folder], { encoding: 'utf8', maxBuffer: 1 << 20 });
	if (child.status !== 0) throw new Error(`review run failed: ${child.stderr}`);
	return JSON.parse(child.stdout);
}

/** Runs gzip -dc | jq under bash's `time`, which reports wall, user and system seconds of both. */
function runJq(folder) {
	const check = spawnSync('jq', ['--version'], { encoding: 'utf8' });
	if (check.error) return { missing: true };
	const filterFile = path.join(folder, '..', 'filter.jq');
	fs.writeFileSync(filterFile, JSON_FILTER_HEADER + JQ_FILTER);
	const script = `TIMEFORMAT='%R %U %S'; time (find "${folder}" -name '*.json.gz' -print0 | sort -z | xargs -0 gzip -dc | jq -n -c -f "${filterFile}")`;
	const child = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
	if (child.status !== 0) throw new Error(`jq run failed: ${child.stderr}`);
	const [wall, user, system] = child.stderr.trim().split('\n').pop().split(' ').map(Number);
	return { version: check.stdout.trim(), output: JSON.parse(child.stdout), wallMs: wall * 1000, cpuMs: (user + system) * 1000 };
}

const JSON_FILTER_HEADER = '# Single pass over CloudTrail records, see bench/review/run.js\n';

function main() {
	const args = parseArgs(process.argv.slice(2));
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-'));
	try {
		const folder = path.join(work, 'logs');
		let started = Date.now();
		const generated = generateLogFiles(DATASET, folder, args.gib * 1024 ** 3);
		console.log(`Generated ${generated.files} files, ${(generated.gzipBytes / 1024 ** 3).toFixed(2)} GiB gzip, ${generated.events} events in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

		const configFile = path.join(work, 'review.json');
		fs.writeFileSync(configFile, JSON.stringify(CONFIG));
		const review = runReview(args.dist, configFile, folder);
		const jq = runJq(folder);
		report(generated, review, jq);
	} finally {
		if (!args.keep) fs.rmSync(work, { recursive: true, force: true });
	}
}

function report(generated, review, jq) {
	const perCpu = (events, cpuMs) => Math.round(events / (cpuMs / 1000));
	const perWall = (events, wallMs) => Math.round(events / (wallMs / 1000));
	console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0].model}, Node ${process.version}`);
	console.log(`review: ${review.events} events, ${review.inputErrors} input errors, wall ${(review.wallMs / 1000).toFixed(1)} s, CPU ${(review.cpuMs / 1000).toFixed(1)} s`);
	console.log(`review: ${perCpu(review.events, review.cpuMs)} events/s per CPU second (target 150000), ${perWall(review.events, review.wallMs)} events/s wall`);
	console.log(`review: peak RSS ${(review.maxRssBytes / 1024 ** 2).toFixed(0)} MiB (target < 200)`);
	if (jq.missing) {
		console.log('jq: not installed, no comparison (apt-get install -y jq).');
		return;
	}
	console.log(`${jq.version}: ${jq.output.events} events, ${jq.output.denials} denials; wall ${(jq.wallMs / 1000).toFixed(1)} s, CPU ${(jq.cpuMs / 1000).toFixed(1)} s (gzip + jq)`);
	console.log(`jq: ${perCpu(jq.output.events, jq.cpuMs)} events/s per CPU second, ${perWall(jq.output.events, jq.wallMs)} events/s wall`);
	console.log(`ratio review/jq: ${(jq.cpuMs / review.cpuMs).toFixed(2)}x per CPU second, ${(jq.wallMs / review.wallMs).toFixed(2)}x wall (target >= 2)`);
	console.log(`denials: review ${review.denialEvents}, jq ${jq.output.denials}`);
}

main();
