import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { listUsers, resolveMainAccountId } from '../../api/onDemand';
import {
	mainAccountIdOption,
	maxRetriesOption,
	maxRetryAfterOption,
	retryBackoffOption,
	returnAllOrLimit,
	simplify,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		...simplify,
		description:
			'Whether to return only userId, rcUserId, names, email and envID instead of the full user record',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [mainAccountIdOption, maxRetriesOption, maxRetryAfterOption, retryBackoffOption, timeoutOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

/** Admin users of the main account (classic `getUserList`); agents are under the Agent resource. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { optionalNumericId } = await import('../../parameters/validate');
	const { normalizeUser, simplifyUser } = await import('../../reports/directoryRows');
	const i = context.itemIndex;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const override = optionalNumericId(this, options.mainAccountId, 'Main Account ID', i);
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const mainAccountId = await resolveMainAccountId(this, context.connection, override);
	const users = (await listUsers(this, context, mainAccountId)).map(normalizeUser);
	return context.limitItems(users).map((user) => ({ json: simple ? simplifyUser(user) : user }));
}
