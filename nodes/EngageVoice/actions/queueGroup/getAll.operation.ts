import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { familyTarget, listQueueGroups } from '../../api/onDemand';
import {
	apiFamily,
	maxRetriesOption,
	maxRetryAfterOption,
	rcAccountIdOption,
	retryBackoffOption,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		...apiFamily,
		description:
			'RingCX (CX) lists queue groups (voice and digital) with the current API; Classic lists the inbound gate groups of the older API, returned in the same shape',
	},
	...returnAllOrLimit,
	simplify,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			maxRetriesOption,
			maxRetryAfterOption,
			retryBackoffOption,
			{ ...rcAccountIdOption, displayOptions: { show: { '/apiFamily': ['cx'] } } },
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['queueGroup'], operation: ['getAll'] } },
	properties,
);

/** Queue groups: RingCX `getQueueGroups` (default) or classic `getGateGroups`, one shape for both. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { itemParameters } = await import('../../parameters/reader');
	const { readAccountScope } = await import('../../parameters/common');
	const { normalizeQueueGroup, simplifyQueueGroup } = await import('../../reports/directoryRows');
	const i = context.itemIndex;
	const { subAccountId, family, rcOverride } = readAccountScope(itemParameters(this, i));
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const target = await familyTarget(this, context, family, rcOverride);
	const groups = (await listQueueGroups(this, context, target, subAccountId)).map(normalizeQueueGroup);
	return context.limitItems(groups).map((group) => ({ json: simple ? simplifyQueueGroup(group) : group }));
}
