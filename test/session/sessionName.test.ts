/** RoleSessionName rendering: STS's character set and length, determinism, recoverable ids. */
import { parseSessionName, renderSessionName, ROLE_SESSION_NAME_PATTERN, validateSessionNameTemplate } from '../../core/session/sessionName';

const WORKFLOW_ID = 'wF9kQ2xYz7AbCdEf';
const EXECUTION_ID = '123456';
const TEMPLATE = '{workflowName}-{workflowId}-{executionId}';

describe('renderSessionName', () => {
	test.each([
		['Triage [bot]/EU: phase 2 — ünïcode'],
		['x'.repeat(120)],
		['a'],
		[''],
	])('valid for workflow name %j', (workflowName) => {
		const name = renderSessionName(TEMPLATE, { workflowName, workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		expect(name).toMatch(ROLE_SESSION_NAME_PATTERN);
		expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
	});

	test('brackets and accents replaced', () => {
		const name = renderSessionName(TEMPLATE, { workflowName: 'Triage [bot]/EU: phase 2 — ünïcode', workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		expect(name).toBe('Triage-bot-EU-phase-2-unicode-wF9kQ2xYz7AbCdEf-123456');
	});

	test('same input same name', () => {
		const values = { workflowName: 'y'.repeat(120), workflowId: WORKFLOW_ID, executionId: EXECUTION_ID };
		expect(renderSessionName(TEMPLATE, values)).toBe(renderSessionName(TEMPLATE, { ...values }));
	});

	test('long names differing late differ', () => {
		const common = 'z'.repeat(70);
		const first = renderSessionName(TEMPLATE, { workflowName: `${common}-alpha`, workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		const second = renderSessionName(TEMPLATE, { workflowName: `${common}-beta`, workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		expect(first).not.toBe(second);
		expect(first.length).toBeLessThanOrEqual(64);
		expect(second.length).toBeLessThanOrEqual(64);
	});

	test.each([['Triage [bot]/EU: phase 2 — ünïcode'], ['q'.repeat(120)]])('workflow id recoverable from %j', (workflowName) => {
		const name = renderSessionName(TEMPLATE, { workflowName, workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		expect(parseSessionName(TEMPLATE, name)).toMatchObject({ workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
	});

	test('default template recoverable', () => {
		const name = renderSessionName('n8n-{workflowId}-{executionId}', { workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
		expect(name).toBe('n8n-wF9kQ2xYz7AbCdEf-123456');
		expect(parseSessionName('n8n-{workflowId}-{executionId}', name)).toEqual({ workflowId: WORKFLOW_ID, executionId: EXECUTION_ID });
	});

	test('unknown token rejected', () => {
		expect(() => validateSessionNameTemplate('n8n-{workflow}')).toThrow('Unknown token "{workflow}" in the session name template "n8n-{workflow}". Use only {workflowId}, {executionId}, {class}, {workflowName}.');
	});

	test('foreign name does not parse', () => {
		expect(parseSessionName('n8n-{workflowId}-{executionId}', 'botocore-session-1700000000')).toEqual({});
	});
});
