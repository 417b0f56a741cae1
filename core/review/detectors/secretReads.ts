import type { Finding, ReviewEvent, Severity } from '../types';
import type { Detector } from './detector';
import { describePrincipal } from './detector';
import { FindingGroups } from './findingGroups';

/**
 * Secrets Manager actions that read a secret or its metadata, with the severity of a read
 * by an n8n role: a secret value is high, metadata and listings medium. GetRandomPassword
 * has the Read access level but reads no secret, so it is not listed.
 */
export const SECRET_READ_ACTIONS: Readonly<Record<string, Severity>> = {
	'secretsmanager:GetSecretValue': 'high',
	'secretsmanager:BatchGetSecretValue': 'high',
	'secretsmanager:DescribeSecret': 'medium',
	'secretsmanager:ListSecretVersionIds': 'medium',
	'secretsmanager:GetResourcePolicy': 'medium',
	'secretsmanager:ListSecrets': 'medium',
};

/**
 * (d) Secret reads: a Secrets Manager read by the runtime role or a class role. Denied
 * attempts are reported too, in their own finding, one level lower.
 */
export class SecretReadsDetector implements Detector {
	private readonly groups = new FindingGroups();

	observe(event: ReviewEvent): void {
		if (event.attribution.roleKind === 'other' || event.eventSource !== 'secretsmanager.amazonaws.com') return;
		const action = event.mapping.actions[0];
		const severity = action ? SECRET_READ_ACTIONS[action] : undefined;
		if (!severity) return;

		const outcome = event.denied ? 'denied' : 'read';
		const parameters = event.requestParameters ?? {};
		// BatchGetSecretValue names its secrets in secretIdList; the other reads in secretId.
		let secretIds: string[] = [];
		if (Array.isArray(parameters.secretIdList)) secretIds = parameters.secretIdList.map(String);
		else if (typeof parameters.secretId === 'string') secretIds = [parameters.secretId];
		this.groups.add(`${event.attribution.principalArn}\n${action}\n${outcome}`, event, () => ({
			type: 'secretRead',
			severity: event.denied ? lower(severity) : severity,
			summary: event.denied
				? `${describePrincipal(event)} tried ${action} and was denied.`
				: `${describePrincipal(event)} called ${action}.`,
			action,
			eventSource: event.eventSource,
			eventName: event.eventName,
			details: { outcome },
		}), { secretIds });
	}

	finish(): Finding[] {
		return this.groups.findings();
	}
}

function lower(severity: Severity): Severity {
	return severity === 'high' ? 'medium' : 'low';
}
