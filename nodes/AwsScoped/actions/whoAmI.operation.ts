import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { executionContext, getScopedAws } from '../transport';

/** Calls STS GetCallerIdentity with the scoped session and reports the class and session. */
export async function whoAmI(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scoped = await getScopedAws(this, itemIndex);
	const result = await scoped.call(executionContext(this), { service: 'sts', operation: 'GetCallerIdentity', input: {} });
	return {
		...(result.output as IDataObject),
		workflowClass: scoped.config.classId,
		className: scoped.className,
		sessionPolicyLength: scoped.policy.length,
		awsRequestId: result.requestIds[0],
	};
}
