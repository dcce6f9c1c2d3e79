/*
 * Engage Voice Events Trigger, Call Event: what RingCX admin pushes to the node's URL (API doc §6.6
 * WFM Generic HTTP push, §6.7 Web Services; decision 15). The simulator's WFM push sends END-CALL
 * and agent events to the node's webhook (behind a real HTTP endpoint, n8n-core's WebhookContext);
 * every execution is compared with what was sent and with the ground truth.
 */
import type { IDataObject } from 'n8n-workflow';

import { stableJson } from '../../nodes/EngageVoice/trigger/digest';
import { EventsRig, sendRequest } from '../helpers/eventsTrigger';
import { TestCredentialsHelper } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';

const START = Date.parse('2026-03-03T15:00:00Z');
const MINUTE = 60_000;
/** The value the push receiver credential and the simulated RingCX admin share (not a real secret). */
const SHARED = 'push-secret-5b1f0c9e2d7a4e3f';
const PUSH = { engageVoicePushReceiverApi: { id: 'push', name: 'push' } };

let sim: Simulator;
let creds: TestCredentialsHelper;
let rig: EventsRig;
let sub: string;

async function pushRig(parameters: IDataObject, credential?: IDataObject) {
	creds = new TestCredentialsHelper();
	if (credential) creds.set('push', credential);
	rig = await new EventsRig(creds, { event: 'callEvent', ...parameters }, (credential ? PUSH : {}) as never).start();
	// nothing to set up in RingCX through the API: the hooks create nothing
	expect(await rig.activate()).toBe(false);
	return rig;
}

const HEADER_CREDENTIAL = { verifyBy: 'header', headerName: 'X-Push-Secret', headerSecret: SHARED };

async function pushFor(ms: number, config: IDataObject) {
	sim.control.setPush({ agentEventUrl: rig.productionUrl(), callEventUrl: rig.productionUrl(), ...config });
	const from = sim.control.now();
	sim.control.startPush(from);
	sim.control.advanceClock(ms);
	await sim.control.deliverDue();
	return { from, to: sim.control.now() };
}

/** What the node receives of a WFM payload: form fields are strings, null becomes empty. */
function asReceived(payload: IDataObject, format: string): IDataObject {
	if (format === 'json') return payload;
	return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

const canonical = (list: IDataObject[]) => list.map((x) => stableJson(x)).sort();

function expectedEndCall(payload: IDataObject) {
	const text = (v: unknown) => (v === null || v === '' ? null : String(v));
	return {
		event: payload.event_type,
		kind: 'call',
		callId: payload.call_id,
		agentId: payload.agent_id ? Number(payload.agent_id) : null,
		recordingUrl: text(payload.recording_url),
		disposition: text(payload.agent_disposition),
		durationSeconds: Number(payload.call_duration),
		queueDurationSeconds: Number(payload.queue_duration),
		callState: payload.call_state,
		direction: payload.event_type === 'VPD-CALL' ? 'outbound' : 'inbound',
		callStart: `${String(payload.call_start).replace(' ', 'T')}+00:00`,
		gateId: payload.gate_id ? Number(payload.gate_id) : null,
		ani: payload.ani,
		dnis: text(payload.dnis),
		subAccountId: payload.account_id,
	};
}

beforeAll(async () => {
	sim = await startSim({ seed: 11, startTime: START, autoDeliver: false });
	sub = String(sim.world.mainSubAccountId);
});
afterAll(async () => await sim.close());
beforeEach(() => sim.control.reset());
afterEach(async () => await rig?.close());

test.each([
	['form fields in the URI (the default)', 'form', {}],
	['a form body', 'form', { pushFormPlacement: 'body' }],
	['JSON ("Send body as JSON")', 'json', {}],
])('WFM push, %s: every END-CALL and agent event arrives once, raw as sent, normalised where recognised', async (_label, format, variants) => {
	sim.control.setVariants(variants);
	await pushRig({ verification: 'pushReceiverCredential' }, HEADER_CREDENTIAL);
	const { from, to } = await pushFor(20 * MINUTE, { format, headers: { 'X-Push-Secret': SHARED } });

	const sent = (sim.control.deliveries({ channel: 'push' }) as IDataObject[]).filter((d) => d.ok);
	const calls = sim.truth.callEvents(sub, from, to) as Array<{ payload: IDataObject }>;
	const states = sim.truth.agentStates(sub, from, to) as IDataObject[];
	expect(calls.length).toBeGreaterThan(0);
	expect(sent).toHaveLength(calls.length + states.length);
	expect(rig.executions().map((e) => e.items!.length)).toEqual(sent.map(() => 1));

	const items = rig.items();
	expect(canonical(items.map((i) => i.raw as IDataObject))).toEqual(canonical(sent.map((d) => asReceived(d.payload as IDataObject, format))));
	const endCalls = items.filter((i) => i.kind === 'call');
	expect(canonical(endCalls.map((i) => Object.fromEntries(Object.keys(expectedEndCall({})).map((k) => [k, i[k]]))))).toEqual(
		canonical(calls.map((c) => expectedEndCall(asReceived(c.payload, format)))),
	);
	const agentEvents = items.filter((i) => i.kind === 'agentState');
	expect(agentEvents.map((i) => `${String(i.agentId)} ${String(i.state)}`).sort()).toEqual(states.map((s) => `${String(s.agentId)} ${String(s.state)}`).sort());
	expect(JSON.stringify(items)).not.toContain(SHARED);
});

test('a push without the secret, or with a wrong one, gets 401 and starts nothing', async () => {
	await pushRig({ verification: 'pushReceiverCredential' }, HEADER_CREDENTIAL);
	await pushFor(10 * MINUTE, { headers: { 'X-Push-Secret': 'not-the-secret-at-all' } });
	const attempts = sim.control.deliveries({ channel: 'push' }) as IDataObject[];
	expect(attempts.length).toBeGreaterThan(0);
	expect(attempts.every((a) => a.status === 401)).toBe(true);
	expect(rig.executions()).toHaveLength(0);

	const none = await sendRequest(rig.productionUrl(), { headers: { 'Content-Type': 'application/json' }, body: '{"event_type":"ACD-CALL"}' });
	expect(none.status).toBe(401);
	expect(rig.executions()).toHaveLength(0);
});

test('Basic auth set as a custom header of the push', async () => {
	await pushRig({ verification: 'pushReceiverCredential' }, { verifyBy: 'basicAuth', username: 'wfm', password: SHARED });
	const basic = `Basic ${Buffer.from(`wfm:${SHARED}`).toString('base64')}`;
	await pushFor(10 * MINUTE, { format: 'json', headers: { Authorization: basic } });
	const sent = (sim.control.deliveries({ channel: 'push' }) as IDataObject[]).filter((d) => d.ok);
	expect(sent.length).toBeGreaterThan(0);
	expect(rig.items()).toHaveLength(sent.length);
});

test('a web service with a fixed secret parameter: verified, the parameter left out of the item, unfilled #tags# null', async () => {
	await pushRig({ verification: 'pushReceiverCredential' }, { verifyBy: 'parameter', parameterName: 'pushSecret', parameterSecret: SHARED });
	// the docs' web service template, as RingCX fills it (the recording tag left unfilled)
	const body = {
		agentId: '3672617',
		agentUsername: 'oscar.zhou+wfo1@example.com',
		ani: '8625962143',
		dnis: '8203258603',
		callStart: '2026-03-03 15:00:14.0000',
		duration: '156',
		recordingUrl: '#recording_url#',
		pushSecret: SHARED,
	};
	const json = await sendRequest(rig.productionUrl(), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const form = await sendRequest(rig.productionUrl(), {
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(body).toString(),
	});
	const wrong = await sendRequest(rig.productionUrl(), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, pushSecret: 'x' }) });
	expect([json.status, form.status, wrong.status]).toEqual([200, 200, 401]);
	// the same event twice (JSON, then form): the second is a repeat and starts nothing
	expect(rig.executions()).toHaveLength(1);
	const [item] = rig.items();
	const raw: IDataObject = { ...body };
	delete raw.pushSecret;
	expect(item.raw).toEqual(raw);
	expect(item).toMatchObject({
		kind: 'call',
		event: null,
		agentId: 3672617,
		username: 'oscar.zhou+wfo1@example.com',
		durationSeconds: 156,
		callStart: '2026-03-03T15:00:14+00:00',
		recordingUrl: null,
	});
	expect(JSON.stringify(rig.items())).not.toContain(SHARED);
});

test('without verification anything that parses starts the workflow; Event Types and Agent IDs filter before it starts', async () => {
	await pushRig({ filters: { eventTypes: 'acd-call', agentIds: '' } });
	const { from, to } = await pushFor(20 * MINUTE, { format: 'json' });
	const inbound = (sim.truth.callEvents(sub, from, to) as Array<{ payload: IDataObject }>).filter((c) => c.payload.event_type === 'ACD-CALL');
	expect(inbound.length).toBeGreaterThan(0);
	expect(canonical(rig.items().map((i) => i.raw as IDataObject))).toEqual(canonical(inbound.map((c) => c.payload)));
});

test('a Push Receiver credential that is not usable fails the activation, saying what is wrong', async () => {
	creds = new TestCredentialsHelper();
	creds.set('push', { verifyBy: 'header', headerName: 'X-Push-Secret', headerSecret: 'short' });
	rig = await new EventsRig(creds, { event: 'callEvent', verification: 'pushReceiverCredential' }, PUSH as never).start();
	await expect(rig.activate()).rejects.toMatchObject({
		message: 'The Push Receiver credential is not usable: The header value is shorter than 16 characters: use a long random value',
	});
});
