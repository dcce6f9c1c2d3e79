import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getByRcUserId from './getByRcUserId.operation';

export const operations = { getAll: getAll.execute, getByRcUserId: getByRcUserId.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Get by RingCentral User ID',
				value: 'getByRcUserId',
				description:
					'Find the RingCX agent(s) of a RingCentral user ID, with agent ID, group, type, supervisors and supervisees',
				// "RingCentral" is a brand name; the rule would lower-case it to "ring central"
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'Get agents by RingCentral user ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the agents of one agent group, several, or every group of a sub-account, with RingCentral user IDs, supervisors and supervisees',
				action: 'Get many agents',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getByRcUserId.description,
];
