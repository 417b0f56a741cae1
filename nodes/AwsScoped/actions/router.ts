import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorMessage, toNodeError } from '../../shared/errors';
import { callApi } from './callApi.operation';
import { checkPermission } from './checkPermission.operation';
import { whoAmI } from './whoAmI.operation';

type Operation = 'callApi' | 'whoAmI' | 'checkPermission';

const OPERATIONS: Record<Operation, (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject>> = {
	callApi,
	whoAmI,
	checkPermission,
};

/** Runs the chosen operation for every item; with continue-on-fail a failed item becomes an error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = this.getNodeParameter('operation', itemIndex) as Operation;
			const run = OPERATIONS[operation];
			const json = await run.call(this, itemIndex);
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: errorMessage(error) }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}
