/** Role separation toolkit: generate and lint the IAM roles of n8n on ECS. No n8n imports. */
export { parseIamConfig } from './config';
export { IamInputError } from './errors';
export type { IamInputIssue } from './errors';
export { generateRoles } from './generate';
export type { GenerateOptions } from './generate';
export { OUTPUT_FORMATS, renderOutputs } from './output';
export type { OutputFiles, OutputFormat } from './output';
export { atOrAbove, emptyLintInput, lintRoles, readLintFile, RULE_SEVERITY, SEVERITIES } from './lint';
export type { LintFinding, LintInput, LintOptions, LintReport, LintRuleId, Severity } from './lint';
export type { RoleRecord } from './roleRecord';
export * from './types';
export { measurePolicies } from './sizes';
export type { PolicySize } from './sizes';
