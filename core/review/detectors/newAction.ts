import { principalKey } from '../attribution';
import { indexBaseline } from '../baseline';
import type { Finding, ReviewEvent } from '../types';
import type { Detector, DetectorContext } from './detector';
import { describePrincipal } from './detector';
import { FindingGroups } from './findingGroups';

/**
 * (a) New action: an action that a principal called without being denied and that its
 * baseline does not list. Principals missing from the baseline are checked only when they
 * are configured n8n roles, for which every action is then new. Off without a baseline.
 */
export class NewActionDetector implements Detector {
	private readonly groups = new FindingGroups();
	private readonly baseline?: Map<string, Set<string>>;
	/** Baseline actions by principal ARN as seen in events, to skip principalKey in the loop. */
	private readonly byArn = new Map<string, Set<string> | null>();

	constructor(context: DetectorContext) {
		if (context.baseline) this.baseline = indexBaseline(context.baseline);
	}

	observe(event: ReviewEvent): void {
		if (!this.baseline || event.denied || event.mapping.status !== 'mapped') return;
		const principal = event.attribution.principalArn;
		if (!principal) return;
		let known = this.byArn.get(principal);
		if (known === undefined) {
			known = this.baseline.get(principalKey(principal)) ?? null;
			this.byArn.set(principal, known);
		}
		if (known === null && event.attribution.roleKind === 'other') return;

		for (const action of event.mapping.actions) {
			if (known?.has(action.toLowerCase())) continue;
			this.groups.add(`${principal}\n${action}`, event, () => ({
				type: 'newAction',
				severity: 'medium',
				summary: `${describePrincipal(event)} called ${action}, which its baseline does not list.`,
				action,
				eventSource: event.eventSource,
				eventName: event.eventName,
				details: { inBaseline: known !== null },
			}));
		}
	}

	finish(): Finding[] {
		return this.groups.findings();
	}
}
