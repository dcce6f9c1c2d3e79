import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { familyTarget, resolveMainAccountId } from '../api/accounts';
import { listDialGroups } from '../api/dialer';
import {
	agentGroupIdsOf,
	listAgentGroups,
	listAgentsOfGroups,
	listQueueGroups,
	listSubAccounts,
} from '../api/directory';
import { readAccountScope } from '../parameters/common';
import { editedParameters } from '../parameters/reader';
import { agentDisplayName, normalizeQueueGroup } from '../reports/directoryRows';
import { getConnection } from '../transport';
import { chosenSubAccount } from './chosenSubAccount';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) =>
		String(v ?? '')
			.toLowerCase()
			.includes(needle),
	);
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

export async function searchDialGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groups = await listDialGroups(this, { connection }, subAccountId);
	const results = groups
		.filter((g) => matches(filter, g.dialGroupName, g.dialGroupId, g.dialMode))
		.map((g) => ({
			name: `${g.dialGroupName} (${g.dialGroupId}${g.dialMode ? `, ${String(g.dialMode).toLowerCase()}` : ''})`,
			value: String(g.dialGroupId),
		}));
	return { results };
}

/** Every campaign of the sub-account, from one `withChildren` request, named with its dial group. */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groups = await listDialGroups(this, { connection }, subAccountId, true);
	const results = groups
		.flatMap((g) =>
			(Array.isArray(g.campaigns) ? (g.campaigns as Array<Record<string, unknown>>) : []).map((c) => ({
				campaign: c,
				groupName: g.dialGroupName,
			})),
		)
		.filter(({ campaign, groupName }) => matches(filter, campaign.campaignName, campaign.campaignId, groupName))
		.map(({ campaign, groupName }) => ({
			name: `${String(campaign.campaignName)} (${String(campaign.campaignId)}) · ${String(groupName ?? '')}`,
			value: String(campaign.campaignId),
		}));
	return { results };
}

/** The active agents of every agent group of the sub-account (one request per group). */
export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groupIds = await agentGroupIdsOf(this, { connection }, subAccountId);
	const agents = await listAgentsOfGroups(this, { connection }, subAccountId, groupIds);
	const seen = new Set<string>();
	const results = agents
		.filter((a) => a.isActive !== false && !seen.has(String(a.agentId)) && seen.add(String(a.agentId)))
		.filter((a) => matches(filter, agentDisplayName(a), a.agentId, a.email))
		.map((a) => ({ name: `${agentDisplayName(a) ?? 'Agent'} (${String(a.agentId)})`, value: String(a.agentId) }));
	return { results };
}
