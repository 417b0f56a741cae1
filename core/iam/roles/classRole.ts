/** The class roles: one per workflow class, holding exactly the class catalog's actions. */
import { renderSessionPolicy } from '../../policy/render';
import { roleArn } from '../arn';
import { CLASS_TAG, ROLE_CHAINING_MAX_SESSION_SECONDS } from '../types';
import type { ClassRoleConfig, GeneratedRole, IamConfig, TrustStatement } from '../types';
import { EXTERNAL_ID_PLACEHOLDER, assumeActions, kindTags, pascal, POLICY_VERSION, toSid } from './common';

/**
 * Builds the role of one workflow class. Its inline policy is the class's session policy
 * (allow groups, explicit denies, region rule), so the role and the session policy that
 * the node sends agree. `trustedRuntimeArns` are the only principals that may assume it.
 */
export function buildClassRole(config: IamConfig, entry: ClassRoleConfig, trustedRuntimeArns: string[]): GeneratedRole {
	const rendered = renderSessionPolicy({ classId: entry.classId, allowedRegions: config.allowedRegions, options: entry.options });
	const statements = rendered.document.Statement.map((statement, index) => ({ Sid: uniqueSid(rendered.origins[index].label, index), ...statement }));

	const notes: string[] = [];
	if (config.assumeRole.externalId) {
		notes.push(`The trust policy requires sts:ExternalId. In the plain JSON file, replace ${EXTERNAL_ID_PLACEHOLDER} with the External ID of the class credential before you create the role.`);
	}
	return {
		kind: 'class',
		logicalId: `ClassRole${pascal(entry.classId)}`,
		roleName: entry.roleName,
		arn: roleArn(config.partition, config.accountId, entry.roleName),
		description: `Workflow class role ${entry.classId} of n8n: the actions of the class catalog, assumed by the runtime task role.`,
		trustPolicy: { Version: POLICY_VERSION, Statement: [classTrustStatement(config, trustedRuntimeArns)] },
		inlinePolicy: { name: `class-${entry.classId}`, document: { Version: POLICY_VERSION, Statement: statements } },
		managedPolicyArns: [],
		// Role chaining caps the session at one hour, so a longer maximum is never usable.
		maxSessionDuration: ROLE_CHAINING_MAX_SESSION_SECONDS,
		tags: kindTags('class', { [CLASS_TAG]: entry.classId }),
		notes,
		classId: entry.classId,
	};
}

function classTrustStatement(config: IamConfig, trustedRuntimeArns: string[]): TrustStatement {
	const statement: TrustStatement = {
		Sid: 'RuntimeTaskRoleOnly',
		Effect: 'Allow',
		Principal: { AWS: trustedRuntimeArns.length === 1 ? trustedRuntimeArns[0] : trustedRuntimeArns },
		Action: assumeActions(config),
	};
	if (config.assumeRole.externalId) {
		statement.Condition = { StringEquals: { 'sts:ExternalId': EXTERNAL_ID_PLACEHOLDER } };
	}
	return statement;
}

/** Numbers the Sid, because Sids must be unique within a policy and two groups could share a purpose. */
function uniqueSid(label: string, index: number): string {
	return `${toSid(label).slice(0, 60)}${index + 1}`;
}
