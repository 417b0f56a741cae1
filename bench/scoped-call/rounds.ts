/** Timed rounds of sequential API calls, one item after the other as the n8n node runs them. */
import type { EndpointProcess } from './endpointClient';

/**
 * The ways of making the call: `scoped` through ScopedAws.call, `baseline` with the IAM user's
 * static keys, and `sessionKeys`, the plain SDK call signed with the scoped session's keys. The
 * last splits the gap between the first two into the package's own work (scoped/sessionKeys)
 * and the endpoint's extra work for a role session with a session policy (sessionKeys/baseline).
 */
export type WayName = 'scoped' | 'sessionKeys' | 'baseline';

/** One way of making the call. */
export interface Way {
	name: WayName;
	callOnce(): Promise<void>;
}

/** Cost of one round of one way. */
export interface RoundCost {
	way: WayName;
	/** Round number from 0, or -1 for the warm-up. */
	round: number;
	items: number;
	wallNs: number;
	/** CPU time of the benchmark process (the client), in µs. */
	clientCpuMicros: number;
	/** CPU time of the endpoint process, in µs. */
	endpointCpuMicros: number;
}

/** Runs `items` calls of one way in sequence and measures them. */
export async function runRound(way: Way, items: number, endpoint: EndpointProcess, round = -1): Promise<RoundCost> {
	const endpointBefore = await endpoint.cpuMicros();
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	for (let item = 0; item < items; item++) await way.callOnce();
	const wallNs = Number(process.hrtime.bigint() - started);
	const cpu = process.cpuUsage(cpuBefore);
	const endpointAfter = await endpoint.cpuMicros();
	return { way: way.name, round, items, wallNs, clientCpuMicros: cpu.user + cpu.system, endpointCpuMicros: endpointAfter - endpointBefore };
}

/**
 * Runs every way for `rounds` rounds of `itemsPerRound` each. Successive rounds cycle through
 * every order of the ways (A B C, A C B, B A C …), so each way runs first, last and after each
 * other way about equally often. Drift in the machine (frequency, other load, heap growth) and
 * any carry-over from the previous way (the endpoint's garbage collection, idle sockets) then
 * fall on all ways alike.
 */
export async function runRotating(ways: Way[], rounds: number, itemsPerRound: number, endpoint: EndpointProcess): Promise<RoundCost[]> {
	const orders = permutations(ways);
	const costs: RoundCost[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const way of orders[round % orders.length]) costs.push(await runRound(way, itemsPerRound, endpoint, round));
	}
	return costs;
}

function permutations<T>(items: T[]): T[][] {
	if (items.length <= 1) return [items];
	return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}
