import { DescribeParametersCommand, GetParameterCommand, SSMClient, paginateDescribeParameters } from '@aws-sdk/client-ssm';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { BatchUpdateFindingsCommand, GetFindingsCommand, SecurityHubClient, paginateGetFindings } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { fromContainerMetadata, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';

import { startAwsEndpoint, type EndpointPrincipal, type PolicyDocument, type StartedAwsEndpoint } from './index';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NOTIFY_ROLE = `arn:aws:iam::${ACCOUNT}:role/wf-notify`;
const RUNTIME_ROLE = `arn:aws:iam::${ACCOUNT}:role/n8n-runtime`;

const USER: EndpointPrincipal = {
	accessKeyId: 'AKIAEXAMPLEUSER00001',
	secretAccessKey: 'user-secret-0000000000000000000000000000',
	arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
};

const RUNTIME: EndpointPrincipal = {
	accessKeyId: 'ASIAEXAMPLERUNTIME01',
	secretAccessKey: 'runtime-secret-000000000000000000000000',
	sessionToken: 'runtime-session-token-0000',
	arn: `arn:aws:sts::${ACCOUNT}:assumed-role/n8n-runtime/task-1`,
	isRoleSession: true,
};

/** Trusts the runtime role for AssumeRole, TagSession and SetSourceIdentity, but the CI user for AssumeRole only. */
const NOTIFY_TRUST: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{ Effect: 'Allow', Principal: { AWS: RUNTIME_ROLE }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] },
		{ Effect: 'Allow', Principal: { AWS: USER.arn }, Action: 'sts:AssumeRole' },
	],
};

const NOTIFY_POLICY: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [{ Effect: 'Allow', Action: ['sns:Publish', 'ssm:GetParameter', 'ssm:DescribeParameters', 'securityhub:GetFindings', 'securityhub:BatchUpdateFindings'], Resource: '*' }],
};

function allow(...actions: string[]): string {
	return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
}

let clock: number;
let endpoint: StartedAwsEndpoint;

beforeEach(async () => {
	clock = Date.parse('2030-01-01T00:00:00Z');
	endpoint = await startAwsEndpoint({
		principals: [USER, RUNTIME],
		roles: [{ arn: NOTIFY_ROLE, trustPolicy: NOTIFY_TRUST, policies: [NOTIFY_POLICY], maxSessionDuration: 7200 }],
		now: () => clock,
	});
});

afterEach(async () => {
	await endpoint.close();
});

function sts(credentials: AwsCredentialIdentity | (() => Promise<AwsCredentialIdentity>)): STSClient {
	return new STSClient({ endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 });
}

function keysOf(principal: EndpointPrincipal): AwsCredentialIdentity {
	return { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey, sessionToken: principal.sessionToken };
}

async function assumeAs(principal: EndpointPrincipal, input: Partial<AssumeRoleCommandInput>): Promise<AwsCredentialIdentity> {
	const output = await sts(keysOf(principal)).send(new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1', ...input }));
	const credentials = output.Credentials!;
	return { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! };
}

/** Resolves to the rejection of the promise, failing the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('Expected the call to fail, but it succeeded.');
}

describe('STS AssumeRole', () => {
	it('issues a session and records it', async () => {
		const output = await sts(keysOf(RUNTIME)).send(
			new AssumeRoleCommand({
				RoleArn: NOTIFY_ROLE,
				RoleSessionName: 'wf-notify-run-1',
				DurationSeconds: 900,
				Policy: allow('sns:Publish'),
				ExternalId: 'external-id-not-to-log',
				SourceIdentity: 'alice',
				Tags: [{ Key: 'workflow-class', Value: 'notify' }],
			}),
		);

		expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(output.Credentials?.Expiration?.toISOString()).toBe('2030-01-01T00:15:00.000Z');
		expect(output.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/wf-notify/wf-notify-run-1`);
		expect(output.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:wf-notify-run-1$/);
		expect(output.SourceIdentity).toBe('alice');
		expect(output.PackedPolicySize).toBeGreaterThan(0);

		expect(endpoint.sessions).toHaveLength(1);
		const session = endpoint.sessions[0];
		expect(session).toMatchObject({
			roleArn: NOTIFY_ROLE,
			roleSessionName: 'wf-notify-run-1',
			callerArn: RUNTIME.arn,
			policy: allow('sns:Publish'),
			tags: [{ Key: 'workflow-class', Value: 'notify' }],
			sourceIdentity: 'alice',
			durationSeconds: 900,
			expiration: '2030-01-01T00:15:00Z',
			accessKeyId: output.Credentials?.AccessKeyId,
		});
		expect(JSON.stringify(endpoint.sessions)).not.toContain(output.Credentials?.SecretAccessKey);
		expect(JSON.stringify(endpoint.sessions)).not.toContain(output.Credentials?.SessionToken);
	});

	it('writes a CloudTrail record without secrets', async () => {
		const output = await sts(keysOf(RUNTIME)).send(
			new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1', Policy: allow('sns:Publish'), ExternalId: 'external-id-not-to-log', Tags: [{ Key: 'class', Value: 'notify' }] }),
		);

		expect(endpoint.events).toHaveLength(1);
		const event = endpoint.events[0];
		expect(event).toMatchObject({
			eventVersion: '1.08',
			eventTime: '2030-01-01T00:00:00Z',
			eventSource: 'sts.amazonaws.com',
			eventName: 'AssumeRole',
			awsRegion: REGION,
			sourceIPAddress: '127.0.0.1',
			readOnly: true,
			eventType: 'AwsApiCall',
			managementEvent: true,
			recipientAccountId: ACCOUNT,
		});
		expect(event.userIdentity).toMatchObject({
			type: 'AssumedRole',
			arn: RUNTIME.arn,
			accountId: ACCOUNT,
			accessKeyId: RUNTIME.accessKeyId,
			sessionContext: { sessionIssuer: { type: 'Role', arn: RUNTIME_ROLE, accountId: ACCOUNT, userName: 'n8n-runtime' }, attributes: { mfaAuthenticated: 'false' } },
		});
		expect(event.userAgent).toContain('aws-sdk-js');
		expect(event.eventID).toMatch(/^[0-9a-f-]{36}$/);
		expect(event.requestParameters).toEqual({
			roleArn: NOTIFY_ROLE,
			roleSessionName: 'wf-1',
			policy: allow('sns:Publish'),
			tags: [{ key: 'class', value: 'notify' }],
		});
		expect(event.responseElements).toMatchObject({
			credentials: { accessKeyId: output.Credentials?.AccessKeyId, expiration: 'Jan 1, 2030, 1:00:00 AM' },
			assumedRoleUser: { arn: output.AssumedRoleUser?.Arn },
		});
		expect(Object.keys((event.responseElements as { credentials: object }).credentials)).toEqual(['accessKeyId', 'expiration']);

		const logFile = JSON.stringify(endpoint.eventsAsLogFile());
		expect(logFile).not.toContain('external-id-not-to-log');
		expect(logFile).not.toContain(output.Credentials?.SecretAccessKey);
		expect(logFile).not.toContain(output.Credentials?.SessionToken);
		expect(logFile).not.toContain(RUNTIME.secretAccessKey);
		expect(endpoint.eventsAsLogFile().Records).toHaveLength(1);
	});

	it('reports the session as the caller', async () => {
		const credentials = await assumeAs(USER, { SourceIdentity: undefined });
		const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));

		expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/wf-notify/wf-1`);
		expect(identity.Account).toBe(ACCOUNT);
		expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:wf-1$/);
		const event = endpoint.events[1];
		expect(event.eventName).toBe('GetCallerIdentity');
		expect(event.userIdentity.sessionContext?.sessionIssuer.arn).toBe(NOTIFY_ROLE);
		expect(event.userIdentity.sessionContext?.attributes.creationDate).toBe('2030-01-01T00:00:00Z');
		expect(endpoint.events[0].userIdentity).toMatchObject({ type: 'IAMUser', userName: 'ci', arn: USER.arn });
	});

	it('rejects callers outside the trust policy', async () => {
		endpoint.addPrincipal({ accessKeyId: 'AKIAEXAMPLEOTHER0001', secretAccessKey: 'other-secret', arn: `arn:aws:iam::${ACCOUNT}:user/other` });
		const other = { accessKeyId: 'AKIAEXAMPLEOTHER0001', secretAccessKey: 'other-secret' };

		const error = await rejectionOf(sts(other).send(new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1' })));

		expect(error.name).toBe('AccessDenied');
		expect(error.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/other is not authorized to perform: sts:AssumeRole on resource: ${NOTIFY_ROLE}`);
		expect(endpoint.events[0].errorCode).toBe('AccessDenied');
		expect(endpoint.events[0].responseElements).toBeNull();
	});

	it('checks sts:ExternalId against the trust policy', async () => {
		const trustWithExternalId: PolicyDocument = {
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Principal: { AWS: USER.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'expected-id' } } }],
		};
		endpoint.addRole({ arn: `arn:aws:iam::${ACCOUNT}:role/partner`, trustPolicy: trustWithExternalId, policies: [] });
		const send = (externalId: string) =>
			sts(keysOf(USER)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/partner`, RoleSessionName: 'wf-1', ExternalId: externalId }));

		await expect(send('expected-id')).resolves.toBeDefined();
		const error = await rejectionOf(send('wrong-id'));
		expect(error.name).toBe('AccessDenied');
		expect(error.message).not.toContain('wrong-id');
	});

	it('validates RoleSessionName', async () => {
		const send = (name: string) => sts(keysOf(USER)).send(new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: name }));

		await expect(send('ab')).resolves.toBeDefined();
		await expect(send('a'.repeat(64))).resolves.toBeDefined();
		const tooShort = await rejectionOf(send('a'));
		expect(tooShort.name).toBe('ValidationError');
		expect(tooShort.message).toBe("1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
		const tooLong = await rejectionOf(send('a'.repeat(65)));
		expect(tooLong.message).toContain('Member must have length less than or equal to 64');
		const badCharacters = await rejectionOf(send('wf run!'));
		expect(badCharacters.message).toContain('Member must satisfy regular expression pattern: [\\w+=,.@-]*');
	});

	it('caps role chaining at 1 hour', async () => {
		await expect(assumeAs(RUNTIME, { DurationSeconds: 3600 })).resolves.toBeDefined();

		const error = await rejectionOf(assumeAs(RUNTIME, { DurationSeconds: 3601 }));

		expect(error.name).toBe('ValidationError');
		expect(error.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
	});

	it('limits DurationSeconds to the role maximum', async () => {
		await expect(assumeAs(USER, { DurationSeconds: 7200 })).resolves.toBeDefined();
		const overRoleMaximum = await rejectionOf(assumeAs(USER, { DurationSeconds: 7201 }));
		expect(overRoleMaximum.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
		const underMinimum = await rejectionOf(assumeAs(USER, { DurationSeconds: 899 }));
		expect(underMinimum.message).toContain("Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
	});

	it('rejects a policy over 2048 characters', async () => {
		const policyOfLength = (length: number): string => {
			const base = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] });
			return base.replace('"Sid":""', `"Sid":"${'S'.repeat(length - base.length)}"`);
		};
		expect(policyOfLength(2048)).toHaveLength(2048);

		await expect(assumeAs(USER, { Policy: policyOfLength(2048) })).resolves.toBeDefined();
		const error = await rejectionOf(assumeAs(USER, { Policy: policyOfLength(2049) }));

		expect(error.name).toBe('ValidationError');
		expect(error.message).toMatch(/^1 validation error detected: Value '\{.*\}' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048$/);
	});

	it('rejects a policy that is not JSON', async () => {
		const error = await rejectionOf(assumeAs(USER, { Policy: '{"Version":"2012-10-17",' }));

		expect(error.name).toBe('MalformedPolicyDocumentException');
		expect(error.message).toBe('The policy is not in the valid JSON format.');
	});

	it('requires sts:TagSession for tags', async () => {
		const tags = [{ Key: 'workflow-class', Value: 'notify' }];
		await expect(assumeAs(RUNTIME, { Tags: tags })).resolves.toBeDefined();

		const error = await rejectionOf(assumeAs(USER, { Tags: tags }));

		expect(error.name).toBe('AccessDenied');
		expect(error.message).toBe(`User: ${USER.arn} is not authorized to perform: sts:TagSession on resource: ${NOTIFY_ROLE}`);
	});

	it('requires sts:SetSourceIdentity for SourceIdentity', async () => {
		await expect(assumeAs(RUNTIME, { SourceIdentity: 'alice' })).resolves.toBeDefined();

		const error = await rejectionOf(assumeAs(USER, { SourceIdentity: 'alice' }));

		expect(error.message).toContain('sts:SetSourceIdentity');
	});

	it('rejects a packed size over 100%', async () => {
		const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'S'.repeat(1900 - 104), Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] });
		expect(policy).toHaveLength(1900);
		const tags = Array.from({ length: 10 }, (_, index) => ({ Key: `k0${index}`, Value: 'v'.repeat(200) }));

		const error = await rejectionOf(assumeAs(RUNTIME, { Policy: policy, Tags: tags }));

		expect(error.name).toBe('PackedPolicyTooLargeException');
		expect(error.message).toBe('Packed policy consumes 112% of allowed space, please use smaller policy');
		expect(endpoint.events[0].errorCode).toBe('PackedPolicyTooLarge');
	});

	it('reports the packed size under 100%', async () => {
		const output = await sts(keysOf(RUNTIME)).send(
			new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1', Policy: allow('sns:Publish'), Tags: [{ Key: 'k', Value: 'v'.repeat(100) }] }),
		);

		const expected = Math.round((100 * (allow('sns:Publish').length + 101)) / 3500);
		expect(output.PackedPolicySize).toBe(expected);
	});
});

describe('request authentication', () => {
	it('rejects a wrong secret', async () => {
		const error = await rejectionOf(sts({ ...keysOf(USER), secretAccessKey: 'wrong-secret' }).send(new GetCallerIdentityCommand({})));

		expect(error.name).toBe('SignatureDoesNotMatch');
		expect(error.$metadata?.httpStatusCode).toBe(403);
		expect(endpoint.events[0]).toMatchObject({ errorCode: 'SignatureDoesNotMatch', userIdentity: { type: 'Unknown', accessKeyId: USER.accessKeyId } });
	});

	it('rejects a wrong secret in JSON services', async () => {
		const ssm = new SSMClient({ endpoint: endpoint.url, region: REGION, credentials: { ...keysOf(USER), secretAccessKey: 'wrong-secret' }, maxAttempts: 1 });

		const error = await rejectionOf(ssm.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' })));

		expect(error.name).toBe('InvalidSignatureException');
	});

	it('rejects an unknown access key', async () => {
		const error = await rejectionOf(sts({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})));

		expect(error.name).toBe('InvalidClientTokenId');
		expect(error.message).toBe('The security token included in the request is invalid.');
	});

	it('rejects a missing or different session token', async () => {
		const withoutToken = await rejectionOf(sts({ ...keysOf(RUNTIME), sessionToken: undefined }).send(new GetCallerIdentityCommand({})));
		const otherToken = await rejectionOf(sts({ ...keysOf(RUNTIME), sessionToken: 'other-token' }).send(new GetCallerIdentityCommand({})));

		expect(withoutToken.name).toBe('InvalidClientTokenId');
		expect(otherToken.name).toBe('InvalidClientTokenId');
		await expect(sts(keysOf(RUNTIME)).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: RUNTIME.arn });
	});

	it('expires sessions on the endpoint clock', async () => {
		const credentials = await assumeAs(USER, { DurationSeconds: 900 });
		const ssm = new SSMClient({ endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 });
		await expect(ssm.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' }))).resolves.toBeDefined();

		clock += 900 * 1000;
		const ssmError = await rejectionOf(ssm.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' })));
		const stsError = await rejectionOf(sts(credentials).send(new GetCallerIdentityCommand({})));

		expect(ssmError.name).toBe('ExpiredTokenException');
		expect(stsError.name).toBe('ExpiredToken');
		expect(stsError.message).toBe('The security token included in the request is expired');
	});

	it('expires static principals with expiresAt', async () => {
		endpoint.addPrincipal({ ...RUNTIME, accessKeyId: 'ASIAEXAMPLEEXPIRING1', expiresAt: clock + 1000 });
		const client = sts({ ...keysOf(RUNTIME), accessKeyId: 'ASIAEXAMPLEEXPIRING1' });
		await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();

		clock += 1000;

		expect((await rejectionOf(client.send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
	});
});

describe('service calls', () => {
	function scopedClients(sessionPolicy: string) {
		const credentials = fromTemporaryCredentials({
			masterCredentials: keysOf(RUNTIME),
			params: { RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1', Policy: sessionPolicy, DurationSeconds: 900 },
			clientConfig: { endpoint: endpoint.url, region: REGION },
		});
		const config = { endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 };
		return { ssm: new SSMClient(config), sns: new SNSClient(config), securityHub: new SecurityHubClient(config) };
	}

	it('allows actions both policies allow', async () => {
		const { ssm, sns } = scopedClients(allow('ssm:GetParameter', 'sns:Publish', 'ec2:DescribeInstances'));

		const parameter = await ssm.send(new GetParameterCommand({ Name: '/n8n/demo/param-07' }));
		const published = await sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`, Message: 'hello' }));

		expect(parameter.Parameter).toMatchObject({ Name: '/n8n/demo/param-07', Value: 'value-07', Type: 'String', ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/n8n/demo/param-07` });
		expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
		expect(endpoint.publishedMessages).toEqual([expect.objectContaining({ Message: 'hello', callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/wf-notify/wf-1` })]);
		const publishEvent = endpoint.events.find((event) => event.eventName === 'Publish');
		expect(publishEvent).toMatchObject({ eventSource: 'sns.amazonaws.com', readOnly: false, responseElements: { messageId: published.MessageId } });
	});

	it('denies actions outside the session policy', async () => {
		const { ssm, sns, securityHub } = scopedClients(allow('ssm:GetParameter'));
		const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/wf-notify/wf-1`;

		const ssmError = await rejectionOf(ssm.send(new DescribeParametersCommand({})));
		const snsError = await rejectionOf(sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`, Message: 'hello' })));
		const hubError = await rejectionOf(securityHub.send(new GetFindingsCommand({})));

		expect(ssmError.name).toBe('AccessDeniedException');
		expect(ssmError.message).toBe(`User: ${sessionArn} is not authorized to perform: ssm:DescribeParameters because no session policy allows the ssm:DescribeParameters action`);
		expect(snsError.name).toBe('AuthorizationErrorException');
		expect(snsError.message).toBe(
			`User: ${sessionArn} is not authorized to perform: sns:Publish on resource: arn:aws:sns:${REGION}:${ACCOUNT}:alerts because no session policy allows the sns:Publish action`,
		);
		expect(hubError.name).toBe('AccessDeniedException');
		expect(hubError.$metadata?.httpStatusCode).toBe(403);
		expect(endpoint.events.find((event) => event.eventName === 'DescribeParameters')?.errorCode).toBe('AccessDeniedException');
	});

	it('denies actions outside the role policy', async () => {
		const readerRole = `arn:aws:iam::${ACCOUNT}:role/wf-reader`;
		endpoint.addRole({ arn: readerRole, trustPolicy: NOTIFY_TRUST, policies: [JSON.parse(allow('ssm:DescribeParameters')) as PolicyDocument] });
		const credentials = await assumeAs(RUNTIME, { RoleArn: readerRole, Policy: allow('ssm:*') });
		const ssm = new SSMClient({ endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 });

		const error = await rejectionOf(ssm.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' })));
		await expect(ssm.send(new DescribeParametersCommand({}))).resolves.toBeDefined();

		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toBe(
			`User: arn:aws:sts::${ACCOUNT}:assumed-role/wf-reader/wf-1 is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/n8n/demo/param-01 because no identity-based policy allows the ssm:GetParameter action`,
		);
	});

	it('evaluates conditions on region and principal tags', async () => {
		const policy = JSON.stringify({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': REGION, 'aws:PrincipalTag/class': 'notify' } } }],
		});
		const credentials = await assumeAs(RUNTIME, { Policy: policy, Tags: [{ Key: 'class', Value: 'notify' }] });
		const inRegion = new SSMClient({ endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 });
		const otherRegion = new SSMClient({ endpoint: endpoint.url, region: 'us-east-1', credentials, maxAttempts: 1 });

		await expect(inRegion.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' }))).resolves.toBeDefined();
		expect((await rejectionOf(otherRegion.send(new GetParameterCommand({ Name: '/n8n/demo/param-01' })))).name).toBe('AccessDeniedException');
	});

	it('pages through DescribeParameters', async () => {
		const { ssm } = scopedClients(allow('ssm:DescribeParameters'));
		const names: string[] = [];

		for await (const page of paginateDescribeParameters({ client: ssm, pageSize: 7 }, {})) {
			names.push(...(page.Parameters ?? []).map((parameter) => parameter.Name ?? ''));
		}

		expect(names).toHaveLength(30);
		expect(new Set(names).size).toBe(30);
		expect(endpoint.events.filter((event) => event.eventName === 'DescribeParameters')).toHaveLength(5);
	});

	it('returns ParameterNotFound for a missing parameter', async () => {
		const { ssm } = scopedClients(allow('ssm:GetParameter'));

		const error = await rejectionOf(ssm.send(new GetParameterCommand({ Name: '/n8n/demo/missing' })));

		expect(error.name).toBe('ParameterNotFound');
	});

	it('updates findings and pages through them', async () => {
		const { securityHub } = scopedClients(allow('securityhub:GetFindings', 'securityhub:BatchUpdateFindings'));
		const first = await securityHub.send(new GetFindingsCommand({ MaxResults: 2 }));
		const [finding] = first.Findings ?? [];

		const update = await securityHub.send(
			new BatchUpdateFindingsCommand({
				FindingIdentifiers: [{ Id: finding.Id, ProductArn: finding.ProductArn }, { Id: 'missing-finding', ProductArn: finding.ProductArn }],
				Workflow: { Status: 'RESOLVED' },
				Note: { Text: 'Closed by the notify workflow.', UpdatedBy: 'n8n' },
			}),
		);
		const resolved = await securityHub.send(new GetFindingsCommand({ Filters: { WorkflowStatus: [{ Value: 'RESOLVED', Comparison: 'EQUALS' }] } }));
		let total = 0;
		for await (const page of paginateGetFindings({ client: securityHub, pageSize: 8 }, {})) total += page.Findings?.length ?? 0;

		expect(first.NextToken).toBeDefined();
		expect(update.ProcessedFindings).toEqual([{ Id: finding.Id, ProductArn: finding.ProductArn }]);
		expect(update.UnprocessedFindings).toEqual([{ FindingIdentifier: { Id: 'missing-finding', ProductArn: finding.ProductArn }, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' }]);
		expect(resolved.Findings?.map((item) => item.Id)).toEqual([finding.Id]);
		expect(resolved.Findings?.[0].Note?.Text).toBe('Closed by the notify workflow.');
		expect(total).toBe(30);
	});

	it('serves findings passed in options', async () => {
		const extra = { Id: 'f-1', ProductArn: `arn:aws:securityhub:${REGION}::product/aws/guardduty` };
		await endpoint.close();
		endpoint = await startAwsEndpoint({ principals: [RUNTIME], roles: [{ arn: NOTIFY_ROLE, trustPolicy: NOTIFY_TRUST, policies: [NOTIFY_POLICY] }], findings: [extra] });
		const { securityHub } = scopedClients(allow('securityhub:BatchUpdateFindings'));

		const update = await securityHub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [extra], Workflow: { Status: 'NOTIFIED' } }));

		expect(update.ProcessedFindings).toEqual([extra]);
		expect(update.UnprocessedFindings).toEqual([]);
	});

	it('rejects an unimplemented operation', async () => {
		const client = sts(keysOf(USER));
		const { GetSessionTokenCommand } = await import('@aws-sdk/client-sts');

		const error = await rejectionOf(client.send(new GetSessionTokenCommand({})));

		expect(error.name).toBe('InvalidAction');
		expect(error.message).toContain('does not implement sts GetSessionToken');
	});
});

describe('container credentials', () => {
	const variables = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;
	const savedValues = variables.map((name) => process.env[name]);

	afterEach(() => {
		variables.forEach((name, index) => {
			const saved = savedValues[index];
			if (saved === undefined) delete process.env[name];
			else process.env[name] = saved;
		});
	});

	async function startWithContainerCredentials(): Promise<StartedAwsEndpoint> {
		await endpoint.close();
		endpoint = await startAwsEndpoint({
			roles: [{ arn: NOTIFY_ROLE, trustPolicy: NOTIFY_TRUST, policies: [NOTIFY_POLICY] }],
			containerCredentials: { token: 'container-token-1', principal: RUNTIME },
			now: () => clock,
		});
		process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.containerCredentialsUrl;
		return endpoint;
	}

	it('serves credentials for the right token', async () => {
		await startWithContainerCredentials();
		process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-token-1';

		const credentials = await fromContainerMetadata()();
		const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));

		expect(endpoint.containerCredentialsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/credentials\/.+/);
		expect(credentials.accessKeyId).toBe(RUNTIME.accessKeyId);
		expect(credentials.sessionToken).toBe(RUNTIME.sessionToken);
		expect(identity.Arn).toBe(RUNTIME.arn);
	});

	it('rejects a wrong or missing token', async () => {
		await startWithContainerCredentials();

		process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'wrong-token';
		await expect(fromContainerMetadata({ maxRetries: 0 })()).rejects.toThrow();
		delete process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
		const response = await fetch(endpoint.containerCredentialsUrl);

		expect(response.status).toBe(403);
		expect(endpoint.events).toHaveLength(0);
	});
});

describe('fault injection', () => {
	it('fails the next calls with the fault', async () => {
		endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'Throttling', message: 'Rate exceeded', status: 400, times: 1 });

		const error = await rejectionOf(assumeAs(USER, {}));
		await expect(assumeAs(USER, {})).resolves.toBeDefined();

		expect(error.name).toBe('Throttling');
		expect(error.message).toBe('Rate exceeded');
		expect(endpoint.events.map((event) => event.errorCode)).toEqual(['Throttling', undefined]);
		expect(endpoint.events[0].userIdentity.arn).toBe(USER.arn);
	});

	it('lets the SDK retry a throttled call', async () => {
		endpoint.injectFault({ service: 'sts', operation: 'AssumeRole', code: 'Throttling', message: 'Rate exceeded', status: 400, times: 1 });
		const client = new STSClient({ endpoint: endpoint.url, region: REGION, credentials: keysOf(USER), maxAttempts: 2 });

		const output = await client.send(new AssumeRoleCommand({ RoleArn: NOTIFY_ROLE, RoleSessionName: 'wf-1' }));

		expect(output.Credentials).toBeDefined();
		expect(endpoint.events.map((event) => event.errorCode)).toEqual(['Throttling', undefined]);
		expect(endpoint.sessions).toHaveLength(1);
	});
});
