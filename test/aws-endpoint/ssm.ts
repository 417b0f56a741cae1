import { decodeNextToken, encodeNextToken, type FakeParameter } from './fakeData';
import { AwsError } from './errors';
import type { OperationContext, OperationDefinition, OperationOutput } from './operation';

/** SSM operations (JSON 1.1 protocol). */
export const SSM_OPERATIONS: Record<string, OperationDefinition> = {
	GetParameter: {
		iamAction: 'ssm:GetParameter',
		resourceOf: ({ state, request }) => parameterArn(request.region, state.accountId, String(request.params.Name ?? '')),
		readOnly: true,
		requestParameters: (params) => ({ name: params.Name, withDecryption: params.WithDecryption }),
		handle: getParameter,
	},
	DescribeParameters: {
		iamAction: 'ssm:DescribeParameters',
		readOnly: true,
		requestParameters: (params) => ({ maxResults: params.MaxResults, nextToken: params.NextToken }),
		handle: describeParameters,
	},
};

/** DescribeParameters page size limits of the SSM API. */
const DESCRIBE_DEFAULT_RESULTS = 10;
const DESCRIBE_MAX_RESULTS = 50;

function parameterArn(region: string, accountId: string, name: string): string {
	return `arn:aws:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
}

function getParameter({ state, request }: OperationContext): OperationOutput {
	const name = request.params.Name;
	if (typeof name !== 'string' || name.length === 0) {
		throw new AwsError('ValidationException', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null", 400);
	}
	const parameter = state.data.parameters.find((candidate) => candidate.Name === name);
	if (!parameter) throw new AwsError('ParameterNotFound', `Parameter ${name} not found.`, 400);

	const decrypt = request.params.WithDecryption === true;
	const value = parameter.Type === 'SecureString' && !decrypt ? Buffer.from(`encrypted:${parameter.Value}`).toString('base64') : parameter.Value;
	return {
		result: {
			Parameter: {
				Name: parameter.Name,
				Type: parameter.Type,
				Value: value,
				Version: parameter.Version,
				LastModifiedDate: parameter.LastModified / 1000,
				ARN: parameterArn(request.region, state.accountId, parameter.Name),
				DataType: 'text',
			},
		},
		responseElements: null,
	};
}

/**
 * Lists the fake parameters a page at a time.
 *
 * NOTE: Filters and ParameterFilters are ignored; every parameter matches.
 */
function describeParameters({ state, request }: OperationContext): OperationOutput {
	const maxResults = request.params.MaxResults ?? DESCRIBE_DEFAULT_RESULTS;
	if (typeof maxResults !== 'number' || maxResults < 1 || maxResults > DESCRIBE_MAX_RESULTS) {
		throw new AwsError('ValidationException', `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${DESCRIBE_MAX_RESULTS}`, 400);
	}
	const offset = readOffset(request.params.NextToken);
	const page = state.data.parameters.slice(offset, offset + maxResults);
	const next = offset + page.length;
	return {
		result: {
			Parameters: page.map((parameter) => describeParameter(parameter, request.region, state.accountId)),
			NextToken: next < state.data.parameters.length ? encodeNextToken(next) : undefined,
		},
		responseElements: null,
	};
}

function readOffset(token: unknown): number {
	if (token === undefined) return 0;
	const offset = typeof token === 'string' ? decodeNextToken(token) : undefined;
	if (offset === undefined) throw new AwsError('InvalidNextToken', 'The NextToken is not valid. Pass the NextToken of the previous DescribeParameters response.', 400);
	return offset;
}

function describeParameter(parameter: FakeParameter, region: string, accountId: string): Record<string, unknown> {
	return {
		Name: parameter.Name,
		ARN: parameterArn(region, accountId, parameter.Name),
		Type: parameter.Type,
		LastModifiedDate: parameter.LastModified / 1000,
		Version: parameter.Version,
		Tier: 'Standard',
		Policies: [],
		DataType: 'text',
	};
}
