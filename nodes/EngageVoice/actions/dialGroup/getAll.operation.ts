import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { listDialGroups } from '../../api/onDemand';
import {
	activeOnlyFilter,
	filtersCollection,
	optionsCollection,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const properties: INodeProperties[] = [
	subAccountLocator,
	...returnAllOrLimit,
	simplify,
	filtersCollection(activeOnlyFilter('dial groups')),
	optionsCollection({
		displayName: 'Include Campaigns',
		name: 'includeCampaigns',
		type: 'boolean',
		default: false,
		description: "Whether to add each group's campaigns (ID, name, active flag) from the same request",
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dialGroup'], operation: ['getAll'] } },
	properties,
);

/** `GET …/dialGroups` (or `withChildren` with campaigns), API doc §10.3. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId } = await import('../../parameters/common');
	const { simplifyDialGroup } = await import('../../leads/dialerRows');
	const params = itemParameters(this, context.itemIndex);
	const subAccountId = readSubAccountId(params);
	const filters = params.get<IDataObject>('filters', {}) ?? {};
	const options = params.get<IDataObject>('options', {}) ?? {};
	const groups = await listDialGroups(this, context, subAccountId, options.includeCampaigns === true);
	const kept = groups.filter((group) => !filters.activeOnly || group.isActive !== false);
	const simple = params.get('simplify', true);
	return context.limitItems(kept).map((group) => ({ json: simple ? simplifyDialGroup(group) : group }));
}
