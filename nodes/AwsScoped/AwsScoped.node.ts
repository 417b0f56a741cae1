import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callApiProperties } from './actions/callApi.operation';
import { checkPermissionProperties } from './actions/checkPermission.operation';
import { router } from './actions/router';
import { getOperations, getServices } from './methods/loadOptions';

export class AwsScoped implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS Scoped',
		name: 'awsScoped',
		icon: { light: 'file:awsScoped.svg', dark: 'file:awsScoped.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "callApi" ? $parameter["service"] + ": " + $parameter["apiOperation"] : $parameter["operation"]}}',
		description: 'Call AWS under a workflow class: a role assumed with a session policy limited to the class',
		defaults: { name: 'AWS Scoped' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsScopedRoleApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call API', value: 'callApi', action: 'Call an AWS API operation', description: 'Run an SDK operation with the scoped session' },
					{ name: 'Check Permission', value: 'checkPermission', action: 'Check whether the class allows an action', description: 'Decide locally, without calling AWS' },
					{ name: 'Who Am I', value: 'whoAmI', action: 'Show the scoped identity', description: 'STS GetCallerIdentity with the scoped session' },
				],
				default: 'callApi',
			},
			...callApiProperties,
			...checkPermissionProperties,
		],
	};

	methods = { loadOptions: { getServices, getOperations } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
