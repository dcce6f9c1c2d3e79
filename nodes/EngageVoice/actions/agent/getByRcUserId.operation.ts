import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { agentGroupIdsOf, listAgentsOfGroups } from '../../api/onDemand';
import {
	failIfNotFoundOption,
	maxRetriesOption,
	maxRetryAfterOption,
	resolveSupervisorNamesOption,
	retryBackoffOption,
	simplify,
	subAccountLocator,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		displayName: 'RingCentral User ID',
		name: 'rcUserId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 222222',
		description:
			'The RingCentral (RingEX) user ID, also called extension ID, whose RingCX agent(s) to return; all agent groups of the sub-account are searched',
	},
	simplify,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			failIfNotFoundOption('no agent has this RingCentral user ID'),
			maxRetriesOption,
			maxRetryAfterOption,
			resolveSupervisorNamesOption,
			retryBackoffOption,
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getByRcUserId'] } },
	properties,
);

/*
 * The API has no lookup by RingCentral user id: the mapping needs every agent of the sub-account.
 * Those are read once per node run and sub-account, however many items ask, and kept only for
 * this run (the object n8n passes as `this` lives as long as one node execution).
 */
const runCache = new WeakMap<object, Map<string, Promise<IDataObject[]>>>();

async function agentsOfSubAccount(
	ctx: IExecuteFunctions,
	context: OperationContext,
	subAccountId: string,
): Promise<IDataObject[]> {
	let perRun = runCache.get(ctx);
	if (!perRun) runCache.set(ctx, (perRun = new Map()));
	const key = `${context.connection.apiRoot}|${subAccountId}`;
	let pending = perRun.get(key);
	if (!pending) {
		pending = (async () => {
			const { normalizeAgent } = await import('../../reports/directoryRows');
			const groupIds = await agentGroupIdsOf(ctx, context, subAccountId);
			return (await listAgentsOfGroups(ctx, context, subAccountId, groupIds)).map(normalizeAgent);
		})();
		perRun.set(key, pending);
		// a failure is reported for this item only: the next item asks again
		pending.catch(() => perRun.delete(key));
	}
	return await pending;
}

/** RingCentral user id → RingCX agent(s) of a sub-account, with supervisors and supervisees. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { numericIdParameter, requireNumericId } = await import('../../parameters/validate');
	const { addSupervisionNames, simplifyAgent } = await import('../../reports/directoryRows');
	const i = context.itemIndex;
	const subAccountId = numericIdParameter(this, 'subAccount', 'Sub-Account', i);
	const rcUserId = requireNumericId(this, this.getNodeParameter('rcUserId', i, ''), 'RingCentral User ID', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const failIfNotFound = options.failIfNotFound !== false;

	const all = await agentsOfSubAccount(this, context, subAccountId);
	let matches = all.filter((agent) => String(agent.rcUserId ?? '') === rcUserId);
	if (!matches.length) {
		if (failIfNotFound) {
			context.fail(
				`No agent has RingCentral user ID ${rcUserId} in sub-account ${subAccountId}`,
				'Check "RingCentral User ID" and "Sub-Account": the user may not be a RingCX agent, or belongs to another sub-account. Turn off "Fail If Not Found" in Options to get an item with found: false instead.',
			);
		}
		return [{ json: { found: false, rcUserId: Number(rcUserId), subAccountId } }];
	}
	if (options.resolveSupervisorNames === true) matches = addSupervisionNames(matches, all);
	return matches.map((agent) => {
		const row = { ...agent, found: true };
		return { json: simple ? simplifyAgent(row) : row };
	});
}
