import type { INodeProperties } from 'n8n-workflow';

import * as agentExtendedStats from './agentExtendedStats.operation';
import * as agentStats from './agentStats.operation';
import * as interactionMetadata from './interactionMetadata.operation';
import * as queueStats from './queueStats.operation';

export const operations = {
	agentExtendedStats: agentExtendedStats.execute,
	agentStats: agentStats.execute,
	interactionMetadata: interactionMetadata.execute,
	queueStats: queueStats.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Agent Extended Statistics',
				value: 'agentExtendedStats',
				description:
					'Per agent, queue and interval: handle time, after-call work, answered and transferred calls, over any date range',
				action: 'Get agent extended statistics',
			},
			{
				name: 'Agent Statistics',
				value: 'agentStats',
				description:
					'Per agent and interval: available, working, paused, waiting and admin time, direct calls in and out, over any date range',
				action: 'Get agent statistics',
			},
			{
				name: 'Interaction Metadata',
				value: 'interactionMetadata',
				description:
					'One row per agent segment of each call (dialog, segment, agent, times, dispositions, recording flags), over any date range',
				action: 'Get interaction metadata',
			},
			{
				name: 'Queue Statistics',
				value: 'queueStats',
				description:
					'Per queue and interval: offered, answered and abandoned calls, wait, talk and wrap-up time, service level, over any date range',
				action: 'Get queue statistics',
			},
		],
		default: 'queueStats',
	},
	...agentExtendedStats.description,
	...agentStats.description,
	...interactionMetadata.description,
	...queueStats.description,
];
