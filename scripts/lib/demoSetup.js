'use strict';
/*
 * A running, fresh n8n set up the way the demo sets it up, over its REST API (what a user clicks in
 * the editor): the owner account, one credential of each kind for the simulator, the queue
 * statistics and agent states data tables, the demo variants of the examples (demoWorkflows.js), and
 * the three trigger workflows activated. The demo, the screenshots and the examples' e2e tests all start here.
 */
const { credentialData } = require('../../test/simulator/credentials');
const { DEMO_CAMPAIGN, QUEUE_STATS_TABLE, agentStatesTable, demoWorkflows } = require('./demoWorkflows');

const OWNER = { email: 'demo@example.com', password: 'EngageVoice-Demo1', firstName: 'Demo', lastName: 'User' };

/**
 * The demo variants that start from one of our triggers: activated when the demo activates, and
 * waited for until their static data is there (first poll, or the stored subscription).
 */
const TRIGGER_WORKFLOWS = ['queueStats', 'recordings', 'agentStates'];
/** The demo variants that start from a webhook: activated too (no first poll to wait for). */
const WEBHOOK_WORKFLOWS = ['contactToLead'];

/**
 * The lead workflows' campaign and callback agent (the simulator's main sub-account), and the
 * closed deals the CRM stand-in holds for "close leads from the CRM": two won and two lost deals of
 * READY leads of the campaign, by external IDs no other lead shares.
 */
function leadDemoData(sim) {
	const sub = String(sim.world.mainSubAccountId);
	const campaign = sim.world.campaigns.find((c) => String(c.subAccountId) === sub && c.campaignName === DEMO_CAMPAIGN);
	const agent = sim.world.agents.find((a) => String(a.subAccountId) === sub && a.isActive && a.agentType === 'AGENT');
	const leads = sim.truth.leads({ campaignId: campaign.campaignId });
	const count = new Map();
	for (const lead of leads) count.set(lead.externId, (count.get(lead.externId) || 0) + 1);
	const picked = leads.filter((l) => l.leadState === 'READY' && count.get(l.externId) === 1).slice(0, 4);
	const deals = picked.map((lead, i) => ({
		crmId: lead.externId,
		status: 'closed',
		outcome: i < 2 ? 'won' : 'lost',
		closedAt: new Date(sim.control.now() - (i + 1) * 600_000).toISOString(),
	}));
	return {
		campaign: { campaignId: campaign.campaignId, campaignName: campaign.campaignName },
		agent: { agentId: agent.agentId, name: `${agent.firstName} ${agent.lastName}` },
		deals,
	};
}

/** Credentials for the simulator, one of each kind (plain data; n8n encrypts them). */
function simulatorCredentials(sim) {
	const kinds = [
		['jwt', 'Simulator (RingCentral JWT)', 'engageVoiceJwtApi'],
		['login', 'Simulator (Engage Login)', 'engageVoiceLoginApi'],
		['token', 'Simulator (API Token)', 'engageVoiceTokenApi'],
	];
	return Object.fromEntries(kinds.map(([key, name, type]) => [key, { name, type, data: credentialData(sim, type) }]));
}

/**
 * Everything the demo sets up in a running, fresh n8n (`instance`: an n8nInstance with its server
 * started): owner, credentials (all three kinds), the queue statistics data table, the demo
 * workflows; activates the trigger workflows if `activate` and waits for their first polls.
 * `sim`: the running simulator; `sinkUrl`: the CRM sink; `startFromMs`, `pollMinutes`, `demoBudget`:
 * see demoWorkflows(). `transform(workflow, key)` may change a workflow before it is saved (tests).
 * Also puts the demo's closed deals into the CRM sink. Returns { owner, projectId, credentials:
 * {jwt, login, token}, table, agentStatesTable, workflows: {key: id}, workflowList, leads: {campaign,
 * agent, deals} }.
 */
async function provision(
	instance,
	{ sim, sinkUrl, activate = true, startFromMs, pollMinutes, demoBudget = true, owner = OWNER, transform },
) {
	const rest = instance.rest;
	await rest.setupOwner(owner);
	const projectId = await rest.personalProjectId();
	const credentials = {};
	for (const [key, spec] of Object.entries(simulatorCredentials(sim))) {
		const saved = await rest.createCredential(spec);
		credentials[key] = { id: saved.id, name: saved.name, type: spec.type };
	}
	const table = await rest.createDataTable(projectId, QUEUE_STATS_TABLE);
	const agentStates = await rest.createDataTable(projectId, agentStatesTable());
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	const leadData = leadDemoData(sim);
	const seeded = await fetch(`${sinkUrl}/crm/deals`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(leadData.deals),
	});
	if (!seeded.ok) throw new Error(`the CRM sink refused the demo deals: ${seeded.status}`);
	const variants = demoWorkflows({
		credential: credentials.jwt,
		subAccount: main,
		campaign: leadData.campaign,
		agent: leadData.agent,
		queueStatsTable: { id: table.id, name: table.name, projectId },
		sinkUrl,
		startFromMs,
		pollMinutes,
		demoBudget,
	});
	const ids = {};
	for (const [key, workflow] of Object.entries(variants)) {
		if (transform) transform(workflow, key);
		await rest.createWorkflow(workflow);
		ids[key] = workflow.id;
	}
	if (activate) {
		for (const key of [...TRIGGER_WORKFLOWS, ...WEBHOOK_WORKFLOWS]) await rest.activateWorkflow(ids[key]);
		// activation polls once right away (after the call returns): wait until those first polls,
		// and the executions they started, are done, so that their data is there when we say "ready"
		// (the events trigger has stored its subscription by the time its activation returned)
		await Promise.all(TRIGGER_WORKFLOWS.map((key) => rest.waitForFirstPoll(ids[key])));
	}
	return {
		owner,
		projectId,
		credentials,
		table,
		agentStatesTable: agentStates,
		workflows: ids,
		workflowList: Object.values(variants),
		leads: leadData,
	};
}

module.exports = { provision, leadDemoData };
