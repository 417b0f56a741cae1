import type { INodeProperties } from 'n8n-workflow';

const EXAMPLE_CONFIG = JSON.stringify(
	{
		runtimeRoleArns: ['arn:aws:iam::111122223333:role/n8n-runtime'],
		classRoles: [{ roleArn: 'arn:aws:iam::111122223333:role/n8n-triage', classId: 'securityFindingTriage' }],
		sessionNameTemplate: 'n8n-{workflowId}-{executionId}',
		expectedRegions: ['eu-west-1'],
		expectedAccounts: ['111122223333'],
		releaseTimes: [],
		minimumSeverity: 'low',
	},
	null,
	2,
);

export const reviewDescription: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Input Items', value: 'items', description: 'Each item is a CloudTrail event, an S3 log file ({"Records": [...]}), LookupEvents output or CloudTrail Lake rows' },
			{ name: 'Files', value: 'files', description: 'CloudTrail log files (JSON, gzipped or not) or folders on the n8n host' },
			{ name: 'LookupEvents', value: 'lookupEvents', description: 'Fetch the last events with CloudTrail LookupEvents through an AWS Scoped Role credential' },
		],
		default: 'items',
	},
	{
		displayName: 'Paths',
		name: 'paths',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/data/cloudtrail/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/12/04',
		displayOptions: { show: { source: ['files'] } },
		description: 'Files or folders, one per line or comma-separated; folders are walked recursively',
	},
	{
		displayName: 'Lookback (Hours)',
		name: 'lookbackHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 2160 },
		default: 24,
		displayOptions: { show: { source: ['lookupEvents'] } },
		description: 'How far back LookupEvents reads; CloudTrail keeps 90 days (2,160 hours)',
	},
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 20,
		displayOptions: { show: { source: ['lookupEvents'] } },
		description: 'Upper bound on LookupEvents pages of 50 events; CloudTrail allows 2 requests per second',
	},
	{
		displayName: 'Review Config',
		name: 'config',
		type: 'json',
		default: EXAMPLE_CONFIG,
		description: 'Roles, classes, expected regions and accounts, release times and thresholds; the format is in docs/review.md',
	},
	{
		displayName: 'Baseline',
		name: 'baseline',
		type: 'json',
		default: '',
		description: 'Optional baseline of actions per role ({"version": 1, "principals": {...}}); without it, new actions are not reported',
	},
	{
		displayName: 'Include Summary Item',
		name: 'includeSummary',
		type: 'boolean',
		default: true,
		description: 'Whether to end the output with one item holding the summary, input errors, the learned baseline and the least-privilege policies',
	},
];
