import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { AwsCallError } from '../../core/aws/errors';
import { LocalDenyError } from '../../core/scoped';
import { AssumeRoleError } from '../../core/session/assumeRole';

/** Converts a core error into the n8n error that shows it best, with the item index. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof AwsCallError) {
		const response: JsonObject = {
			code: error.code,
			message: error.awsMessage,
			requestId: error.requestId ?? null,
			httpCode: error.httpStatusCode !== undefined ? String(error.httpStatusCode) : null,
		};
		return new NodeApiError(node, response, {
			message: error.message,
			description: `AWS error code ${error.code}${error.requestId ? `, request id ${error.requestId}` : ''}.`,
			httpCode: error.httpStatusCode !== undefined ? String(error.httpStatusCode) : undefined,
			itemIndex,
		});
	}
	if (error instanceof LocalDenyError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: 'The local check decided this from the credential\'s session policy; no request was sent to AWS.',
		});
	}
	if (error instanceof AssumeRoleError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Role ${error.RoleArn}, session ${error.RoleSessionName}, region ${error.region}. No AWS call was made with the source credentials.`,
		});
	}
	return new NodeOperationError(node, (error as Error).message ?? String(error), { itemIndex });
}

/** Returns the plain message of an error, for continue-on-fail output. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
