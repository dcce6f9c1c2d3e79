import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listAgentGroups } from '../../helpers/directoryApi';
import { normalizeAgentGroup, simplifyAgentGroup } from '../../helpers/directoryRows';
import { numericIdParameter } from '../../helpers/validate';
import { maxRetriesOption, retryBackoffOption, returnAllOrLimit, simplify, subAccountLocator } from '../common.descriptions';
import type { OperationContext } from '../router';

const properties: INodeProperties[] = [
	subAccountLocator,
	...returnAllOrLimit,
	simplify,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxRetriesOption, retryBackoffOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentGroup'], operation: ['getAll'] } },
	properties,
);

/** Agent groups (teams) of one sub-account (classic `getAgentGroups`). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const i = context.itemIndex;
	const subAccountId = numericIdParameter(this, 'subAccount', 'Sub-Account', i);
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const groups = (await listAgentGroups(this, context, subAccountId)).map(normalizeAgentGroup);
	return context.limitItems(groups).map((group) => ({ json: simple ? simplifyAgentGroup(group) : group }));
}
