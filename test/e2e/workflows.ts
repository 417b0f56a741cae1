/** Builders for the credentials and workflows that the end-to-end suite imports into n8n. */
export const NODE_TYPE = 'CUSTOM.awsScoped';
export const CREDENTIAL_TYPE = 'awsScopedRoleApi';

export interface CredentialSpec {
	id: string;
	name: string;
	data: Record<string, unknown>;
}

export function credential(spec: CredentialSpec): object {
	return { id: spec.id, name: spec.name, type: CREDENTIAL_TYPE, data: spec.data };
}

export interface ScopedStep {
	name: string;
	parameters: Record<string, unknown>;
	credentialId: string;
	credentialName: string;
	continueOnFail?: boolean;
}

/**
 * Builds a workflow: Manual Trigger, optionally a Set + Split Out pair that makes `items` items,
 * then the AWS Scoped steps in a chain.
 */
export function workflow(id: string, name: string, steps: ScopedStep[], items = 1): object {
	const nodes: object[] = [trigger()];
	const names = ['Start'];
	if (items > 1) {
		nodes.push(setList(items), splitOut());
		names.push('Make List', 'Split Items');
	}
	steps.forEach((step, index) => {
		nodes.push({
			id: `${id}-step-${index}`,
			name: step.name,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [600 + index * 220, 300],
			parameters: step.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: step.credentialId, name: step.credentialName } },
			...(step.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		});
		names.push(step.name);
	});
	const connections: Record<string, object> = {};
	for (let index = 0; index < names.length - 1; index++) {
		connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function trigger(): object {
	return { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} };
}

function setList(count: number): object {
	const list = Array.from({ length: count }, (_, index) => index + 1);
	return {
		id: 'make-list',
		name: 'Make List',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [200, 300],
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ list }), options: {} },
	};
}

function splitOut(): object {
	return {
		id: 'split-items',
		name: 'Split Items',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [400, 300],
		parameters: { fieldToSplitOut: 'list', options: {} },
	};
}
