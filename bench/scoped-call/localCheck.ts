/**
 * Tight loops over the local check and its two parts, each timed apart from any I/O:
 * ScopedAws.check (operation to actions, then evaluation), CompiledPolicy.evaluate alone,
 * and actionsForOperation alone.
 */
import { actionsForOperation } from '../../core/aws/actionMap';
import { CompiledPolicy } from '../../core/policy/evaluate';
import type { ScopedAws } from '../../core/scoped';
import { CALL, CALL_ACTION, REGION } from './setup';

/** Cost per call of one measured function, in ns, as the median of several repetitions. */
export interface LoopCost {
	name: string;
	nsPerCall: number;
	/** Every repetition's ns per call, to show the spread. */
	repetitions: number[];
}

const ITERATIONS = 1_000_000;
const REPETITIONS = 5;

export function measureLocalCheck(scoped: ScopedAws): LoopCost[] {
	const compiled = new CompiledPolicy(scoped.policy.document);
	const request = { action: CALL_ACTION, region: REGION };
	return [
		measure('ScopedAws.check', () => (scoped.check(CALL.service, CALL.operation).allowed ? 1 : 0)),
		measure('CompiledPolicy.evaluate', () => (compiled.evaluate(request).decision === 'Allowed' ? 1 : 0)),
		measure('actionsForOperation', () => actionsForOperation(CALL.service, CALL.operation).length),
	];
}

/** Times `ITERATIONS` calls `REPETITIONS` times after one untimed warm-up pass. */
function measure(name: string, run: () => number): LoopCost {
	let sink = loop(run); // warm-up, so the JIT has compiled `run` before the timed passes
	const repetitions: number[] = [];
	for (let repetition = 0; repetition < REPETITIONS; repetition++) {
		const started = process.hrtime.bigint();
		sink += loop(run);
		repetitions.push(Number(process.hrtime.bigint() - started) / ITERATIONS);
	}
	// Using the sink keeps the optimizer from removing the calls as dead code.
	if (sink < 0) throw new Error('unreachable');
	return { name, nsPerCall: median(repetitions), repetitions };
}

function loop(run: () => number): number {
	let sum = 0;
	for (let i = 0; i < ITERATIONS; i++) sum += run();
	return sum;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
