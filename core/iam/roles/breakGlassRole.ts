/** The break-glass role: emergency access for named people, with MFA and a one-hour session. */
import { roleArn } from '../arn';
import type { GeneratedRole, IamConfig } from '../types';
import { kindTags, POLICY_VERSION } from './common';

/**
 * Builds the break-glass role. IAM's smallest MaxSessionDuration is one hour, but callers can
 * ask for less with DurationSeconds (900 seconds minimum) when they assume it.
 */
export function buildBreakGlassRole(config: IamConfig): GeneratedRole {
	const name = config.roles.breakGlass;
	const arn = roleArn(config.partition, config.accountId, name);
	return {
		kind: 'break-glass',
		logicalId: 'BreakGlassRole',
		roleName: name,
		arn,
		description: 'Break-glass role of n8n: emergency access for the named principals, MFA required. Alarm on every use.',
		trustPolicy: {
			Version: POLICY_VERSION,
			Statement: [
				{
					Sid: 'NamedPrincipalsWithMfa',
					Effect: 'Allow',
					Principal: { AWS: config.breakGlass.principals },
					Action: 'sts:AssumeRole',
					Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
				},
			],
		},
		managedPolicyArns: config.breakGlass.managedPolicyArns,
		maxSessionDuration: 3600,
		tags: kindTags('break-glass'),
		notes: [
			'Alarm on every use of this role. Create an EventBridge rule with the pattern in event-pattern.json (CloudTrail AssumeRole events for this role ARN) and send it to an SNS topic that pages the security team; ' +
				'STS records AssumeRole in the region of the STS endpoint that served the call, so create the rule in each region your people use, us-east-1 included for the global endpoint. ' +
				'A CloudWatch metric filter on the CloudTrail log group with { ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "' + arn + '") } and an alarm at threshold 1 works as well.',
		],
	};
}

/** EventBridge event pattern that matches every AssumeRole call on the break-glass role. */
export function breakGlassEventPattern(role: GeneratedRole): Record<string, unknown> {
	return {
		source: ['aws.sts'],
		'detail-type': ['AWS API Call via CloudTrail'],
		detail: { eventSource: ['sts.amazonaws.com'], eventName: ['AssumeRole'], requestParameters: { roleArn: [role.arn] } },
	};
}
