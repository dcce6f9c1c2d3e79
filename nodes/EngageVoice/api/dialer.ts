import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiPath, dialerAdmin, engageRequest } from '../transport';
import type { DirectoryCall } from './directory';
import { getList } from './directory';

/*
 * The outbound dialer's lists (API doc §10.1, §10.3, §10.8): dial groups, their campaigns, lead
 * states and system dispositions. No limit is stated for them, so they use the admin budget
 * (decision 13). Shared by the operations, the list searches and the dropdowns.
 */

/** Dial groups of a sub-account; `withCampaigns` asks `withChildren`, which adds slim campaigns. */
export async function listDialGroups(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	subAccountId: string,
	withCampaigns = false,
): Promise<IDataObject[]> {
	return await getList(ctx, call, `${dialerAdmin(subAccountId)}/dialGroups${withCampaigns ? '/withChildren' : ''}`);
}

/** Campaigns of one dial group (full `Campaign` objects). */
export async function listCampaigns(
	ctx: IAllExecuteFunctions,
	call: DirectoryCall,
	subAccountId: string,
	dialGroupId: string,
): Promise<IDataObject[]> {
	return await getList(
		ctx,
		call,
		`${dialerAdmin(subAccountId)}${apiPath`/dialGroups/${dialGroupId}/campaigns`}`,
		`dial group ${dialGroupId}`,
	);
}

/** A GET that answers a JSON array of strings (the lead-state and disposition enums). */
async function getNames(ctx: IAllExecuteFunctions, call: DirectoryCall, path: string): Promise<string[]> {
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{ method: 'GET', path, itemIndex: call.itemIndex, endpointClass: 'admin' },
		call.transport,
	);
	const body = response.body;
	if (!Array.isArray(body) || body.some((value) => typeof value !== 'string')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered GET ${path} with something other than a list of names`,
			{
				itemIndex: call.itemIndex,
				description: 'This endpoint returns a JSON array of strings. Check the host in the credential.',
			},
		);
	}
	return body as string[];
}

/** `GET …/campaignLeads/leadStates`: the states in the API's own spelling (`AGENT-CALLBACK` or `AGENT_CALLBACK`). */
export async function listLeadStates(ctx: IAllExecuteFunctions, call: DirectoryCall, subAccountId: string) {
	return await getNames(ctx, call, `${dialerAdmin(subAccountId)}/campaignLeads/leadStates`);
}

/** `GET …/campaignLeads/systemDispositions`. */
export async function listSystemDispositions(ctx: IAllExecuteFunctions, call: DirectoryCall, subAccountId: string) {
	return await getNames(ctx, call, `${dialerAdmin(subAccountId)}/campaignLeads/systemDispositions`);
}
