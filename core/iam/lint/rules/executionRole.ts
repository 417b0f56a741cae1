/**
 * Task execution role rule: ECS uses this role to pull the image, write logs and fetch
 * startup secrets. Application permissions here belong to the runtime or class roles.
 */
import { asList } from '../../../policy/types';
import { isExactlyOneOf } from '../match';
import type { LintContext, LintFinding } from '../types';
import { finding } from './finding';

/** Actions that ECS needs to start a task (image pull, awslogs driver, secrets injection). */
const EXECUTION_ACTIONS = [
	'ecr:GetAuthorizationToken',
	'ecr:BatchCheckLayerAvailability',
	'ecr:GetDownloadUrlForLayer',
	'ecr:BatchGetImage',
	'logs:CreateLogGroup',
	'logs:CreateLogStream',
	'logs:PutLogEvents',
	'secretsmanager:GetSecretValue',
	'ssm:GetParameters',
	'kms:Decrypt',
];
const EXECUTION_MANAGED_POLICY = /^arn:[\w-]+:iam::aws:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/;

export function checkExecutionRoles(context: LintContext): LintFinding[] {
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => candidate.kind === 'task-execution')) {
		for (const located of role.statements.filter((entry) => entry.value.Effect === 'Allow')) {
			const extra = asList(located.value.Action).filter((action) => !isExactlyOneOf(action, EXECUTION_ACTIONS));
			if (located.value.NotAction !== undefined) extra.push(`everything except ${asList(located.value.NotAction).join(', ')}`);
			if (extra.length === 0) continue;
			context.reported.add(located);
			findings.push(
				finding('execution-application-permissions', role, located, `The task execution role allows ${extra.join(', ')}, which ECS does not need to start the task.`, 'Move these actions to a workflow class role; keep only image pull, log writes and startup secret reads here.'),
			);
		}
		for (const arn of role.unresolvedManagedPolicies.filter((entry) => !EXECUTION_MANAGED_POLICY.test(entry))) {
			findings.push(
				finding('execution-application-permissions', role, { policy: `managed policy ${arn}`, statement: '' }, 'The task execution role has an attached managed policy, and the input does not contain its document.', `Detach ${arn} unless ECS needs it to start the task.`),
			);
		}
	}
	return findings;
}
