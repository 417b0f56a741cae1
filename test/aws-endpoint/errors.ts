import type { Protocol } from './protocols';

/** An AWS error response: the code the SDK turns into the exception name, the message and the HTTP status. */
export class AwsError extends Error {
	readonly code: string;
	readonly status: number;

	constructor(code: string, message: string, status = 400) {
		super(message);
		this.name = 'AwsError';
		this.code = code;
		this.status = status;
	}
}

/** Failures of authentication, which AWS names differently in Query and JSON services. */
export type AuthFailure = 'missing' | 'unknownKey' | 'badSignature' | 'incomplete' | 'expired';

interface AuthFailureCodes {
	query: string;
	json: string;
	message: string;
	status: number;
}

const AUTH_FAILURES: Record<AuthFailure, AuthFailureCodes> = {
	missing: {
		query: 'MissingAuthenticationToken',
		json: 'MissingAuthenticationTokenException',
		message: 'Request is missing Authentication Token',
		status: 403,
	},
	unknownKey: {
		query: 'InvalidClientTokenId',
		json: 'UnrecognizedClientException',
		message: 'The security token included in the request is invalid.',
		status: 403,
	},
	badSignature: {
		query: 'SignatureDoesNotMatch',
		json: 'InvalidSignatureException',
		message:
			'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		status: 403,
	},
	incomplete: {
		query: 'IncompleteSignature',
		json: 'IncompleteSignatureException',
		message: 'Authorization header requires Credential, SignedHeaders and Signature parameters, and an X-Amz-Date header.',
		status: 400,
	},
	expired: {
		query: 'ExpiredToken',
		json: 'ExpiredTokenException',
		message: 'The security token included in the request is expired',
		status: 403,
	},
};

/**
 * Builds the authentication error AWS returns for the protocol. Query services (STS, SNS) use
 * codes such as InvalidClientTokenId and SignatureDoesNotMatch, while JSON services (SSM,
 * Security Hub) use UnrecognizedClientException and InvalidSignatureException.
 */
export function authError(failure: AuthFailure, protocol: Protocol, detail?: string): AwsError {
	const codes = AUTH_FAILURES[failure];
	const code = protocol === 'query' ? codes.query : codes.json;
	const message = detail ? `${codes.message} ${detail}` : codes.message;
	return new AwsError(code, message, codes.status);
}

/** Builds the error for an operation the endpoint does not implement, in the protocol's usual code. */
export function unknownOperationError(service: string, operation: string, protocol: Protocol): AwsError {
	const message =
		`The loopback AWS endpoint does not implement ${service} ${operation}. ` +
		'Add it to OPERATIONS in test/aws-endpoint/server.ts or call an implemented operation.';
	if (protocol === 'query') return new AwsError('InvalidAction', message, 400);
	return new AwsError('UnknownOperationException', message, 400);
}
