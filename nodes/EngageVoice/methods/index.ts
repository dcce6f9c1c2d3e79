import { onFirstCall } from '../onFirstCall';

/* The dropdown and list methods of the three nodes; their code loads on first use (../onFirstCall.ts); test/unit/loading.test.ts checks that every one is listed. */

export const listSearch = onFirstCall(async () => await import('./listSearch'), {
	searchAgentGroups: true,
	searchAgents: true,
	searchCampaigns: true,
	searchDialGroups: true,
	searchQueueGroups: true,
	searchSubAccounts: true,
});

export const loadOptions = onFirstCall(async () => await import('./loadOptions'), {
	getAgentGroups: true,
	getLeadStates: true,
	getSystemDispositions: true,
	getTimeZones: true,
});
