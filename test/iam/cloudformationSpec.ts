/**
 * Checks CloudFormation resources against the resource specification that the AWS CDK
 * publishes as @aws-cdk/aws-service-spec: property names, required properties and value
 * types, nested property types included. Intrinsic functions are accepted for any value.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { PropertyType, ResourceProperties, SpecDatabase } from '@aws-cdk/service-spec-types';

let database: SpecDatabase | undefined;

function spec(): SpecDatabase {
	database ??= loadAwsServiceSpecSync();
	return database;
}

/** Returns one problem per invalid, unknown or missing property of the resource. */
export function resourceProblems(logicalId: string, resource: { Type: string; Properties?: Record<string, unknown> }): string[] {
	const found = spec().lookup('resource', 'cloudFormationType', 'equals', resource.Type);
	if (found.length !== 1) return [`${logicalId}: resource type ${resource.Type} is not in the specification`];
	return propertiesProblems(`${logicalId}.Properties`, found[0].properties, resource.Properties ?? {});
}

function propertiesProblems(path: string, properties: ResourceProperties, value: Record<string, unknown>): string[] {
	const problems: string[] = [];
	for (const [name, property] of Object.entries(properties)) {
		if (property.required && value[name] === undefined) problems.push(`${path}.${name}: required property missing`);
	}
	for (const [name, entry] of Object.entries(value)) {
		const property = properties[name];
		if (!property) problems.push(`${path}.${name}: not a property of this type`);
		else problems.push(...typeProblems(`${path}.${name}`, property.type, entry));
	}
	return problems;
}

function isIntrinsic(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function typeProblems(path: string, type: PropertyType, value: unknown): string[] {
	if (isIntrinsic(value)) return [];
	switch (type.type) {
		case 'string':
		case 'date-time':
			return typeof value === 'string' ? allowedValue(path, type.type === 'string' ? type.allowedValues : undefined, value) : [`${path}: expected a string`];
		case 'integer':
			return Number.isInteger(value) ? [] : [`${path}: expected an integer`];
		case 'number':
			return typeof value === 'number' ? [] : [`${path}: expected a number`];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
		case 'json':
			return typeof value === 'object' && value !== null ? [] : [`${path}: expected a JSON object`];
		case 'null':
			return value === null ? [] : [`${path}: expected null`];
		case 'tag':
			return typeof value === 'object' && value !== null && 'Key' in value && 'Value' in value ? [] : [`${path}: expected a tag with Key and Value`];
		case 'array':
			return Array.isArray(value) ? value.flatMap((element, index) => typeProblems(`${path}[${index}]`, type.element, element)) : [`${path}: expected a list`];
		case 'map':
			return typeof value === 'object' && value !== null && !Array.isArray(value)
				? Object.entries(value).flatMap(([key, element]) => typeProblems(`${path}.${key}`, type.element, element))
				: [`${path}: expected a map`];
		case 'union': {
			const results = type.types.map((member) => typeProblems(path, member, value));
			return results.some((result) => result.length === 0) ? [] : results[0];
		}
		case 'ref': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
			const definition = spec().get('typeDefinition', type.reference.$ref);
			return propertiesProblems(path, definition.properties, value as Record<string, unknown>);
		}
	}
	return [`${path}: unhandled specification type`];
}

function allowedValue(path: string, allowed: string[] | undefined, value: string): string[] {
	return allowed === undefined || allowed.includes(value) ? [] : [`${path}: "${value}" is not one of ${allowed.join(', ')}`];
}
