/**
 * Benchmark of one API call made through ScopedAws.call (local check, cached scoped session,
 * SDK client) against the same SDK call signed with an IAM user's static keys, both against
 * the loopback AWS endpoint, rotated in rounds within one run. A third way, the plain SDK call
 * signed with the scoped session's keys, shows which side of the gap is the package's.
 *
 * The exit code is 0 whether or not the targets are met, and 1 only when the benchmark cannot run.
 *
 * Usage: node bench/dist/bench/scoped-call/main.js [--items=10000] [--rounds=20] [--warmup=500]
 */
import './environment';

import { BatchUpdateFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';

import { ScopedAws } from '../../core/scoped';
import type { ScopedSession } from '../../core/session/assumeRole';
import { SessionCache } from '../../core/session/cache';
import { startEndpointProcess } from './endpointClient';
import type { EndpointProcess } from './endpointClient';
import { measureLocalCheck } from './localCheck';
import { machineFacts } from './machine';
import { printReport } from './report';
import { runRotating, runRound } from './rounds';
import type { Way, WayName } from './rounds';
import { BENCH_USER, CALL, EXECUTION, REGION, scopedConfig } from './setup';

interface Options {
	/** Items per way, split evenly over the rounds. */
	items: number;
	rounds: number;
	/** Untimed items per way before the first round: client creation, the AssumeRole, JIT. */
	warmup: number;
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const endpoint = await startEndpointProcess();
	try {
		const cache = new SessionCache();
		const scoped = new ScopedAws(scopedConfig(endpoint.url), { cache, credentialName: 'bench' });
		// The one AssumeRole of the run: every later call of the execution hits the cache.
		const session = await scoped.session(EXECUTION);
		const ways = makeWays(scoped, session, endpoint);

		for (const way of ways) await runRound(way, options.warmup, endpoint);
		const rounds = await runRotating(ways, options.rounds, options.items / options.rounds, endpoint);
		const events = await endpoint.summary();
		const localCheck = measureLocalCheck(scoped);

		printReport({ machine: machineFacts(), options, rounds, events, cacheStats: { ...cache.stats }, localCheck });
	} finally {
		await endpoint.close();
	}
}

/** Builds the ways of making CALL, in the order of the first round. */
function makeWays(scoped: ScopedAws, session: ScopedSession, endpoint: EndpointProcess): Way[] {
	const scopedWay: Way = {
		name: 'scoped',
		callOnce: async () => {
			await scoped.call(EXECUTION, { service: CALL.service, operation: CALL.operation, input: CALL.input });
		},
	};
	return [scopedWay, plainSdkWay('sessionKeys', session, endpoint), plainSdkWay('baseline', BENCH_USER, endpoint)];
}

/** Builds a plain SDK way signed with static keys, with the client configured as core/aws/call.ts configures its clients. */
function plainSdkWay(name: WayName, keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, endpoint: EndpointProcess): Way {
	const client = new SecurityHubClient({
		region: REGION,
		endpoint: endpoint.url,
		credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken },
	});
	return {
		name,
		callOnce: async () => {
			await client.send(new BatchUpdateFindingsCommand(CALL.input));
		},
	};
}

function parseOptions(args: string[]): Options {
	const options: Options = { items: 10_000, rounds: 20, warmup: 500 };
	for (const arg of args) {
		const match = /^--(items|rounds|warmup)=(\d+)$/.exec(arg);
		if (!match) throw new Error(`Unknown argument "${arg}". Use --items=N, --rounds=N or --warmup=N with whole numbers.`);
		options[match[1] as keyof Options] = Number(match[2]);
	}
	if (options.rounds < 1 || options.items % options.rounds !== 0) {
		throw new Error(`--items=${options.items} does not split evenly into --rounds=${options.rounds}. Choose items that are a multiple of rounds.`);
	}
	return options;
}

main().catch((error: unknown) => {
	process.stderr.write(`The scoped-call benchmark could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
