import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACTION_PATTERN } from '../../../core/policy/parse';
import { validatePolicyActions } from '../../../core/policy/validate';
import { getScopedAws } from '../transport';

export const checkPermissionProperties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'securityhub:BatchUpdateFindings',
		displayOptions: { show: { operation: ['checkPermission'] } },
		description: 'IAM action to check, as service:Action',
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		displayOptions: { show: { operation: ['checkPermission'] } },
		description: 'Region of the request; empty means the credential\'s region',
	},
];

/** Decides from the session policy alone whether an action is allowed; AWS is not called. */
export async function checkPermission(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const action = (this.getNodeParameter('action', itemIndex) as string).trim();
	if (!ACTION_PATTERN.test(action)) {
		throw new NodeOperationError(this.getNode(), `Action "${action}" is not an IAM action. Write it as service:Action, for example sns:Publish.`, { itemIndex });
	}
	const scoped = await getScopedAws(this, itemIndex);
	const region = (this.getNodeParameter('region', itemIndex, '') as string).trim() || scoped.config.region;
	const verdict = scoped.checkAction(action, region);
	const unknown = verdict.decision === 'Allowed' ? undefined : await unknownActionNote(action);
	return {
		action,
		region,
		workflowClass: scoped.config.classId,
		className: scoped.className,
		allowed: verdict.decision === 'Allowed',
		decision: verdict.decision,
		statement: verdict.statement ? { number: verdict.statement.number, purpose: verdict.statement.label } : null,
		notCheckedLocally: verdict.unchecked,
		...(unknown ? { note: unknown } : {}),
	};
}

/** Says when a denied action does not exist in IAM data (a typo), with the nearest real name. */
async function unknownActionNote(action: string): Promise<string | undefined> {
	const validation = await validatePolicyActions({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
	return validation.errors[0]?.message.replace(/^Statement 1: /, '');
}
