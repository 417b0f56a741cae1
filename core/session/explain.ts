import { SourceCredentialsError } from './sourceCredentials';

/** Fields of an AssumeRole request that an explanation may name (never the external ID). */
export interface ExplainContext {
	RoleArn: string;
	region: string;
	DurationSeconds: number;
	Tags?: unknown[];
	SourceIdentity?: string;
	ExternalId?: string;
	stsEndpoint?: string;
}

export interface Explanation {
	code: string;
	requestId?: string;
	message: string;
}

interface ErrorLike {
	name?: string;
	code?: string;
	message?: string;
	Code?: string;
	$metadata?: { requestId?: string; attempts?: number };
}

/**
 * Turns an AssumeRole failure into a message with the cause in plain words, the setting to
 * change, and STS's own code and request id.
 */
export function explainAssumeRoleFailure(error: unknown, context: ExplainContext): Explanation {
	const failure = (error ?? {}) as ErrorLike;
	const code = failure.Code ?? failure.name ?? failure.code ?? 'Error';
	const requestId = failure.$metadata?.requestId;
	const stsText = scrub(failure.message ?? String(error), context);
	const suffix = ` (STS ${code}${requestId ? `, request id ${requestId}` : ''}: ${stsText})`;
	const role = context.RoleArn;

	if (error instanceof SourceCredentialsError) return { code: 'NoSourceCredentials', message: error.message };
	const hint = hintFor(code, stsText, context);
	return { code, requestId, message: `AssumeRole into ${role} failed: ${hint}${suffix}` };
}

function hintFor(code: string, text: string, context: ExplainContext): string {
	const lower = text.toLowerCase();
	switch (code) {
		case 'AccessDenied':
		case 'AccessDeniedException':
			if (lower.includes('sts:tagsession')) {
				return 'the role\'s trust policy does not allow sts:TagSession. Add "sts:TagSession" to the trust policy\'s Action list, or turn off "Session Tags" in the credential.';
			}
			if (lower.includes('sts:setsourceidentity')) {
				return 'the role\'s trust policy (and, when chaining, the source role\'s policy) does not allow sts:SetSourceIdentity. Add "sts:SetSourceIdentity", or clear "Source Identity" in the credential.';
			}
			return (
				'the source identity may not assume this role. Check that the role\'s trust policy names the source (the ECS task role or the access keys\' user), ' +
				`that the source's own policy allows sts:AssumeRole on the role${context.ExternalId ? ', and that the external ID matches the trust policy\'s sts:ExternalId condition' : ''}.`
			);
		case 'ValidationError':
			if (lower.includes('role chaining') || lower.includes('1 hour')) {
				return `a role assumed from another role session is capped at 3,600 s, and "Session Duration" is ${context.DurationSeconds} s. Set it to 3600 or less.`;
			}
			if (lower.includes('maxsessionduration') || lower.includes('durationseconds')) {
				return `"Session Duration" (${context.DurationSeconds} s) is over the role's maximum session duration. Lower it, or raise the role's MaxSessionDuration.`;
			}
			if (lower.includes('policy')) {
				return 'STS rejected the session policy. Shorten the custom policy to 2,048 characters or fewer.';
			}
			return 'STS rejected a parameter. Check the role ARN, session name template and source identity.';
		case 'PackedPolicyTooLarge':
		case 'PackedPolicyTooLargeException': {
			const percent = /(\d+)%/.exec(text)?.[1];
			return `the session policy and session tags are too large for STS's packed limit${percent ? ` (${percent}% of the allowed size)` : ''}. Shorten the policy, or turn off "Session Tags".`;
		}
		case 'MalformedPolicyDocument':
		case 'MalformedPolicyDocumentException':
			return 'STS could not parse the session policy. Fix the custom policy JSON.';
		case 'RegionDisabledException':
			return `STS is not activated in region ${context.region} for this account. Activate the region in the IAM account settings, or choose another region.`;
		case 'ExpiredToken':
		case 'ExpiredTokenException':
			return 'the source credentials have expired. Refresh the access keys or session token, or use the ECS task role, which renews itself.';
		case 'InvalidClientTokenId':
		case 'UnrecognizedClientException':
			return `the source access key is not valid for STS in ${context.region}. Check the access key, and that a session token comes with temporary keys.`;
		case 'SignatureDoesNotMatch':
			return 'the source secret access key does not match the access key. Re-enter the secret access key.';
		case 'Throttling':
		case 'ThrottlingException':
		case 'RequestLimitExceeded':
			return 'STS kept throttling AssumeRole after retries with backoff. Run fewer executions at once or try again later.';
		default:
			return networkHint(code, text, context);
	}
}

function networkHint(code: string, text: string, context: ExplainContext): string {
	const network = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout'];
	if (network.some((name) => code.includes(name) || text.includes(name))) {
		const where = context.stsEndpoint ?? `the regional STS endpoint of ${context.region}`;
		return `STS at ${where} could not be reached. Check the network path (VPC endpoint for STS, security groups, proxy) or the STS endpoint override.`;
	}
	return 'STS returned an error.';
}

/** Removes the external ID from text that came back from STS, in case an endpoint echoes it. */
function scrub(text: string, context: ExplainContext): string {
	return context.ExternalId ? text.split(context.ExternalId).join('***') : text;
}
