import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { ScopedRoleCredentialData } from '../../../core/credentialFields';
import type { ExecutionContext, ScopedAws } from '../../../core/scoped';
import { setSessionCacheLogger } from '../../../core/scoped';
import { scopedAwsFor } from '../../shared/scopedAws';

export const CREDENTIAL_TYPE = 'awsScopedRoleApi';

let loggerSet = false;

/** Returns the ScopedAws of the node's credential, the only way the node reaches AWS. */
export async function getScopedAws(context: IExecuteFunctions | ILoadOptionsFunctions, itemIndex = 0): Promise<ScopedAws> {
	const data = (await context.getCredentials(CREDENTIAL_TYPE, itemIndex)) as unknown as ScopedRoleCredentialData;
	const credentialName = context.getNode().credentials?.[CREDENTIAL_TYPE]?.name;
	if (!loggerSet) {
		const logger = context.logger;
		setSessionCacheLogger((message, fields) => logger.debug(`[aws-scoped] ${message}`, fields));
		loggerSet = true;
	}
	return scopedAwsFor(data, credentialName);
}

/** Names the session after the workflow and execution, for CloudTrail attribution. */
export function executionContext(context: IExecuteFunctions): ExecutionContext {
	const workflow = context.getWorkflow();
	return { workflowId: workflow.id ?? 'unsaved', executionId: context.getExecutionId() ?? 'manual', workflowName: workflow.name };
}
