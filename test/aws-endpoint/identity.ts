import { createHash, randomBytes } from 'node:crypto';

import { isoSeconds } from './clock';
import type { CloudTrailUserIdentity, EndpointPrincipal, PolicyDocument } from './types';

/** The identity, policies and expiration behind one access key, for static keys and AssumeRole sessions alike. */
export interface Caller {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	arn: string;
	accountId: string;
	/** True for role sessions; AssumeRole from one is role chaining. */
	isRoleSession: boolean;
	/** Role of a role session: `arn:aws:iam::ACCOUNT:role/NAME`. */
	roleArn?: string;
	/** Identity policies; undefined allows every action. */
	identityPolicies?: PolicyDocument[];
	/** Policy the session was issued with, if any. */
	sessionPolicy?: PolicyDocument;
	sessionTags: Record<string, string>;
	sourceIdentity?: string;
	/** ms since the epoch. */
	expiresAt?: number;
	/** ms since the epoch. */
	createdAt: number;
}

/** Builds the caller record of a configured principal; `createdAt` is the endpoint start time. */
export function callerFromPrincipal(principal: EndpointPrincipal, createdAt: number): Caller {
	const isRoleSession = principal.isRoleSession ?? principal.arn.includes(':assumed-role/');
	return {
		accessKeyId: principal.accessKeyId,
		secretAccessKey: principal.secretAccessKey,
		sessionToken: principal.sessionToken,
		arn: principal.arn,
		accountId: accountIdOf(principal.arn),
		isRoleSession,
		roleArn: isRoleSession ? roleArnOfSession(principal.arn) : undefined,
		identityPolicies: principal.policies,
		sessionTags: {},
		expiresAt: principal.expiresAt,
		createdAt,
	};
}

/** Returns the account field of an ARN, or an empty string when the ARN has none. */
export function accountIdOf(arn: string): string {
	return arn.split(':')[4] ?? '';
}

/** Maps `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` to `arn:aws:iam::ACCOUNT:role/ROLE`; role paths are not in the session ARN, so they are lost. */
export function roleArnOfSession(sessionArn: string): string | undefined {
	const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(sessionArn);
	if (!match) return undefined;
	return `arn:${match[1]}:iam::${match[2]}:role/${match[3]}`;
}

/** Returns the last path segment of a role or user ARN, for example `ROLE` in `arn:aws:iam::1:role/path/ROLE`. */
export function resourceNameOf(arn: string): string {
	const resource = arn.split(':').slice(5).join(':');
	return resource.slice(resource.lastIndexOf('/') + 1);
}

/**
 * Derives a stable unique id such as AWS gives users (AIDA...) and roles (AROA...), from a hash
 * of the ARN, so the same ARN always gets the same id.
 */
export function uniqueIdFor(prefix: 'AIDA' | 'AROA', arn: string): string {
	const digest = createHash('sha256').update(arn).digest();
	return prefix + toBase32(digest).slice(0, 17);
}

/** Creates keys for a new role session: an ASIA access key id, a secret and a session token. */
export function newSessionKeys(): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
	return {
		accessKeyId: 'ASIA' + toBase32(randomBytes(16)).slice(0, 16),
		secretAccessKey: randomBytes(30).toString('base64'),
		sessionToken: 'FwoGZXIvYXdzE' + randomBytes(96).toString('base64'),
	};
}

function toBase32(bytes: Buffer): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0;
	let value = 0;
	let output = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			output += alphabet[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return output;
}

/** Returns the principal id AWS reports for the caller: AIDA... for users, AROA...:SESSION for role sessions. */
export function principalIdOf(caller: Caller): string {
	if (!caller.isRoleSession || !caller.roleArn) return uniqueIdFor('AIDA', caller.arn);
	return `${uniqueIdFor('AROA', caller.roleArn)}:${resourceNameOf(caller.arn)}`;
}

/** Builds the CloudTrail `userIdentity` of a caller. */
export function userIdentityOf(caller: Caller): CloudTrailUserIdentity {
	if (!caller.isRoleSession || !caller.roleArn) {
		return {
			type: 'IAMUser',
			principalId: principalIdOf(caller),
			arn: caller.arn,
			accountId: caller.accountId,
			accessKeyId: caller.accessKeyId,
			userName: resourceNameOf(caller.arn),
		};
	}
	return {
		type: 'AssumedRole',
		principalId: principalIdOf(caller),
		arn: caller.arn,
		accountId: caller.accountId,
		accessKeyId: caller.accessKeyId,
		sessionContext: {
			sessionIssuer: {
				type: 'Role',
				principalId: uniqueIdFor('AROA', caller.roleArn),
				arn: caller.roleArn,
				accountId: accountIdOf(caller.roleArn),
				userName: resourceNameOf(caller.roleArn),
			},
			attributes: { creationDate: isoSeconds(caller.createdAt), mfaAuthenticated: 'false' },
			...(caller.sourceIdentity !== undefined ? { sourceIdentity: caller.sourceIdentity } : {}),
		},
	};
}
