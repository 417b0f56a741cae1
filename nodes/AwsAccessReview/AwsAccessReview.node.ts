import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { reviewDescription } from './description';
import { runReview } from './review';

export class AwsAccessReview implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS Access Review',
		name: 'awsAccessReview',
		icon: { light: 'file:awsAccessReview.svg', dark: 'file:awsAccessReview.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"from " + $parameter["source"]}}',
		description: 'Review CloudTrail events of the n8n roles: new actions, out-of-class calls, regions, secret reads, IAM changes, denials, scoping bypass',
		defaults: { name: 'AWS Access Review' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsScopedRoleApi', required: true, displayOptions: { show: { source: ['lookupEvents'] } } }],
		properties: reviewDescription,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return [await runReview.call(this)];
		} catch (error) {
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				return [[{ json, pairedItem: { item: 0 } }]];
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: 0 });
		}
	}
}
