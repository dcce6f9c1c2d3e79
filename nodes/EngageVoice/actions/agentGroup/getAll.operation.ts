import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { listAgentGroups } from '../../api/onDemand';
import {
	maxRetriesOption,
	maxRetryAfterOption,
	retryBackoffOption,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

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
		options: [maxRetriesOption, maxRetryAfterOption, retryBackoffOption, timeoutOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentGroup'], operation: ['getAll'] } },
	properties,
);

/** Agent groups (teams) of one sub-account (classic `getAgentGroups`). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { numericIdParameter } = await import('../../parameters/validate');
	const { normalizeAgentGroup, simplifyAgentGroup } = await import('../../reports/directoryRows');
	const i = context.itemIndex;
	const subAccountId = numericIdParameter(this, 'subAccount', 'Sub-Account', i);
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const groups = (await listAgentGroups(this, context, subAccountId)).map(normalizeAgentGroup);
	return context.limitItems(groups).map((group) => ({ json: simple ? simplifyAgentGroup(group) : group }));
}
