/** Prints the figures of one run and whether each target was met. */
import type { CacheStats } from '../../core/session/cache';
import type { LoopCost } from './localCheck';
import { median } from './localCheck';
import type { MachineFacts } from './machine';
import type { EventSummary } from './protocol';
import type { RoundCost, WayName } from './rounds';
import { CALL } from './setup';

/** Targets of the benchmark: wall-time ratio, AssumeRole calls of the scoped way, local check cost. */
export const TARGETS = { maxRatio: 1.05, assumeRoleCalls: 1, maxCheckMicros: 2 };

export interface Report {
	machine: MachineFacts;
	options: { items: number; rounds: number; warmup: number };
	rounds: RoundCost[];
	events: EventSummary;
	cacheStats: CacheStats;
	localCheck: LoopCost[];
}

interface WayTotals {
	wallMs: number;
	wallMicrosPerItem: number;
	clientCpuMicrosPerItem: number;
	endpointCpuMicrosPerItem: number;
}

export function printReport(report: Report): void {
	const { machine, options, rounds, events, cacheStats, localCheck } = report;
	const scoped = totals(rounds, 'scoped');
	const sessionKeys = totals(rounds, 'sessionKeys');
	const baseline = totals(rounds, 'baseline');
	const ratio = scoped.wallMs / baseline.wallMs;
	const stsFromEvents = countEvents(events, 'AssumeRole');
	const check = localCheck[0];

	const lines = [
		`Scoped call benchmark: ${CALL.service} ${CALL.operation}, ${fmt(options.items, 0)} items per way in ${options.rounds} rotating rounds, ${options.warmup} untimed warm-up items per way`,
		`Machine: ${machine.cpuModel}, ${machine.cores} logical CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`,
		'Endpoint: loopback AWS endpoint on 127.0.0.1 in a child process; calls are sequential, one item after the other',
		'',
		'way           wall ms   µs/item   client CPU µs/item   endpoint CPU µs/item',
		wayLine('scoped', scoped),
		wayLine('sessionKeys', sessionKeys),
		wayLine('baseline', baseline),
		'  scoped: ScopedAws.call; sessionKeys: SDK call signed with the scoped session; baseline: SDK call signed with the IAM user',
		'',
		ratioLine('scoped/baseline', rounds, 'scoped', 'baseline', scoped, baseline),
		ratioLine('scoped/sessionKeys', rounds, 'scoped', 'sessionKeys', scoped, sessionKeys),
		ratioLine('sessionKeys/baseline', rounds, 'sessionKeys', 'baseline', sessionKeys, baseline),
		'  scoped/sessionKeys is the package\'s own work; sessionKeys/baseline is the endpoint\'s extra work for a role session with a session policy',
		`STS AssumeRole calls: ${stsFromEvents} in the endpoint's records, ${cacheStats.assumeRoleCalls} in SessionCache.stats (hits ${cacheStats.hits}, misses ${cacheStats.misses}, refreshes ${cacheStats.refreshes})`,
		`Endpoint records: ${Object.entries(events.byEvent).map(([key, count]) => `${key} ${count}`).join(', ')}; errors: ${formatErrors(events.errors)}`,
		'',
		'Local check, tight loop of 1,000,000 calls, median of 5 repetitions:',
		...localCheck.map((cost) => `  ${cost.name.padEnd(24)} ${fmt(cost.nsPerCall / 1000, 3)} µs per call (repetitions: ${cost.repetitions.map((ns) => fmt(ns, 0)).join(', ')} ns)`),
		'',
		'Targets:',
		target(`ratio scoped/baseline ≤ ${TARGETS.maxRatio}`, ratio <= TARGETS.maxRatio, fmt(ratio, 3)),
		target(`STS AssumeRole calls = ${TARGETS.assumeRoleCalls}`, stsFromEvents === TARGETS.assumeRoleCalls && cacheStats.assumeRoleCalls === TARGETS.assumeRoleCalls, `${stsFromEvents} (records), ${cacheStats.assumeRoleCalls} (cache)`),
		target(`local check ≤ ${TARGETS.maxCheckMicros} µs per item`, check.nsPerCall / 1000 <= TARGETS.maxCheckMicros, `${fmt(check.nsPerCall / 1000, 3)} µs`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

function totals(rounds: RoundCost[], way: WayName): WayTotals {
	const mine = rounds.filter((round) => round.way === way);
	const items = mine.reduce((sum, round) => sum + round.items, 0);
	const wallNs = mine.reduce((sum, round) => sum + round.wallNs, 0);
	return {
		wallMs: wallNs / 1e6,
		wallMicrosPerItem: wallNs / 1000 / items,
		clientCpuMicrosPerItem: mine.reduce((sum, round) => sum + round.clientCpuMicros, 0) / items,
		endpointCpuMicrosPerItem: mine.reduce((sum, round) => sum + round.endpointCpuMicros, 0) / items,
	};
}

/** Ratio of two ways in wall time (total and spread over the rounds) and in client and endpoint CPU time. */
function ratioLine(label: string, rounds: RoundCost[], top: WayName, bottom: WayName, topTotals: WayTotals, bottomTotals: WayTotals): string {
	const perRound: number[] = [];
	for (const round of new Set(rounds.map((cost) => cost.round))) {
		const wallOf = (way: WayName): number => rounds.find((cost) => cost.round === round && cost.way === way)?.wallNs ?? NaN;
		perRound.push(wallOf(top) / wallOf(bottom));
	}
	const wall = topTotals.wallMs / bottomTotals.wallMs;
	const spread = `rounds min ${fmt(Math.min(...perRound), 3)}, median ${fmt(median(perRound), 3)}, max ${fmt(Math.max(...perRound), 3)}`;
	const client = topTotals.clientCpuMicrosPerItem / bottomTotals.clientCpuMicrosPerItem;
	const endpoint = topTotals.endpointCpuMicrosPerItem / bottomTotals.endpointCpuMicrosPerItem;
	return `Ratio ${label.padEnd(20)} wall ${fmt(wall, 3)} (${spread}); client CPU ${fmt(client, 3)}; endpoint CPU ${fmt(endpoint, 3)}`;
}

function countEvents(events: EventSummary, eventName: string): number {
	return Object.entries(events.byEvent)
		.filter(([key]) => key.startsWith(`${eventName} `))
		.reduce((sum, [, count]) => sum + count, 0);
}

function wayLine(name: string, way: WayTotals): string {
	return `${name.padEnd(12)} ${fmt(way.wallMs, 0).padStart(8)} ${fmt(way.wallMicrosPerItem, 1).padStart(9)} ${fmt(way.clientCpuMicrosPerItem, 1).padStart(20)} ${fmt(way.endpointCpuMicrosPerItem, 1).padStart(22)}`;
}

function formatErrors(errors: Record<string, number>): string {
	const entries = Object.entries(errors);
	return entries.length === 0 ? 'none' : entries.map(([code, count]) => `${code} ${count}`).join(', ');
}

function target(name: string, met: boolean, value: string): string {
	return `  ${name}: ${met ? 'met' : 'missed'} (${value})`;
}

function fmt(value: number, digits: number): string {
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
