import { WORKFLOW_CLASSES } from './classes';
import type { WorkflowClassDefinition, WorkflowClassId } from './types';

export * from './types';
export { WORKFLOW_CLASSES } from './classes';

const BY_ID = new Map<string, WorkflowClassDefinition>(WORKFLOW_CLASSES.map((c) => [c.id, c]));

/** Returns true when `id` names a built-in workflow class. */
export function isWorkflowClassId(id: string): id is WorkflowClassId {
	return BY_ID.has(id);
}

/**
 * Looks up a built-in class.
 * @throws Error naming the unknown id and the valid ones.
 */
export function getWorkflowClass(id: string): WorkflowClassDefinition {
	const found = BY_ID.get(id);
	if (!found) {
		const known = WORKFLOW_CLASSES.map((c) => c.id).join(', ');
		throw new Error(`Unknown workflow class "${id}". Use one of: ${known}, or custom.`);
	}
	return found;
}
