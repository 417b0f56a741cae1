/** Pieces shared by the role builders. */
import { ECS_TASKS_PRINCIPAL, ROLE_KIND_TAG } from '../types';
import type { IamConfig, RoleKind, TrustPolicyDocument } from '../types';

export const POLICY_VERSION = '2012-10-17';

/**
 * Text written where the External ID belongs in the plain JSON trust policies. The
 * CloudFormation template uses a NoEcho parameter and Terraform a sensitive variable
 * instead, so the ID itself is never written to a generated file.
 */
export const EXTERNAL_ID_PLACEHOLDER = 'REPLACE_WITH_EXTERNAL_ID';

/** Turns a label into a statement Sid, which IAM limits to letters and digits. */
export function toSid(label: string): string {
	return label
		.split(/[^A-Za-z0-9]+/)
		.filter((word) => word !== '')
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join('');
}

export function kindTags(kind: RoleKind, extra: Record<string, string> = {}): Record<string, string> {
	return { [ROLE_KIND_TAG]: kind, ...extra };
}

/**
 * Trust policy for a role that ECS tasks assume. `aws:SourceAccount` and `aws:SourceArn`
 * stop a task of another account from using the role through ECS (the confused-deputy
 * case). See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html.
 */
export function ecsTasksTrust(config: IamConfig): TrustPolicyDocument {
	return {
		Version: POLICY_VERSION,
		Statement: [
			{
				Sid: 'EcsTasksOfThisAccount',
				Effect: 'Allow',
				Principal: { Service: ECS_TASKS_PRINCIPAL },
				Action: 'sts:AssumeRole',
				Condition: {
					StringEquals: { 'aws:SourceAccount': config.accountId },
					ArnLike: { 'aws:SourceArn': `arn:${config.partition}:ecs:${config.region}:${config.accountId}:*` },
				},
			},
		],
	};
}

/** Actions a runtime role needs on a class role: AssumeRole plus the options in use. */
export function assumeActions(config: IamConfig): string[] {
	const actions = ['sts:AssumeRole'];
	if (config.assumeRole.sessionTags) actions.push('sts:TagSession');
	if (config.assumeRole.sourceIdentity) actions.push('sts:SetSourceIdentity');
	return actions;
}

/** `n8n-task-runtime` → `TaskRuntime` style logical id part. */
export function pascal(text: string): string {
	return toSid(text);
}
