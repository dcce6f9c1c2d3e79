import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { familyTarget, listQueueGroups, listQueuesWithAgents } from '../../api/onDemand';
import {
	apiFamily,
	maxRetriesOption,
	maxRetryAfterOption,
	queueGroupLocator,
	rcAccountIdOption,
	retryBackoffOption,
	returnAllOrLimit,
	subAccountLocator,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const SCOPES = ['all', 'one'] as const;

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		...apiFamily,
		description:
			'RingCX (CX) reads queue groups with the current API; Classic reads gate groups of the older API, returned in the same shape',
	},
	{
		displayName: 'Queue Groups',
		name: 'queueGroupScope',
		type: 'options',
		default: 'one',
		description: 'Which queue groups to read; the API answers one group per request',
		options: [
			{
				name: 'All Groups',
				value: 'all',
				description: 'Every queue group of the sub-account (one request per group)',
			},
			{ name: 'One Group', value: 'one', description: 'A single queue group picked from the list or by ID' },
		],
	},
	{ ...queueGroupLocator, displayOptions: { show: { queueGroupScope: ['one'] } } },
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Active Queues Only',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only queues marked active',
			},
			maxRetriesOption,
			maxRetryAfterOption,
			{
				displayName: 'One Item per Queue and Agent',
				name: 'splitByAgent',
				type: 'boolean',
				default: false,
				description:
					'Whether to return one item per queue and assigned agent (agentId instead of agentIds), e.g. for a spreadsheet; a queue without agents gives one item with agentId null',
			},
			retryBackoffOption,
			{ ...rcAccountIdOption, displayOptions: { show: { '/apiFamily': ['cx'] } } },
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['queueGroup'], operation: ['getQueuesWithAgents'] } },
	properties,
);

function capMessage(queueGroupId: string, cap: number): string {
	return `Queue group ${queueGroupId} returned ${cap} queues, the most this API returns in one response: some queues may be missing`;
}

/**
 * Queues of one or all queue groups with the agents assigned to them: RingCX `getQueuesWithAgents`
 * (default) or classic `getGateGroupsWithAgents`.
 */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { itemParameters } = await import('../../parameters/reader');
	const { readAccountScope } = await import('../../parameters/common');
	const { numericIdParameter, requireOneOf } = await import('../../parameters/validate');
	const { normalizeQueueGroup, normalizeQueueWithAgents, QUEUES_WITH_AGENTS_CAP, splitQueueByAgent } = await import(
		'../../reports/directoryRows'
	);
	const i = context.itemIndex;
	const { subAccountId, family, rcOverride, options } = readAccountScope(itemParameters(this, i));
	const scope = requireOneOf(this, this.getNodeParameter('queueGroupScope', i, 'one'), 'Queue Groups', SCOPES, i);
	const chosenGroup = scope === 'one' ? numericIdParameter(this, 'queueGroup', 'Queue Group', i) : undefined;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	const split = options.splitByAgent === true;
	const activeOnly = options.activeOnly === true;

	const target = await familyTarget(this, context, family, rcOverride);
	const groupIds = chosenGroup
		? [chosenGroup]
		: (await listQueueGroups(this, context, target, subAccountId))
				.map((group) => String(normalizeQueueGroup(group).queueGroupId ?? ''))
				.filter((id, index, all) => id !== '' && all.indexOf(id) === index);

	const rows: IDataObject[] = [];
	for (const queueGroupId of groupIds) {
		const queues = await listQueuesWithAgents(this, context, target, subAccountId, queueGroupId);
		const capped = queues.length === QUEUES_WITH_AGENTS_CAP;
		if (capped) {
			this.addExecutionHints({ message: capMessage(queueGroupId, QUEUES_WITH_AGENTS_CAP), location: 'outputPane' });
		}
		for (const raw of queues) {
			const queue = normalizeQueueWithAgents(raw, queueGroupId);
			if (activeOnly && queue.isActive === false) continue;
			if (capped) queue.possiblyTruncated = true;
			rows.push(...(split ? splitQueueByAgent(queue) : [queue]));
		}
		if (!returnAll && rows.length >= limit) break;
	}
	return context.limitItems(rows).map((json) => ({ json }));
}
