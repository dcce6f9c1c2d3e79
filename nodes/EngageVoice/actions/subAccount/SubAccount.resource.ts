import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subAccount'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the main account's sub-accounts with their IDs, names and active flag",
				action: 'Get many sub accounts',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
