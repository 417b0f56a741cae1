/** Trust policy rules: who may assume the class roles, and how ECS may assume the task roles. */
import { roleNameOfArn } from '../../arn';
import { ECS_TASKS_PRINCIPAL } from '../../types';
import type { TrustStatement } from '../../types';
import { principalValues, statementLabel } from '../classify';
import type { ClassifiedRole, LintContext, LintFinding } from '../types';
import { finding } from './finding';

const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn'];

/** Class roles may be assumed only by the runtime task roles of the input. */
export function checkClassTrust(context: LintContext): LintFinding[] {
	const runtimeNames = new Set(context.roles.filter((role) => role.kind === 'task-runtime').map((role) => role.record.RoleName));
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => candidate.kind === 'class')) {
		trustStatements(role).forEach(({ statement, where }) => {
			if (statement.Effect !== 'Allow') return;
			const foreign = foreignPrincipals(statement, runtimeNames);
			if (foreign.length === 0) return;
			findings.push(
				finding('class-trust-foreign-principal', role, where, `The class role trusts ${foreign.join(', ')}, not only the runtime task role.`, 'Make the runtime task role ARN the only principal of the trust policy.'),
			);
		});
	}
	return findings;
}

function foreignPrincipals(statement: TrustStatement, runtimeNames: Set<string>): string[] {
	if (statement.NotPrincipal !== undefined) return ['every principal except those in NotPrincipal'];
	const foreign = principalValues(statement.Principal, 'AWS').filter((arn) => !runtimeNames.has(roleNameOfArn(arn) ?? ''));
	foreign.push(...principalValues(statement.Principal, 'Service'), ...principalValues(statement.Principal, 'Federated'));
	return foreign;
}

/** Task roles trusted by ECS tasks need aws:SourceAccount and aws:SourceArn conditions. */
export function checkTaskTrust(context: LintContext): LintFinding[] {
	const findings: LintFinding[] = [];
	for (const role of context.roles.filter((candidate) => candidate.kind === 'task-execution' || candidate.kind === 'task-runtime')) {
		trustStatements(role).forEach(({ statement, where }) => {
			if (statement.Effect !== 'Allow' || !principalValues(statement.Principal, 'Service').includes(ECS_TASKS_PRINCIPAL)) return;
			const present = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block).map((key) => key.toLowerCase()));
			const missing = SOURCE_KEYS.filter((key) => !present.includes(key.toLowerCase()));
			if (missing.length === 0) return;
			findings.push(
				finding('task-trust-source-conditions', role, where, `The trust of ${ECS_TASKS_PRINCIPAL} has no ${missing.join(' or ')} condition, so ECS could hand the role to a task of another account.`, 'Add StringEquals aws:SourceAccount = your account id and ArnLike aws:SourceArn = arn:PARTITION:ecs:REGION:ACCOUNT:*.'),
			);
		});
	}
	return findings;
}

function trustStatements(role: ClassifiedRole): Array<{ statement: TrustStatement; where: { policy: string; statement: string } }> {
	return role.record.AssumeRolePolicyDocument.Statement.map((statement, index) => ({ statement, where: { policy: 'trust policy', statement: statementLabel(statement.Sid, index) } }));
}
