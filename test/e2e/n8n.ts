/**
 * Runs a real n8n from the cache folder that install-n8n.sh fills, with this package
 * loaded through N8N_CUSTOM_EXTENSIONS, on 127.0.0.1 only and with every feature that
 * would reach the internet turned off.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

/** n8n versions the end-to-end suite runs against; N8N_E2E_VERSIONS overrides (comma-separated). */
export const E2E_VERSIONS = (process.env.N8N_E2E_VERSIONS ?? '1.123.81,2.41.1').split(',').map((v) => v.trim()).filter(Boolean);

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface N8nHandle {
	version: string;
	userFolder: string;
	run(args: string[], extraEnv?: Record<string, string>): Promise<CommandResult>;
	importCredentials(credentials: object[]): Promise<void>;
	importWorkflows(workflows: object[]): Promise<void>;
	/** Runs a stored workflow with `n8n execute --id`; returns the run data when it succeeded. */
	execute(workflowId: string, extraEnv?: Record<string, string>): Promise<ExecuteResult>;
	/** Starts `n8n start` on a free port of 127.0.0.1 and signs in as the instance owner. */
	startServer(): Promise<N8nServer>;
	cleanup(): void;
}

export interface N8nServer {
	url: string;
	/** Calls the internal REST API as the signed-in owner; returns the parsed `data` field. */
	rest(method: string, path: string, body?: unknown): Promise<unknown>;
	stop(): Promise<void>;
}

export interface ExecuteResult extends CommandResult {
	/** Output items (json) of each node, by node name; empty when the execution failed. */
	outputs: Record<string, Array<Record<string, unknown>>>;
}

/**
 * How n8n finds the package: `extensions` points N8N_CUSTOM_EXTENSIONS at dist/ (node types
 * CUSTOM.*); `package` installs the `npm pack` tarball into <user folder>/.n8n/nodes, where the
 * Community Nodes UI puts packages (node types n8n-nodes-aws-scoped.*).
 */
export type LoadMode = 'extensions' | 'package';

/** Installs n8n VERSION if needed (minutes the first time) and prepares an empty user folder. */
export function prepareN8n(version: string, mode: LoadMode = 'extensions'): N8nHandle {
	const installDir = execFileSync('bash', [join(REPO_ROOT, 'test/e2e/install-n8n.sh'), version], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop() as string;
	const nodeBin = readFileSync(join(installDir, '.node'), 'utf8').trim();
	const n8nBin = join(installDir, 'node_modules/n8n/bin/n8n');
	const userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${version}-`));
	const extensions = join(userFolder, 'extensions');
	mkdirSync(extensions);
	if (mode === 'extensions') symlinkSync(join(REPO_ROOT, 'dist'), join(extensions, 'n8n-nodes-aws-scoped'));
	else installPackedTarball(join(userFolder, '.n8n', 'nodes'));

	const baseEnv = n8nEnv(userFolder, extensions);
	if (mode === 'package') baseEnv.N8N_COMMUNITY_PACKAGES_ENABLED = 'true';
	const run = (args: string[], extraEnv: Record<string, string> = {}) => runCommand(nodeBin, [n8nBin, ...args], { ...baseEnv, ...extraEnv });

	const handle: N8nHandle = {
		version,
		userFolder,
		run,
		async importCredentials(credentials) {
			const file = join(userFolder, 'credentials.json');
			writeFileSync(file, JSON.stringify(credentials));
			expectSuccess(await run(['import:credentials', `--input=${file}`]), 'import:credentials');
		},
		async importWorkflows(workflows) {
			const file = join(userFolder, 'workflows.json');
			writeFileSync(file, JSON.stringify(workflows));
			expectSuccess(await run(['import:workflow', `--input=${file}`]), 'import:workflow');
		},
		async execute(workflowId, extraEnv) {
			const result = await run(['execute', `--id=${workflowId}`, '--rawOutput'], extraEnv);
			return { ...result, outputs: result.code === 0 ? parseOutputs(result.stdout) : {} };
		},
		startServer: () => startServer({ nodeBin, n8nBin, env: baseEnv }),
		cleanup() {
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return handle;
}

const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };
const BROWSER_ID = 'e2e-browser';

async function startServer(options: { nodeBin: string; n8nBin: string; env: NodeJS.ProcessEnv }): Promise<N8nServer> {
	const port = await freePort();
	const env = { ...options.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	// A process group of its own, so that stop() also ends the task runners n8n starts.
	const child = spawn(options.nodeBin, [options.n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let log = '';
	child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const url = `http://127.0.0.1:${port}`;
	await waitForHealth(url, () => log);

	const setup = await setUpOwner(url);
	const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];

	return {
		url,
		async rest(method, path, body) {
			const response = await fetch(`${url}/rest${path}`, {
				method,
				headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`${method} ${path} returned ${response.status}: ${text}`);
			return (JSON.parse(text) as { data: unknown }).data;
		},
		stop: () => stopGroup(child.pid as number, () => child.exitCode !== null || child.signalCode !== null),
	};
}

/** Sends SIGTERM to the process group, then SIGKILL after 10 s if the leader is still running. */
async function stopGroup(pid: number, exited: () => boolean): Promise<void> {
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-pid, name);
		} catch {
			// The group is already gone.
		}
	};
	signal('SIGTERM');
	const deadline = Date.now() + 10_000;
	while (!exited() && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 200));
	signal('SIGKILL');
}

/** Creates the instance owner. n8n serves /healthz before its REST routes exist, so a 404 is retried. */
async function setUpOwner(url: string): Promise<Response> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(OWNER),
		});
		if (response.ok) return response;
		if (response.status !== 404 || Date.now() > deadline) {
			throw new Error(`n8n owner setup failed: ${response.status} ${await response.text()}`);
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
}

async function waitForHealth(url: string, log: () => string): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
	throw new Error(`n8n did not answer on ${url}/healthz within 120 s:\n${log().slice(-3000)}`);
}

function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolvePromise(port));
		});
		server.on('error', reject);
	});
}

/** Packs the built package and installs the tarball with its runtime dependencies, as n8n's installer does. */
function installPackedTarball(nodesFolder: string): void {
	mkdirSync(nodesFolder, { recursive: true });
	const packed = execFileSync('npm', ['pack', '--pack-destination', nodesFolder, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
	const tarball = join(nodesFolder, (JSON.parse(packed) as Array<{ filename: string }>)[0].filename);
	writeFileSync(join(nodesFolder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tarball], { cwd: nodesFolder, stdio: 'ignore' });
}

function n8nEnv(userFolder: string, extensions: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: extensions,
		N8N_ENCRYPTION_KEY: 'e2e-only-encryption-key-not-secret',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		// n8n 2.x evaluates expressions in isolated-vm by default. isolated-vm 7.0.1 builds with
		// -std=c++17 and Node 24's V8 headers need C++20, so the install leaves it unbuilt and the
		// suite uses n8n's legacy expression engine. The workflows under test use no expressions.
		N8N_EXPRESSION_ENGINE: 'legacy',
		NO_PROXY: '127.0.0.1,localhost',
		// Never the EC2 instance metadata service; the ECS relative URI is never set.
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_CONFIG_FILE: '/dev/null',
		AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
	};
	return env;
}

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
	});
}

function expectSuccess(result: CommandResult, what: string): void {
	if (result.code !== 0) {
		throw new Error(`n8n ${what} failed with exit code ${result.code}:\n${result.stdout}\n${result.stderr}`);
	}
}

/** Extracts the run data JSON that `n8n execute --rawOutput` prints after its log lines. */
function parseOutputs(stdout: string): ExecuteResult['outputs'] {
	const start = stdout.search(/^\{/m);
	if (start < 0) throw new Error(`n8n execute printed no run data:\n${stdout}`);
	const run = JSON.parse(stdout.slice(start)) as {
		data: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> } };
	};
	const outputs: ExecuteResult['outputs'] = {};
	for (const [nodeName, runs] of Object.entries(run.data.resultData.runData)) {
		outputs[nodeName] = (runs[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	}
	return outputs;
}
