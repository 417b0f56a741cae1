/**
 * AWS regions the package accepts without an STS endpoint override, by partition.
 * NOTE: AWS opens new regions from time to time; a region missing here still works when
 * the credential sets an STS endpoint override.
 */
export const REGIONS_BY_PARTITION: Readonly<Record<Partition, readonly string[]>> = {
	aws: [
		'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1',
		'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
		'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1',
		'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1',
		'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
	],
	'aws-cn': ['cn-north-1', 'cn-northwest-1'],
	'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Returns the partition a region belongs to, from its name. */
export function partitionOfRegion(region: string): Partition {
	if (region.startsWith('cn-')) return 'aws-cn';
	if (region.startsWith('us-gov-')) return 'aws-us-gov';
	return 'aws';
}

/** Returns true when the region is in the package's list. */
export function isKnownRegion(region: string): boolean {
	return REGIONS_BY_PARTITION[partitionOfRegion(region)].includes(region);
}

/** DNS suffix of a partition's service endpoints. */
export function dnsSuffix(partition: Partition): string {
	return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** Returns the regional STS endpoint, for example https://sts.eu-central-1.amazonaws.com. */
export function regionalStsEndpoint(region: string): string {
	return `https://sts.${region}.${dnsSuffix(partitionOfRegion(region))}`;
}
