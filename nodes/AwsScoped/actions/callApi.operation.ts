import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executionContext, getScopedAws } from '../transport';

export const callApiProperties: INodeProperties[] = [
	{
		displayName: 'Service Name or ID',
		name: 'service',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getServices' },
		default: 'sts',
		displayOptions: { show: { operation: ['callApi'] } },
		description: 'AWS service to call. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'API Operation Name or ID',
		name: 'apiOperation',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOperations', loadOptionsDependsOn: ['service'] },
		default: '',
		required: true,
		displayOptions: { show: { operation: ['callApi'] } },
		description: 'SDK operation, for example BatchUpdateFindings. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Input',
		name: 'input',
		type: 'json',
		default: '{}',
		displayOptions: { show: { operation: ['callApi'] } },
		description: 'Input of the operation as JSON, with the field names of the AWS API',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: { operation: ['callApi'] } },
		// eslint-disable-next-line n8n-nodes-base/node-param-description-wrong-for-return-all -- there is no Limit parameter: off returns the first page as AWS sent it
		description: 'Whether to follow the SDK paginator and merge the lists of every page',
	},
];

/** Runs one API call for one item: local check, scoped session, SDK command. */
export async function callApi(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const service = this.getNodeParameter('service', itemIndex) as string;
	const operation = this.getNodeParameter('apiOperation', itemIndex) as string;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const input = parseInput(this, this.getNodeParameter('input', itemIndex, '{}'), itemIndex);

	const scoped = await getScopedAws(this, itemIndex);
	const result = await scoped.call(executionContext(this), { service, operation, input, returnAll });
	return { ...(result.output as IDataObject), awsRequestId: result.requestIds.length === 1 ? result.requestIds[0] : result.requestIds };
}

function parseInput(context: IExecuteFunctions, value: unknown, itemIndex: number): Record<string, unknown> {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
	if (typeof value === 'string') {
		try {
			const parsed: unknown = JSON.parse(value === '' ? '{}' : value);
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `Input is not valid JSON: ${(error as Error).message}. Enter a JSON object such as {"Name": "/app/param"}.`, { itemIndex });
		}
	}
	throw new NodeOperationError(context.getNode(), `Input must be a JSON object, got ${JSON.stringify(value)}. Enter the operation's fields as a JSON object.`, { itemIndex });
}
