import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

import type { ScopedSession } from '../session/assumeRole';

/** Service and region a request is signed for (the SigV4 credential scope). */
export interface SigningScope {
	service: string;
	region: string;
}

export interface RequestToSign {
	method: string;
	url: string;
	headers: Record<string, string>;
	/** String or bytes as sent; an object is serialised to JSON first by `bodyToSend`. */
	body?: string | Uint8Array;
}

/** eventSource-style host labels whose SigV4 signing name differs. */
const SIGNING_NAMES: Record<string, string> = { email: 'ses', queue: 'sqs', 'bedrock-runtime': 'bedrock' };

/**
 * Reads the signing scope from an AWS host name: `execute-api` URLs, regional
 * `<service>.<region>.amazonaws.com[.cn]`, virtual-hosted S3, and global endpoints.
 * Returns undefined for other hosts (custom endpoints), whose scope comes from the credential.
 */
export function scopeFromUrl(url: string): SigningScope | undefined {
	const host = new URL(url).hostname.toLowerCase();
	const match = /^(?:(.+)\.)?([a-z0-9-]+)\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host);
	if (match) {
		const [, prefix, label, region] = match;
		if (label === 'execute-api') return { service: 'execute-api', region };
		if (label === 's3' || label.startsWith('s3-') || prefix?.endsWith('.s3')) return { service: 's3', region };
		const service = label.replace(/-fips$/, '');
		return { service: SIGNING_NAMES[service] ?? service, region };
	}
	const global = /^(?:.+\.)?([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
	if (global) {
		const service = global[1] === 's3' ? 's3' : global[1];
		return { service: SIGNING_NAMES[service] ?? service, region: 'us-east-1' };
	}
	return undefined;
}

/** Serialises an object body once, so that the bytes signed are the bytes sent. */
export function bodyToSend(body: unknown): string | Uint8Array | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string' || body instanceof Uint8Array) return body;
	return JSON.stringify(body);
}

/**
 * Signs a request with the scoped session (SigV4, payload hash in x-amz-content-sha256).
 * Returns the headers to send, including Authorization, X-Amz-Date and X-Amz-Security-Token.
 */
export async function signRequest(session: ScopedSession, request: RequestToSign, scope: SigningScope): Promise<Record<string, string>> {
	const url = new URL(request.url);
	const query: Record<string, string> = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	const headers: Record<string, string> = { ...request.headers, host: url.host };
	const httpRequest = new HttpRequest({
		method: request.method.toUpperCase(),
		protocol: url.protocol,
		hostname: url.hostname,
		port: url.port ? Number(url.port) : undefined,
		path: url.pathname,
		query,
		headers,
		body: request.body,
	});
	const signer = new SignatureV4({
		service: scope.service,
		region: scope.region,
		sha256: Sha256,
		credentials: {
			accessKeyId: session.accessKeyId,
			secretAccessKey: session.secretAccessKey,
			sessionToken: session.sessionToken,
		},
		// S3 signs the path as sent; every other service escapes it once more.
		uriEscapePath: scope.service !== 's3',
		applyChecksum: true,
	});
	const signed = await signer.sign(httpRequest);
	return signed.headers as Record<string, string>;
}
