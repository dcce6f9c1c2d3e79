import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { returnAllOrLimit } from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { listSubAccounts, resolveMainAccountId } from '../../api/onDemand';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only sub-accounts marked active',
			},
			{
				displayName: 'Main Account ID',
				name: 'mainAccountId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 99990000',
				description: 'Main account to list; by default the one the credential signed in to',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subAccount'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const i = context.itemIndex;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const override = String(options.mainAccountId ?? '').trim();
	if (override && !/^\d+$/.test(override)) {
		context.fail('"Main Account ID" must be a numeric ID', 'Enter the Engage main account ID, e.g. 99990000, or leave it empty.');
	}
	const mainAccountId = await resolveMainAccountId(this, context.connection, override || undefined);
	let subAccounts = await listSubAccounts(this, context, mainAccountId);
	if (options.activeOnly) subAccounts = subAccounts.filter((s) => s.isActive !== false);
	return context.limitItems(subAccounts).map((json) => ({ json }));
}
