import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from '../helpers/directoryApi';
import { familyTarget, listAgentGroups, listQueueGroups, listSubAccounts } from '../helpers/directoryApi';
import { normalizeQueueGroup } from '../helpers/directoryRows';
import { getConnection, resolveMainAccountId } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) => String(v ?? '').toLowerCase().includes(needle));
}

export async function searchSubAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await getConnection(this);
	const mainAccountId = await resolveMainAccountId(this, connection);
	const subAccounts = await listSubAccounts(this, { connection }, mainAccountId);
	const results = subAccounts
		.filter((s) => matches(filter, s.subAccountName, s.subAccountId))
		.map((s) => ({ name: `${s.subAccountName} (${s.subAccountId})`, value: String(s.subAccountId) }));
	return { results };
}

function currentParameter(ctx: ILoadOptionsFunctions, name: string, extractValue = false): unknown {
	try {
		return ctx.getCurrentNodeParameter(name, extractValue ? { extractValue: true } : undefined);
	} catch {
		return undefined;
	}
}

/** The sub-account chosen in the node, which the group lists depend on. */
function chosenSubAccount(ctx: ILoadOptionsFunctions): string {
	const id = String(currentParameter(ctx, 'subAccount', true) ?? '').trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), 'Choose a sub-account first', {
			description: 'The list depends on "Sub-Account": pick one from its list or enter its numeric ID.',
		});
	}
	return id;
}

export async function searchAgentGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groups = await listAgentGroups(this, { connection }, subAccountId);
	const results = groups
		.filter((g) => matches(filter, g.groupName, g.agentGroupId))
		.map((g) => ({ name: `${g.groupName} (${g.agentGroupId})`, value: String(g.agentGroupId) }));
	return { results };
}

export async function searchQueueGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subAccountId = chosenSubAccount(this);
	const family: ApiFamily = currentParameter(this, 'apiFamily') === 'classic' ? 'classic' : 'cx';
	const options = (currentParameter(this, 'options') ?? {}) as IDataObject;
	const rcOverride = String(options.rcAccountId ?? '').trim() || undefined;
	const connection = await getConnection(this);
	const target = await familyTarget(this, { connection }, family, rcOverride);
	const groups = (await listQueueGroups(this, { connection }, target, subAccountId)).map(normalizeQueueGroup);
	const results = groups
		.filter((g) => matches(filter, g.groupName, g.queueGroupId, g.queueGroupType))
		.map((g) => ({
			name: `${g.groupName} (${g.queueGroupId}${g.queueGroupType ? `, ${String(g.queueGroupType).toLowerCase()}` : ''})`,
			value: String(g.queueGroupId),
		}));
	return { results };
}
