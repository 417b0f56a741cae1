import type { Finding, ReviewEvent } from '../types';
import type { Attributor } from '../attribution';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal, primaryAction } from './detector';
import { FindingGroups } from './findingGroups';

/**
 * (g) Scoping bypass, two cases, both high:
 * - the runtime role called an action other than `runtimeRoleAllowedActions` (denied or
 *   not): it should only assume class roles, so any other call skipped the session policy;
 * - an AssumeRole into a class role that was not denied and whose requestParameters carry
 *   neither `policy` nor `policyArns`: the session got the role's full permissions.
 */
export class ScopingBypassDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly allowed: Set<string>;
	private readonly attributor: Attributor;

	constructor(context: DetectorContext) {
		this.allowed = new Set(context.config.runtimeRoleAllowedActions.map((action) => action.toLowerCase()));
		this.attributor = context.attributor;
	}

	observe(event: ReviewEvent): void {
		if (event.attribution.roleKind === 'runtime') this.checkRuntimeCall(event);
		if (event.eventName === 'AssumeRole' && event.eventSource === 'sts.amazonaws.com' && !event.denied) this.checkAssumeRole(event);
	}

	finish(): Finding[] {
		return this.groups.findings();
	}

	private checkRuntimeCall(event: ReviewEvent): void {
		if (event.mapping.status === 'noPermission') return;
		const actions = event.mapping.status === 'mapped' ? event.mapping.actions : [primaryAction(event)];
		for (const action of actions) {
			if (this.allowed.has(action.toLowerCase())) continue;
			const outcome = event.denied ? 'denied' : 'allowed';
			this.groups.add(`runtime\n${event.attribution.principalArn}\n${action}\n${outcome}`, event, () => ({
				type: 'scopingBypass',
				severity: 'high',
				summary: `${describePrincipal(event)} called ${action} itself${event.denied ? ' (denied)' : ''}; it should only assume class roles.`,
				action,
				eventSource: event.eventSource,
				eventName: event.eventName,
				details: { case: 'runtimeRoleCall', outcome },
			}));
		}
	}

	private checkAssumeRole(event: ReviewEvent): void {
		const parameters = event.requestParameters ?? {};
		const roleArn = typeof parameters.roleArn === 'string' ? parameters.roleArn : undefined;
		const target = this.attributor.lookupRole(roleArn);
		if (target.kind !== 'class') return;
		const hasPolicy = (typeof parameters.policy === 'string' && parameters.policy !== '') || (Array.isArray(parameters.policyArns) && parameters.policyArns.length > 0);
		if (hasPolicy) return;

		const sessionName = typeof parameters.roleSessionName === 'string' ? parameters.roleSessionName : undefined;
		const ids = sessionName ? this.attributor.parseSessionName(sessionName) : {};
		this.groups.add(`assumeRole\n${event.attribution.principalArn}\n${roleArn}`, event, () => ({
			type: 'scopingBypass',
			severity: 'high',
			summary: `${describePrincipal(event)} assumed class role ${roleArn} (${target.classId}) without a session policy, so the session had all of the role's permissions.`,
			action: 'sts:AssumeRole',
			eventSource: event.eventSource,
			eventName: event.eventName,
			details: { case: 'assumeRoleWithoutSessionPolicy', targetRoleArn: roleArn ?? '', targetClassId: target.classId ?? '' },
		}), { targetSessionNames: sessionName, targetWorkflowIds: ids.workflowId, targetExecutionIds: ids.executionId });
	}
}
