import { SessionPolicyError } from '../../core/policy/errors';
import { GLOBAL_ACTION_PATTERNS, renderSessionPolicy } from '../../core/policy/render';
import type { SessionPolicyInput } from '../../core/policy/render';
import { SESSION_POLICY_MAX_LENGTH } from '../../core/policy/types';
import type { PolicyStatement } from '../../core/policy/types';

const REGIONS = ['eu-west-1', 'eu-central-1'];

function regionStatements(statements: PolicyStatement[]): PolicyStatement[] {
	return statements.filter((statement) => statement.Condition?.StringNotEquals?.['aws:RequestedRegion'] !== undefined);
}

/** Returns a pretty-printed custom policy whose minimal JSON is exactly `length` characters. */
function customPolicyOfLength(length: number): string {
	const statement = { Effect: 'Allow', Sid: '', Action: ['sns:Publish', 'sqs:SendMessage'], Resource: '*' };
	const document = { Version: '2012-10-17', Statement: [statement] };
	statement.Sid = 'A'.repeat(length - JSON.stringify(document).length);
	return JSON.stringify(document, null, 2);
}

function renderError(input: SessionPolicyInput): string {
	try {
		renderSessionPolicy(input);
	} catch (error) {
		expect(error).toBeInstanceOf(SessionPolicyError);
		return (error as Error).message;
	}
	throw new Error('renderSessionPolicy accepted the input; expected a SessionPolicyError');
}

describe('renderSessionPolicy regions', () => {
	test('region rule present', () => {
		const rendered = renderSessionPolicy({ classId: 'ticketingNotification', allowedRegions: REGIONS });
		const rules = regionStatements(rendered.document.Statement);
		expect(rules).toEqual([
			{
				Effect: 'Deny',
				NotAction: GLOBAL_ACTION_PATTERNS,
				Resource: '*',
				Condition: { StringNotEquals: { 'aws:RequestedRegion': REGIONS } },
			},
		]);
		expect(rendered.origins[rendered.origins.length - 1]).toEqual({ kind: 'region', label: 'Only regions eu-west-1, eu-central-1' });
	});

	test('single region is string', () => {
		const rendered = renderSessionPolicy({ classId: 'ticketingNotification', allowedRegions: ['eu-west-1'] });
		expect(regionStatements(rendered.document.Statement)[0].Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } });
	});

	test('region rule absent when empty', () => {
		const rendered = renderSessionPolicy({ classId: 'ticketingNotification', allowedRegions: [] });
		expect(regionStatements(rendered.document.Statement)).toEqual([]);
		expect(rendered.origins.map((origin) => origin.kind)).not.toContain('region');
		expect(rendered.json).not.toContain('aws:RequestedRegion');
	});

	test('region rule exempts IAM and STS', () => {
		expect(GLOBAL_ACTION_PATTERNS).toEqual(expect.arrayContaining(['iam:*', 'sts:*']));
	});

	test('custom policy gets region rule', () => {
		const customPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] });
		const rendered = renderSessionPolicy({ classId: 'custom', customPolicy, allowedRegions: REGIONS });
		expect(rendered.origins.map((origin) => origin.kind)).toEqual(['custom', 'region']);
	});
});

describe('renderSessionPolicy options', () => {
	test('option group absent by default', () => {
		const rendered = renderSessionPolicy({ classId: 'quarantineContainment', allowedRegions: [] });
		expect(rendered.json).not.toContain('ssm:SendCommand');
		expect(rendered.origins.map((origin) => origin.label).join('\n')).not.toContain('SSM');
	});

	test('option group present when on', () => {
		const rendered = renderSessionPolicy({ classId: 'quarantineContainment', allowedRegions: [], options: ['ssmSendCommand'] });
		const statement = rendered.document.Statement.find((entry) => entry.Action?.includes('ssm:SendCommand'));
		expect(statement).toEqual({
			Effect: 'Allow',
			Action: ['ssm:SendCommand', 'ssm:GetCommandInvocation', 'ssm:ListCommandInvocations'],
			Resource: '*',
		});
	});

	test('option ignored by other class', () => {
		const without = renderSessionPolicy({ classId: 'readOnlyEnrichment', allowedRegions: [] });
		const withOption = renderSessionPolicy({ classId: 'readOnlyEnrichment', allowedRegions: [], options: ['ssmSendCommand'] });
		expect(withOption.json).toBe(without.json);
	});
});

describe('renderSessionPolicy output', () => {
	test('class denies included', () => {
		const rendered = renderSessionPolicy({ classId: 'readOnlyEnrichment', allowedRegions: [] });
		const denies = rendered.document.Statement.filter((statement) => statement.Effect === 'Deny');
		expect(denies.flatMap((statement) => statement.Action)).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'iam:Put*Policy']));
		expect(rendered.origins.filter((origin) => origin.kind === 'classDeny')).toHaveLength(1);
	});

	test('json is minimal', () => {
		const rendered = renderSessionPolicy({ classId: 'securityFindingTriage', allowedRegions: REGIONS });
		expect(rendered.json).toBe(JSON.stringify(JSON.parse(rendered.json)));
		expect(rendered.json).not.toMatch(/\s/);
		expect(rendered.length).toBe(rendered.json.length);
	});

	test('custom json is minimal', () => {
		const customPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] }, null, 4);
		const rendered = renderSessionPolicy({ classId: 'custom', customPolicy, allowedRegions: [] });
		expect(rendered.json).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}');
	});

	test('same input same hash', () => {
		const input: SessionPolicyInput = { classId: 'quarantineContainment', allowedRegions: REGIONS, options: ['ssmSendCommand'] };
		const first = renderSessionPolicy(input);
		const second = renderSessionPolicy({ ...input, allowedRegions: [...REGIONS], options: ['ssmSendCommand'] });
		expect(second.hash).toBe(first.hash);
		expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	test('different input different hash', () => {
		const base = renderSessionPolicy({ classId: 'quarantineContainment', allowedRegions: REGIONS });
		expect(renderSessionPolicy({ classId: 'quarantineContainment', allowedRegions: ['eu-west-1'] }).hash).not.toBe(base.hash);
		expect(renderSessionPolicy({ classId: 'quarantineContainment', allowedRegions: REGIONS, options: ['ssmSendCommand'] }).hash).not.toBe(base.hash);
		expect(renderSessionPolicy({ classId: 'readOnlyEnrichment', allowedRegions: REGIONS }).hash).not.toBe(base.hash);
	});

	test('unknown class rejected', () => {
		expect(() => renderSessionPolicy({ classId: 'everything' as never, allowedRegions: [] })).toThrow('Unknown workflow class "everything"');
	});

	test('invalid custom policy rejected', () => {
		expect(renderError({ classId: 'custom', customPolicy: '{', allowedRegions: [] })).toContain('not valid JSON');
	});

	test('custom warnings passed on', () => {
		const customPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] });
		const rendered = renderSessionPolicy({ classId: 'custom', customPolicy, allowedRegions: [] });
		expect(rendered.warnings).toHaveLength(1);
		expect(rendered.warnings[0]).toContain('NotAction');
	});
});

describe('renderSessionPolicy size limit', () => {
	test('2,048 characters accepted', () => {
		const customPolicy = customPolicyOfLength(SESSION_POLICY_MAX_LENGTH);
		const rendered = renderSessionPolicy({ classId: 'custom', customPolicy, allowedRegions: [] });
		expect(rendered.length).toBe(2048);
	});

	test('2,049 characters rejected', () => {
		const message = renderError({ classId: 'custom', customPolicy: customPolicyOfLength(2049), allowedRegions: [] });
		expect(message).toContain('2049 characters');
	});

	test('2,300 characters rejected', () => {
		const customPolicy = customPolicyOfLength(2300);
		expect(customPolicy.length).toBeGreaterThan(2300);

		const message = renderError({ classId: 'custom', customPolicy, allowedRegions: [] });
		expect(message).toContain('The custom policy is');
		expect(message).toContain('2300 characters after whitespace is removed');
		expect(message).toContain('at most 2048');
		expect(message).toContain('Remove actions');
	});

	test('region rule counted', () => {
		const customPolicy = customPolicyOfLength(2000);
		expect(renderSessionPolicy({ classId: 'custom', customPolicy, allowedRegions: [] }).length).toBe(2000);
		expect(renderError({ classId: 'custom', customPolicy, allowedRegions: REGIONS })).toContain('at most 2048');
	});
});
