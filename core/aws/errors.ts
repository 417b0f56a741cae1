/** Error codes with which AWS services report an authorization failure. */
export const ACCESS_DENIED_CODES = new Set([
	'AccessDenied',
	'AccessDeniedException',
	'UnauthorizedOperation',
	'Client.UnauthorizedOperation',
	'AuthorizationError',
	'AuthorizationErrorException',
	'UnauthorizedException',
	'Forbidden',
]);

/** An AWS service call failed; carries AWS's error code, message and request id. */
export class AwsCallError extends Error {
	constructor(
		message: string,
		/** AWS's error code, for example AccessDeniedException. */
		readonly code: string,
		/** AWS's own message, unchanged. */
		readonly awsMessage: string,
		readonly requestId: string | undefined,
		readonly httpStatusCode: number | undefined,
		/** True when AWS denied the call: the class boundary (or the role's policy) was hit. */
		readonly accessDenied: boolean,
	) {
		super(message);
		this.name = 'AwsCallError';
	}
}

interface ServiceErrorLike {
	name?: string;
	Code?: string;
	message?: string;
	$metadata?: { requestId?: string; httpStatusCode?: number };
}

/** Names that the message of a denied call includes. */
export interface DenialContext {
	action: string;
	className: string;
	RoleArn: string;
	credentialName?: string;
}

/** Wraps an SDK error with AWS's code, message and request id, and marks a denial as the class boundary. */
export function toAwsCallError(error: unknown, context: DenialContext): AwsCallError {
	const failure = (error ?? {}) as ServiceErrorLike;
	const code = failure.Code ?? failure.name ?? 'UnknownError';
	const awsMessage = failure.message ?? String(error);
	const requestId = failure.$metadata?.requestId;
	const status = failure.$metadata?.httpStatusCode;
	const denied = ACCESS_DENIED_CODES.has(code);
	const ids = `${code}${requestId ? `, request id ${requestId}` : ''}`;
	const message = denied
		? `AWS denied ${context.action}: the call hit the boundary of workflow class "${context.className}" ` +
			`(role ${context.RoleArn}${context.credentialName ? `, credential "${context.credentialName}"` : ''}), ` +
			`or the role's own policy does not allow it. Use a credential of a class that allows ${context.action}, or widen the class role. (${ids}: ${awsMessage})`
		: `AWS returned ${ids} for ${context.action}: ${awsMessage}`;
	return new AwsCallError(message, code, awsMessage, requestId, status, denied);
}
