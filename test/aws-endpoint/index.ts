/**
 * Loopback AWS endpoint for the tests: one HTTP server on 127.0.0.1 that serves STS, SNS, SSM
 * and Security Hub closely enough for the real AWS SDK for JavaScript v3 clients. It verifies
 * the SigV4 signature of every request and authorizes calls with iam-simulate. Each request
 * becomes a CloudTrail record.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createFakeData, type PublishedMessage } from './fakeData';
import { callerFromPrincipal } from './identity';
import type { EndpointState } from './operation';
import { handleHttpRequest, type ServerContext } from './server';
import type { AwsEndpoint, AwsEndpointOptions, CloudTrailEvent, EndpointPrincipal, EndpointRole, InjectedFault } from './types';

export type {
	AwsEndpoint,
	AwsEndpointOptions,
	CloudTrailEvent,
	CloudTrailUserIdentity,
	EndpointPrincipal,
	EndpointRole,
	InjectedFault,
	IssuedSession,
	PolicyDocument,
	PolicyStatement,
} from './types';
export type { PublishedMessage } from './fakeData';
export { FAKE_ITEM_COUNT } from './fakeData';
export { PACKED_POLICY_BUDGET } from './assumeRoleInput';

/** Default account of the roles and fake resources. */
export const DEFAULT_ACCOUNT_ID = '111122223333';

/** A started endpoint; `publishedMessages` lists what SNS Publish accepted. */
export interface StartedAwsEndpoint extends AwsEndpoint {
	publishedMessages: PublishedMessage[];
}

/** Starts the endpoint on 127.0.0.1 on a free port. Call `close()` when the test ends. */
export async function startAwsEndpoint(options: AwsEndpointOptions = {}): Promise<StartedAwsEndpoint> {
	const now = options.now ?? Date.now;
	const startedAt = now();
	const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
	const state: EndpointState = {
		accountId,
		now,
		callers: new Map(),
		roles: new Map(),
		sessions: [],
		data: createFakeData(accountId, startedAt, options.findings),
	};
	const addPrincipal = (principal: EndpointPrincipal): void => {
		state.callers.set(principal.accessKeyId, callerFromPrincipal(principal, startedAt));
	};
	const addRole = (role: EndpointRole): void => {
		state.roles.set(role.arn, role);
	};
	for (const principal of options.principals ?? []) addPrincipal(principal);
	for (const role of options.roles ?? []) addRole(role);
	if (options.containerCredentials) addPrincipal(options.containerCredentials.principal);

	const events: CloudTrailEvent[] = [];
	const faults: InjectedFault[] = [];
	const context: ServerContext = { state, events, faults, containerCredentials: options.containerCredentials };
	const server = await listen(context);
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		containerCredentialsUrl: `${url}/v2/credentials/${randomUUID()}`,
		events,
		sessions: state.sessions,
		publishedMessages: state.data.publishedMessages,
		addRole,
		addPrincipal,
		injectFault: (fault) => faults.push({ ...fault }),
		eventsAsLogFile: () => ({ Records: events.map((event) => structuredClone(event)) }),
		close: () => closeServer(server),
	};
}

function listen(context: ServerContext): Promise<Server> {
	const server = createServer((incoming, response) => {
		handleHttpRequest(context, incoming, response).catch((error: unknown) => {
			// Only a bug in the endpoint gets here; fail the request visibly instead of hanging the SDK.
			response.writeHead(500, { 'content-type': 'text/plain' });
			response.end(`The loopback AWS endpoint failed: ${error instanceof Error ? error.message : String(error)}`);
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

function closeServer(server: Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		// The SDK keeps connections alive; without this, close() waits for them to time out.
		server.closeAllConnections();
	});
}
