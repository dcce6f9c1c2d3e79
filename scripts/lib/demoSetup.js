'use strict';
/*
 * A running, fresh n8n set up the way the demo sets it up, over its REST API (what a user clicks in
 * the editor): the owner account, one credential of each kind for the simulator, the queue
 * statistics data table, the demo variants of the examples (demoWorkflows.js), and the two trigger
 * workflows activated. The demo, the screenshots and the examples' e2e tests all start here.
 */
const { credentialData } = require('../../test/simulator/credentials');
const { QUEUE_STATS_TABLE, demoWorkflows } = require('./demoWorkflows');

const OWNER = { email: 'demo@example.com', password: 'EngageVoice-Demo1', firstName: 'Demo', lastName: 'User' };

/** The demo variants that start from a polling trigger: activated when the demo activates. */
const TRIGGER_WORKFLOWS = ['queueStats', 'recordings'];

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
 * Returns { owner, projectId, credentials: {jwt, login, token}, table, workflows: {key: id},
 * workflowList }.
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
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	const variants = demoWorkflows({
		credential: credentials.jwt,
		subAccount: main,
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
		for (const key of TRIGGER_WORKFLOWS) await rest.activateWorkflow(ids[key]);
		// activation polls once right away (after the call returns): wait until those first polls,
		// and the executions they started, are done, so that their data is there when we say "ready"
		await Promise.all(TRIGGER_WORKFLOWS.map((key) => rest.waitForFirstPoll(ids[key])));
	}
	return { owner, projectId, credentials, table, workflows: ids, workflowList: Object.values(variants) };
}

module.exports = { provision };
