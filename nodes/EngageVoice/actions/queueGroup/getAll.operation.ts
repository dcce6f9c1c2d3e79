import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiFamily } from '../../helpers/directoryApi';
import { familyTarget, listQueueGroups } from '../../helpers/directoryApi';
import { normalizeQueueGroup, simplifyQueueGroup } from '../../helpers/directoryRows';
import { numericIdParameter, optionalNumericId, requireOneOf } from '../../helpers/validate';
import {
	apiFamily,
	maxRetriesOption,
	rcAccountIdOption,
	retryBackoffOption,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
} from '../common.descriptions';
import type { OperationContext } from '../router';

export const API_FAMILIES: readonly ApiFamily[] = ['classic', 'cx'];

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
			retryBackoffOption,
			{ ...rcAccountIdOption, displayOptions: { show: { '/apiFamily': ['cx'] } } },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['queueGroup'], operation: ['getAll'] } },
	properties,
);

/** Sub-account, API family and (for CX) the RingCentral account id, checked before any list request. */
export async function queueGroupTarget(this: IExecuteFunctions, context: OperationContext) {
	const i = context.itemIndex;
	const subAccountId = numericIdParameter(this, 'subAccount', 'Sub-Account', i);
	const family = requireOneOf(this, this.getNodeParameter('apiFamily', i, 'cx'), 'API Family', API_FAMILIES, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const rcOverride = family === 'cx' ? optionalNumericId(this, options.rcAccountId, 'RingCentral Account ID', i) : undefined;
	return { subAccountId, family, rcOverride, options };
}

/** Queue groups: RingCX `getQueueGroups` (default) or classic `getGateGroups`, one shape for both. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const i = context.itemIndex;
	const { subAccountId, family, rcOverride } = await queueGroupTarget.call(this, context);
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const target = await familyTarget(this, context, family, rcOverride);
	const groups = (await listQueueGroups(this, context, target, subAccountId)).map(normalizeQueueGroup);
	return context.limitItems(groups).map((group) => ({ json: simple ? simplifyQueueGroup(group) : group }));
}
