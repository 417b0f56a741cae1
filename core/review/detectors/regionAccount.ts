import { GLOBAL_ACTION_PATTERNS } from '../../policy/render';
import { iamPrefix } from '../actions/actionMapper';
import type { Finding, ReviewEvent } from '../types';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal, primaryAction } from './detector';
import { FindingGroups } from './findingGroups';

/** Services whose calls CloudTrail records in us-east-1 whatever region the caller uses. */
const GLOBAL_PREFIXES = new Set([...GLOBAL_ACTION_PATTERNS.map((pattern) => pattern.split(':')[0]), 'signin']);

/**
 * (c) Region and account: a call in a region outside `expectedRegions`, or in or from an
 * account outside `expectedAccounts`, by any principal. Global services logged in
 * us-east-1 do not count as a region change. Each check is off while its list is empty.
 */
export class RegionAccountDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly regions: Set<string>;
	private readonly accounts: Set<string>;
	/** The last region and account found in the expected lists; most events repeat them. */
	private lastExpectedRegion?: string;
	private lastExpectedAccount?: string;

	constructor(context: DetectorContext) {
		this.regions = new Set(context.config.expectedRegions);
		this.accounts = new Set(context.config.expectedAccounts);
	}

	observe(event: ReviewEvent): void {
		if (this.regions.size > 0) this.checkRegion(event);
		if (this.accounts.size > 0) {
			this.checkAccount(event, event.accountId, 'recipient');
			if (event.callerAccountId !== event.accountId) this.checkAccount(event, event.callerAccountId, 'caller');
		}
	}

	finish(): Finding[] {
		return this.groups.findings();
	}

	private checkRegion(event: ReviewEvent): void {
		const region = event.awsRegion;
		if (region === '' || region === this.lastExpectedRegion) return;
		if (this.regions.has(region)) {
			this.lastExpectedRegion = region;
			return;
		}
		if (region === 'us-east-1' && GLOBAL_PREFIXES.has(iamPrefix(event.eventSource))) return;
		const principal = event.attribution.principalArn ?? event.attribution.identityType;
		this.groups.add(`region\n${principal}\n${region}`, event, () => ({
			type: 'unexpectedRegion',
			severity: event.attribution.roleKind === 'other' ? 'medium' : 'high',
			summary: `${describePrincipal(event)} made calls in ${region}, which is not an expected region (${[...this.regions].join(', ')}).`,
			details: { region },
		}), { actions: primaryAction(event) });
	}

	private checkAccount(event: ReviewEvent, accountId: string | undefined, side: 'recipient' | 'caller'): void {
		if (!accountId || accountId === this.lastExpectedAccount) return;
		if (this.accounts.has(accountId)) {
			this.lastExpectedAccount = accountId;
			return;
		}
		const principal = event.attribution.principalArn ?? event.attribution.identityType;
		this.groups.add(`account\n${principal}\n${side}\n${accountId}`, event, () => ({
			type: 'unexpectedAccount',
			severity: 'high',
			summary:
				side === 'recipient'
					? `${describePrincipal(event)} made calls in account ${accountId}, which is not an expected account.`
					: `Calls came from account ${accountId}, which is not an expected account (${describePrincipal(event)}).`,
			details: { accountId, side },
		}), { actions: primaryAction(event) });
	}
}
