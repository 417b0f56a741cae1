/** Fake SSM parameters, Security Hub findings and SNS messages that the service handlers serve and change. */

/** Number of fake SSM parameters and of fake Security Hub findings; more than one page of each at default page sizes. */
export const FAKE_ITEM_COUNT = 30;

export interface FakeParameter {
	Name: string;
	Type: 'String' | 'SecureString';
	Value: string;
	Version: number;
	/** ms since the epoch. */
	LastModified: number;
}

/** A Security Hub finding in ASFF, with only the fields the handlers read typed. */
export interface FakeFinding {
	Id: string;
	ProductArn: string;
	Workflow: { Status: string };
	Severity: { Label: string; Normalized?: number };
	RecordState: string;
	Note?: { Text: string; UpdatedBy: string; UpdatedAt: string };
	[field: string]: unknown;
}

/** A message SNS Publish accepted. */
export interface PublishedMessage {
	MessageId: string;
	TopicArn?: string;
	TargetArn?: string;
	Subject?: string;
	Message: string;
	/** Arn of the caller that published. */
	callerArn: string;
}

export interface FakeData {
	parameters: FakeParameter[];
	findings: FakeFinding[];
	publishedMessages: PublishedMessage[];
}

const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * Creates the fake data of one endpoint: parameters `/n8n/demo/param-01` to `-30`, findings
 * `n8n-demo-01` to `-30`, and one finding per extra identifier.
 */
export function createFakeData(accountId: string, createdAt: number, extraFindings: Array<{ Id: string; ProductArn: string }> = []): FakeData {
	const parameters: FakeParameter[] = [];
	const findings: FakeFinding[] = [];
	for (let index = 1; index <= FAKE_ITEM_COUNT; index++) {
		const suffix = String(index).padStart(2, '0');
		parameters.push({
			Name: `/n8n/demo/param-${suffix}`,
			Type: index === FAKE_ITEM_COUNT ? 'SecureString' : 'String',
			Value: `value-${suffix}`,
			Version: 1,
			LastModified: createdAt,
		});
		findings.push(createFinding(accountId, suffix, SEVERITIES[index % SEVERITIES.length], createdAt));
	}
	for (const identifier of extraFindings) {
		findings.push({ ...createFinding(accountId, identifier.Id, 'MEDIUM', createdAt), Id: identifier.Id, ProductArn: identifier.ProductArn });
	}
	return { parameters, findings, publishedMessages: [] };
}

function createFinding(accountId: string, suffix: string, severity: string, createdAt: number): FakeFinding {
	const time = new Date(createdAt).toISOString();
	return {
		SchemaVersion: '2018-10-08',
		Id: `arn:aws:securityhub:us-east-1:${accountId}:finding/n8n-demo-${suffix}`,
		ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
		GeneratorId: `n8n-demo-control-${suffix}`,
		AwsAccountId: accountId,
		Types: ['Software and Configuration Checks/AWS Security Best Practices'],
		CreatedAt: time,
		UpdatedAt: time,
		Severity: { Label: severity },
		Title: `Fake finding ${suffix} of the loopback AWS endpoint`,
		Description: `Fake finding ${suffix}, served by the loopback AWS endpoint of the n8n-nodes-aws-scoped tests.`,
		Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${accountId}`, Region: 'us-east-1', Partition: 'aws' }],
		Workflow: { Status: 'NEW' },
		WorkflowState: 'NEW',
		RecordState: 'ACTIVE',
		Region: 'us-east-1',
	};
}

/** Encodes a list offset as an opaque NextToken. */
export function encodeNextToken(offset: number): string {
	return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

/** Decodes a NextToken made by encodeNextToken; undefined when it is not one. */
export function decodeNextToken(token: string): number | undefined {
	try {
		const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
		return typeof value.offset === 'number' && Number.isInteger(value.offset) && value.offset >= 0 ? value.offset : undefined;
	} catch {
		return undefined;
	}
}
