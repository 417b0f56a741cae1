import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseBaseline, parseReviewConfig, reviewItems, reviewPaths } from '../../core/review';
import type { Baseline, Finding, ReviewConfig, ReviewResult } from '../../core/review';
import { executionContext, getScopedAws } from '../AwsScoped/transport';

/** Runs one review over all input items (or files, or LookupEvents) and returns its items. */
export async function runReview(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('source', 0) as 'items' | 'files' | 'lookupEvents';
	const config = readConfig(this);
	const baseline = readBaseline(this);
	const input = this.getInputData();

	let result: ReviewResult;
	if (source === 'files') {
		const paths = (this.getNodeParameter('paths', 0) as string).split(/[\n,]/).map((path) => path.trim()).filter(Boolean);
		result = await reviewPaths(paths, config, { baseline });
	} else if (source === 'lookupEvents') {
		result = await reviewItems([await lookupEvents(this)], config, { baseline });
	} else {
		result = await reviewItems(input.map((item) => item.json), config, { baseline });
	}

	const itemOfEvent = source === 'items' ? indexEventIds(input.map((item) => item.json)) : new Map<string, number>();
	const output: INodeExecutionData[] = result.findings.map((finding) => ({
		json: finding as unknown as IDataObject,
		pairedItem: pairedItems(finding, itemOfEvent),
	}));
	if (this.getNodeParameter('includeSummary', 0, true) as boolean) {
		output.push({
			json: {
				summary: result.summary,
				inputErrors: result.inputErrors,
				baseline: result.baseline,
				leastPrivilege: result.leastPrivilege,
			} as unknown as IDataObject,
			pairedItem: input.map((_, item) => ({ item })),
		});
	}
	return output;
}

function readConfig(context: IExecuteFunctions): ReviewConfig {
	const value = context.getNodeParameter('config', 0);
	try {
		return parseReviewConfig(typeof value === 'string' ? JSON.parse(value) : value, 'Review Config');
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex: 0, description: 'The config format is in docs/review.md of n8n-nodes-aws-scoped.' });
	}
}

function readBaseline(context: IExecuteFunctions): Baseline | undefined {
	const value = context.getNodeParameter('baseline', 0, '');
	if (value === '' || value === undefined || value === null) return undefined;
	try {
		return parseBaseline(typeof value === 'string' ? JSON.parse(value) : value, 'Baseline');
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}

/** Reads recent events with CloudTrail LookupEvents through the scoped session (local check included). */
async function lookupEvents(context: IExecuteFunctions): Promise<IDataObject> {
	const hours = context.getNodeParameter('lookbackHours', 0, 24) as number;
	const maxPages = context.getNodeParameter('maxPages', 0, 20) as number;
	const scoped = await getScopedAws(context, 0);
	const EndTime = new Date();
	const StartTime = new Date(EndTime.getTime() - hours * 3_600_000);
	const result = await scoped.call(executionContext(context), {
		service: 'cloudtrail',
		operation: 'LookupEvents',
		input: { StartTime, EndTime, MaxResults: 50 },
		returnAll: true,
		maxPages,
	});
	return { Events: result.output.Events ?? [] };
}

/** Maps CloudTrail event ids to the input item they came in, for pairedItem. */
function indexEventIds(items: IDataObject[]): Map<string, number> {
	const index = new Map<string, number>();
	items.forEach((item, itemIndex) => {
		const records = (item.Records ?? item.Events ?? [item]) as IDataObject[];
		for (const record of Array.isArray(records) ? records : []) {
			const id = (record.eventID ?? record.EventId) as string | undefined;
			if (id) index.set(id, itemIndex);
		}
	});
	return index;
}

function pairedItems(finding: Finding, itemOfEvent: Map<string, number>): Array<{ item: number }> {
	const items = new Set<number>();
	for (const eventId of finding.evidence.eventIds) {
		const item = itemOfEvent.get(eventId);
		if (item !== undefined) items.add(item);
	}
	return items.size > 0 ? [...items].map((item) => ({ item })) : [{ item: 0 }];
}
