import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ScopedRoleCredentialData } from '../../core/credentialFields';
import { validatePolicyActions } from '../../core/policy/validate';
import { bodyToSend, scopeFromUrl, signRequest } from '../../core/signing/sign';
import { scopedAwsFor } from './scopedAws';

/** Header that marks the credential test's request; removed before signing. */
export const CREDENTIAL_TEST_HEADER = 'x-n8n-aws-scoped-test';

/**
 * Signs an HTTP request with the class's scoped session. For the credential test it first
 * checks a custom policy's actions against IAM data. Errors are plain Errors with a full
 * message, because n8n's credential test shows only the message of errors without a code.
 */
export async function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const data = credentials as unknown as ScopedRoleCredentialData;
	const headers = { ...((requestOptions.headers ?? {}) as Record<string, string>) };
	const isTest = CREDENTIAL_TEST_HEADER in headers;
	delete headers[CREDENTIAL_TEST_HEADER];

	try {
		const scoped = scopedAwsFor(data);
		if (isTest && scoped.config.classId === 'custom') await checkCustomActions(scoped.policy.document);

		const url = fullUrl(requestOptions);
		const scope = scopeFromUrl(url) ?? customScope(data, isTest);
		const body = bodyToSend(requestOptions.body);
		if (body !== undefined && typeof requestOptions.body === 'object' && !hasHeader(headers, 'content-type')) {
			headers['content-type'] = 'application/json';
		}
		const session = isTest
			? await scoped.session({ workflowId: 'credential', executionId: 'test' }, { fresh: true })
			: await scoped.session({ workflowId: 'http-request', executionId: 'node' });
		const signed = await signRequest(session, { method: requestOptions.method ?? 'GET', url, headers, body }, scope);
		return { ...requestOptions, baseURL: undefined, url, qs: undefined, body, headers: signed, json: false };
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a credential's authenticate has no node to pass to NodeApiError, and the credential test shows only the message of an Error without a code
		throw new Error((error as Error).message);
	}
}

async function checkCustomActions(document: Parameters<typeof validatePolicyActions>[0]): Promise<void> {
	const validation = await validatePolicyActions(document);
	if (validation.errors.length > 0) {
		throw new Error(`The custom policy has problems: ${validation.errors.map((e) => e.message).join(' ')}`);
	}
}

function fullUrl(options: IHttpRequestOptions): string {
	const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
	const path = options.url ?? '';
	const url = new URL(base ? `${base}${path.startsWith('/') || path === '' ? '' : '/'}${path}` : path);
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	return url.toString();
}

function customScope(data: ScopedRoleCredentialData, isTest: boolean): { service: string; region: string } {
	const region = data.region ?? '';
	if (isTest) return { service: 'sts', region };
	if (!data.signingService) {
		throw new Error(
			'The request goes to a host outside amazonaws.com, so the SigV4 service name is unknown. Set "Signing Service for Custom Endpoints" in the credential (for example execute-api).',
		);
	}
	return { service: data.signingService, region };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
