import type { IncomingMessage, ServerResponse } from 'node:http';

import { AwsError } from './errors';

/** Wire protocols of the services the endpoint serves: Query (STS, SNS), JSON 1.1 (SSM), REST-JSON (Security Hub). */
export type Protocol = 'query' | 'json' | 'restJson';

/** SigV4 credential scope: `Credential=AKID/DATE/REGION/SERVICE/aws4_request`. */
export interface CredentialScope {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
}

/** An AWS API request as read from the socket, before authentication. */
export interface ApiRequest {
	method: string;
	/** Path as sent, still percent-encoded. */
	path: string;
	query: Record<string, string | string[]>;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: Buffer;
	protocol: Protocol;
	scope?: CredentialScope;
	/** Signing name from the credential scope; `unknown` for an unsigned request. */
	service: string;
	/** Region from the credential scope; `us-east-1` for an unsigned request. */
	region: string;
	operation: string;
	/** Query: form fields; JSON and REST-JSON: the parsed body. */
	params: Record<string, unknown>;
	/** Set when the body is not valid JSON; raised after authentication, so the request is still recorded. */
	bodyError?: AwsError;
}

/** Routes of the REST-JSON operations, keyed by `METHOD path`. */
const REST_ROUTES: Record<string, string> = {
	'PATCH /findings/batchupdate': 'BatchUpdateFindings',
	'POST /findings': 'GetFindings',
};

const QUERY_NAMESPACES: Record<string, string> = {
	sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
	sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
};

/** Reads the request and works out its protocol, service, region and operation. */
export async function readApiRequest(incoming: IncomingMessage): Promise<ApiRequest> {
	const body = await readBody(incoming);
	const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
	const headers = lowerCaseHeaders(incoming);
	const scope = parseCredentialScope(headers.authorization);
	const request: ApiRequest = {
		method: incoming.method ?? 'GET',
		path: url.pathname,
		query: parseQuery(url.searchParams),
		headers,
		body,
		protocol: 'restJson',
		scope,
		service: scope?.service ?? 'unknown',
		region: scope?.region ?? 'us-east-1',
		operation: 'Unknown',
		params: {},
	};
	detectOperation(request);
	return request;
}

/** Parses the credential scope out of a SigV4 Authorization header; undefined when absent or malformed. */
export function parseCredentialScope(authorization: string | undefined): CredentialScope | undefined {
	const match = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
	if (!match) return undefined;
	return { accessKeyId: match[1], date: match[2], region: match[3], service: match[4] };
}

function detectOperation(request: ApiRequest): void {
	const target = request.headers['x-amz-target'];
	const contentType = request.headers['content-type'] ?? '';
	if (target) {
		request.protocol = 'json';
		request.operation = target.slice(target.lastIndexOf('.') + 1);
		parseJsonBody(request);
		return;
	}
	if (contentType.startsWith('application/x-www-form-urlencoded')) {
		request.protocol = 'query';
		const form = new URLSearchParams(request.body.toString('utf8'));
		request.params = Object.fromEntries(form.entries());
		request.operation = form.get('Action') ?? 'Unknown';
		return;
	}
	request.protocol = 'restJson';
	request.operation = REST_ROUTES[`${request.method} ${request.path}`] ?? `${request.method} ${request.path}`;
	parseJsonBody(request);
}

function parseJsonBody(request: ApiRequest): void {
	if (request.body.length === 0) return;
	try {
		const value: unknown = JSON.parse(request.body.toString('utf8'));
		if (typeof value === 'object' && value !== null) request.params = value as Record<string, unknown>;
	} catch {
		request.bodyError = new AwsError('SerializationException', `The ${request.operation} request body is not valid JSON.`, 400);
	}
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function lowerCaseHeaders(incoming: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers)) {
		if (value === undefined) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
	}
	return headers;
}

function parseQuery(searchParams: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of searchParams.entries()) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

/** Writes a successful response: XML for Query, JSON otherwise. */
export function writeResult(response: ServerResponse, request: ApiRequest, result: Record<string, unknown>, requestId: string): void {
	if (request.protocol === 'query') {
		const namespace = QUERY_NAMESPACES[request.service] ?? `https://${request.service}.amazonaws.com/doc/`;
		const op = request.operation;
		const xml =
			`<${op}Response xmlns="${namespace}"><${op}Result>${toXml(result)}</${op}Result>` +
			`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
		send(response, 200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, xml);
		return;
	}
	const contentType = request.protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
	send(response, 200, { 'content-type': contentType, 'x-amzn-requestid': requestId }, JSON.stringify(result));
}

/** Writes an error in the shape the SDK's parser for the protocol expects, so it raises the right exception name. */
export function writeError(response: ServerResponse, protocol: Protocol, error: AwsError, requestId: string): void {
	if (protocol === 'query') {
		const type = error.status >= 500 ? 'Receiver' : 'Sender';
		const xml =
			`<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
			`<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
		send(response, error.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, xml);
		return;
	}
	if (protocol === 'json') {
		const body = JSON.stringify({ __type: error.code, message: error.message });
		send(response, error.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body);
		return;
	}
	const body = JSON.stringify({ Code: error.code, Message: error.message });
	const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code };
	send(response, error.status, headers, body);
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
	response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
	response.end(body);
}

/** Serializes a value as AWS Query XML: object keys become elements and array items become `<member>` elements. */
export function toXml(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.filter(([, child]) => child !== undefined)
			.map(([key, child]) => `<${key}>${toXml(child)}</${key}>`)
			.join('');
	}
	return escapeXml(String(value));
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
