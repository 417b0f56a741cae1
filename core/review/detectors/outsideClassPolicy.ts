import { principalKey } from '../attribution';
import { CompiledPolicy } from '../../policy/evaluate';
import type { EvaluationResult } from '../../policy/evaluate';
import { renderSessionPolicy } from '../../policy/render';
import type { Finding, ReviewEvent } from '../types';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal } from './detector';
import { FindingGroups } from './findingGroups';

interface ClassPolicy {
	classId: string;
	policy: CompiledPolicy;
	/** Decisions by `action region`, so each pair is evaluated once. */
	decisions: Map<string, EvaluationResult>;
}

/**
 * (b) Outside the class policy: a class role made a call, without being denied, that the
 * class's session policy does not allow. Either the session ran without the session policy
 * (a bypass) or the class changed since the call (drift).
 */
export class OutsideClassPolicyDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly policies = new Map<string, ClassPolicy>();

	constructor(context: DetectorContext) {
		for (const role of context.config.classRoles) {
			const rendered = renderSessionPolicy({ classId: role.classId, allowedRegions: role.allowedRegions, options: role.options });
			this.policies.set(principalKey(role.roleArn), { classId: role.classId, policy: new CompiledPolicy(rendered.document), decisions: new Map() });
		}
	}

	observe(event: ReviewEvent): void {
		if (event.attribution.roleKind !== 'class' || event.denied || event.mapping.status !== 'mapped') return;
		const classPolicy = this.policies.get(principalKey(event.attribution.principalArn ?? ''));
		if (!classPolicy) return;

		for (const action of event.mapping.actions) {
			const result = decide(classPolicy, action, event.awsRegion);
			if (result.decision === 'Allowed') continue;
			const statement = result.statement ? `statement ${result.statement.index + 1}` : 'no Allow statement';
			this.groups.add(`${event.attribution.principalArn}\n${action}\n${result.decision}`, event, () => ({
				type: 'outsideClassPolicy',
				severity: 'high',
				summary: `${describePrincipal(event)} called ${action}, which the class session policy does not allow (${result.decision}, ${statement}): the session ran without the class policy, or the class changed.`,
				action,
				eventSource: event.eventSource,
				eventName: event.eventName,
				details: { decision: result.decision, decidingStatement: statement },
			}), { regions: event.awsRegion });
		}
	}

	finish(): Finding[] {
		return this.groups.findings();
	}
}

function decide(classPolicy: ClassPolicy, action: string, region: string): EvaluationResult {
	const key = `${action} ${region}`;
	let result = classPolicy.decisions.get(key);
	if (!result) {
		result = classPolicy.policy.evaluate({ action, region: region || undefined });
		classPolicy.decisions.set(key, result);
	}
	return result;
}
