import { onFirstCall } from '../onFirstCall';

/*
 * The API calls the action node's operation files make, loaded with the transport on the first
 * call (../onFirstCall.ts): the operation files hold the descriptions n8n reads when it loads the
 * package, and importing the calls from here keeps the request code out of that load.
 */

export const { familyTarget, resolveMainAccountId } = onFirstCall(async () => await import('./accounts'), {
	familyTarget: true,
	resolveMainAccountId: true,
});

export const { listCampaigns, listDialGroups, listLeadStates, listSystemDispositions } = onFirstCall(
	async () => await import('./dialer'),
	{ listCampaigns: true, listDialGroups: true, listLeadStates: true, listSystemDispositions: true },
);

export const {
	agentGroupIdsOf,
	listAgentGroups,
	listAgentsOfGroups,
	listQueueGroups,
	listQueuesWithAgents,
	listSubAccounts,
	listUsers,
} = onFirstCall(async () => await import('./directory'), {
	agentGroupIdsOf: true,
	listAgentGroups: true,
	listAgentsOfGroups: true,
	listQueueGroups: true,
	listQueuesWithAgents: true,
	listSubAccounts: true,
	listUsers: true,
});

export const { findLeads, loadLeads, performLeadAction, searchLeads, writeLead } = onFirstCall(
	async () => await import('./leads'),
	{ findLeads: true, loadLeads: true, performLeadAction: true, searchLeads: true, writeLead: true },
);

export const { engageRequest } = onFirstCall(async () => await import('../transport/request'), { engageRequest: true });
