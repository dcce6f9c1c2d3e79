import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the outbound campaigns of one dial group or of every dial group of a sub-account',
				action: 'Get many campaigns',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
