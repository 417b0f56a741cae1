import type { PolicyDocument, PolicyStatement } from '../../core/policy/types';
import { actionAccessLevels, expandActionPattern, validatePolicyActions } from '../../core/policy/validate';

function policy(...statements: PolicyStatement[]): PolicyDocument {
	return { Version: '2012-10-17', Statement: statements };
}

function allow(action: string | string[], sid?: string): PolicyStatement {
	return { Sid: sid, Effect: 'Allow', Action: action, Resource: '*' };
}

describe('validatePolicyActions', () => {
	test('real actions pass', async () => {
		const result = await validatePolicyActions(
			policy(allow(['sns:Publish', 'SQS:sendmessage', 'ses:SendEmail']), { Effect: 'Deny', Action: '*', Resource: '*' }),
		);
		expect(result).toEqual({ errors: [], warnings: [] });
	});

	test('unknown action suggested', async () => {
		const result = await validatePolicyActions(policy(allow('sns:Publsh', 'Notify')));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({ statementIndex: 0, sid: 'Notify', key: 'Action', value: 'sns:Publsh', suggestion: 'sns:Publish' });
		expect(result.errors[0].message).toContain('Statement 1 (Sid "Notify")');
		expect(result.errors[0].message).toContain('"sns:Publsh" does not exist');
		expect(result.errors[0].message).toContain('Did you mean "sns:Publish"?');
	});

	test('unknown action without suggestion', async () => {
		const result = await validatePolicyActions(policy(allow('sns:LaunchRocket')));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].suggestion).toBeUndefined();
		expect(result.errors[0].message).toContain('"sns:LaunchRocket" does not exist');
		expect(result.errors[0].message).toContain('Service Authorization Reference');
	});

	test('unknown service suggested', async () => {
		const result = await validatePolicyActions(policy(allow('snss:Publish')));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].message).toContain('service prefix "snss"');
		expect(result.errors[0].message).toMatch(/Did you mean "[a-z0-9-]+:Publish"\?/);
		expect(result.errors[0].suggestion).toMatch(/:Publish$/);
	});

	test('SDK client name as prefix', async () => {
		const result = await validatePolicyActions(policy(allow('accessanalyzer:ListFindings')));
		expect(result.errors[0].suggestion).toBe('access-analyzer:ListFindings');
	});

	test('unknown service without suggestion', async () => {
		const result = await validatePolicyActions(policy(allow('notarealservicexyz:Publish')));
		expect(result.errors[0].message).toContain('service prefix "notarealservicexyz" of "notarealservicexyz:Publish" is unknown');
		expect(result.errors[0].suggestion).toBeUndefined();
	});

	test('empty wildcard rejected', async () => {
		const result = await validatePolicyActions(policy(allow('sns:Publ*ZZ')));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].message).toContain('wildcard "sns:Publ*ZZ" matches no IAM action');
		expect(result.errors[0].message).toContain('Correct the pattern or remove it');
	});

	test('wildcard on unknown service', async () => {
		const result = await validatePolicyActions(policy(allow('snss:*')));
		expect(result.errors[0].message).toContain('service prefix "snss" is unknown');
	});

	test('matching wildcards pass', async () => {
		const result = await validatePolicyActions(policy(allow(['sns:Get*', 'sqs:?endMessage', 'guard*:ListDetectors'])));
		expect(result.errors).toEqual([]);
	});

	test('malformed entry rejected', async () => {
		const result = await validatePolicyActions(policy(allow('sns')));
		expect(result.errors[0].message).toContain('"sns" is not an IAM action');
	});

	test('NotAction checked', async () => {
		const result = await validatePolicyActions(policy({ Effect: 'Deny', NotAction: ['sns:Publish', 'sns:Pubish'], Resource: '*' }));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({ key: 'NotAction', value: 'sns:Pubish', suggestion: 'sns:Publish' });
	});

	test('second statement indexed', async () => {
		const result = await validatePolicyActions(policy(allow('sns:Publish'), allow(['sqs:SendMessage', 'sqs:SendMesage'])));
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].statementIndex).toBe(1);
		expect(result.errors[0].message).toMatch(/^Statement 2: /);
	});

	test('each error reported', async () => {
		const result = await validatePolicyActions(policy(allow(['sns:Publsh', 'sqs:SendMesage', 'sns:Publish'])));
		expect(result.errors.map((error) => error.value)).toEqual(['sns:Publsh', 'sqs:SendMesage']);
	});

	test('permissions wildcard warned', async () => {
		const result = await validatePolicyActions(policy(allow('iam:Put*', 'Iam')));
		expect(result.errors).toEqual([]);
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0].message).toContain('Statement 1 (Sid "Iam")');
		expect(result.warnings[0].message).toContain('Permissions management');
		expect(result.warnings[0].message).toContain('iam:PutRolePolicy');
		expect(result.warnings[0].message).toContain('List the exact actions');
	});

	test('read wildcard not warned', async () => {
		expect((await validatePolicyActions(policy(allow('ec2:Describe*')))).warnings).toEqual([]);
	});

	test('deny wildcard not warned', async () => {
		const result = await validatePolicyActions(policy({ Effect: 'Deny', Action: 'iam:Put*', Resource: '*' }));
		expect(result.warnings).toEqual([]);
	});
});

describe('expandActionPattern', () => {
	test('expands name wildcard', async () => {
		expect(await expandActionPattern('iam:Put*PermissionsBoundary')).toEqual(['iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary']);
	});

	test('matches case-insensitively', async () => {
		expect(await expandActionPattern('SNS:publish')).toEqual(['sns:Publish']);
	});

	test('question mark one character', async () => {
		expect(await expandActionPattern('sqs:?endMessage')).toEqual(['sqs:SendMessage']);
	});

	test('unknown service empty', async () => {
		expect(await expandActionPattern('snss:*')).toEqual([]);
	});

	test('star alone empty', async () => {
		expect(await expandActionPattern('*')).toEqual([]);
	});
});

describe('actionAccessLevels', () => {
	test('splits comma list', async () => {
		expect(await actionAccessLevels('iam:AttachRolePolicy')).toEqual(['Permissions management', 'Write']);
	});

	test('single level', async () => {
		expect(await actionAccessLevels('ec2:DescribeInstances')).toEqual(['List']);
	});

	test('malformed action throws', async () => {
		await expect(actionAccessLevels('Publish')).rejects.toThrow('service:Action');
	});
});
