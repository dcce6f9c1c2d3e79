import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listFromBody } from '../reports/directoryRows';
import type { EngageConnection, TransportOptions } from '../transport';
import { apiPath, classicAdmin, cxPrefix, engageRequest } from '../transport';
import type { FamilyTarget } from './accounts';
import type { AnswerTime } from './answerTime';
import { answerTime } from './answerTime';

/*
 * The directory endpoints (API doc §3, §4), shared by the operations and the list searches. All
 * are GETs that return the full list (no paging); every request goes through the transport.
 */

export interface DirectoryCall {
	connection: EngageConnection;
	itemIndex?: number;
	transport?: TransportOptions;
	/** Told when each answer was made, by the server's clock (undefined: no Date header). */
	onAnswer?: (time: AnswerTime | undefined) => void;
}

/** GET of a list of objects (admin budget, no paging); anything but a list is an error. */
export async function getList(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	path: string,
	context?: string,
): Promise<IDataObject[]> {
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{ method: 'GET', path, itemIndex: call.itemIndex, endpointClass: 'admin', context },
		call.transport,
	);
	call.onAnswer?.(answerTime(response.headers, Date.now()));
	const list = listFromBody(response.body);
	if (!list) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered GET ${path} with something other than a list${context ? ` (${context})` : ''}`,
			{
				itemIndex: call.itemIndex,
				description:
					'This endpoint returns a JSON array. Check the host in the credential (and, for directory lists, the API family).',
			},
		);
	}
	return list;
}

function cxTarget(ctx: IAllExecuteFunctions, call: DirectoryCall, target: FamilyTarget): string {
	if (!target.rcAccountId) {
		throw new NodeOperationError(ctx.getNode(), 'RingCX (CX) API calls need the RingCentral account ID', {
			itemIndex: call.itemIndex,
			description: 'Enter "RingCentral Account ID" in the credential or in the node options, or choose the Classic API family.',
		});
	}
	return target.rcAccountId;
}

/** Sub-accounts of the main account (classic `getSubAccountsByMainAccountId`, §4.2). */
export async function listSubAccounts(ctx: IAllExecuteFunctions, call: DirectoryCall, mainAccountId: string) {
	return await getList(ctx, call, `${classicAdmin}${apiPath`/accounts/${mainAccountId}/subaccounts`}`);
}

/** Admin users of the main account (classic `getUserList`, §4.1). */
export async function listUsers(ctx: IAllExecuteFunctions, call: DirectoryCall, mainAccountId: string) {
	return await getList(ctx, call, `${classicAdmin}${apiPath`/users/${mainAccountId}`}`);
}

/** Agent groups of a sub-account (classic `getAgentGroups`, §4.3). */
export async function listAgentGroups(ctx: IAllExecuteFunctions, call: DirectoryCall, subAccountId: string) {
	return await getList(ctx, call, `${classicAdmin}${apiPath`/accounts/${subAccountId}/agentGroups`}`);
}

/** Agents of one agent group (classic `getIntegrationAgentList`, §4.4). */
export async function listAgentsOfGroup(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	subAccountId: string,
	agentGroupId: string,
) {
	return await getList(
		ctx,
		call,
		`${classicAdmin}${apiPath`/accounts/${subAccountId}/agentGroups/${agentGroupId}/agents`}`,
		`agent group ${agentGroupId}`,
	);
}

/** Queue groups: CX `getQueueGroups` or classic `getGateGroups` (§4.5); rows as the API sent them. */
export async function listQueueGroups(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	target: FamilyTarget,
	subAccountId: string,
) {
	const path =
		target.family === 'cx'
			? `${cxPrefix(cxTarget(ctx, call, target), subAccountId)}/queue-groups`
			: `${classicAdmin}${apiPath`/accounts/${subAccountId}/gateGroups`}`;
	return await getList(ctx, call, path);
}

/** Queues of one group with their agents: CX `getQueuesWithAgents` or classic `getGateGroupsWithAgents` (§4.6). */
export async function listQueuesWithAgents(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	target: FamilyTarget,
	subAccountId: string,
	queueGroupId: string,
) {
	const path =
		target.family === 'cx'
			? `${cxPrefix(cxTarget(ctx, call, target), subAccountId)}${apiPath`/queue-groups/${queueGroupId}/with-agents`}`
			: `${classicAdmin}${apiPath`/accounts/${subAccountId}/gateGroups/${queueGroupId}/withAgents`}`;
	return await getList(ctx, call, path, `queue group ${queueGroupId}`);
}

/**
 * Agents of several groups: one request per group, in order, each through the transport and its
 * rate budget. `enough` lets a caller stop once it has what it needs (Limit).
 */
export async function listAgentsOfGroups(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	subAccountId: string,
	agentGroupIds: string[],
	enough?: (agentsSoFar: IDataObject[]) => boolean,
): Promise<IDataObject[]> {
	const agents: IDataObject[] = [];
	for (const agentGroupId of agentGroupIds) {
		agents.push(...(await listAgentsOfGroup(ctx, call, subAccountId, agentGroupId)));
		if (enough?.(agents)) break;
	}
	return agents;
}

/** The ids of every agent group of a sub-account, in the API's order. */
export async function agentGroupIdsOf(ctx: IAllExecuteFunctions, call: DirectoryCall, subAccountId: string) {
	const groups = await listAgentGroups(ctx, call, subAccountId);
	return [
		...new Set(
			groups
				.map((group) => String(group.agentGroupId ?? '').trim())
				.filter((id) => id !== ''),
		),
	];
}
