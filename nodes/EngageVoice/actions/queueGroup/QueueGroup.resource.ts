import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getQueuesWithAgents from './getQueuesWithAgents.operation';

export const operations = { getAll: getAll.execute, getQueuesWithAgents: getQueuesWithAgents.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queueGroup'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the queue groups of a sub-account with their IDs, names and type (voice or digital)',
				action: 'Get many queue groups',
			},
			{
				name: 'Get Queues With Agents',
				value: 'getQueuesWithAgents',
				description:
					'List the queues of one or all queue groups with the IDs of the agents assigned to each queue',
				action: 'Get queues with agents',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getQueuesWithAgents.description,
];
