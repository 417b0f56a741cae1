/** Starts the endpoint process and sends it requests over the IPC channel. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import type { EndpointReply, EventSummary } from './protocol';

/** Time the endpoint process has to start listening, in ms. */
const START_TIMEOUT_MS = 30_000;

export interface EndpointProcess {
	url: string;
	/** User plus system CPU time of the endpoint process so far, in µs. */
	cpuMicros(): Promise<number>;
	summary(): Promise<EventSummary>;
	close(): Promise<void>;
}

export async function startEndpointProcess(): Promise<EndpointProcess> {
	const child = fork(path.join(__dirname, 'endpointProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const ready = await nextReply(child, 'ready', START_TIMEOUT_MS);
	return {
		url: ready.url,
		cpuMicros: async () => {
			child.send({ type: 'cpu' });
			return (await nextReply(child, 'cpu')).micros;
		},
		summary: async () => {
			child.send({ type: 'summary' });
			return (await nextReply(child, 'summary')).summary;
		},
		close: () =>
			new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.send({ type: 'close' });
			}),
	};
}

type ReplyOf<T extends EndpointReply['type']> = Extract<EndpointReply, { type: T }>;

/** Waits for the next reply of one type. Rejects when the child exits first or the timeout passes. */
function nextReply<T extends EndpointReply['type']>(child: ChildProcess, type: T, timeoutMs = 10_000): Promise<ReplyOf<T>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => finish(new Error(`The endpoint process sent no "${type}" reply within ${timeoutMs} ms.`)), timeoutMs);
		const onMessage = (message: EndpointReply): void => {
			if (message.type === type) finish(undefined, message as ReplyOf<T>);
		};
		const onExit = (code: number | null): void => finish(new Error(`The endpoint process exited with code ${code} before its "${type}" reply.`));
		function finish(error?: Error, reply?: ReplyOf<T>): void {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
			if (error) reject(error);
			else resolve(reply as ReplyOf<T>);
		}
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}
