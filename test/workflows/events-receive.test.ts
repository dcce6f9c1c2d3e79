/*
 * Engage Voice Events Trigger, Agent State Changed: what arrives. The simulator's agents change
 * state in simulated time and its subscription delivers each change to the node's webhook (behind
 * a real HTTP endpoint, n8n-core's WebhookContext); every execution the node would start is compared
 * with the simulator's ground truth.
 */
import type { IDataObject } from 'n8n-workflow';

import { EventsRig, sendRequest } from '../helpers/eventsTrigger';
import type { TestCredentialsHelper } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

const START = Date.parse('2026-03-03T15:00:00Z'); // a Tuesday, 10:00 US/Eastern: calls and the morning break
const MINUTE = 60_000;
const JWT = { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } };

let sim: Simulator;
let creds: TestCredentialsHelper;
let rig: EventsRig;
let sub: string;

async function activeRig(extra: IDataObject = {}) {
	rig = await new EventsRig(
		creds,
		{ authentication: 'ringCentralJwt', event: 'agentStateChanged', subAccount: { __rl: true, mode: 'id', value: sub }, ...extra },
		JWT as never,
	).start();
	await rig.activate();
	return rig;
}

/** Moves the simulator on and lets it deliver what became due (and the retries due by then). */
async function run(ms: number) {
	sim.control.advanceClock(ms);
	return await sim.control.deliverDue();
}

interface TruthEvent {
	id: string;
	atMs: number;
	agentId: number;
	agentGroupId: number;
	state: string;
	prevState: string;
	auxState: string;
	prevAuxState: string;
	durationSec: number;
	pendingDisposition: boolean;
	loginId: string;
	call: { callId: string; callType: string; sourceId: number | null; sourceName: string; dnis: string } | null;
}

function truth(fromMs: number, toMs: number): TruthEvent[] {
	return sim.truth.agentStates(sub, fromMs, toMs) as TruthEvent[];
}

/** What the node should make of a truth event (the simulator's WFM payload, UTC times). */
function expectedItem(ev: TruthEvent, zoneOffset = '+00:00') {
	const login = ev.state === 'LOGIN' || ev.state === 'LOGOUT';
	const iso = new Date(ev.atMs + (zoneOffset === '+00:00' ? 0 : -5 * 3_600_000)).toISOString().slice(0, 19);
	return {
		agentId: ev.agentId,
		state: ev.state,
		previousState: login ? null : ev.prevState,
		auxState: login || ev.auxState === '' ? null : ev.auxState,
		previousAuxState: login || !ev.prevAuxState ? null : ev.prevAuxState,
		changedAt: `${iso}${zoneOffset}`,
		durationSeconds: ev.durationSec,
		pendingDisposition: login ? null : ev.pendingDisposition,
		loginId: ev.loginId,
		subAccountId: sub,
		callId: ev.call?.callId ?? null,
		callType: ev.call?.callType ?? null,
		callSourceId: ev.call?.sourceId ?? null,
	};
}

function pick(item: IDataObject, keys: string[]) {
	return Object.fromEntries(keys.map((k) => [k, item[k]]));
}

const COMPARED = Object.keys(expectedItem({ state: 'X', atMs: 0, call: null } as unknown as TruthEvent));

useSimulator({ seed: 11, simulator: { startTime: START, autoDeliver: false } }, (s) => {
	({ sim, creds } = s);
	sub = String(s.mainSub);
});
afterEach(async () => await rig?.close());

test('every state change arrives once, one execution with one item each, equal to the ground truth; raw as sent; no secret in it', async () => {
	await activeRig();
	const from = sim.control.now();
	await run(15 * MINUTE);
	const expected = truth(from, sim.control.now());
	expect(expected.length).toBeGreaterThan(10);

	const executions = rig.executions();
	expect(executions.map((e) => e.items!.length)).toEqual(expected.map(() => 1));
	const items = rig.items();
	expect(items.map((i) => pick(i, COMPARED))).toEqual(expected.map((ev) => expectedItem(ev)));
	const sent = (sim.control.deliveries({ channel: 'subscription' }) as IDataObject[]).filter((d) => d.ok);
	expect(items.map((i) => i.raw)).toEqual(sent.map((d) => d.payload));
	expect(new Set(items.map((i) => i.eventId)).size).toBe(items.length);
	// state names as sent (decision 14): the simulator's default spelling of the break
	expect(items.some((i) => i.state === 'ON BREAK')).toBe(true);
	expect(JSON.stringify(items)).not.toContain(String(rig.nodeState().secret));
	// every delivery answered 200 with an empty body
	expect(rig.deliveries.filter((d) => d.items).every((d) => d.status === 200)).toBe(true);
});

test.each([
	['camel', { agentGroupId: true }],
	['wfm-form', {}],
])('payload variant %s: the same normalised fields as the WFM JSON default', async (variant, extra) => {
	sim.control.setVariants({ agentStatePayload: variant, breakState: 'ON_BREAK' });
	await activeRig();
	const from = sim.control.now();
	await run(15 * MINUTE);
	const expected = truth(from, sim.control.now());
	const items = rig.items();
	expect(items.map((i) => pick(i, COMPARED))).toEqual(
		expected.map((ev) => {
			const item = expectedItem(ev);
			const state = ev.state === 'ON BREAK' ? 'ON_BREAK' : ev.state;
			const previousState = ev.prevState === 'ON BREAK' ? 'ON_BREAK' : item.previousState;
			if (variant !== 'camel') return { ...item, state, previousState };
			// the camelCase variant sends every field, also on LOGIN/LOGOUT
			return {
				...item,
				state,
				previousState: ev.prevState === 'ON BREAK' ? 'ON_BREAK' : ev.prevState,
				auxState: ev.auxState === '' ? null : ev.auxState,
				previousAuxState: ev.prevAuxState ? ev.prevAuxState : null,
				pendingDisposition: ev.pendingDisposition,
			};
		}),
	);
	if ('agentGroupId' in extra) expect(items.map((i) => i.agentGroupId)).toEqual(expected.map((ev) => ev.agentGroupId));
	const sent = (sim.control.deliveries({ channel: 'subscription' }) as IDataObject[]).filter((d) => d.ok);
	const asReceived = (p: IDataObject) =>
		variant === 'wfm-form' ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === null ? '' : String(v)])) : p;
	expect(items.map((i) => i.raw)).toEqual(sent.map((d) => asReceived(d.payload as IDataObject)));
});

test('WFM times in US/Eastern (the zone RingCX does not state): with Event Time Zone US/Eastern changedAt is the right instant', async () => {
	sim.control.setVariants({ wfmTimeZone: 'home' });
	await activeRig({ options: { timeZone: 'US/Eastern' } });
	const from = sim.control.now();
	await run(10 * MINUTE);
	const expected = truth(from, sim.control.now());
	expect(rig.items().map((i) => i.changedAt)).toEqual(expected.map((ev) => expectedItem(ev, '-05:00').changedAt));
	expect(rig.items().map((i) => Date.parse(String(i.changedAt)))).toEqual(expected.map((ev) => ev.atMs));
});

describe('secret', () => {
	test('a delivery without the secret, or with a wrong one, gets 401 and starts nothing; the secret is not logged', async () => {
		await activeRig();
		const body = JSON.stringify({ agent_id: '1', event_type: 'ON BREAK', date_time: '2026-03-03 15:00:00' });
		const json = { 'Content-Type': 'application/json' };
		const secret = String(rig.nodeState().secret);

		const missing = await sendRequest(rig.productionUrl(), { headers: json, body });
		const wrong = await sendRequest(rig.productionUrl(), { headers: { ...json, 'X-Engage-Voice-Secret': secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0') }, body });
		const longer = await sendRequest(rig.productionUrl(), { headers: { ...json, 'X-Engage-Voice-Secret': `${secret}0` }, body });
		for (const res of [missing, wrong, longer]) {
			expect(res.status).toBe(401);
			expect(res.body).toBe('');
		}
		expect(rig.executions()).toHaveLength(0);
		expect(rig.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(
			Array(3).fill('Engage Voice Events Trigger: refused a request without the subscription secret (401)'),
		);

		// the same request with the secret starts one execution
		const right = await sendRequest(rig.productionUrl(), { headers: { ...json, 'x-engage-voice-secret': secret }, body });
		expect(right.status).toBe(200);
		expect(rig.executions()).toHaveLength(1);
		expect(rig.items()[0]).toMatchObject({ agentId: 1, state: 'ON BREAK', changedAt: '2026-03-03T15:00:00+00:00' });
	});

	test('before activation (no secret stored) nothing is accepted, not even an empty secret header', async () => {
		rig = await new EventsRig(creds, { event: 'agentStateChanged', subAccount: { __rl: true, mode: 'id', value: sub } }, JWT as never).start();
		const res = await sendRequest(rig.productionUrl(), { headers: { 'X-Engage-Voice-Secret': '', 'Content-Type': 'application/json' }, body: '{"agent_id":"1"}' });
		expect(res.status).toBe(401);
		expect(rig.executions()).toHaveLength(0);
	});

	test('a payload that cannot be read gets 400 and starts nothing', async () => {
		await activeRig();
		const secret = String(rig.nodeState().secret);
		const res = await sendRequest(rig.productionUrl(), {
			headers: { 'X-Engage-Voice-Secret': secret, 'Content-Type': 'application/octet-stream' },
			body: '{"agent_id":"1" "event_type":"TRANSITION"}',
		});
		expect(res.status).toBe(400);
		expect(rig.executions()).toHaveLength(0);
	});
});

describe('repeated and failed deliveries', () => {
	test('a duplicated delivery is answered 200 and starts nothing; each event once', async () => {
		await activeRig();
		sim.control.injectDeliveryFaults({ kind: 'duplicate', count: 6 });
		const from = sim.control.now();
		await run(10 * MINUTE);
		const expected = truth(from, sim.control.now());
		const attempts = sim.control.deliveries({ channel: 'subscription' }) as IDataObject[];
		const duplicates = attempts.filter((a) => a.duplicate);
		expect(duplicates.length).toBeGreaterThan(0);
		expect(attempts.every((a) => a.ok && a.status === 200)).toBe(true);
		expect(rig.items().map((i) => pick(i, COMPARED))).toEqual(expected.map((ev) => expectedItem(ev)));
		// the handshake, the events, the duplicates: only the events started executions
		expect(rig.deliveries.length).toBe(1 + expected.length + duplicates.length);
		expect(rig.executions()).toHaveLength(expected.length);
	});

	const byTime = (a: { t: string; id: unknown }, b: { t: string; id: unknown }) =>
		a.t < b.t ? -1 : a.t > b.t ? 1 : String(a.id).localeCompare(String(b.id));

	test('n8n down: RingCX retries (5 s, then 10 s) and what arrives within the retries is delivered once; after the last retry it is lost', async () => {
		await activeRig({ options: { retryCount: 2 } });
		rig.down = true;
		const from = sim.control.now();
		await run(2 * MINUTE); // first attempts fail
		await run(5_000); // first retries fail too
		rig.down = false;
		await run(10_000); // second retries get through
		await run(30_000);
		const sent = truth(from, sim.control.now()).map((ev) => ({ t: expectedItem(ev).changedAt, id: ev.agentId }));
		expect(sent.length).toBeGreaterThan(0);
		const got = rig.items().map((i) => ({ t: String(i.changedAt), id: i.agentId }));
		expect(got.sort(byTime)).toEqual(sent.sort(byTime));

		// down for longer than the first attempt and both retries of a minute's events: given up
		rig.down = true;
		const lostFrom = sim.control.now();
		await run(MINUTE);
		const lost = truth(lostFrom, sim.control.now()).map((ev) => expectedItem(ev).changedAt);
		await run(5_000);
		await run(10_000);
		rig.down = false;
		const before = rig.items().length;
		await run(MINUTE);
		const after = rig.items().slice(before).map((i) => i.changedAt);
		expect(lost.length).toBeGreaterThan(0);
		for (const changedAt of lost) expect(after).not.toContain(changedAt);
		const gaveUp = (sim.control.deliveries({ channel: 'subscription' }) as IDataObject[]).filter((a) => a.attempt === 3 && !a.ok);
		expect(gaveUp).toHaveLength(lost.length);
	});
});

describe('filters, before any execution', () => {
	test('by state, whatever the spelling of case and separators', async () => {
		await activeRig({ filters: { states: 'on break, Available' } });
		const from = sim.control.now();
		await run(20 * MINUTE);
		const expected = truth(from, sim.control.now()).filter((ev) => ev.state === 'ON BREAK' || ev.state === 'AVAILABLE');
		expect(expected.length).toBeGreaterThan(0);
		expect(rig.items().map((i) => pick(i, COMPARED))).toEqual(expected.map((ev) => expectedItem(ev)));
		// the others were answered 200 and started nothing
		const quiet = rig.deliveries.filter((d) => d.status === 200 && !d.items);
		expect(quiet.length).toBe(truth(from, sim.control.now()).length - expected.length + 1);
	});

	test('by agent ids and by agent group (members read at activation), together', async () => {
		const all = truth(START, START + 20 * MINUTE);
		const agentId = all[0].agentId;
		const group = (sim.world.agentGroups as IDataObject[]).find(
			(g) => String(g.subAccountId) === sub && (sim.world.agents as IDataObject[]).some((a) => a.agentGroupId === g.agentGroupId && a.agentId !== agentId),
		)!;
		const members = new Set((sim.world.agents as IDataObject[]).filter((a) => a.agentGroupId === group.agentGroupId).map((a) => a.agentId));
		await activeRig({ filters: { agentIds: String(agentId), agentGroupIds: [String(group.agentGroupId)] } });
		expect(rig.nodeState().groupAgents).toEqual({ [String(group.agentGroupId)]: [...members].map(String) });
		const from = sim.control.now();
		await run(20 * MINUTE);
		const expected = truth(from, sim.control.now()).filter((ev) => ev.agentId === agentId || members.has(ev.agentId));
		expect(expected.length).toBeGreaterThan(0);
		expect(rig.items().map((i) => pick(i, COMPARED))).toEqual(expected.map((ev) => expectedItem(ev)));
	});
});

test('static data stays bounded: one short entry per event delivered', async () => {
	await activeRig();
	await run(15 * MINUTE);
	const state = rig.nodeState();
	expect((state.recentEvents as string[]).length).toBe(rig.items().length);
	expect(JSON.stringify(state.recentEvents).length / rig.items().length).toBeLessThan(30);
});
