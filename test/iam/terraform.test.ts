/**
 * Checks the Terraform JSON against the hashicorp/aws provider schema carried by
 * @cdktf/provider-aws: every attribute and nested block of aws_iam_role,
 * aws_iam_role_policy, aws_iam_policy, aws_iam_role_policy_attachment,
 * aws_ecs_task_definition and aws_ecs_service must survive the provider's resource class.
 */
import { generateRoles, renderOutputs } from '../../core/iam';
import { TERRAFORM_PATH } from '../../core/iam/output/terraform';
import { exampleConfig } from './helpers';
import { expectedBlock, RESOURCE_CLASSES, synthesizeBlock } from './terraformSchema';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

function terraform(workerPools: boolean): { resource: Blocks; variable?: Record<string, unknown>; output: Record<string, unknown> } {
	const files = renderOutputs(generateRoles(exampleConfig(), { workerPools }), 'terraform');
	return JSON.parse(files.get(TERRAFORM_PATH) ?? '{}');
}

describe.each([false, true])('Terraform JSON, worker pools %s', (workerPools) => {
	const parsed = terraform(workerPools);

	test('only provider attributes', () => {
		for (const [type, blocks] of Object.entries(parsed.resource)) {
			expect({ type, mapped: type in RESOURCE_CLASSES }).toEqual({ type, mapped: true });
			for (const [name, block] of Object.entries(blocks)) {
				expect({ type, name, block: synthesizeBlock(type, name, block) }).toEqual({ type, name, block: expectedBlock(block) });
			}
		}
	}, 60000);

	test('references resolve', () => {
		const text = JSON.stringify(parsed.resource);
		for (const match of text.matchAll(/\$\{(aws_[a-z_]+)\.([a-z0-9_]+)\.[a-z_]+\}/g)) {
			expect({ reference: match[0], exists: parsed.resource[match[1]]?.[match[2]] !== undefined }).toEqual({ reference: match[0], exists: true });
		}
		for (const match of text.matchAll(/\$\{var\.([a-z_]+)\}/g)) {
			expect({ variable: match[1], declared: parsed.variable?.[match[1]] !== undefined }).toEqual({ variable: match[1], declared: true });
		}
	});

	test('External ID is a sensitive variable', () => {
		expect(parsed.variable?.external_id).toMatchObject({ type: 'string', sensitive: true });
		const trustPolicies = Object.values(parsed.resource.aws_iam_role).map((block) => String(block.assume_role_policy));
		expect(trustPolicies.filter((text) => text.includes('REPLACE_WITH_EXTERNAL_ID'))).toEqual([]);
		expect(trustPolicies.filter((text) => text.includes('"${var.external_id}"')).length).toBe(6);
	});
});

describe('provider schema check', () => {
	test('drops unknown attribute', () => {
		const block = { name: 'x', assume_role_policy: '{}', max_session_seconds: 3600 };
		expect(synthesizeBlock('aws_iam_role', 'x', block)).not.toEqual(expectedBlock(block));
	}, 60000);
});
