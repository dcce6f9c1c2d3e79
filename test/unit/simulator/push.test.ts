// The WFM "Generic HTTP" push (API doc §6.6): END-CALL and agent events POSTed to configured URLs,
// URL-encoded (in the URI) or JSON, with custom headers; controlled through the control API.
// Field lists and value sets come from the doc; each END-CALL is checked against the interaction
// metadata of the same segment (another endpoint of the simulator).
import type { Simulator } from '../../simulator';
import { paths, send, control, receiver, webhookRig, MIN } from './helpers';

/** END-CALL fields (§6.6 table); answered calls add the agent fields. */
const END_CALL_KEYS = ['recording_url', 'queue_duration', 'agent_disposition', 'gate_name', 'call_state', 'call_duration', 'call_id', 'account_id', 'event_type', 'gate_id', 'call_start', 'dnis', 'ani'];
const ANSWERED_EXTRA = ['agent_id', 'external_agent_id', 'username'];
const BASIC = 'Basic YWxhZGRpbjpvcGVuc2VzYW1l';
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('simulator: WFM Generic HTTP push', () => {
	let rig: Awaited<ReturnType<typeof webhookRig>>;
	let sim: Simulator;
	let rx: Awaited<ReturnType<typeof receiver>>;

	beforeAll(async () => {
		rig = await webhookRig();
		({ sim, rx } = rig);
	});
	afterAll(() => rig.close());
	beforeEach(() => rig.fresh());

	const calls = () => rx.received.filter((r) => r.url.startsWith('/calls'));
	const agents = () => rx.received.filter((r) => r.url.startsWith('/agents'));

	it('is off until started; END-CALL events go to the Call Event URL in the URI, with the custom headers', async () => {
		sim.control.setPush({ callEventUrl: `${rx.base}/calls`, agentEventUrl: `${rx.base}/agents`, headers: { Authorization: BASIC } });
		sim.control.advanceClock(10 * MIN);
		await sim.control.deliverDue();
		expect(rx.received).toEqual([]);
		const startedAt = sim.control.now();
		expect(sim.control.startPush().running).toBe(true);
		sim.control.advanceClock(30 * MIN);
		await sim.control.deliverDue();
		const ends = calls();
		expect(ends.length).toBeGreaterThan(10);
		for (const r of ends) {
			expect(r.method).toBe('POST');
			expect(r.headers.authorization).toBe(BASIC);
			expect(r.body).toBe('');
			const e = query(r.url);
			const keys = e.call_state === 'ABANDON' ? END_CALL_KEYS : [...END_CALL_KEYS, ...ANSWERED_EXTRA];
			expect(Object.keys(e).sort()).toEqual([...keys].sort());
			expect(['ACD-CALL', 'VPD-CALL']).toContain(e.event_type);
			expect(e.event_type === 'ACD-CALL' ? ['DEFLECTED', 'ANSWERED', 'ABANDON'] : ['ANSWERED', 'ABANDONED', 'MACHINE']).toContain(e.call_state);
			expect(e.call_start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(e.account_id).toBe(sim.world.mainSubAccountId);
			expect(e.call_duration).toMatch(/^\d+$/);
		}
		expect(ends.some((r) => query(r.url).call_state === 'ANSWERED')).toBe(true);
		// agent events went to the Agent Event URL
		expect(agents().length).toBeGreaterThan(10);
		expect(agents().every((r) => query(r.url).agent_id !== undefined && query(r.url).event_type !== undefined)).toBe(true);
		// ground truth: what was sent
		const push = sim.control.push();
		expect(push.startedAtMs).toBe(startedAt);
		expect(push.sent.map((a) => a.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual(expect.arrayContaining(rx.received.map((r) => r.url)));
		expect(push.sent).toHaveLength(rx.received.length);
		expect(push.sent.every((a) => a.requestHeaders.Authorization === '[redacted]')).toBe(true);
	});

	it('each answered END-CALL matches its segment in the interaction metadata; recording_url iff the segment has a recording', async () => {
		sim.control.setPush({ callEventUrl: `${rx.base}/calls`, format: 'json' });
		sim.control.startPush();
		const from = sim.control.now();
		sim.control.advanceClock(20 * MIN);
		await sim.control.deliverDue();
		const ends = calls().map((r) => {
			expect(r.headers['content-type']).toBe('application/json');
			return JSON.parse(r.body);
		});
		for (const e of ends) for (const v of Object.values(e)) expect(v === null || typeof v === 'string').toBe(true);
		const answered = ends.filter((e) => e.call_state === 'ANSWERED' && e.event_type === 'ACD-CALL');
		expect(answered.length).toBeGreaterThan(3);
		sim.control.advanceClock(60 * MIN);
		const r = await send('POST', `${paths(sim).cx}/interaction-metadata`, sim.secrets.apiToken, {
			segmentEndTime: new Date(from - 5 * MIN).toISOString().slice(0, 19).replace('T', ' '),
			timeInterval: 3600,
			timeZone: 'UTC',
		});
		expect(r.status).toBe(200);
		for (const e of answered) {
			const seg = r.json.find((m: any) => m.interactionId === e.call_id && m.segmentParticipantId === e.agent_id);
			expect(seg).toBeDefined();
			expect(Number(e.call_duration) * 1000).toBe(seg.segmentDurationMs);
			expect(e.ani).toBe(seg.channelEndpointAddress);
			expect(e.dnis).toBe(seg.contactEndpointAddress);
			expect(e.recording_url !== '').toBe(seg.hasRecording);
			// sent 2 s after the segment ended
			expect(Date.parse(seg.segmentEndTimeMs)).toBeGreaterThan(from - 2000);
		}
		const recorded = answered.find((e) => e.recording_url);
		expect(recorded).toBeDefined();
		expect(recorded.recording_url).toContain(`${sim.url}/recordings/`);
	});

	it('format form with the fields in a body (variant); events can be switched off; stop ends the push', async () => {
		sim.control.setVariants({ pushFormPlacement: 'body' });
		sim.control.setPush({ agentEventUrl: `${rx.base}/agents`, events: { login: false, logout: false } });
		sim.control.setClock('2026-03-02T12:30:00.000Z');
		sim.control.startPush();
		sim.control.advanceClock(90 * MIN);
		await sim.control.deliverDue();
		const events = agents().map((r) => {
			expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(r.url).toBe('/agents');
			return Object.fromEntries(new URLSearchParams(r.body));
		});
		expect(events.length).toBeGreaterThan(10);
		expect(events.some((e) => e.event_type === 'LOGIN' || e.event_type === 'LOGOUT')).toBe(false);
		expect(events.some((e) => e.event_type === 'AVAILABLE' && e.prev_state === 'LOGIN')).toBe(true);
		expect(calls()).toEqual([]);
		sim.control.stopPush();
		const n = rx.received.length;
		sim.control.advanceClock(30 * MIN);
		await sim.control.deliverDue();
		expect(rx.received).toHaveLength(n);
	});

	it('no retries: a failed push is recorded and not sent again', async () => {
		const failing = await receiver((_r, res) => {
			res.writeHead(500);
			res.end();
		});
		try {
			sim.control.setPush({ callEventUrl: failing.url });
			sim.control.startPush();
			sim.control.advanceClock(15 * MIN);
			await sim.control.deliverDue();
			const n = failing.received.length;
			expect(n).toBeGreaterThan(0);
			sim.control.advanceClock(10 * MIN);
			await sim.control.deliverDue();
			const sent = sim.control.push().sent;
			expect(sent.every((a) => a.attempt === 1 && a.status === 500)).toBe(true);
			expect(new Set(sent.map((a) => a.eventId)).size).toBe(sent.length);
		} finally {
			await failing.close();
		}
	});

	it('is configured over HTTP; bad settings are refused with 400', async () => {
		const set = await control(sim, 'POST', '/push', { callEventUrl: `${rx.base}/calls`, format: 'json', headers: { 'X-Token': 'abc' }, subAccountId: sim.world.partnerSubAccountId });
		expect(set.json.config).toEqual(
			expect.objectContaining({ callEventUrl: `${rx.base}/calls`, agentEventUrl: null, format: 'json', headers: { 'X-Token': 'abc' }, subAccountId: sim.world.partnerSubAccountId }),
		);
		expect((await control(sim, 'POST', '/push/start')).json.running).toBe(true);
		sim.control.advanceClock(2 * 60 * MIN);
		await control(sim, 'POST', '/deliveries/flush');
		const got = (await control(sim, 'GET', '/push')).json;
		expect(got.sent.length).toBe(calls().length);
		expect(calls().every((r) => JSON.parse(r.body).account_id === sim.world.partnerSubAccountId)).toBe(true);
		expect((await control(sim, 'POST', '/push/stop')).json.running).toBe(false);
		for (const bad of [{ format: 'xml' }, { callEventUrl: 'nope' }, { events: { hangup: true } }, { subAccountId: '1' }, { color: 'red' }]) {
			expect((await control(sim, 'POST', '/push', bad)).status).toBe(400);
		}
		const truth = (await control(sim, 'POST', '/truth/callEvents', { subAccountId: sim.world.partnerSubAccountId, from: got.startedAtMs, to: got.startedAtMs + 2 * 60 * MIN })).json;
		expect(truth.map((e: any) => e.payload)).toEqual(calls().map((r) => JSON.parse(r.body)));
	});
});
