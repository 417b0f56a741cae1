import type { Finding, ReviewEvent } from '../types';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal } from './detector';
import { FindingGroups } from './findingGroups';

/** IAM calls that change a role, a policy or what a principal's policies grant. */
export const IAM_CHANGE_EVENTS: ReadonlySet<string> = new Set([
	'CreateRole', 'DeleteRole', 'UpdateRole', 'UpdateAssumeRolePolicy',
	'PutRolePolicy', 'DeleteRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy',
	'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
	'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
	'PutUserPolicy', 'DeleteUserPolicy', 'AttachUserPolicy', 'DetachUserPolicy',
	'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary',
	'PutGroupPolicy', 'DeleteGroupPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
	'AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile', 'CreateServiceLinkedRole',
]);

/**
 * (e) IAM changes: a role or policy change that was not denied, by any principal. A change
 * within `releaseWindowMinutes` of a release time is marked "near a release" and is high,
 * as is a change to a configured n8n role; other changes are medium.
 */
export class IamChangesDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly releases: Array<{ time: string; ms: number }>;
	private readonly windowMs: number;
	private readonly n8nRoleNames: Set<string>;

	constructor(context: DetectorContext) {
		const { config } = context;
		this.releases = config.releaseTimes.map((time) => ({ time, ms: Date.parse(time) }));
		this.windowMs = config.releaseWindowMinutes * 60_000;
		const arns = [...config.runtimeRoleArns, ...config.classRoles.map((role) => role.roleArn)];
		this.n8nRoleNames = new Set(arns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1).toLowerCase()));
	}

	observe(event: ReviewEvent): void {
		if (event.eventSource !== 'iam.amazonaws.com' || event.denied || !IAM_CHANGE_EVENTS.has(event.eventName)) return;
		const target = changeTarget(event);
		const release = this.nearestRelease(event.eventTime);
		const n8nRole = typeof event.requestParameters?.roleName === 'string' && this.n8nRoleNames.has(event.requestParameters.roleName.toLowerCase());
		const key = `${event.attribution.principalArn}\n${event.eventName}\n${target}\n${release?.time ?? ''}`;

		this.groups.add(key, event, () => {
			const details: Record<string, string | boolean> = { target, nearRelease: release !== undefined, targetIsN8nRole: n8nRole };
			if (release) details.releaseTime = release.time;
			const when = release ? `, near the release of ${release.time}` : '';
			return {
				type: 'iamChange',
				severity: release || n8nRole ? 'high' : 'medium',
				summary: `${describePrincipal(event)} called iam:${event.eventName} on ${target || 'an IAM resource'}${when}.`,
				action: `iam:${event.eventName}`,
				eventSource: event.eventSource,
				eventName: event.eventName,
				details,
			};
		});
	}

	finish(): Finding[] {
		return this.groups.findings();
	}

	private nearestRelease(eventTime: string): { time: string; ms: number } | undefined {
		if (this.releases.length === 0) return undefined;
		const ms = Date.parse(eventTime);
		let best: { time: string; ms: number } | undefined;
		for (const release of this.releases) {
			const distance = Math.abs(ms - release.ms);
			if (distance <= this.windowMs && (!best || distance < Math.abs(ms - best.ms))) best = release;
		}
		return best;
	}
}

/** Names what an IAM change acts on: role, user, group or policy, from requestParameters. */
function changeTarget(event: ReviewEvent): string {
	const parameters = event.requestParameters ?? {};
	for (const key of ['roleName', 'userName', 'groupName', 'policyArn', 'policyName', 'instanceProfileName', 'aWSServiceName']) {
		const value = parameters[key];
		if (typeof value === 'string' && value !== '') return `${key} ${value}`;
	}
	return '';
}
