/**
 * Runs a node in process with n8n-core's real ExecuteContext: parameters, expressions,
 * credentials, continue-on-fail and pairedItem behave as in n8n, without starting n8n.
 */
import { ExecuteContext } from 'n8n-core';
import { createEmptyRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export interface RunNodeOptions {
	parameters: INode['parameters'];
	items: INodeExecutionData[];
	credential?: Record<string, unknown>;
	continueOnFail?: boolean;
	workflowId?: string;
	executionId?: string;
}

export async function runNode(nodeType: INodeType, options: RunNodeOptions): Promise<INodeExecutionData[][]> {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: `test.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { awsScopedRoleApi: { id: 'credInProcess1', name: 'In-process credential' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		id: options.workflowId ?? 'wfInProcess0001',
		name: 'In-process workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const additionalData = {
		executionId: options.executionId ?? '77',
		credentialsHelper: {
			getDecrypted: async () => (options.credential ?? {}) as ICredentialDataDecryptedObject,
			getParentTypes: () => [],
		},
		hooks: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	const inputData = { main: [options.items] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createEmptyRunExecutionData(),
		0,
		options.items,
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	return (await nodeType.execute?.call(context)) as INodeExecutionData[][];
}

/**
 * Stops the interval that n8n-core's SSH client manager starts when the first ExecuteContext
 * is built; without this, jest waits for it after the tests end.
 */
export function stopN8nCoreTimers(): void {
	const diPath = require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(diPath) as { Container: { has(type: unknown): boolean; get(type: unknown): { onShutdown(): void } } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as { SSHClientsManager: unknown };
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
}
