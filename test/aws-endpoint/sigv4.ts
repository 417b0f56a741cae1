import { createHash, timingSafeEqual } from 'node:crypto';

import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

import { authError } from './errors';
import type { Caller } from './identity';
import type { ApiRequest } from './protocols';

/** Parts of a SigV4 Authorization header besides the credential scope. */
interface SignatureParts {
	signedHeaders: string[];
	signature: string;
	amzDate: Date;
}

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * Authenticates a request the way AWS does. The access key must be known and the session token
 * must match the one issued with the key. The SigV4 signature must match one recomputed with the
 * key's secret, and the credentials must not be expired at `now`.
 *
 * NOTE: The request time is not compared with the clock, because tests run a fake clock while
 * the SDK signs with the real time. AWS rejects requests more than 5 minutes off.
 *
 * @throws AwsError in the protocol's shape (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, ...).
 */
export async function authenticate(request: ApiRequest, findCaller: (accessKeyId: string) => Caller | undefined, now: number): Promise<Caller> {
	const authorization = request.headers.authorization;
	if (!authorization) throw authError('missing', request.protocol);

	const parts = parseSignatureParts(authorization, request.headers['x-amz-date']);
	if (!request.scope || !parts) throw authError('incomplete', request.protocol);
	if (!request.headers['x-amz-date']?.startsWith(request.scope.date)) {
		throw authError('badSignature', request.protocol, `The credential scope date ${request.scope.date} does not match X-Amz-Date.`);
	}

	const caller = findCaller(request.scope.accessKeyId);
	if (!caller) throw authError('unknownKey', request.protocol);
	if ((caller.sessionToken ?? '') !== (request.headers['x-amz-security-token'] ?? '')) {
		throw authError('unknownKey', request.protocol);
	}

	checkPayloadHash(request);
	const expected = await computeSignature(request, caller, parts);
	if (!sameHex(expected, parts.signature)) throw authError('badSignature', request.protocol);

	if (caller.expiresAt !== undefined && now >= caller.expiresAt) throw authError('expired', request.protocol);
	return caller;
}

function parseSignatureParts(authorization: string, amzDate: string | undefined): SignatureParts | undefined {
	if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
	const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
	const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
	const dateMatch = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate ?? '');
	if (!signedHeaders || !signature || !dateMatch) return undefined;

	const [, year, month, day, hour, minute, second] = dateMatch;
	const amzDateValue = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
	return { signedHeaders: signedHeaders.split(';'), signature, amzDate: amzDateValue };
}

/** Rejects a body whose SHA-256 differs from the signed `x-amz-content-sha256` header. */
function checkPayloadHash(request: ApiRequest): void {
	const declared = request.headers['x-amz-content-sha256'];
	if (declared === undefined || declared === UNSIGNED_PAYLOAD) return;
	const actual = createHash('sha256').update(request.body).digest('hex');
	if (declared !== actual) {
		throw authError('badSignature', request.protocol, 'The x-amz-content-sha256 header does not match the SHA-256 of the request body.');
	}
}

/**
 * Re-signs the request with the caller's secret, using only the headers the client listed in
 * SignedHeaders, and returns the hex signature. @smithy/signature-v4 is the signer the SDK uses,
 * so the canonical request is built the same way on both sides.
 */
async function computeSignature(request: ApiRequest, caller: Caller, parts: SignatureParts): Promise<string> {
	const signedHeaderNames = new Set(parts.signedHeaders);
	const headers: Record<string, string> = {};
	for (const name of signedHeaderNames) {
		if (request.headers[name] !== undefined) headers[name] = request.headers[name];
	}

	const signer = new SignatureV4({
		credentials: {
			accessKeyId: caller.accessKeyId,
			secretAccessKey: caller.secretAccessKey,
			sessionToken: caller.sessionToken,
		},
		region: request.region,
		service: request.service,
		sha256: Sha256,
	});
	const unsigned = new HttpRequest({ method: request.method, protocol: 'http:', hostname: '127.0.0.1', path: request.path, query: request.query, headers, body: request.body });
	const signed = await signer.sign(unsigned, { signingDate: parts.amzDate, signableHeaders: signedHeaderNames });

	return /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
}

function sameHex(left: string, right: string): boolean {
	if (left.length !== right.length) return false;
	return timingSafeEqual(Buffer.from(left), Buffer.from(right));
}
