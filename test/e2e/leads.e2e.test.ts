/*
 * Lead management in real n8n against the simulator: every Dial Group, Campaign and Lead operation
 * run from the editor's REST API; the two lead examples set up exactly as `npm run demo` sets them
 * up (scripts/lib/demoSetup.js provision()), the contact workflow called through its production
 * webhook; a custom API call through n8n's HTTP Request node with our credential as a predefined
 * credential type (sign-in, token refresh). Each result is compared with the simulator's lead store
 * (the ground truth) and with what was sent.
 */
import * as crypto from 'crypto';

import { type N8n, type Simulator, newN8n, nodeItems, recordTiming, startSimulator } from './helpers';

// what the demo sets up (scripts/lib: CommonJS, no types of their own)
const { TIME_ZONE } = require('../../scripts/lib/demoWorkflows');
const { provision } = require('../../scripts/lib/demoSetup');
const { startSink } = require('../../scripts/lib/crmSink');

const ENGAGE = 'n8n-nodes-engage-voice.engageVoice';
const { setTimeout: sleep } = require('timers/promises');

describe('lead management in real n8n (the demo set-up, against the simulator)', () => {
	let sim: Simulator;
	let sink: any;
	let n8n: N8n;
	let setup: any;
	let sub: string;
	let campaignId: number;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 7 });
		sink = await startSink({ port: 0 });
		n8n = await newN8n('leads', { env: { GENERIC_TIMEZONE: TIME_ZONE } });
		const started = Date.now();
		await n8n.startServer();
		recordTiming('leads: n8n start', Date.now() - started);
		setup = await provision(n8n, { sim, sinkUrl: sink.url, activate: false });
		sub = String(sim.world.mainSubAccountId);
		campaignId = setup.leads.campaign.campaignId;
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await sim?.close();
	});

	const leadsNow = () => sim.truth.leads({ campaignId }) as any[];
	const leadById = (id: number) => (sim.truth.leads({}) as any[]).find((l) => l.leadId === id);
	const runError = (execution: any) => execution.data?.resultData?.error;
	const expectSuccess = (execution: any) => {
		if (execution.status !== 'success') {
			throw new Error(`execution ${execution.id}: ${execution.status}: ${JSON.stringify(runError(execution))?.slice(0, 1500)}`);
		}
	};

	async function run(workflowId: string, triggerName: string) {
		const started = Date.now();
		const executionId = await n8n.rest.runWorkflow(workflowId, { triggerName });
		const execution = await n8n.rest.waitForExecution(executionId, { timeoutMs: 180_000 });
		recordTiming(`leads: run ${workflowId} (${execution.status})`, Date.now() - started);
		return execution;
	}

	let count = 0;
	/** Manual Trigger → (the items, if any) → one Engage Voice node; runs it and returns the execution. */
	async function runOperation(parameters: Record<string, unknown>, items?: object[]) {
		const id = `evLeadOp${++count}${crypto.randomBytes(3).toString('hex')}`;
		const nodes: any[] = [{ id: crypto.randomUUID(), name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
		const connections: any = {};
		let previous = 'Manual Trigger';
		if (items) {
			nodes.push(
				{
					id: crypto.randomUUID(),
					name: 'Contacts',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [200, 0],
					parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts: items }), options: {} },
				},
				{
					id: crypto.randomUUID(),
					name: 'One item per contact',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [400, 0],
					parameters: { fieldToSplitOut: 'contacts', options: {} },
				},
			);
			connections['Manual Trigger'] = { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] };
			connections.Contacts = { main: [[{ node: 'One item per contact', type: 'main', index: 0 }]] };
			previous = 'One item per contact';
		}
		nodes.push({
			id: crypto.randomUUID(),
			name: 'Engage Voice',
			type: ENGAGE,
			typeVersion: 1,
			position: [600, 0],
			parameters: {
				authentication: 'ringCentralJwt',
				subAccount: { __rl: true, mode: 'id', value: sub },
				...parameters,
				options: { retryBackoffSeconds: 0, ...((parameters.options as object) ?? {}) },
			},
			credentials: { engageVoiceJwtApi: { id: setup.credentials.jwt.id, name: setup.credentials.jwt.name } },
		});
		connections[previous] = { main: [[{ node: 'Engage Voice', type: 'main', index: 0 }]] };
		await n8n.rest.createWorkflow({ id, name: `lead operation ${id}`, nodes, connections, settings: { executionOrder: 'v1', timezone: TIME_ZONE } });
		return await run(id, 'Manual Trigger');
	}
	const campaign = () => ({ __rl: true, mode: 'id', value: String(campaignId) });

	test('Dial Group, Campaign, Get States and Get System Dispositions list what the simulator holds', async () => {
		const groups = await runOperation({ resource: 'dialGroup', operation: 'getAll', returnAll: true });
		expectSuccess(groups);
		const expectedGroups = sim.world.dialGroups.filter((g: any) => String(g.subAccountId) === sub).map((g: any) => g.dialGroupId);
		expect(nodeItems(groups.data, 'Engage Voice').map((g) => g.dialGroupId)).toEqual(expectedGroups);

		const campaigns = await runOperation({ resource: 'campaign', operation: 'getAll', returnAll: true });
		expectSuccess(campaigns);
		const expectedCampaigns = sim.world.campaigns.filter((c: any) => String(c.subAccountId) === sub).map((c: any) => c.campaignId);
		expect(nodeItems(campaigns.data, 'Engage Voice').map((c) => c.campaignId)).toEqual(expectedCampaigns);

		const states = await runOperation({ resource: 'lead', operation: 'getStates' });
		expectSuccess(states);
		expect(nodeItems(states.data, 'Engage Voice')).toContainEqual({ leadState: 'AGENT-CALLBACK' });
		const dispositions = await runOperation({ resource: 'lead', operation: 'getSystemDispositions' });
		expectSuccess(dispositions);
		expect(nodeItems(dispositions.data, 'Engage Voice')).toHaveLength(17);
	});

	test('Lead › Load, Search, Get, Update, Replace and Action change the lead store as sent', async () => {
		const contacts = [
			{ crmId: 'e2e-1', phone: '2125550101', firstName: 'Ada', lastName: 'Lovelace' },
			{ crmId: 'e2e-2', phone: '123', firstName: 'Bad', lastName: 'Phone' },
			{ crmId: 'e2e-3', phone: '3125550103', firstName: 'Alan', lastName: 'Turing' },
		];
		const load = await runOperation(
			{
				resource: 'lead',
				operation: 'load',
				campaign: campaign(),
				leadPhone: '={{ $json.phone }}',
				externId: '={{ $json.crmId }}',
				timeZoneOption: 'NPA_NXX',
				additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}' },
			},
			contacts,
		);
		expectSuccess(load);
		const results = nodeItems(load.data, 'Engage Voice');
		expect(results.map((r) => [r.externId, r.result])).toEqual([
			['e2e-1', 'inserted'],
			['e2e-2', 'rejected'],
			['e2e-3', 'inserted'],
		]);
		expect(results[1].reason).toBe('Invalid phone number: 123');
		const loaded = leadsNow().filter((l) => String(l.externId).startsWith('e2e-'));
		expect(loaded.map((l) => [l.externId, l.leadPhone, l.firstName, l.lastName, l.leadTimezone])).toEqual([
			['e2e-1', '2125550101', 'Ada', 'Lovelace', 'EST'],
			['e2e-3', '3125550103', 'Alan', 'Turing', 'CST'],
		]);
		// three items, one request
		const load0 = (sim.truth.leadLoads() as any[]).at(-1);
		expect(load0.request.uploadLeads).toHaveLength(3);

		const search = await runOperation({ resource: 'lead', operation: 'search', campaign: campaign(), returnAll: true, filters: { leadStates: ['READY'] }, options: { pageSize: 50 } });
		expectSuccess(search);
		expect(nodeItems(search.data, 'Engage Voice').map((r) => r.leadId)).toEqual(leadsNow().filter((l) => l.leadState === 'READY').map((l) => l.leadId));

		const get = await runOperation({ resource: 'lead', operation: 'get', campaign: campaign(), findBy: 'externId', externId: 'e2e-3' });
		expectSuccess(get);
		const [found] = nodeItems(get.data, 'Engage Voice');
		expect(found).toMatchObject({ found: true, leadId: loaded[1].leadId });

		const update = await runOperation({ resource: 'lead', operation: 'update', campaign: campaign(), leadId: String(found.leadId), updateFields: { email: 'alan@example.com' } });
		expectSuccess(update);
		expect(leadById(found.leadId)).toMatchObject({ email: 'alan@example.com', firstName: 'Alan' });

		const replace = await runOperation({ resource: 'lead', operation: 'replace', campaign: campaign(), leadId: String(found.leadId), leadPhone: '3125550103', externId: 'e2e-3' });
		expectSuccess(replace);
		expect(leadById(found.leadId)).toMatchObject({ email: null, firstName: null, leadPhone: '3125550103', externId: 'e2e-3' });

		const pause = await runOperation({ resource: 'lead', operation: 'action', campaign: campaign(), leadAction: 'PAUSE_LEADS', filters: { externIds: 'e2e-1, e2e-3' } });
		expectSuccess(pause);
		expect(nodeItems(pause.data, 'Engage Voice')[0]).toMatchObject({ success: true, leadUpdateCount: 2 });
		expect(loaded.map((l) => leadById(l.leadId).leadState)).toEqual(['PAUSED', 'PAUSED']);

		const before = leadsNow();
		const unguarded = await runOperation({ resource: 'lead', operation: 'action', campaign: campaign(), leadAction: 'DELETE_LEADS', filters: { leadStates: ['READY'] } });
		expect(unguarded.status).toBe('error');
		expect(runError(unguarded)?.message).toBe('"Delete" refused: no lead is named');
		expect(leadsNow()).toEqual(before);
	});

	/** POSTs a contact to the active workflow's production webhook and returns the execution it started. */
	async function postContact(contact: object) {
		const workflowId = setup.workflows.contactToLead;
		const before = new Set(await n8n.rest.executionIds(workflowId));
		const post = () =>
			fetch(`${n8n.baseUrl}/webhook/engage-voice-lead`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(contact),
			});
		// a workflow's webhook is registered a moment after its activation returns
		let res = await post();
		for (let i = 0; res.status === 404 && i < 40; i++) {
			await sleep(500);
			res = await post();
		}
		expect(res.status).toBe(200);
		for (let i = 0; i < 240; i++) {
			const fresh = (await n8n.rest.executionIds(workflowId)).filter((id) => !before.has(id));
			if (fresh.length) return await n8n.rest.waitForExecution(fresh[0], { timeoutMs: 120_000 });
			await sleep(250);
		}
		throw new Error('the webhook call started no execution');
	}

	test('example "CRM contact → campaign lead": new contacts are loaded and called back, duplicates update the existing lead', async () => {
		await n8n.rest.activateWorkflow(setup.workflows.contactToLead);
		const agent = setup.leads.agent;
		const year = new Date().getUTCFullYear() + 1;

		// a new contact who asked for a call back at 09:00 their time (Chicago, CDT in July)
		const fresh = { crmId: 'web-1001', phone: '6175550142', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', tier: 'gold', callbackAt: `${year}-07-24T09:00:00`, timeZone: 'America/Chicago' };
		let execution = await postContact(fresh);
		expectSuccess(execution);
		expect(nodeItems(execution.data, 'Load into the campaign')[0]).toMatchObject({ result: 'inserted', externId: 'web-1001' });
		const inserted = leadsNow().filter((l) => l.externId === 'web-1001');
		expect(inserted).toHaveLength(1);
		expect(inserted[0]).toMatchObject({
			leadPhone: fresh.phone,
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
			auxData1: 'gold',
			leadState: 'AGENT-CALLBACK',
			pendingAgentId: agent.agentId,
			nextDialTime: Date.parse(`${year}-07-24T14:00:00Z`),
		});
		const callback = (sim.truth.leadActions() as any[]).at(-1);
		expect(callback).toMatchObject({
			leadAction: 'CALLBACK_LEADS',
			paramMap: { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agent.agentId, CALLBACK_DATE: `${year}-07-24T14:00:00.000+0000` },
			matchedLeadIds: [inserted[0].leadId],
		});

		// a contact whose phone the campaign already has: no new lead, the existing one updated
		// (not one of the demo's closed deals, which the close-leads test below expects as they are)
		const dealIds = new Set(setup.leads.deals.map((d: any) => d.crmId));
		const existing = leadsNow().find(
			(l) => l.leadState === 'READY' && l.externId !== 'web-1001' && !dealIds.has(l.externId) && leadsNow().filter((o) => o.leadPhone === l.leadPhone).length === 1,
		);
		const count = leadsNow().length;
		const duplicate = { crmId: 'web-1002', phone: existing.leadPhone, firstName: 'Katherine', lastName: 'Johnson', email: 'kj@example.com' };
		execution = await postContact(duplicate);
		expectSuccess(execution);
		expect(nodeItems(execution.data, 'Load into the campaign')[0]).toMatchObject({ result: 'duplicate' });
		expect(leadsNow()).toHaveLength(count);
		expect(leadById(existing.leadId)).toMatchObject({ externId: 'web-1002', firstName: 'Katherine', lastName: 'Johnson', email: 'kj@example.com', leadState: 'READY' });
		expect(execution.data.resultData.runData['Book the callback']).toBeUndefined();

		// a contact the API rejects: the load fails with the API's reason, nothing is stored
		execution = await postContact({ crmId: 'web-1003', phone: '555', firstName: 'No', lastName: 'Number' });
		expect(execution.status).toBe('error');
		expect(runError(execution)?.message).toMatch(/did not load the leads: NO_LEADS_PASSED_VALIDATION/);
		expect(runError(execution)?.description).toMatch(/Invalid phone number: 555/);
		expect(leadsNow().filter((l) => l.externId === 'web-1003')).toHaveLength(0);
	});

	test('example "deals closed in the CRM": leads of won deals removed, of lost deals paused, nothing else touched', async () => {
		const deals = setup.leads.deals as Array<{ crmId: string; outcome: string }>;
		expect(sink.deals.map((d: any) => d.crmId)).toEqual(deals.map((d) => d.crmId));
		const before = leadsNow();
		const execution = await run(setup.workflows.closeLeads, 'Every hour');
		expectSuccess(execution);
		const won = deals.filter((d) => d.outcome === 'won').map((d) => d.crmId);
		const lost = deals.filter((d) => d.outcome === 'lost').map((d) => d.crmId);
		const after = leadsNow();
		expect(after.filter((l) => won.includes(l.externId))).toHaveLength(0);
		expect(after.filter((l) => lost.includes(l.externId)).map((l) => l.leadState)).toEqual(['PAUSED', 'PAUSED']);
		const untouched = before.filter((l) => !won.includes(l.externId) && !lost.includes(l.externId));
		expect(after.filter((l) => !lost.includes(l.externId))).toEqual(untouched);
		expect(nodeItems(execution.data, 'Remove won leads')[0]).toMatchObject({ success: true, leadDeleteCount: 2, criteria: { externIds: won } });
		expect(nodeItems(execution.data, 'Pause lost leads')[0]).toMatchObject({ success: true, leadUpdateCount: 2 });

		// the next hour: the same deals again change nothing and send no action
		const again = await run(setup.workflows.closeLeads, 'Every hour');
		expectSuccess(again);
		expect(nodeItems(again.data, 'Remove won leads')[0]).toMatchObject({ sent: false, matchedLeads: 0 });
		expect(leadsNow().filter((l) => lost.includes(l.externId)).map((l) => l.leadState)).toEqual(['PAUSED', 'PAUSED']);
	});

	test('custom API call: the HTTP Request node with our credential signs in, sends the token and signs in again after expiry', async () => {
		const url = `${sim.url}/voice/api/v1/admin/accounts/${sub}/campaignLeads/leadStates`;
		const workflow = {
			id: 'evHttpLeadStates1',
			name: 'custom API call: lead states',
			nodes: [
				{ id: crypto.randomUUID(), name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: crypto.randomUUID(),
					name: 'Lead states',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: { url, authentication: 'predefinedCredentialType', nodeCredentialType: 'engageVoiceJwtApi', options: {} },
					credentials: { engageVoiceJwtApi: { id: setup.credentials.jwt.id, name: setup.credentials.jwt.name } },
				},
			],
			connections: { 'Manual Trigger': { main: [[{ node: 'Lead states', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		};
		await n8n.rest.createWorkflow(workflow);
		const states = (execution: any) => JSON.stringify(nodeItems(execution.data, 'Lead states'));
		const log = () => sim.control.requestLog();
		const mark = log().length;

		let execution = await run(workflow.id, 'Manual Trigger');
		expectSuccess(execution);
		expect(states(execution)).toContain('AGENT-CALLBACK');
		expect(states(execution)).toContain('WHITELIST');
		const first = log().slice(mark).filter((e) => e.path.endsWith('/leadStates'));
		expect(first.map((e) => e.status)).toEqual([200]);

		// the RingCX token expires: n8n runs the credential's sign-in again and repeats the request
		sim.control.invalidateTokens({ access: true });
		const mark2 = log().length;
		execution = await run(workflow.id, 'Manual Trigger');
		expectSuccess(execution);
		expect(states(execution)).toContain('AGENT-CALLBACK');
		const second = log().slice(mark2);
		expect(second.filter((e) => e.path.endsWith('/leadStates')).map((e) => e.status)).toEqual([401, 200]);
		expect(second.some((e) => /\/api\/auth\/(token\/refresh|login\/rc\/accesstoken)/.test(e.path) && e.status === 200)).toBe(true);
		// the token went to the simulator as a Bearer header and is redacted in its log
		expect(second.filter((e) => e.path.endsWith('/leadStates')).every((e) => e.headers.authorization === '[redacted]')).toBe(true);
	});
});
