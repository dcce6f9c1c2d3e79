import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agentGroup'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the agent groups (teams) of a sub-account with their IDs and names',
				action: 'Get many agent groups',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
