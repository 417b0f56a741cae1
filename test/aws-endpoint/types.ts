/** Public types of the loopback AWS endpoint that the tests run the real AWS SDK against. */

/** `{ Operator: { ConditionKey: value | values } }`, as in IAM JSON. */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** Principal element of a trust policy: `"*"`, or `{ AWS: arn | arns }` and the like. */
export type PolicyPrincipal = '*' | Record<string, string | string[]>;

export interface PolicyStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Action?: string | string[];
	NotAction?: string | string[];
	Resource?: string | string[];
	NotResource?: string | string[];
	Condition?: ConditionBlock;
	/** Only in trust policies. */
	Principal?: PolicyPrincipal;
}

export interface PolicyDocument {
	Version: string;
	Statement: PolicyStatement[];
}

/** A caller with static keys, such as an IAM user or an ECS task role session. */
export interface EndpointPrincipal {
	accessKeyId: string;
	secretAccessKey: string;
	/** Required on every request signed with these keys when set. */
	sessionToken?: string;
	/** For example `arn:aws:iam::111122223333:user/ci` or `arn:aws:sts::111122223333:assumed-role/n8n-runtime/task-1`. */
	arn: string;
	/** True when the keys belong to a role session, so AssumeRole from it is role chaining (at most 3,600 s). */
	isRoleSession?: boolean;
	/** Identity policies. When omitted the principal may call every action, like AdministratorAccess. */
	policies?: PolicyDocument[];
	/** Expiration in ms since the epoch; requests at or after it fail with ExpiredToken. */
	expiresAt?: number;
}

export interface EndpointRole {
	arn: string;
	trustPolicy: PolicyDocument;
	/** Identity policies attached to the role. */
	policies: PolicyDocument[];
	/** Maximum session duration in seconds (3,600 to 43,200); default 3,600. */
	maxSessionDuration?: number;
}

export interface AwsEndpointOptions {
	/** Account of the roles and of the fake SNS, SSM and Security Hub resources; default 111122223333. */
	accountId?: string;
	/** Static keys the endpoint accepts. */
	principals?: EndpointPrincipal[];
	roles?: EndpointRole[];
	/** ECS-style container credentials served at `containerCredentialsUrl` to requests bearing `token`. */
	containerCredentials?: { token: string; principal: EndpointPrincipal };
	/** Clock in ms since the epoch; default Date.now. */
	now?: () => number;
	/**
	 * Security Hub findings to serve besides the 30 fake ones (`n8n-demo-01` to `-30`). Like AWS,
	 * BatchUpdateFindings lists any other identifier under UnprocessedFindings as FindingNotFound.
	 */
	findings?: Array<{ Id: string; ProductArn: string }>;
}

/** A session issued by AssumeRole. Contains no secret access key and no session token. */
export interface IssuedSession {
	roleArn: string;
	roleSessionName: string;
	/** Arn of the caller that assumed the role. */
	callerArn: string;
	/** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
	assumedRoleArn: string;
	/** Session policy as sent (plaintext JSON), if any. */
	policy?: string;
	tags: Array<{ Key: string; Value: string }>;
	transitiveTagKeys: string[];
	sourceIdentity?: string;
	durationSeconds: number;
	/** ISO 8601 time, from the endpoint clock. */
	issuedAt: string;
	/** ISO 8601 time, from the endpoint clock. */
	expiration: string;
	packedPolicySize: number;
	accessKeyId: string;
}

/** A one-off error returned by the next `times` calls of `service` `operation`, before authentication. */
export interface InjectedFault {
	/** Signing name from the credential scope, for example `sts`, `sns`, `ssm`, `securityhub`. */
	service: string;
	/** API operation, for example `AssumeRole`. */
	operation: string;
	/** AWS error code, for example `Throttling`. */
	code: string;
	message: string;
	/** HTTP status code. */
	status: number;
	times: number;
}

/** `userIdentity` of a CloudTrail record. */
export interface CloudTrailUserIdentity {
	type: 'IAMUser' | 'AssumedRole' | 'Unknown';
	principalId?: string;
	arn?: string;
	accountId?: string;
	accessKeyId?: string;
	userName?: string;
	sessionContext?: {
		sessionIssuer: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
		attributes: { creationDate: string; mfaAuthenticated: 'false' };
		sourceIdentity?: string;
	};
}

/** One CloudTrail management event, as in the `Records` array of a CloudTrail log file. */
export interface CloudTrailEvent {
	eventVersion: '1.08';
	userIdentity: CloudTrailUserIdentity;
	eventTime: string;
	eventSource: string;
	eventName: string;
	awsRegion: string;
	sourceIPAddress: string;
	userAgent: string;
	errorCode?: string;
	errorMessage?: string;
	requestParameters: Record<string, unknown> | null;
	responseElements: Record<string, unknown> | null;
	requestID: string;
	eventID: string;
	readOnly: boolean;
	eventType: 'AwsApiCall';
	managementEvent: true;
	recipientAccountId: string;
	eventCategory: 'Management';
}

export interface AwsEndpoint {
	/** `http://127.0.0.1:PORT`; pass it as `endpoint` to every SDK client. */
	url: string;
	/** `http://127.0.0.1:PORT/v2/credentials/<id>`, for AWS_CONTAINER_CREDENTIALS_FULL_URI. */
	containerCredentialsUrl: string;
	/** One record per AWS API request served, failed ones included, in arrival order. */
	events: CloudTrailEvent[];
	/** Every session AssumeRole issued, in issue order. */
	sessions: IssuedSession[];
	addRole(role: EndpointRole): void;
	addPrincipal(principal: EndpointPrincipal): void;
	injectFault(fault: InjectedFault): void;
	/** The events in the shape of a CloudTrail log file in S3. */
	eventsAsLogFile(): { Records: CloudTrailEvent[] };
	close(): Promise<void>;
}
