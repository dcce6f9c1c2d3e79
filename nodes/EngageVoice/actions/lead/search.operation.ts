import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import {
	campaignLocator,
	optionsCollection,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
} from '../../parameters/properties';
import type { ParameterReader } from '../../parameters/reader';
import type { OperationContext } from '../operationContext';
import { leadTimeZone, pageSizeOption } from './common';
import { leadFilters } from './criteria';

const SCOPES = ['one', 'several', 'all'] as const;

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		displayName: 'Campaigns',
		name: 'campaignScope',
		type: 'options',
		default: 'one',
		description: 'Which campaigns to search',
		options: [
			{ name: 'All Campaigns', value: 'all', description: 'Every campaign of the sub-account' },
			{ name: 'One Campaign', value: 'one', description: 'A campaign picked from the list or by ID' },
			{ name: 'Several Campaigns', value: 'several', description: 'A list of campaign IDs' },
		],
	},
	{ ...campaignLocator, displayOptions: { show: { campaignScope: ['one'] } } },
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 136785, 136786',
		description: 'Numeric campaign IDs separated by commas (an expression may also give an array)',
		displayOptions: { show: { campaignScope: ['several'] } },
	},
	...returnAllOrLimit,
	simplify,
	leadFilters,
	leadTimeZone,
	optionsCollection(pageSizeOption),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['search'] } }, properties);

/** The campaign part of the criteria: one, several, or none (the whole sub-account). */
export async function readCampaignScope(params: ParameterReader): Promise<IDataObject> {
	const { requireNumericIdList, requireOneOf } = await import('../../parameters/validate');
	const { readCampaignId } = await import('./commonReaders');
	const { campaignCriteria } = await import('./criteriaReader');
	const scope = requireOneOf(params, params.get('campaignScope', 'one'), 'Campaigns', SCOPES, params.itemIndex);
	if (scope === 'one') return campaignCriteria(readCampaignId(params));
	if (scope === 'several') {
		const ids = requireNumericIdList(params, params.get('campaignIds', ''), 'Campaign IDs', params.itemIndex).map(
			Number,
		);
		return { campaignId: ids[0], campaignIds: ids };
	}
	return {};
}

/** `leadSearch` page by page (decision 10): Return All / Limit, no lead twice. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start (api/leads itself, not
	// api/onDemand.ts: that holds the promise-returning calls, leadSearchPages is an async generator)
	const { leadSearchPages } = await import('../../api/leads');
	const { PartialResultError } = await import('../partialResult');
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId, readTimeZone } = await import('../../parameters/common');
	const { leadCall, readPageSize } = await import('./commonReaders');
	const { inApiSpelling, matchingRows, readFilterCriteria } = await import('./criteriaReader');
	const { simplifyLead } = await import('../../leads/dialerRows');
	const params = itemParameters(this, context.itemIndex);
	const subAccountId = readSubAccountId(params);
	const criteria = { ...(await readCampaignScope(params)), ...readFilterCriteria(params, readTimeZone(params)) };
	const options = params.get<IDataObject>('options', {}) ?? {};
	const pageSize = readPageSize(params, options);
	const returnAll = params.get('returnAll', false);
	const limit = returnAll ? undefined : Number(params.get('limit', 50));
	const simple = params.get('simplify', true);
	const call = leadCall(context, subAccountId);
	await inApiSpelling(this, call, params, criteria);

	const items: INodeExecutionData[] = [];
	try {
		const pages = leadSearchPages(this, call, criteria, {
			// with a limit below a page, one page of that size is enough
			pageSize: limit === undefined ? pageSize : Math.min(pageSize, limit),
			limit,
			keep: matchingRows(criteria),
		});
		for await (const rows of pages) {
			for (const row of rows) items.push({ json: simple ? simplifyLead(row) : row });
		}
	} catch (error) {
		const cause =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex: context.itemIndex });
		// leads read before a failing page are kept with Continue On Fail
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (items.length) throw new PartialResultError(cause, items);
		throw cause;
	}
	return items;
}
