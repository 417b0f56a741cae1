import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { callerContext, findDenialReason, notAuthorizedMessage, type AuthorizationRequest } from './authorize';
import { buildCloudTrailEvent } from './cloudtrail';
import { isoSeconds } from './clock';
import { AwsError, unknownOperationError } from './errors';
import { roleArnOfSession, type Caller } from './identity';
import type { EndpointState, OperationContext, OperationDefinition, OperationOutput } from './operation';
import { readApiRequest, writeError, writeResult, type ApiRequest, type Protocol } from './protocols';
import { SECURITY_HUB_OPERATIONS } from './securityHub';
import { authenticate } from './sigv4';
import { SNS_OPERATIONS } from './sns';
import { SSM_OPERATIONS } from './ssm';
import { STS_OPERATIONS } from './sts';
import type { CloudTrailEvent, EndpointPrincipal, InjectedFault } from './types';

/** Operations served, keyed by the signing name in the credential scope and then by operation. */
const OPERATIONS: Record<string, Record<string, OperationDefinition>> = {
	sts: STS_OPERATIONS,
	sns: SNS_OPERATIONS,
	ssm: SSM_OPERATIONS,
	securityhub: SECURITY_HUB_OPERATIONS,
};

/** Path prefix of the container credentials endpoint, as ECS serves it. */
const CONTAINER_CREDENTIALS_PATH = '/v2/credentials/';

/** Lifetime of container credentials without `expiresAt`, in ms; ECS rotates task credentials about every 6 hours. */
const CONTAINER_CREDENTIALS_LIFETIME_MS = 6 * 60 * 60 * 1000;

/** State the request handler reads and appends to, besides the EndpointState. */
export interface ServerContext {
	state: EndpointState;
	events: CloudTrailEvent[];
	faults: InjectedFault[];
	containerCredentials?: { token: string; principal: EndpointPrincipal };
}

/** Serves one HTTP request: container credentials, or an AWS API call that becomes a CloudTrail record. */
export async function handleHttpRequest(server: ServerContext, incoming: IncomingMessage, response: ServerResponse): Promise<void> {
	if (incoming.method === 'GET' && (incoming.url ?? '').startsWith(CONTAINER_CREDENTIALS_PATH)) {
		serveContainerCredentials(server, incoming, response);
		return;
	}

	const requestId = randomUUID();
	const request = await readApiRequest(incoming);

	const definition = OPERATIONS[request.service]?.[request.operation];
	const outcome = await runOperation(server, request, definition);
	server.events.push(
		buildCloudTrailEvent({
			request,
			caller: outcome.caller,
			requestId,
			time: server.state.now(),
			recipientAccountId: server.state.accountId,
			sourceIPAddress: incoming.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
			readOnly: definition?.readOnly ?? false,
			requestParameters: definition ? definition.requestParameters(request.params) : null,
			responseElements: outcome.output?.responseElements ?? null,
			error: outcome.error,
		}),
	);

	if (outcome.output) writeResult(response, request, outcome.output.result, requestId);
	else writeError(response, request.protocol, outcome.error as AwsError, requestId);
}

interface Outcome {
	caller?: Caller;
	output?: OperationOutput;
	error?: AwsError;
}

/** Runs the steps of an API call in order: injected fault, authentication, lookup, IAM check, handler. */
async function runOperation(server: ServerContext, request: ApiRequest, definition: OperationDefinition | undefined): Promise<Outcome> {
	const { state } = server;
	const fault = takeFault(server.faults, request);
	if (fault) {
		const owner = request.scope ? state.callers.get(request.scope.accessKeyId) : undefined;
		return { caller: owner, error: new AwsError(fault.code, fault.message, fault.status) };
	}

	let caller: Caller | undefined;
	try {
		caller = await authenticate(request, (accessKeyId) => state.callers.get(accessKeyId), state.now());
		if (!definition) throw unknownOperationError(request.service, request.operation, request.protocol);
		if (request.bodyError) throw request.bodyError;
		const context: OperationContext = { state, request, caller };
		if (definition.iamAction) await authorizeCall(context, definition.iamAction, definition.resourceOf?.(context) ?? '*');
		return { caller, output: await definition.handle(context) };
	} catch (error) {
		return { caller, error: toAwsError(error) };
	}
}

function takeFault(faults: InjectedFault[], request: ApiRequest): InjectedFault | undefined {
	const fault = faults.find((candidate) => candidate.service === request.service && candidate.operation === request.operation && candidate.times > 0);
	if (!fault) return undefined;
	fault.times -= 1;
	return fault;
}

/**
 * Evaluates the call with iam-simulate. A denial is AccessDenied in AWS's words, with the code
 * each service uses: AuthorizationError (SNS), AccessDeniedException (JSON services), AccessDenied (STS).
 */
async function authorizeCall(context: OperationContext, action: string, resource: string): Promise<void> {
	const { caller, request } = context;
	const authorization: AuthorizationRequest = { action, resource, context: callerContext(caller, request.region) };
	const reason = await findDenialReason(caller, authorization);
	if (reason === undefined) return;
	throw new AwsError(accessDeniedCode(request.service, request.protocol), notAuthorizedMessage(caller, authorization, reason), 403);
}

function accessDeniedCode(service: string, protocol: Protocol): string {
	if (service === 'sns') return 'AuthorizationError';
	return protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException';
}

function toAwsError(error: unknown): AwsError {
	if (error instanceof AwsError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new AwsError('InternalFailure', `The loopback AWS endpoint failed while serving the request: ${message}`, 500);
}

/** Returns ECS-style credentials when the Authorization header equals the configured token, else 403. */
function serveContainerCredentials(server: ServerContext, incoming: IncomingMessage, response: ServerResponse): void {
	const configured = server.containerCredentials;
	const send = (status: number, body: Record<string, unknown>): void => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(body));
	};
	if (!configured) {
		send(404, { code: 'NotFound', message: 'No container credentials are configured. Pass containerCredentials to startAwsEndpoint.' });
		return;
	}
	if (incoming.headers.authorization !== configured.token) {
		send(403, { code: 'AccessDenied', message: 'The Authorization header is missing or does not match the container authorization token.' });
		return;
	}

	const { principal } = configured;
	const expiresAt = principal.expiresAt ?? server.state.now() + CONTAINER_CREDENTIALS_LIFETIME_MS;
	send(200, {
		AccessKeyId: principal.accessKeyId,
		SecretAccessKey: principal.secretAccessKey,
		Token: principal.sessionToken,
		Expiration: isoSeconds(expiresAt),
		RoleArn: roleArnOfSession(principal.arn) ?? principal.arn,
	});
}
