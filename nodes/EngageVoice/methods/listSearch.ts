import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { familyTarget, resolveMainAccountId } from '../api/accounts';
import { listAgentGroups, listQueueGroups, listSubAccounts } from '../api/directory';
import { readAccountScope } from '../parameters/common';
import { editedParameters } from '../parameters/reader';
import { normalizeQueueGroup } from '../reports/directoryRows';
import { getConnection } from '../transport';
import { chosenSubAccount } from './chosenSubAccount';

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
	chosenSubAccount(this);
	const { subAccountId, family, rcOverride } = readAccountScope(editedParameters(this));
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
