import { actionPatternToRegExp, CompiledPolicy } from '../policy/evaluate';
import { renderSessionPolicy } from '../policy/render';
import { asList } from '../policy/types';
import type { PolicyDocument } from '../policy/types';
import type { BaselineLearner } from './baseline';
import type { ReviewConfig } from './config';
import type { RoleKind } from './types';

/** The least-privilege policy of one configured role and how it differs from its class. */
export interface RolePolicyReport {
	roleArn: string;
	roleKind: RoleKind;
	classId?: string;
	/** Actions the role called without being denied, sorted. */
	usedActions: string[];
	/** One Allow statement with `usedActions` on all resources; Statement is empty when none were used. */
	policy: PolicyDocument;
	/** Used actions that the class session policy does not allow. */
	usedButNotGranted: string[];
	/** Action patterns of the class's Allow statements that no used action matches. */
	grantedButUnused: string[];
}

/**
 * Builds the least-privilege policy of each configured role from the actions it used in
 * the reviewed events, and compares it with the class session policy. Resources are `*`
 * because the review sees actions, not the resources each statement would need.
 */
export function leastPrivilegeReports(config: ReviewConfig, learner: BaselineLearner): RolePolicyReport[] {
	const reports: RolePolicyReport[] = config.runtimeRoleArns.map((roleArn) => {
		const usedActions = learner.actionsFor(roleArn);
		const allowed = new Set(config.runtimeRoleAllowedActions.map((action) => action.toLowerCase()));
		return {
			roleArn,
			roleKind: 'runtime',
			usedActions,
			policy: policyFor(usedActions),
			usedButNotGranted: usedActions.filter((action) => !allowed.has(action.toLowerCase())),
			grantedButUnused: config.runtimeRoleAllowedActions.filter((action) => !usedActions.some((used) => used.toLowerCase() === action.toLowerCase())),
		};
	});
	for (const role of config.classRoles) {
		const usedActions = learner.actionsFor(role.roleArn);
		const rendered = renderSessionPolicy({ classId: role.classId, allowedRegions: [], options: role.options });
		const compiled = new CompiledPolicy(rendered.document);
		const grantedPatterns = rendered.document.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) => asList(statement.Action));
		reports.push({
			roleArn: role.roleArn,
			roleKind: 'class',
			classId: role.classId,
			usedActions,
			policy: policyFor(usedActions),
			usedButNotGranted: usedActions.filter((action) => compiled.evaluate({ action }).decision !== 'Allowed'),
			grantedButUnused: grantedPatterns.filter((pattern) => {
				const regex = actionPatternToRegExp(pattern);
				return !usedActions.some((action) => regex.test(action));
			}),
		});
	}
	return reports;
}

function policyFor(actions: string[]): PolicyDocument {
	if (actions.length === 0) return { Version: '2012-10-17', Statement: [] };
	return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}
