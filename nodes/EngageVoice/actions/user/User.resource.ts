import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the admin users of the main account with user ID, RingCentral user ID, names and email (agents are under Agent)',
				action: 'Get many users',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
