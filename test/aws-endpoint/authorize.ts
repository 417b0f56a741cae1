// @cloud-copilot/iam-simulate is AGPL-3.0 and a devDependency: only test code may import it.
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

import { AwsError } from './errors';
import { accountIdOf, type Caller } from './identity';
import type { PolicyDocument } from './types';

/** Stands in for the identity policies of a principal configured without any. */
const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The action, resource and context of one authorization check. */
export interface AuthorizationRequest {
	/** IAM action, for example `ssm:GetParameter`. */
	action: string;
	/** Resource ARN, or `*` for actions without a resource type. */
	resource: string;
	context: Record<string, string | string[]>;
	/** Resource-based policy, such as a role trust policy. */
	resourcePolicy?: PolicyDocument;
}

/**
 * Evaluates a request of the caller with its identity policies, the session policy it was
 * issued with, and an optional resource policy.
 *
 * @returns undefined when allowed; otherwise the AWS-style reason, for example "because no
 *   session policy allows the ssm:GetParameter action".
 */
export async function findDenialReason(caller: Caller, request: AuthorizationRequest): Promise<string | undefined> {
	const full = await simulate(caller, request, caller.sessionPolicy);
	if (full === 'Allowed') return undefined;

	const withoutSessionPolicy = await simulate(caller, request, undefined);
	if (withoutSessionPolicy === 'ExplicitlyDenied') return 'with an explicit deny in an identity-based policy';
	if (withoutSessionPolicy !== 'Allowed') {
		return request.resourcePolicy ? '' : `because no identity-based policy allows the ${request.action} action`;
	}
	if (full === 'ExplicitlyDenied') return 'with an explicit deny in a session policy';
	return `because no session policy allows the ${request.action} action`;
}

/** Builds AWS's "User: ARN is not authorized to perform: ACTION on resource: ARN REASON" message. */
export function notAuthorizedMessage(caller: Caller, request: AuthorizationRequest, reason: string): string {
	const onResource = request.resource === '*' ? '' : ` on resource: ${request.resource}`;
	const suffix = reason ? ` ${reason}` : '';
	return `User: ${caller.arn} is not authorized to perform: ${request.action}${onResource}${suffix}`;
}

/** Returns the context keys AWS sets for every request of the caller: principal tags, source identity, region. */
export function callerContext(caller: Caller, region: string): Record<string, string | string[]> {
	const context: Record<string, string | string[]> = {
		'aws:RequestedRegion': region,
		'aws:PrincipalArn': caller.roleArn ?? caller.arn,
		'aws:PrincipalAccount': caller.accountId,
	};
	for (const [key, value] of Object.entries(caller.sessionTags)) context[`aws:PrincipalTag/${key}`] = value;
	if (caller.sourceIdentity !== undefined) context['aws:SourceIdentity'] = caller.sourceIdentity;
	return context;
}

async function simulate(caller: Caller, request: AuthorizationRequest, sessionPolicy: PolicyDocument | undefined): Promise<string> {
	const identityPolicies = (caller.identityPolicies ?? [ALLOW_ALL]).map((policy, index) => ({ name: `identity-policy-${index + 1}`, policy }));
	const simulation: Simulation = {
		request: {
			principal: caller.arn,
			action: request.action,
			resource: { resource: request.resource, accountId: accountIdOf(request.resource) || caller.accountId },
			contextVariables: request.context,
		},
		identityPolicies,
		serviceControlPolicies: [],
		resourceControlPolicies: [],
		resourcePolicy: request.resourcePolicy,
		sessionPolicy,
	};

	const result = await runSimulation(simulation, {});
	if (result.resultType === 'error') {
		// A policy the test configured is invalid: report it like AWS reports an internal failure.
		throw new AwsError('InternalFailure', `iam-simulate could not evaluate ${request.action} for ${caller.arn}: ${result.errors.message}. Fix the test's policies.`, 500);
	}
	return result.overallResult;
}
