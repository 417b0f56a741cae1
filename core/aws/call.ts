import { actionsForOperation } from './actionMap';
import { getService, loadServiceModule } from './services';
import type { ServiceDefinition } from './services';
import type { ScopedSession } from '../session/assumeRole';

export interface ApiCallRequest {
	service: string;
	operation: string;
	/** Command input, as the SDK's `<Operation>CommandInput`. */
	input: Record<string, unknown>;
	/** Follow the SDK paginator and merge every page's lists. */
	returnAll?: boolean;
	/** Upper bound on pages when `returnAll` is set. Default 1,000. */
	maxPages?: number;
}

export interface ApiCallResult {
	/** The response without `$metadata`; with `returnAll`, list fields of all pages concatenated. */
	output: Record<string, unknown>;
	/** Request ids of every page, in order. */
	requestIds: string[];
}

export interface ClientTarget {
	region: string;
	/** Endpoint URL instead of AWS's (VPC endpoint, tests). */
	endpoint?: string;
	session: ScopedSession;
}

/**
 * Sends one SDK command signed with the scoped session. Clients are reused per service,
 * region, endpoint and session, so a new session (after a refresh) gets a new client and
 * no request is ever signed with anything but the current scoped session.
 */
export async function sendApiCall(target: ClientTarget, request: ApiCallRequest): Promise<ApiCallResult> {
	const service = getService(request.service);
	const module = loadServiceModule(service);
	const Command = module[`${request.operation}Command`];
	if (typeof Command !== 'function') {
		actionsForOperation(service.id, request.operation); // throws the clear unknown-operation error
		throw new Error(`Operation "${request.operation}" has no command in ${service.packageName}.`);
	}
	const client = clientFor(service, module, target);
	const paginate = module[`paginate${request.operation}`];
	if (!request.returnAll || typeof paginate !== 'function') {
		const response = (await client.send(new Command(request.input))) as Record<string, unknown>;
		return { output: withoutMetadata(response), requestIds: [requestIdOf(response)].filter(Boolean) as string[] };
	}
	return collectPages(paginate({ client }, request.input), request.maxPages ?? 1000);
}

async function collectPages(pages: AsyncIterable<Record<string, unknown>>, maxPages: number): Promise<ApiCallResult> {
	const merged: Record<string, unknown> = {};
	const requestIds: string[] = [];
	let count = 0;
	for await (const page of pages) {
		const requestId = requestIdOf(page);
		if (requestId) requestIds.push(requestId);
		for (const [key, value] of Object.entries(withoutMetadata(page))) {
			const previous = merged[key];
			merged[key] = Array.isArray(previous) && Array.isArray(value) ? previous.concat(value) : value;
		}
		if (++count >= maxPages) break;
	}
	for (const key of ['NextToken', 'nextToken', 'Marker', 'NextMarker', 'ContinuationToken', 'NextContinuationToken']) {
		delete merged[key];
	}
	return { output: merged, requestIds };
}

function withoutMetadata(response: Record<string, unknown>): Record<string, unknown> {
	const { $metadata: _metadata, ...rest } = response;
	return rest;
}

function requestIdOf(response: Record<string, unknown>): string | undefined {
	return (response.$metadata as { requestId?: string } | undefined)?.requestId;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SdkClient = { send(command: unknown): Promise<unknown>; destroy(): void };
const clients = new Map<string, { accessKeyId: string; client: SdkClient }>();
/** Each execution has its own session name and so its own clients; keep the pool bounded. */
const MAX_CLIENTS = 200;

function dropOldestClient(): void {
	const oldest = clients.keys().next().value;
	if (oldest === undefined) return;
	clients.get(oldest)?.client.destroy();
	clients.delete(oldest);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function clientFor(service: ServiceDefinition, module: Record<string, any>, target: ClientTarget): SdkClient {
	const slot = `${service.id}|${target.region}|${target.endpoint ?? ''}|${target.session.assumedRoleArn}`;
	const existing = clients.get(slot);
	if (existing && existing.accessKeyId === target.session.accessKeyId) return existing.client;
	existing?.client.destroy();

	const Client = module[service.clientName];
	const client: SdkClient = new Client({
		region: target.region,
		endpoint: target.endpoint,
		// Static keys of the scoped session: the session cache decides when they are replaced.
		credentials: {
			accessKeyId: target.session.accessKeyId,
			secretAccessKey: target.session.secretAccessKey,
			sessionToken: target.session.sessionToken,
		},
		// Path-style S3 addressing keeps custom endpoints (VPC, tests) working.
		...(service.id === 's3' && target.endpoint ? { forcePathStyle: true } : {}),
	});
	clients.set(slot, { accessKeyId: target.session.accessKeyId, client });
	if (clients.size > MAX_CLIENTS) dropOldestClient();
	return client;
}
