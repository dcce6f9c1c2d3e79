import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { listCampaigns, listDialGroups } from '../../api/onDemand';
import {
	activeOnlyFilter,
	filtersCollection,
	dialGroupLocator,
	optionsCollection,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const SCOPES = ['all', 'one'] as const;

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		displayName: 'Dial Groups',
		name: 'dialGroupScope',
		type: 'options',
		default: 'all',
		description: 'Which dial groups to read campaigns from; the API answers one group per request',
		options: [
			{
				name: 'All Dial Groups',
				value: 'all',
				description: 'Every dial group of the sub-account (one request per group)',
			},
			{ name: 'One Dial Group', value: 'one', description: 'A dial group picked from the list or by ID' },
		],
	},
	{ ...dialGroupLocator, displayOptions: { show: { dialGroupScope: ['one'] } } },
	...returnAllOrLimit,
	simplify,
	filtersCollection(activeOnlyFilter('campaigns')),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);

/** `GET …/dialGroups/{id}/campaigns` for one or every dial group (API doc §10.3). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId } = await import('../../parameters/common');
	const { requireNumericId, requireOneOf } = await import('../../parameters/validate');
	const { simplifyCampaign } = await import('../../leads/dialerRows');
	const params = itemParameters(this, context.itemIndex);
	const i = context.itemIndex;
	const subAccountId = readSubAccountId(params);
	const scope = requireOneOf(params, params.get('dialGroupScope', 'all'), 'Dial Groups', SCOPES, i);
	const filters = params.get<IDataObject>('filters', {}) ?? {};
	const returnAll = params.get('returnAll', false);
	const limit = Number(params.get('limit', 50));
	const groupIds =
		scope === 'one'
			? [requireNumericId(params, params.get('dialGroup', '', { extractValue: true }), 'Dial Group', i)]
			: (await listDialGroups(this, context, subAccountId)).map((group) => String(group.dialGroupId));

	// isActive is an int32 (1/0) on campaigns (API doc §10.3)
	const active = (campaign: IDataObject) =>
		campaign.isActive !== 0 && campaign.isActive !== false && campaign.isActive !== '0';
	const campaigns: IDataObject[] = [];
	for (const groupId of groupIds) {
		const found = await listCampaigns(this, context, subAccountId, groupId);
		campaigns.push(...found.filter((campaign) => !filters.activeOnly || active(campaign)));
		if (!returnAll && campaigns.length >= limit) break;
	}
	const simple = params.get('simplify', true);
	return context.limitItems(campaigns).map((campaign) => ({ json: simple ? simplifyCampaign(campaign) : campaign }));
}
