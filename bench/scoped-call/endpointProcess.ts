/**
 * Child process of the benchmark. It runs the loopback AWS endpoint on 127.0.0.1, so the
 * endpoint's work (SigV4 check, iam-simulate, CloudTrail record) runs on its own core and
 * the parent's CPU time is the client's alone. It talks to the parent over the IPC channel.
 */
import './environment';

import { startAwsEndpoint } from '../../test/aws-endpoint';
import type { StartedAwsEndpoint } from '../../test/aws-endpoint';
import { endpointOptions } from './setup';
import type { EndpointReply, EndpointRequest, EventSummary } from './protocol';

async function main(): Promise<void> {
	if (!process.send) throw new Error('endpointProcess.js must be started with child_process.fork, which opens the IPC channel.');
	const endpoint = await startAwsEndpoint(endpointOptions());
	reply({ type: 'ready', url: endpoint.url });

	process.on('message', (message: EndpointRequest) => {
		switch (message.type) {
			case 'cpu':
				reply({ type: 'cpu', micros: cpuMicros() });
				return;
			case 'summary':
				reply({ type: 'summary', summary: summarize(endpoint) });
				return;
			case 'close':
				void endpoint.close().then(() => process.disconnect());
				return;
		}
	});
}

function reply(message: EndpointReply): void {
	process.send?.(message);
}

function cpuMicros(): number {
	const usage = process.cpuUsage();
	return usage.user + usage.system;
}

/** Counts the CloudTrail records the endpoint wrote, by eventName, identity type and errorCode. */
function summarize(endpoint: StartedAwsEndpoint): EventSummary {
	const summary: EventSummary = { total: endpoint.events.length, byEvent: {}, errors: {} };
	for (const event of endpoint.events) {
		const key = `${event.eventName} ${event.userIdentity.type}`;
		summary.byEvent[key] = (summary.byEvent[key] ?? 0) + 1;
		if (event.errorCode) summary.errors[event.errorCode] = (summary.errors[event.errorCode] ?? 0) + 1;
	}
	return summary;
}

main().catch((error: unknown) => {
	process.stderr.write(`The loopback endpoint process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
