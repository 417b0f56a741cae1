/**
 * Checks the CloudFormation template against the CloudFormation resource specification
 * (@aws-cdk/aws-service-spec): AWS::IAM::Role, AWS::IAM::ManagedPolicy,
 * AWS::ECS::TaskDefinition and AWS::ECS::Service properties, names, types and required fields.
 */
import { generateRoles, renderOutputs } from '../../core/iam';
import { CLOUDFORMATION_TEMPLATE_PATH } from '../../core/iam/output/cloudformation';
import { resourceProblems } from './cloudformationSpec';
import { exampleConfig } from './helpers';

interface Template {
	Parameters?: Record<string, { Type: string; NoEcho?: boolean }>;
	Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>;
}

function template(workerPools: boolean): Template {
	const files = renderOutputs(generateRoles(exampleConfig(), { workerPools }), 'cloudformation');
	return JSON.parse(files.get(CLOUDFORMATION_TEMPLATE_PATH) ?? '{}') as Template;
}

/** Every Ref and Fn::GetAtt target in the template. */
function references(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(references);
	if (typeof value !== 'object' || value === null) return [];
	const targets: string[] = [];
	for (const [key, entry] of Object.entries(value)) {
		if (key === 'Ref') targets.push(entry as string);
		else if (key === 'Fn::GetAtt') targets.push((entry as string[])[0]);
		else targets.push(...references(entry));
	}
	return targets;
}

describe.each([false, true])('CloudFormation template, worker pools %s', (workerPools) => {
	const parsed = template(workerPools);

	test('resources match the specification', () => {
		for (const [logicalId, resource] of Object.entries(parsed.Resources)) {
			expect({ logicalId, problems: resourceProblems(logicalId, resource) }).toEqual({ logicalId, problems: [] });
		}
	});

	test('uses the four resource types', () => {
		const types = new Set(Object.values(parsed.Resources).map((resource) => resource.Type));
		const expected = workerPools ? ['AWS::ECS::Service', 'AWS::ECS::TaskDefinition', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'] : ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'];
		expect([...types].sort()).toEqual(expected);
	});

	test('references resolve', () => {
		const known = new Set([...Object.keys(parsed.Resources), ...Object.keys(parsed.Parameters ?? {})]);
		for (const target of references(parsed.Resources)) expect({ target, known: known.has(target) }).toEqual({ target, known: true });
	});

	test('External ID is a NoEcho parameter', () => {
		expect(parsed.Parameters?.ExternalId).toMatchObject({ Type: 'String', NoEcho: true });
		const trustPolicies = Object.values(parsed.Resources).map((resource) => JSON.stringify(resource.Properties?.AssumeRolePolicyDocument ?? {}));
		expect(trustPolicies.filter((text) => text.includes('REPLACE_WITH_EXTERNAL_ID'))).toEqual([]);
		expect(trustPolicies.filter((text) => text.includes('{"Ref":"ExternalId"}')).length).toBe(6);
	});
});

describe('specification check', () => {
	test('rejects unknown property', () => {
		const problems = resourceProblems('Role', { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, MaxSessionDurationSeconds: 3600 } });
		expect(problems).toEqual(['Role.Properties.MaxSessionDurationSeconds: not a property of this type']);
	});

	test('rejects missing required property', () => {
		expect(resourceProblems('Role', { Type: 'AWS::IAM::Role', Properties: {} })).toEqual(['Role.Properties.AssumeRolePolicyDocument: required property missing']);
	});

	test('rejects wrong nested type', () => {
		const problems = resourceProblems('Service', { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: 'subnet-1' } } } });
		expect(problems).toEqual(['Service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets: expected a list']);
	});
});
