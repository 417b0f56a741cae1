import { decodeNextToken, encodeNextToken, type FakeFinding } from './fakeData';
import { AwsError } from './errors';
import { camelCaseKeys, type OperationContext, type OperationDefinition, type OperationOutput } from './operation';

/** Security Hub operations (REST-JSON protocol; routes are in protocols.ts). Both act on the hub ARN. */
export const SECURITY_HUB_OPERATIONS: Record<string, OperationDefinition> = {
	BatchUpdateFindings: {
		iamAction: 'securityhub:BatchUpdateFindings',
		resourceOf: hubArn,
		readOnly: false,
		requestParameters: (params) => camelCaseKeys(params) as Record<string, unknown>,
		handle: batchUpdateFindings,
	},
	GetFindings: {
		iamAction: 'securityhub:GetFindings',
		resourceOf: hubArn,
		readOnly: true,
		requestParameters: (params) => camelCaseKeys(params) as Record<string, unknown>,
		handle: getFindings,
	},
};

/** GetFindings page size limits of the Security Hub API. */
const GET_FINDINGS_MAX_RESULTS = 100;

/** BatchUpdateFindings fields that change a finding; at least one is required. */
const UPDATE_FIELDS = ['Note', 'Severity', 'VerificationState', 'Confidence', 'Criticality', 'Types', 'UserDefinedFields', 'Workflow', 'RelatedFindings'];

interface FindingIdentifier {
	Id: string;
	ProductArn: string;
}

function hubArn({ state, request }: OperationContext): string {
	return `arn:aws:securityhub:${request.region}:${state.accountId}:hub/default`;
}

function batchUpdateFindings({ state, request }: OperationContext): OperationOutput {
	const identifiers = request.params.FindingIdentifiers;
	if (!Array.isArray(identifiers) || identifiers.length === 0 || identifiers.length > 100) {
		throw new AwsError('InvalidInputException', 'FindingIdentifiers must list 1 to 100 findings, each with Id and ProductArn.', 400);
	}
	if (!UPDATE_FIELDS.some((field) => request.params[field] !== undefined)) {
		throw new AwsError('InvalidInputException', `BatchUpdateFindings needs at least one of ${UPDATE_FIELDS.join(', ')}.`, 400);
	}

	const processed: FindingIdentifier[] = [];
	const unprocessed: Array<{ FindingIdentifier: FindingIdentifier; ErrorCode: string; ErrorMessage: string }> = [];
	for (const identifier of identifiers as FindingIdentifier[]) {
		const finding = state.data.findings.find((candidate) => candidate.Id === identifier.Id && candidate.ProductArn === identifier.ProductArn);
		if (!finding) {
			unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' });
			continue;
		}
		applyUpdate(finding, request.params, new Date(state.now()).toISOString());
		processed.push({ Id: finding.Id, ProductArn: finding.ProductArn });
	}

	const result = { ProcessedFindings: processed, UnprocessedFindings: unprocessed };
	return { result, responseElements: camelCaseKeys(result) as Record<string, unknown> };
}

function applyUpdate(finding: FakeFinding, update: Record<string, unknown>, updatedAt: string): void {
	for (const field of UPDATE_FIELDS) {
		if (update[field] === undefined || field === 'Note') continue;
		const current = finding[field];
		const change = update[field];
		const isObject = typeof current === 'object' && current !== null && !Array.isArray(current) && typeof change === 'object' && !Array.isArray(change);
		finding[field] = isObject ? { ...(current as object), ...(change as object) } : change;
	}
	const note = update.Note as { Text?: string; UpdatedBy?: string } | undefined;
	if (note) finding.Note = { Text: note.Text ?? '', UpdatedBy: note.UpdatedBy ?? '', UpdatedAt: updatedAt };
	if (update.Workflow) finding.WorkflowState = finding.Workflow.Status;
	finding.UpdatedAt = updatedAt;
}

/**
 * Lists matching findings a page at a time.
 *
 * NOTE: Only the Id, WorkflowStatus, SeverityLabel and RecordState filters with EQUALS or
 * NOT_EQUALS are applied; other filters and SortCriteria are ignored.
 */
function getFindings({ state, request }: OperationContext): OperationOutput {
	const maxResults = request.params.MaxResults ?? GET_FINDINGS_MAX_RESULTS;
	if (typeof maxResults !== 'number' || maxResults < 1 || maxResults > GET_FINDINGS_MAX_RESULTS) {
		throw new AwsError('InvalidInputException', `MaxResults ${String(maxResults)} is out of range. Pass 1 to ${GET_FINDINGS_MAX_RESULTS}.`, 400);
	}
	const offset = readOffset(request.params.NextToken);
	const filters = (request.params.Filters ?? {}) as Record<string, StringFilter[] | undefined>;
	const matching = state.data.findings.filter((finding) => matchesFilters(finding, filters));
	const page = matching.slice(offset, offset + maxResults);
	const next = offset + page.length;
	return {
		result: { Findings: page, NextToken: next < matching.length ? encodeNextToken(next) : undefined },
		responseElements: null,
	};
}

function readOffset(token: unknown): number {
	if (token === undefined || token === '') return 0;
	const offset = typeof token === 'string' ? decodeNextToken(token) : undefined;
	if (offset === undefined) throw new AwsError('InvalidInputException', 'The NextToken is not valid. Pass the NextToken of the previous GetFindings response.', 400);
	return offset;
}

interface StringFilter {
	Value?: string;
	Comparison?: string;
}

const FILTER_FIELDS: Record<string, (finding: FakeFinding) => string> = {
	Id: (finding) => finding.Id,
	WorkflowStatus: (finding) => finding.Workflow.Status,
	SeverityLabel: (finding) => finding.Severity.Label,
	RecordState: (finding) => finding.RecordState,
};

/** Applies the filters AWS's way: values of one filter are ORed for EQUALS, ANDed for NOT_EQUALS, and filters are ANDed. */
function matchesFilters(finding: FakeFinding, filters: Record<string, StringFilter[] | undefined>): boolean {
	return Object.entries(FILTER_FIELDS).every(([name, read]) => {
		const conditions = filters[name];
		if (!conditions || conditions.length === 0) return true;
		const actual = read(finding);
		const equals = conditions.filter((condition) => (condition.Comparison ?? 'EQUALS') === 'EQUALS');
		const notEquals = conditions.filter((condition) => condition.Comparison === 'NOT_EQUALS');
		const equalsMatch = equals.length === 0 || equals.some((condition) => condition.Value === actual);
		return equalsMatch && notEquals.every((condition) => condition.Value !== actual);
	});
}
