import { SessionPolicyError } from '../../core/policy/errors';
import { parseCustomPolicy } from '../../core/policy/parse';

/** Serializes a policy with two-space indentation, as a user would paste it. */
function pretty(value: unknown): string {
	return JSON.stringify(value, null, 2);
}

function policyWith(statement: Record<string, unknown>): string {
	return pretty({ Version: '2012-10-17', Statement: [statement] });
}

/** Returns the SessionPolicyError message that parsing `text` throws. */
function parseError(text: string): string {
	try {
		parseCustomPolicy(text);
	} catch (error) {
		expect(error).toBeInstanceOf(SessionPolicyError);
		return (error as Error).message;
	}
	throw new Error('parseCustomPolicy accepted the policy; expected a SessionPolicyError');
}

const VALID_STATEMENT = { Sid: 'Notify', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };

describe('parseCustomPolicy JSON', () => {
	test('valid policy accepted', () => {
		const parsed = parseCustomPolicy(policyWith(VALID_STATEMENT));
		expect(parsed.document).toEqual({ Version: '2012-10-17', Statement: [VALID_STATEMENT] });
		expect(parsed.warnings).toEqual([]);
	});

	test('empty text rejected', () => {
		expect(parseError('  \n')).toContain('The custom policy is empty');
	});

	test('trailing comma has line, column', () => {
		const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}';
		const message = parseError(text);
		expect(message).toContain('not valid JSON');
		expect(message).toContain('line 4, column 24');
	});

	test('missing colon has line, column', () => {
		const message = parseError('{\n"Version" "2012-10-17"}');
		expect(message).toContain('line 2, column 11');
	});

	test('truncated text has line, column', () => {
		const message = parseError('{\n  "Version": "2012-10-17"');
		expect(message).toContain('line 2');
	});

	// Node 20 reports "Unexpected token" errors without a position; the scanner finds it.
	test('unexpected token has line, column', () => {
		const message = parseError('{\n  "Version": }\n}');
		expect(message).toContain('line 2, column 14');
	});

	test.each([
		['[1,2,,]', 'line 1, column 6'],
		['{"a": tru}', 'line 1, column 7'],
		['{"a": 1}}', 'line 1, column 9'],
		['{\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}', 'line 3, column 24'],
	])('%j has its position', (text, where) => {
		expect(parseError(text)).toContain(where);
	});
});

describe('parseCustomPolicy shape', () => {
	test('array rejected', () => {
		expect(parseError('[]')).toContain('must be a JSON object with "Version" and "Statement"');
	});

	test('missing Version rejected', () => {
		const message = parseError(pretty({ Statement: [VALID_STATEMENT] }));
		expect(message).toContain('Version');
		expect(message).toContain('Add "Version": "2012-10-17"');
	});

	test('old Version rejected', () => {
		const message = parseError(pretty({ Version: '2008-10-17', Statement: [VALID_STATEMENT] }));
		expect(message).toContain('"2008-10-17"');
		expect(message).toContain('set "Version": "2012-10-17"');
	});

	test('missing Statement rejected', () => {
		const message = parseError(pretty({ Version: '2012-10-17' }));
		expect(message).toContain('no "Statement"');
		expect(message).toContain('Add a list of statements');
	});

	test('empty Statement rejected', () => {
		expect(parseError(pretty({ Version: '2012-10-17', Statement: [] }))).toContain('Add at least one Allow statement');
	});

	test('single statement object accepted', () => {
		const parsed = parseCustomPolicy(pretty({ Version: '2012-10-17', Statement: VALID_STATEMENT }));
		expect(parsed.document.Statement).toEqual([VALID_STATEMENT]);
	});

	test('statement not object rejected', () => {
		expect(parseError(pretty({ Version: '2012-10-17', Statement: ['sns:Publish'] }))).toContain('statement 1 is not an object');
	});

	test('missing Effect rejected', () => {
		const message = parseError(policyWith({ Sid: 'Notify', Action: 'sns:Publish', Resource: '*' }));
		expect(message).toContain('statement 1 (Sid "Notify")');
		expect(message).toContain('use "Allow" or "Deny"');
	});

	test('missing Action rejected', () => {
		const message = parseError(policyWith({ Sid: 'Notify', Effect: 'Allow', Resource: '*' }));
		expect(message).toContain('statement 1 (Sid "Notify")');
		expect(message).toContain('needs exactly one of "Action" or "NotAction"');
	});

	test('Action and NotAction rejected', () => {
		const message = parseError(policyWith({ ...VALID_STATEMENT, NotAction: 'sqs:SendMessage' }));
		expect(message).toContain('needs exactly one of "Action" or "NotAction"');
	});

	test('missing Resource rejected', () => {
		const message = parseError(policyWith({ Effect: 'Allow', Action: 'sns:Publish' }));
		expect(message).toContain('statement 1');
		expect(message).toContain('use "Resource": "*"');
	});

	test('unknown key rejected', () => {
		const message = parseError(policyWith({ ...VALID_STATEMENT, Actions: 'sns:Publish' }));
		expect(message).toContain('unknown key "Actions"');
		expect(message).toContain('Allowed keys: Sid, Effect, Action');
	});

	test('Principal rejected', () => {
		const message = parseError(policyWith({ ...VALID_STATEMENT, Principal: { AWS: '111122223333' } }));
		expect(message).toContain('statement 1 (Sid "Notify")');
		expect(message).toContain('"Principal"');
		expect(message).toContain('Remove it');
	});

	test('NotPrincipal rejected', () => {
		expect(parseError(policyWith({ ...VALID_STATEMENT, NotPrincipal: '*' }))).toContain('"NotPrincipal"');
	});

	test('second statement named', () => {
		const text = pretty({ Version: '2012-10-17', Statement: [VALID_STATEMENT, { Effect: 'Allow', Resource: '*' }] });
		expect(parseError(text)).toContain('statement 2 needs exactly one of');
	});
});

describe('parseCustomPolicy actions', () => {
	test('Allow Action star rejected', () => {
		const message = parseError(policyWith({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }));
		expect(message).toContain('statement 1 (Sid "Everything")');
		expect(message).toContain('"Action": "*"');
		expect(message).toContain('List the actions the workflow calls');
	});

	test('Allow Action star in list rejected', () => {
		expect(parseError(policyWith({ Effect: 'Allow', Action: ['sns:Publish', '*'], Resource: '*' }))).toContain('"Action": "*"');
	});

	test('Deny Action star accepted', () => {
		const parsed = parseCustomPolicy(policyWith({ Effect: 'Deny', Action: '*', Resource: '*' }));
		expect(parsed.document.Statement[0].Action).toBe('*');
	});

	test('Allow NotAction warns', () => {
		const parsed = parseCustomPolicy(policyWith({ Sid: 'AllBut', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
		expect(parsed.warnings).toHaveLength(1);
		expect(parsed.warnings[0]).toContain('statement 1 (Sid "AllBut")');
		expect(parsed.warnings[0]).toContain('grants every action of the role except the listed ones');
		expect(parsed.warnings[0]).toContain('Prefer Allow with Action');
	});

	test('Deny NotAction silent', () => {
		const parsed = parseCustomPolicy(
			pretty({ Version: '2012-10-17', Statement: [VALID_STATEMENT, { Effect: 'Deny', NotAction: 'sns:*', Resource: '*' }] }),
		);
		expect(parsed.warnings).toEqual([]);
	});

	test('malformed action rejected', () => {
		const message = parseError(policyWith({ Effect: 'Allow', Action: 'sns Publish', Resource: '*' }));
		expect(message).toContain('malformed action "sns Publish"');
		expect(message).toContain('service:Action');
	});

	test('empty action list rejected', () => {
		expect(parseError(policyWith({ Effect: 'Allow', Action: [], Resource: '*' }))).toContain('non-empty list of strings');
	});

	test('non-string action rejected', () => {
		expect(parseError(policyWith({ Effect: 'Allow', Action: ['sns:Publish', 7], Resource: '*' }))).toContain('non-empty list of strings');
	});
});

describe('parseCustomPolicy resources', () => {
	test('valid ARN accepted', () => {
		const statement = { Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts' };
		expect(parseCustomPolicy(policyWith(statement)).document.Statement[0].Resource).toBe(statement.Resource);
	});

	test('global ARN accepted', () => {
		const statement = { Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::111122223333:role/*' };
		expect(() => parseCustomPolicy(policyWith(statement))).not.toThrow();
	});

	test('malformed ARN rejected', () => {
		const message = parseError(policyWith({ Sid: 'Topic', Effect: 'Allow', Action: 'sns:Publish', Resource: 'sns:alerts' }));
		expect(message).toContain('statement 1 (Sid "Topic")');
		expect(message).toContain('malformed resource "sns:alerts"');
		expect(message).toContain('Use "*" or an ARN');
	});

	test('short account id rejected', () => {
		const message = parseError(policyWith({ Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:1234:alerts' }));
		expect(message).toContain('malformed resource');
	});

	test('malformed NotResource rejected', () => {
		const message = parseError(policyWith({ Effect: 'Deny', Action: 'sns:Publish', NotResource: ['*', 'topic'] }));
		expect(message).toContain('malformed resource "topic"');
	});
});

describe('parseCustomPolicy conditions', () => {
	test('region condition silent', () => {
		const statement = { ...VALID_STATEMENT, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
		const parsed = parseCustomPolicy(policyWith(statement));
		expect(parsed.warnings).toEqual([]);
		expect(parsed.document.Statement[0].Condition).toEqual(statement.Condition);
	});

	test('other condition kept, warned', () => {
		const condition = { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } };
		const parsed = parseCustomPolicy(policyWith({ ...VALID_STATEMENT, Condition: condition }));
		expect(parsed.document.Statement[0].Condition).toEqual(condition);
		expect(parsed.warnings).toHaveLength(1);
		expect(parsed.warnings[0]).toContain('statement 1 (Sid "Notify")');
		expect(parsed.warnings[0]).toContain('Bool on "aws:SecureTransport"');
		expect(parsed.warnings[0]).toContain('passed to AWS, but not checked locally');
	});

	test('condition not object rejected', () => {
		expect(parseError(policyWith({ ...VALID_STATEMENT, Condition: ['aws:SecureTransport'] }))).toContain('not an object of operators');
	});

	test('operator without keys rejected', () => {
		const message = parseError(policyWith({ ...VALID_STATEMENT, Condition: { Bool: 'true' } }));
		expect(message).toContain('condition operator "Bool"');
		expect(message).toContain('{ key: value }');
	});
});
