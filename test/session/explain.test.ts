/** Plain-word explanations of AssumeRole failures, one per usual cause. */
import { explainAssumeRoleFailure } from '../../core/session/explain';

const CONTEXT = { RoleArn: 'arn:aws:iam::111122223333:role/n8n-triage', region: 'ap-east-1', DurationSeconds: 7200, ExternalId: 'ext-secret-42' };

function explain(name: string, message: string): string {
	const error = Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1' } });
	return explainAssumeRoleFailure(error, CONTEXT).message;
}

describe('explainAssumeRoleFailure', () => {
	test.each([
		['AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/n8n-runtime/t is not authorized to perform: sts:AssumeRole', 'trust policy names the source'],
		['AccessDenied', 'not authorized to perform: sts:TagSession on resource', 'Add "sts:TagSession" to the trust policy'],
		['AccessDenied', 'not authorized to perform: sts:SetSourceIdentity on resource', 'Add "sts:SetSourceIdentity"'],
		['ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 'capped at 3,600 s, and "Session Duration" is 7200 s'],
		['ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 'raise the role\'s MaxSessionDuration'],
		['PackedPolicyTooLarge', 'Packed policy consumes 112% of allowed space, please use smaller policy', '(112% of the allowed size)'],
		['MalformedPolicyDocument', 'Syntax errors in policy.', 'Fix the custom policy JSON'],
		['RegionDisabledException', 'STS is not activated in this region for account:111122223333.', 'STS is not activated in region ap-east-1'],
		['ExpiredToken', 'The security token included in the request is expired', 'the source credentials have expired'],
		['InvalidClientTokenId', 'The security token included in the request is invalid.', 'source access key is not valid for STS in ap-east-1'],
		['SignatureDoesNotMatch', 'The request signature we calculated does not match', 'Re-enter the secret access key'],
		['Throttling', 'Rate exceeded', 'STS kept throttling AssumeRole'],
	])('%s: %s', (name, message, hint) => {
		const text = explain(name, message);
		expect(text).toContain('AssumeRole into arn:aws:iam::111122223333:role/n8n-triage failed');
		expect(text).toContain(hint);
		expect(text).toContain(`STS ${name}, request id req-1`);
	});

	test('external ID never echoed', () => {
		const text = explain('ValidationError', "Value 'ext-secret-42' at 'externalId' failed to satisfy constraint");
		expect(text).not.toContain('ext-secret-42');
		expect(text).toContain('***');
	});
});
