/**
 * Checks Terraform JSON resources against the hashicorp/aws provider schema as
 * @cdktf/provider-aws carries it: each block is passed to the generated resource class,
 * which keeps only the provider's attributes, and the synthesized block must equal the
 * input. An attribute the provider does not have is dropped, so it shows up as a difference.
 */
import { App, TerraformStack } from 'cdktf';
import { ecsService, ecsTaskDefinition, iamPolicy, iamRole, iamRolePolicy, iamRolePolicyAttachment } from '@cdktf/provider-aws';

import { makeTempDir } from './helpers';

type Block = Record<string, unknown>;
type ResourceClass = new (scope: TerraformStack, id: string, config: never) => { toTerraform(): { resource: Record<string, Record<string, Block>> } };

export const RESOURCE_CLASSES: Record<string, ResourceClass> = {
	aws_iam_role: iamRole.IamRole as unknown as ResourceClass,
	aws_iam_role_policy: iamRolePolicy.IamRolePolicy as unknown as ResourceClass,
	aws_iam_policy: iamPolicy.IamPolicy as unknown as ResourceClass,
	aws_iam_role_policy_attachment: iamRolePolicyAttachment.IamRolePolicyAttachment as unknown as ResourceClass,
	aws_ecs_task_definition: ecsTaskDefinition.EcsTaskDefinition as unknown as ResourceClass,
	aws_ecs_service: ecsService.EcsService as unknown as ResourceClass,
};

function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Converts attribute and nested block names to the resource class's config names. */
function toConfig(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(toConfig);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, entry]) => [camel(key), toConfig(entry)]));
}

function withoutComments(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutComments);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, entry]) => [key, withoutComments(entry)]));
}

/** Returns the block as the provider schema keeps it, or throws for an unsupported resource type. */
export function synthesizeBlock(type: string, name: string, block: Block): Block {
	const ResourceClass = RESOURCE_CLASSES[type];
	if (!ResourceClass) throw new Error(`No @cdktf/provider-aws class mapped for ${type}; add it to RESOURCE_CLASSES.`);
	const stack = new TerraformStack(new App({ outdir: makeTempDir('cdktf') }), 'check');
	const resource = new ResourceClass(stack, name, toConfig(block) as never);
	return withoutComments(resource.toTerraform().resource[type][name]) as Block;
}

export function expectedBlock(block: Block): Block {
	return withoutComments(block) as Block;
}
