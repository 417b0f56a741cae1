/** One problem in a generator config or lint input: where it is and what to change. */
export interface IamInputIssue {
	/** Dotted path of the config field (`account.id`), or the lint input file. */
	field: string;
	message: string;
}

/**
 * Invalid generator config or lint input. The message lists every problem found, each
 * with the field or file and the fix, so that one run shows everything to correct.
 */
export class IamInputError extends Error {
	readonly issues: IamInputIssue[];

	constructor(source: string, issues: IamInputIssue[]) {
		const lines = issues.map((issue) => `  - ${issue.field}: ${issue.message}`);
		super(`${source} is invalid:\n${lines.join('\n')}`);
		this.name = 'IamInputError';
		this.issues = issues;
	}
}
