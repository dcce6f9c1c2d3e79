/*
 * Engage Voice Events Trigger in a running n8n (`n8n start`, N8N_WEBHOOK_URL on n8n's own port so that
 * the simulator can call it), workflows activated over REST as the editor does:
 *
 * - the demo's agent-state workflow (Agent State Changed → data table, break alert): activation
 *   creates one subscription, and the simulator's validation handshake runs against n8n's real
 *   answer (its bytes on the socket measured and asserted); agents change state in simulated time
 *   and every change arrives as one execution whose item equals the simulator's ground truth, and
 *   as one row in the data table; forged deliveries get 401 and start nothing; a restart of n8n
 *   with the workflow active leaves exactly one subscription, which still delivers; deactivation
 *   deletes it;
 * - a Call Event workflow with a Push Receiver credential: the simulator's WFM push (END-CALL and
 *   agent events, URL-encoded in the URI) arrives as executions equal to what was sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { stableJson } from '../../nodes/EngageVoice/trigger/digest';
import { sendRequest } from '../helpers/eventsTrigger';
import { type N8n, type Simulator, logTail, newN8n, nodeItems, recordTiming, startSimulator } from './helpers';

const { TIME_ZONE } = require('../../scripts/lib/demoWorkflows');
const { provision } = require('../../scripts/lib/demoSetup');
const { startSink } = require('../../scripts/lib/crmSink');
const { log } = require('../../scripts/lib/log');

const TRIGGER_TYPE = 'n8n-nodes-engage-voice.engageVoiceEventsTrigger';
/** A Tuesday, 10:00 US/Eastern: agents at work, calls, the morning break. */
const START = Date.parse('2026-03-03T15:00:00Z');
const MINUTE = 60_000;
const SHARED = 'e2e-push-shared-value-7c1d9a4b';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Engage Voice Events Trigger in a running n8n', () => {
	let sim: Simulator;
	let n8n: N8n;
	let setup: any;
	let sub: string;
	let agentWorkflow: any;
	let trigger: any;
	let url: string;
	let secret: string;
	/** The CRM stand-in the demo set-up seeds (the lead workflows' closed deals); unused here. */
	let sink: any;
	/** The last execution id already looked at, per workflow. */
	const seen = new Map<string, number>();
	/** Sim time up to which the subscription has handed state changes to its delivery queue. */
	let cursor = 0;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 7, startTime: START, autoDeliver: false });
		// RingCX's delivery timeout is not documented (the simulator's default: 5 s). On a busy 2-core
		// machine n8n can take longer to answer while it runs the executions of earlier events, and the
		// push has no retries: the test waits longer, so that what it checks is the node, not the load.
		sim.control.setLimits({ deliveryTimeoutMs: 30_000 });
		sub = String(sim.world.mainSubAccountId);
		n8n = await newN8n('events', { env: { GENERIC_TIMEZONE: TIME_ZONE } });
		const t = Date.now();
		await n8n.startServer();
		recordTiming('events: n8n start', Date.now() - t);
		sink = await startSink({ port: 0 });
		setup = await provision(n8n, { sim, sinkUrl: sink.url, activate: false });
		agentWorkflow = setup.workflowList.find((w: any) => w.id === setup.workflows.agentStates);
		trigger = agentWorkflow.nodes.find((n: any) => n.type === TRIGGER_TYPE);
		url = `${n8n.baseUrl}/webhook/${trigger.webhookId}/engage-voice`;
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.close();
		await sink?.close();
	});

	const live = () => sim.control.subscriptions().filter((s) => !s.deleted);

	/**
	 * n8n 2.41 publishes workflows asynchronously (its publication outbox): the REST call returns
	 * before the trigger's hooks ran. Waits (bounded) until `done()` holds.
	 */
	async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (!(await done())) {
			if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms\n${logTail(n8n, 'n8n-server.log')}`);
			await sleep(250);
		}
	}

	/**
	 * Moves the simulator on and lets it deliver; returns the ground truth of exactly what the
	 * subscription handed out (its cursor before and after: the clock runs in real time too).
	 */
	async function deliverStateChanges(ms: number): Promise<any[]> {
		sim.control.advanceClock(ms);
		await sim.control.deliverDue();
		const next = live()[0].cursorMs;
		const changes = sim.truth.agentStates(sub, cursor, next) as any[];
		cursor = next;
		return changes;
	}

	/** Whether n8n serves the URL (a request without the secret gets 401, not 404). */
	const served = async (target: string) => (await sendRequest(target, { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status === 401;

	/** The executions of a workflow stored since the last call (waits until `count` are there). */
	async function newExecutions(workflowId: string, count: number, timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await n8n.readExecutions({ afterId: seen.get(workflowId) ?? 0, workflowId });
			const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length >= count) {
				for (const e of all) seen.set(workflowId, Math.max(seen.get(workflowId) ?? 0, Number(e.id)));
				return done;
			}
			if (Date.now() > deadline) {
				throw new Error(`${done.length} of ${count} executions of ${workflowId} after ${timeoutMs} ms\n${logTail(n8n, 'n8n-server.log')}`);
			}
			await sleep(500);
		}
	}

	/** Waits until n8n runs no execution (before a restart: none is cut off). */
	async function settle() {
		await until('every execution finished', async () =>
			(await n8n.readExecutions()).every((e) => !['new', 'running', 'waiting'].includes(e.status)),
		180_000);
	}

	/** The trigger items of executions, in the order of their ids. */
	function triggerItems(executions: any[], nodeName: string): IDataObject[] {
		return executions
			.sort((a, b) => Number(a.id) - Number(b.id))
			.flatMap((e) => {
				expect(e.status).toBe('success');
				return nodeItems(e.data, nodeName) as IDataObject[];
			});
	}

	function expectedItem(ev: any) {
		const login = ev.state === 'LOGIN' || ev.state === 'LOGOUT';
		return {
			agentId: ev.agentId,
			state: ev.state,
			previousState: login ? null : ev.prevState,
			changedAt: `${new Date(ev.atMs).toISOString().slice(0, 19)}+00:00`,
			durationSeconds: ev.durationSec,
			subAccountId: sub,
			callId: ev.call?.callId ?? null,
		};
	}
	const pick = (item: IDataObject) => Object.fromEntries(Object.keys(expectedItem({ state: 'X', atMs: 0 })).map((k) => [k, item[k]]));

	test('activation: one subscription, and RingCX\'s handshake passes against n8n\'s real answer (bytes measured)', async () => {
		await n8n.rest.activateWorkflow(agentWorkflow.id);
		await until('the subscription of the activated workflow', () => live().length > 0);
		const subs = live();
		expect(subs).toHaveLength(1);
		expect(subs[0]).toMatchObject({ notificationUrl: url, active: true, expiresAt: 0, maxRetryCount: 3 });
		expect(String(subs[0].subscriptionName)).toMatch(new RegExp(`^n8n workflow ${agentWorkflow.id} node `));

		const [validation] = sim.control.validations();
		log(`events: RingCX's validation handshake against real n8n: ${validation.bytes} bytes (${validation.headerBytes} of headers, ${validation.bodyBytes} of body), ${validation.elapsedMs} ms`);
		recordTiming(`events: handshake answer ${validation.bytes} bytes, in`, validation.elapsedMs);
		expect(validation).toMatchObject({ url, status: 200, echoed: true, ok: true, bodyBytes: 0, reason: null });
		expect(validation.bytes).toBeLessThanOrEqual(1024);
		expect(validation.elapsedMs).toBeLessThan(3000);

		// the same handshake by hand: the same answer, byte for byte in length
		const uuid = '2f4e6a8c-0b1d-4f3e-8a5c-7e9b1d3f5a7c';
		const byHand = await sendRequest(url, { headers: { 'Validation-Token': uuid } });
		expect(byHand).toMatchObject({ status: 200, body: '' });
		expect(byHand.headers['validation-token']).toBe(uuid);
		expect(byHand.bytes).toBe(validation.bytes);

		const saved = await n8n.rest.getWorkflow(agentWorkflow.id);
		const state = saved.staticData[`node:${trigger.name}`];
		expect(state.subscriptionId).toBe(subs[0].subscriptionId);
		cursor = subs[0].cursorMs;
		secret = state.secret;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		// n8n ran no execution for the handshake
		expect((await n8n.readExecutions()).filter((e) => e.workflowId === agentWorkflow.id)).toHaveLength(0);
	});

	test('state changes arrive as executions with the ground truth\'s items, and as rows of the data table', async () => {
		const expected = await deliverStateChanges(10 * MINUTE);
		expect(expected.length).toBeGreaterThan(5);
		const attempts = sim.control.deliveries({ channel: 'subscription' });
		expect(attempts.every((a) => a.status === 200)).toBe(true);

		const executions = await newExecutions(agentWorkflow.id, expected.length);
		expect(executions).toHaveLength(expected.length);
		const items = triggerItems(executions, trigger.name);
		expect(items.map(pick)).toEqual(expected.map(expectedItem));
		expect(items.map((i) => i.raw)).toEqual(attempts.map((a) => a.payload));
		expect(JSON.stringify(items)).not.toContain(secret);

		const rows = await n8n.rest.dataTableRows(setup.projectId, setup.agentStatesTable.id);
		expect(rows.map((r: any) => r.eventId).sort()).toEqual(items.map((i) => i.eventId).sort());
		const byEvent = new Map(rows.map((r: any) => [r.eventId, r]));
		for (const item of items) {
			expect(byEvent.get(item.eventId)).toMatchObject({ agentId: item.agentId, state: item.state, changedAt: item.changedAt });
		}
		// the break alert branch saw exactly the changes into a break, lunch or away state
		const alert = 'Break alert (Slack in the example)';
		const alerts = executions.filter((e) => e.data.resultData.runData[alert]).flatMap((e) => nodeItems(e.data, alert));
		expect(alerts.length).toBe(items.filter((i) => ['ON BREAK', 'LUNCH', 'AWAY'].includes(String(i.state))).length);
	});

	test('a forged delivery (no secret, a wrong one) gets 401 and starts nothing', async () => {
		const body = JSON.stringify({ agent_id: '1', event_type: 'ON BREAK', date_time: '2026-03-03 15:30:00' });
		const json = { 'Content-Type': 'application/json' };
		const forged = [
			await sendRequest(url, { headers: json, body }),
			await sendRequest(url, { headers: { ...json, 'X-Engage-Voice-Secret': '0'.repeat(64) }, body }),
			await sendRequest(url, { headers: { ...json, 'X-Engage-Voice-Secret': '' }, body }),
		];
		expect(forged.map((r) => [r.status, r.body])).toEqual([
			[401, ''],
			[401, ''],
			[401, ''],
		]);
		// the next real changes are the next executions: nothing started in between
		let expected: any[] = [];
		while (!expected.length) expected = await deliverStateChanges(MINUTE);
		const executions = await newExecutions(agentWorkflow.id, expected.length);
		expect(triggerItems(executions, trigger.name).map(pick)).toEqual(expected.map(expectedItem));
	});

	test('call events: the WFM push (URL-encoded in the URI, a secret header) arrives as executions equal to what was sent', async () => {
		const credential = await n8n.rest.createCredential({
			name: 'Push receiver',
			type: 'engageVoicePushReceiverApi',
			data: { verifyBy: 'header', headerName: 'X-Push-Secret', headerSecret: SHARED },
		});
		const workflowId = 'evE2eCallEvents01';
		const webhookId = 'a3c5e7f9-1b2d-4c6e-8f0a-2b4d6f8a0c1e';
		await n8n.rest.createWorkflow({
			id: workflowId,
			name: 'e2e call events',
			nodes: [
				{
					id: 'c0c0c0c0-0000-4000-8000-000000000001',
					name: 'Call events',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { event: 'callEvent', verification: 'pushReceiverCredential', filters: {}, options: {} },
					credentials: { engageVoicePushReceiverApi: { id: credential.id, name: credential.name } },
				},
				{ id: 'c0c0c0c0-0000-4000-8000-000000000002', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
			],
			connections: { 'Call events': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', timezone: TIME_ZONE },
		});
		await n8n.rest.activateWorkflow(workflowId);
		const pushUrl = `${n8n.baseUrl}/webhook/${webhookId}/engage-voice`;
		await until('the Call Event webhook', () => served(pushUrl));

		// without the header: 401, nothing starts
		const unsigned = await sendRequest(`${pushUrl}?event_type=ACD-CALL&call_id=1`, {});
		expect(unsigned.status).toBe(401);

		sim.control.setPush({ agentEventUrl: pushUrl, callEventUrl: pushUrl, format: 'form', headers: { 'X-Push-Secret': SHARED } });
		const from = sim.control.now();
		sim.control.startPush(from);
		// the clock runs on in real time: what ended after `to` may be sent too, nothing before it is missing
		const to = from + 10 * MINUTE;
		// the subscription delivers the state changes of these minutes to the other workflow meanwhile
		const stateChanges = await deliverStateChanges(10 * MINUTE);
		sim.control.stopPush();
		await newExecutions(agentWorkflow.id, stateChanges.length);
		const sent = sim.control.deliveries({ channel: 'push' });
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((a) => a.status === 200)).toBe(true);
		const calls = sim.truth.callEvents(sub, from, to) as any[];
		expect(calls.length).toBeGreaterThan(0);

		const executions = await newExecutions(workflowId, sent.length);
		const items = triggerItems(executions, 'Call events');
		const asReceived = (p: IDataObject) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === null ? '' : String(v)]));
		const canonical = (list: IDataObject[]) => list.map((x) => stableJson(x)).sort();
		expect(canonical(items.map((i) => i.raw as IDataObject))).toEqual(canonical(sent.map((a) => asReceived(a.payload as IDataObject))));
		const endCalls = items.filter((i) => i.kind === 'call');
		const late = new Set(sent.filter((a) => a.kind === 'endCall' && a.eventAtMs > to).map((a) => a.payload.call_id));
		expect(endCalls.map((i) => i.callId).filter((id) => !late.has(id)).sort()).toEqual(calls.map((c) => c.payload.call_id).sort());
		for (const item of endCalls) {
			const raw = item.raw as IDataObject;
			expect(item).toMatchObject({
				event: raw.event_type,
				durationSeconds: Number(raw.call_duration),
				callState: raw.call_state,
				callStart: `${String(raw.call_start).replace(' ', 'T')}+00:00`,
				recordingUrl: raw.recording_url === '' ? null : raw.recording_url,
			});
		}
		expect(JSON.stringify(items)).not.toContain(SHARED);
		await n8n.rest.deactivateWorkflow(workflowId);
	});

	test('restart of n8n with the workflow active: still exactly one subscription, nothing created or validated, deliveries still accepted', async () => {
		await settle();
		const before = live();
		const validations = sim.control.validations().length;
		sim.control.clearLog();
		await n8n.stop();
		const t = Date.now();
		await n8n.startServer();
		await until('the webhook served again after the restart', () => served(url));
		recordTiming('events: n8n restart until the webhook is served', Date.now() - t);
		// n8n 2.41 keeps the webhook registered across the restart and does not run the hooks again
		// (its publication reconciler finds the webhook in the database): whatever it does, no second
		// subscription and no change to the one there is
		expect(live()).toEqual(before);
		expect(sim.control.validations()).toHaveLength(validations);
		expect(sim.control.requestLog().filter((e) => e.path.includes('/agent-states/subscriptions') && e.method !== 'GET')).toEqual([]);

		const expected = await deliverStateChanges(5 * MINUTE);
		expect(expected.length).toBeGreaterThan(0);
		const executions = await newExecutions(agentWorkflow.id, expected.length);
		expect(triggerItems(executions, trigger.name).map(pick)).toEqual(expected.map(expectedItem));
	});

	test('deactivation deletes the subscription', async () => {
		const [s] = live();
		await n8n.rest.deactivateWorkflow(agentWorkflow.id);
		await until('the subscription deleted after deactivation', () => live().length === 0);
		const gone = sim.control.subscriptions().find((x) => x.subscriptionId === s.subscriptionId)!;
		expect(gone.deleted).toBe(true);
		// the node forgets the subscription and its secret; n8n saves that after the hook returned
		await until('the static data cleared', async () => {
			const saved = await n8n.rest.getWorkflow(agentWorkflow.id);
			return Object.keys(saved.staticData?.[`node:${trigger.name}`] ?? {}).length === 0;
		});
		// n8n no longer serves the URL
		await until('the webhook removed', async () => !(await served(url)));
		const after = await sendRequest(url, { headers: { 'X-Engage-Voice-Secret': secret, 'Content-Type': 'application/json' }, body: '{}' });
		expect(after.status).toBe(404);
	});
});
