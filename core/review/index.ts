/**
 * CloudTrail review of the n8n roles: readers, normalisation to IAM actions, attribution to
 * workflow and execution, seven detectors, baseline and least-privilege policies.
 * No n8n import: the CLI and the AWS Access Review node are thin adapters over this.
 */
export { reviewItems, reviewPaths } from './review';
export type { ReviewOptions, ReviewProgress } from './review';
export { ReviewSession, StagedEvents } from './session';
export type { ReviewResult, ReviewSessionOptions, ReviewSummary } from './session';
export { configNamesRoles, defaultReviewConfig, parseReviewConfig, parseSeverity, ReviewConfigError, DEFAULT_RUNTIME_ROLE_ALLOWED_ACTIONS } from './config';
export type { ClassRoleConfig, ReviewConfig } from './config';
export { BaselineLearner, BaselineShapeError, loadBaselineFile, parseBaseline, readBaselineForReview, saveBaselineFile } from './baseline';
export type { Baseline } from './baseline';
export type { RolePolicyReport } from './leastPrivilege';
export { ActionMapper, iamPrefix } from './actions/actionMapper';
export { DENIAL_ERROR_CODES } from './normalize';
export { INPUT_ERROR_CODES } from './inputErrors';
export { formatFindingsTable, toJsonLines } from './format';
export { SEVERITIES } from './types';
export type { ActionMapping, Attribution, Evidence, Finding, FindingType, InputError, ReviewEvent, RoleKind, Severity, UnmappedEvent } from './types';
