import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dialGroup'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the dial groups (outbound dialers) of a sub-account, optionally with their campaigns',
				action: 'Get many dial groups',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
