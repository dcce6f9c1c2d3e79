// Agent-state subscriptions (API doc §6.1–§6.5, decision 14, questions 30–32) over real HTTP, with
// receivers of our own. Expected values come from the doc: its field lists and examples, the
// validation rules of §6.4, the WFM agent-state vocabulary and the login double event of §6.6.
import type { Simulator } from '../../simulator';
import { start, login, paths, send, control, receiver, rawReceiver, tokenOf, answerValidation, webhookRig, MIN, T0 } from './helpers';

const SUB_525 = { errorCode: 'SUB-525', message: 'WebHook server response is invalid' };
/** Keys of the docs' "Engaged Request Body" (§6.6), an ACD call. */
const ENGAGED_KEYS = [
	'agent_id', 'prev_state', 'prev_aux_state', 'agent_phone', 'source_ip', 'external_agent_id', 'duration', 'agent_login_id', 'account_id', 'event_type',
	'event_aux_type', 'date_time', 'pending_disp', 'username', 'call_id', 'call_source_id', 'call_source_name', 'dnis', 'call_type',
];
/** Login / logout fields (§6.6 table). */
const LOGIN_KEYS = ['external_agent_id', 'duration', 'agent_login_id', 'account_id', 'event_type', 'agent_id', 'date_time', 'agent_phone', 'username', 'source_ip'];
/** The WFM vocabulary: event types of the examples and the predefined states (§6.5). */
const STATES = ['LOGIN', 'LOGOUT', 'AVAILABLE', 'TRANSITION', 'ENGAGED', 'WORKING', 'ON BREAK', 'LUNCH', 'TRAINING', 'AWAY'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WFM_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const wfmMs = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');

describe('simulator: agent-state subscriptions', () => {
	let rig: Awaited<ReturnType<typeof webhookRig>>;
	let sim: Simulator;
	let token: string;
	let base: string;
	let rx: Awaited<ReturnType<typeof receiver>>;

	beforeAll(async () => {
		// a frozen clock (sim time moves only by setClock/advanceClock): retry times are exact
		rig = await webhookRig();
		({ sim, rx } = rig);
		base = `${paths(sim).cx}/agent-states/subscriptions`;
	});
	afterAll(() => rig.close());
	beforeEach(() => {
		rig.fresh();
		rx.setHandler((r, res) => {
			if (r.headers['validation-token']) return answerValidation(r, res);
			res.writeHead(200);
			res.end();
		});
		token = sim.secrets.apiToken;
	});

	const create = (body: Record<string, unknown>, t = token, url = base) => send('POST', url, t, body);
	const subscribe = async (extra: Record<string, unknown> = {}) => {
		const r = await create({ subscriptionName: `feed-${Math.floor(sim.control.now() / 1000)}-${rx.received.length}`, notificationUrl: rx.url, ...extra });
		expect(r.status).toBe(200);
		return r.json;
	};
	const bodies = () => rx.notifications().map((r) => JSON.parse(r.body));

	describe('create, list, update, delete', () => {
		it('creates from the docs example (our receiver URL) and answers RTASubscriptionResponse', async () => {
			const cfg = sim.world.authConfigs.find((c) => c.subAccountId === sim.world.mainSubAccountId && c.authType === 'APIKEY')!;
			const example = {
				subscriptionName: 'WFM agent state feed',
				description: 'Agent state events for workforce management',
				retryCount: 3,
				notificationUrl: rx.url,
				authConfigId: cfg.authConfigId,
				active: true,
				customHeaders: { 'X-Integration-Name': 'wfm-sync' },
				expiresAt: 1893456000,
			};
			const r = await create(example);
			expect(r.status).toBe(200);
			const { retryCount, ...rest } = example;
			expect(r.json).toEqual({
				...rest,
				maxRetryCount: retryCount,
				subscriptionId: expect.stringMatching(UUID),
				mainAccountId: sim.world.mainAccountId,
				subAccountId: sim.world.mainSubAccountId,
				createdBy: expect.any(String),
				updatedBy: expect.any(String),
				createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
				updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
				authConfig: { authType: 'APIKEY', apiKey: sim.secrets.authConfigApiKey },
			});
			expect(r.json.createdAt.slice(0, 16)).toBe(T0.slice(0, 16));
			const list = await send('GET', base, token);
			expect(list.json).toEqual([r.json]);
			// defaults: retry count 3, active, no expiry, no headers
			const minimal = await create({ subscriptionName: 'minimal', notificationUrl: rx.url });
			expect(minimal.json).toEqual(expect.objectContaining({ maxRetryCount: 3, active: true, expiresAt: 0, customHeaders: {}, authConfigId: null, description: null }));
			expect(minimal.json.authConfig).toBeUndefined();
			// the request log never shows the auth config key
			expect(JSON.stringify(sim.control.requestLog())).not.toContain(sim.secrets.authConfigApiKey);
		});

		it('400 for a missing name, an invalid URL, retryCount above 10, a past expiresAt', async () => {
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ notificationUrl: rx.url }, 'subscriptionName'],
				[{ subscriptionName: '  ', notificationUrl: rx.url }, 'subscriptionName'],
				[{ subscriptionName: 'x' }, 'notificationUrl'],
				[{ subscriptionName: 'x', notificationUrl: 'not a url' }, 'notificationUrl'],
				[{ subscriptionName: 'x', notificationUrl: 'ftp://example.com/x' }, 'notificationUrl'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, retryCount: 11 }, 'retryCount'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, retryCount: -1 }, 'retryCount'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, expiresAt: 1600000000 }, 'expiresAt'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, expiresAt: '2030-01-01' }, 'expiresAt'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, authConfigId: 'abc' }, 'authConfigId'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, customHeaders: { 'Bad Header': 'x' } }, 'customHeaders'],
				[{ subscriptionName: 'x', notificationUrl: rx.url, active: 'yes' }, 'active'],
			];
			for (const [body, attr] of cases) {
				const r = await create(body);
				expect([attr, r.status]).toEqual([attr, 400]);
				expect(r.json.validationErrors.map((e: any) => e.attributeName)).toContain(attr);
			}
			// no receiver was asked, nothing was created
			expect(rx.received).toEqual([]);
			expect((await send('GET', base, token)).json).toEqual([]);
			const max = await create({ subscriptionName: 'ten', notificationUrl: rx.url, retryCount: 10 });
			expect(max.json.maxRetryCount).toBe(10);
		});

		it('404 for an unknown auth config (or one of another sub-account) and an unknown subscription', async () => {
			const other = sim.world.authConfigs.find((c) => c.subAccountId === sim.world.partnerSubAccountId)!;
			// the docs example's id: a well-formed uuid no config of this account has
			const docsExampleConfig = ['2f8f8b6e', '2a5c', '4d8c', 'bd44', '31db90a77b2a'].join('-');
			expect((await create({ subscriptionName: 'x', notificationUrl: rx.url, authConfigId: docsExampleConfig })).status).toBe(404);
			expect((await create({ subscriptionName: 'x', notificationUrl: rx.url, authConfigId: other.authConfigId })).status).toBe(404);
			const unknown = '00000000-0000-4000-a000-000000000000';
			expect((await send('PUT', `${base}/${unknown}`, token, { subscriptionName: 'x', notificationUrl: rx.url })).status).toBe(404);
			const del = await send('DELETE', `${base}/${unknown}`, token);
			expect(del.status).toBe(404);
			expect(del.json.generalMessage).toBe('The resource you have requested does not exist');
		});

		it('409 when an active subscription of the sub-account has the name; inactive ones do not count', async () => {
			const a = await subscribe({ subscriptionName: 'dup' });
			const again = await create({ subscriptionName: 'dup', notificationUrl: rx.url });
			expect(again.status).toBe(409);
			const paused = await create({ subscriptionName: 'dup', notificationUrl: rx.url, active: false });
			expect(paused.status).toBe(200);
			const resume = await send('PUT', `${base}/${paused.json.subscriptionId}`, token, { subscriptionName: 'dup', notificationUrl: rx.url, active: true });
			expect(resume.status).toBe(409);
			// another sub-account may use the name
			expect((await create({ subscriptionName: 'dup', notificationUrl: rx.url }, token, `${paths(sim, sim.world.partnerSubAccountId).cx}/agent-states/subscriptions`)).status).toBe(200);
			// once the first is deleted the name is free
			expect((await send('DELETE', `${base}/${a.subscriptionId}`, token)).status).toBe(200);
			expect((await send('PUT', `${base}/${paused.json.subscriptionId}`, token, { subscriptionName: 'dup', notificationUrl: rx.url, active: true })).status).toBe(200);
		});

		it('403 access.denied.exception without WEM (account or sub-account); 401 without a token', async () => {
			const noWem = await login(sim, sim.secrets.jwtNoWem);
			const r = await send('GET', base, noWem.accessToken);
			expect(r.status).toBe(403);
			expect(r.json.errorCode).toBe('access.denied.exception');
			const sub = await send('GET', `${paths(sim, sim.world.noWemSubAccountId).cx}/agent-states/subscriptions`, token);
			expect([sub.status, sub.json.errorCode]).toEqual([403, 'access.denied.exception']);
			const none = await send('GET', base, 'nope');
			expect([none.status, none.text]).toEqual([401, 'Invalid token']);
		});

		it('PUT replaces the whole request (variant merge keeps what it is not given); DELETE removes it', async () => {
			const s = await subscribe({ description: 'd', retryCount: 5, customHeaders: { 'X-A': '1' } });
			const put = await send('PUT', `${base}/${s.subscriptionId}`, token, { subscriptionName: s.subscriptionName, notificationUrl: rx.url, active: false });
			expect(put.json).toEqual(expect.objectContaining({ subscriptionId: s.subscriptionId, active: false, description: null, maxRetryCount: 3, customHeaders: {} }));
			sim.control.setVariants({ subscriptionPut: 'merge' });
			const merged = await send('PUT', `${base}/${s.subscriptionId}`, token, { subscriptionName: s.subscriptionName, notificationUrl: rx.url, description: 'again', retryCount: 7 });
			expect(merged.json).toEqual(expect.objectContaining({ active: false, description: 'again', maxRetryCount: 7 }));
			// name and URL are required on PUT too
			expect((await send('PUT', `${base}/${s.subscriptionId}`, token, { active: true })).status).toBe(400);
			expect((await send('DELETE', `${base}/${s.subscriptionId}`, token)).status).toBe(200);
			expect((await send('GET', base, token)).json).toEqual([]);
			expect((await send('DELETE', `${base}/${s.subscriptionId}`, token)).status).toBe(404);
			expect(sim.control.subscriptions()[0]).toEqual(expect.objectContaining({ subscriptionId: s.subscriptionId, deleted: true, receiving: false }));
		});

		it('uses the admin limit (120 per 60 s per main account)', async () => {
			sim.control.setLimits({ admin: [{ count: 3, windowMs: 60000 }] });
			for (let i = 0; i < 3; i++) expect((await send('GET', base, token)).status).toBe(200);
			const limited = await send('GET', base, token);
			expect([limited.status, limited.text]).toEqual([429, 'rate']);
		});
	});

	describe('receiver validation (§6.4)', () => {
		it('sends Validation-Token and accepts 200 + the echoed header within 1024 bytes; records the exact bytes received', async () => {
			let answer = '';
			const raw = await rawReceiver((head) => {
				answer = `HTTP/1.1 200 OK\r\nValidation-Token: ${tokenOf(head)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
				return answer;
			});
			try {
				const r = await create({ subscriptionName: 'raw', notificationUrl: raw.url, customHeaders: { 'X-Secret': 'abc' } });
				expect(r.status).toBe(200);
				const head = raw.heads[0];
				expect(head.startsWith('POST /hook HTTP/1.1\r\n')).toBe(true);
				expect(tokenOf(head)).toMatch(UUID);
				// the default validation request carries the token, not the custom headers
				expect(head).not.toMatch(/x-secret/i);
				const v = sim.control.validations();
				expect(v).toHaveLength(1);
				expect(v[0]).toEqual(expect.objectContaining({ purpose: 'create', status: 200, echoed: true, ok: true, reason: null, token: tokenOf(head) }));
				expect(v[0].bytes).toBe(Buffer.byteLength(answer));
				expect(v[0].headerBytes).toBe(Buffer.byteLength(answer));
				expect(v[0].bodyBytes).toBe(0);
			} finally {
				await raw.close();
			}
		});

		it('1024 bytes pass, 1025 fail with SUB-525 (headers and body counted)', async () => {
			const sized = (total: number) => (head: string) => {
				const start = `HTTP/1.1 200 OK\r\nValidation-Token: ${tokenOf(head)}\r\nConnection: close\r\nContent-Length: `;
				// find the body length that makes the whole answer `total` bytes
				for (let n = 0; n < total; n++) {
					const text = `${start}${n}\r\n\r\n${'x'.repeat(n)}`;
					if (Buffer.byteLength(text) === total) return text;
				}
				throw new Error('no size');
			};
			const ok = await rawReceiver(sized(1024));
			const big = await rawReceiver(sized(1025));
			try {
				expect((await create({ subscriptionName: 'ok', notificationUrl: ok.url })).status).toBe(200);
				const r = await create({ subscriptionName: 'big', notificationUrl: big.url });
				expect(r.status).toBe(400);
				expect(r.json).toEqual(SUB_525);
				const v = sim.control.validations();
				expect(v.map((x) => [x.bytes, x.ok])).toEqual([
					[1024, true],
					[1025, false],
				]);
				expect(v[1].reason).toMatch(/1025 bytes/);
				expect((await send('GET', base, token)).json.map((s: any) => s.subscriptionName)).toEqual(['ok']);
			} finally {
				await ok.close();
				await big.close();
			}
		});

		it('SUB-525 for a wrong status, a missing or wrong echo, no answer in time, a refused connection', async () => {
			const cases: Array<[string, (r: any, res: any) => void]> = [
				['status 202', (r, res) => {
					res.writeHead(202, { 'Validation-Token': r.headers['validation-token'] });
					res.end();
				}],
				['no echo', (_r, res) => {
					res.writeHead(200);
					res.end();
				}],
				['wrong echo', (_r, res) => {
					res.writeHead(200, { 'Validation-Token': 'something-else' });
					res.end();
				}],
				['too slow', (r, res) => {
					setTimeout(() => answerValidation(r, res), 3000);
				}],
			];
			for (const [name, handler] of cases) {
				// the slow receiver against a short timeout; the others get the default 3000 ms
				sim.control.setLimits({ validationTimeoutMs: name === 'too slow' ? 300 : 3000 });
				rx.setHandler(handler);
				const r = await create({ subscriptionName: name, notificationUrl: rx.url });
				expect([name, r.status, r.json]).toEqual([name, 400, SUB_525]);
			}
			const refused = await receiver();
			const url = refused.url;
			await refused.close();
			expect((await create({ subscriptionName: 'refused', notificationUrl: url })).json).toEqual(SUB_525);
			const reasons = sim.control.validations().map((v) => v.reason);
			expect(reasons[0]).toMatch(/status 202/);
			expect(reasons[1]).toMatch(/not echoed/);
			expect(reasons[2]).toMatch(/not echoed/);
			expect(reasons[3]).toMatch(/timeout/);
			expect(reasons[4]).toMatch(/ECONNREFUSED/);
			expect((await send('GET', base, token)).json).toEqual([]);
		});

		it('variants: custom headers on the validation request; validation again on PUT (always, or when the URL changes)', async () => {
			sim.control.setVariants({ validationHeaders: 'custom' });
			const s = await subscribe({ customHeaders: { 'X-Secret': 'abc' } });
			expect(rx.received[0].headers['x-secret']).toBe('abc');
			const bad = await receiver((_r, res) => {
				res.writeHead(500);
				res.end();
			});
			try {
				const body = { subscriptionName: s.subscriptionName, notificationUrl: bad.url };
				// default: PUT does not validate
				expect((await send('PUT', `${base}/${s.subscriptionId}`, token, body)).status).toBe(200);
				expect(bad.received).toHaveLength(0);
				sim.control.setVariants({ subscriptionPutValidation: 'always' });
				expect((await send('PUT', `${base}/${s.subscriptionId}`, token, body)).json).toEqual(SUB_525);
				sim.control.setVariants({ subscriptionPutValidation: 'urlChanged' });
				expect((await send('PUT', `${base}/${s.subscriptionId}`, token, body)).status).toBe(200);
				expect((await send('PUT', `${base}/${s.subscriptionId}`, token, { ...body, notificationUrl: `${bad.url}?v=2` })).json).toEqual(SUB_525);
				expect(sim.control.validations().map((v) => v.purpose)).toEqual(['create', 'update', 'update']);
			} finally {
				await bad.close();
			}
			sim.control.setVariants({ notificationUrlRule: 'https' });
			expect((await create({ subscriptionName: 'plain', notificationUrl: rx.url })).status).toBe(400);
		});
	});

	describe('notifications', () => {
		it('every state change after creation goes to the receiver, WFM-style, with the custom headers', async () => {
			const s = await subscribe({ customHeaders: { 'X-Webhook-Secret': 's3cr3t', 'X-Integration-Name': 'wfm-sync' } });
			const from = sim.control.now();
			sim.control.advanceClock(30 * MIN);
			await sim.control.deliverDue();
			const notes = rx.notifications();
			expect(notes.length).toBeGreaterThan(20);
			for (const n of notes) {
				expect(n.method).toBe('POST');
				expect(n.url).toBe('/hook');
				expect(n.headers['content-type']).toBe('application/json');
				expect(n.headers['x-webhook-secret']).toBe('s3cr3t');
				expect(n.headers['x-integration-name']).toBe('wfm-sync');
			}
			const events = bodies();
			const to = sim.control.now();
			for (const e of events) {
				// every value a string or null (§6.6 pitfall)
				for (const value of Object.values(e)) expect(value === null || typeof value === 'string').toBe(true);
				expect(STATES).toContain(e.event_type);
				expect(e.date_time).toMatch(WFM_TIME);
				expect(wfmMs(e.date_time)).toBeGreaterThan(from - 1000);
				expect(wfmMs(e.date_time)).toBeLessThanOrEqual(to);
				expect(e.account_id).toBe(sim.world.mainSubAccountId);
				if (e.event_type === 'LOGIN' || e.event_type === 'LOGOUT') expect(Object.keys(e).sort()).toEqual([...LOGIN_KEYS].sort());
				else if (e.call_type === 'ACD') expect(Object.keys(e)).toEqual(ENGAGED_KEYS);
				else if (e.call_type === 'VPD') expect(Object.keys(e)).toEqual(ENGAGED_KEYS.filter((k) => k !== 'dnis'));
				else expect(Object.keys(e)).toEqual(ENGAGED_KEYS.slice(0, 14));
			}
			// per agent: in time order, and each event's prev_state is the state before it
			const byAgent = new Map<string, any[]>();
			for (const e of events) byAgent.set(e.agent_id, [...(byAgent.get(e.agent_id) || []), e]);
			for (const list of byAgent.values()) {
				for (let i = 1; i < list.length; i++) {
					expect(wfmMs(list[i].date_time)).toBeGreaterThanOrEqual(wfmMs(list[i - 1].date_time));
					if (list[i].prev_state !== undefined) expect(list[i].prev_state).toBe(list[i - 1].event_type);
				}
			}
			const attempts = sim.control.deliveries({ targetId: s.subscriptionId });
			expect(attempts).toHaveLength(notes.length);
			expect(attempts.every((a) => a.ok && a.status === 200 && a.attempt === 1)).toBe(true);
			expect(attempts[0].requestHeaders['X-Webhook-Secret']).toBe('[redacted]');
		});

		it('a login fires LOGIN, then AVAILABLE with an empty aux state, then AVAILABLE "Available" (§6.6)', async () => {
			// the morning: agents log in
			sim.control.setClock('2026-03-02T12:30:00.000Z');
			await subscribe();
			sim.control.advanceClock(90 * MIN);
			await sim.control.deliverDue();
			const events = bodies();
			const logins = events.filter((e) => e.event_type === 'LOGIN');
			expect(logins.length).toBeGreaterThan(5);
			for (const l of logins) {
				const mine = events.filter((e) => e.agent_id === l.agent_id);
				const i = mine.indexOf(l);
				if (i + 2 >= mine.length) continue;
				expect(mine[i + 1]).toEqual(expect.objectContaining({ event_type: 'AVAILABLE', prev_state: 'LOGIN', event_aux_type: '' }));
				expect(mine[i + 2]).toEqual(expect.objectContaining({ event_type: 'AVAILABLE', prev_state: 'AVAILABLE', event_aux_type: 'Available', prev_aux_state: '' }));
				expect(mine[i + 1].agent_login_id).toBe(l.agent_login_id);
			}
		});

		it('ENGAGED events name the call of the interaction metadata: call_id = interactionId, agent = participant, start = segment start', async () => {
			await subscribe();
			sim.control.advanceClock(40 * MIN);
			await sim.control.deliverDue();
			const engaged = bodies().filter((e) => e.event_type === 'ENGAGED');
			expect(engaged.length).toBeGreaterThan(3);
			// read the segments through the CX metadata endpoint (a different path through the simulator)
			const at = sim.control.now();
			sim.control.advanceClock(3 * 60 * MIN);
			const meta: any[] = [];
			for (let t = at - 2 * 60 * MIN; t < at + 2 * 60 * MIN; t += 60 * MIN) {
				const r = await send('POST', `${paths(sim).cx}/interaction-metadata`, token, {
					segmentEndTime: new Date(t).toISOString().slice(0, 19).replace('T', ' '),
					timeInterval: 3600,
					timeZone: 'UTC',
				});
				expect(r.status).toBe(200);
				meta.push(...r.json);
				sim.control.advanceClock(61 * 1000);
			}
			// TRANSITION → ENGAGED: the agent picks the call up at the segment start
			const picked = engaged.filter((e) => e.prev_state === 'TRANSITION');
			expect(picked.length).toBeGreaterThan(3);
			for (const e of picked) {
				const seg = meta.find((m) => m.interactionId === e.call_id && m.segmentParticipantId === e.agent_id && m.segmentStartTimeMs === new Date(wfmMs(e.date_time)).toISOString());
				expect(seg).toBeDefined();
				if (e.call_type === 'ACD') expect(seg.dialogOrigination).toBe('INBOUND');
			}
		});

		it('retries a failed delivery up to the retry count: 5 s, then 10 s of sim time later; then gives up', async () => {
			rx.setHandler((r, res) => {
				if (r.headers['validation-token']) return answerValidation(r, res);
				res.writeHead(503);
				res.end();
			});
			const s = await subscribe({ retryCount: 2 });
			sim.control.advanceClock(5 * MIN);
			await sim.control.deliverDue();
			const first = sim.control.deliveries({ targetId: s.subscriptionId });
			expect(first.length).toBeGreaterThan(0);
			const n = first.length;
			expect(first.every((a) => a.attempt === 1 && a.status === 503 && !a.ok)).toBe(true);
			sim.control.advanceClock(4999);
			await sim.control.deliverDue();
			expect(sim.control.deliveries({ targetId: s.subscriptionId })).toHaveLength(n);
			sim.control.advanceClock(1);
			await sim.control.deliverDue();
			const second = sim.control.deliveries({ targetId: s.subscriptionId }).filter((a) => a.attempt === 2);
			expect(second).toHaveLength(n);
			for (const a of second) {
				const one = first.find((f) => f.eventId === a.eventId)!;
				expect(a.dueAtMs - one.sentAtMs).toBe(5000);
			}
			sim.control.advanceClock(10000);
			const done = await sim.control.deliverDue();
			const all = sim.control.deliveries({ targetId: s.subscriptionId });
			expect(all.filter((a) => a.attempt === 3)).toHaveLength(n);
			expect(done.failed).toBe(n);
			// given up: nothing more, ever
			sim.control.advanceClock(10 * MIN);
			rx.received.length = 0;
			await sim.control.deliverDue();
			expect(sim.control.deliveries({ targetId: s.subscriptionId }).filter((a) => a.attempt > 3)).toEqual([]);
		});

		it('a slow receiver (no answer within limits.deliveryTimeoutMs) fails the attempt; the retry succeeds once it is fast', async () => {
			sim.control.setLimits({ deliveryTimeoutMs: 300 });
			let slow = true;
			rx.setHandler((r, res) => {
				if (r.headers['validation-token']) return answerValidation(r, res);
				setTimeout(() => {
					res.writeHead(200);
					res.end();
				}, slow ? 3000 : 0);
			});
			const s = await subscribe({ retryCount: 1 });
			sim.control.advanceClock(3 * MIN);
			await sim.control.deliverDue();
			const first = sim.control.deliveries({ targetId: s.subscriptionId });
			expect(first.length).toBeGreaterThan(0);
			expect(first.every((a) => !a.ok && /timeout/.test(a.error!))).toBe(true);
			slow = false;
			// a fast receiver must not depend on how busy this machine is
			sim.control.setLimits({ deliveryTimeoutMs: 5000 });
			sim.control.advanceClock(5000);
			const done = await sim.control.deliverDue();
			expect(done.delivered).toBe(first.length);
		});

		it('delivery faults: duplicate sends the same notification twice; fail counts as a failed attempt', async () => {
			const s = await subscribe({ retryCount: 3 });
			sim.control.injectDeliveryFaults([{ kind: 'duplicate', count: 1 }, { kind: 'fail', count: 1, after: 1 }]);
			sim.control.advanceClock(5 * MIN);
			await sim.control.deliverDue();
			sim.control.advanceClock(5000);
			await sim.control.deliverDue();
			const attempts = sim.control.deliveries({ targetId: s.subscriptionId });
			const dup = attempts.find((a) => a.duplicate)!;
			expect(dup).toBeDefined();
			const twice = rx.notifications().filter((r) => r.body === dup.body);
			expect(twice).toHaveLength(2);
			const failed = attempts.find((a) => a.error === 'injected failure')!;
			expect(failed.attempt).toBe(1);
			expect(attempts.find((a) => a.eventId === failed.eventId && a.attempt === 2)!.ok).toBe(true);
			expect(new Set(attempts.filter((a) => !a.duplicate && a.ok).map((a) => a.eventId)).size).toBe(attempts.filter((a) => !a.duplicate && a.ok).length);
		});

		it('inactive subscriptions get nothing, and on resume only what happens after; DELETE cancels pending retries', async () => {
			const s = await subscribe({ active: false });
			sim.control.advanceClock(10 * MIN);
			await sim.control.deliverDue();
			expect(rx.notifications()).toEqual([]);
			const resumedAt = sim.control.now();
			await send('PUT', `${base}/${s.subscriptionId}`, token, { subscriptionName: s.subscriptionName, notificationUrl: rx.url, active: true });
			sim.control.advanceClock(10 * MIN);
			await sim.control.deliverDue();
			expect(bodies().length).toBeGreaterThan(0);
			expect(bodies().every((e) => wfmMs(e.date_time) >= resumedAt - 1000)).toBe(true);
			rx.setHandler((r, res) => {
				res.writeHead(r.headers['validation-token'] ? 200 : 500);
				res.end();
			});
			sim.control.advanceClock(5 * MIN);
			await sim.control.deliverDue();
			await send('DELETE', `${base}/${s.subscriptionId}`, token);
			sim.control.advanceClock(10 * MIN);
			const after = await sim.control.deliverDue();
			expect(after.cancelled).toBeGreaterThan(0);
			expect(after.pending).toBe(0);
		});

		it('expiresAt (epoch seconds) in sim time: nothing after it; default deactivates, variants delete or keep; PUT with a later expiresAt renews', async () => {
			const expiresAt = Math.floor(sim.control.now() / 1000) + 600;
			const s = await subscribe({ expiresAt });
			sim.control.advanceClock(20 * MIN);
			await sim.control.deliverDue();
			expect(bodies().length).toBeGreaterThan(0);
			expect(bodies().every((e) => wfmMs(e.date_time) < expiresAt * 1000)).toBe(true);
			const listed = (await send('GET', base, token)).json;
			expect(listed).toEqual([expect.objectContaining({ subscriptionId: s.subscriptionId, active: false, expiresAt })]);
			const renewed = await send('PUT', `${base}/${s.subscriptionId}`, token, { subscriptionName: s.subscriptionName, notificationUrl: rx.url, expiresAt: expiresAt + 7200 });
			expect(renewed.json.active).toBe(true);
			const renewedAt = sim.control.now();
			rx.received.length = 0;
			sim.control.advanceClock(10 * MIN);
			await sim.control.deliverDue();
			expect(bodies().length).toBeGreaterThan(0);
			expect(bodies().every((e) => wfmMs(e.date_time) >= renewedAt - 1000)).toBe(true);

			sim.control.setVariants({ subscriptionExpiry: 'delete' });
			const d = await subscribe({ expiresAt: Math.floor(sim.control.now() / 1000) + 60 });
			sim.control.advanceClock(2 * MIN);
			expect((await send('GET', base, token)).json.map((x: any) => x.subscriptionId)).not.toContain(d.subscriptionId);
			expect((await send('PUT', `${base}/${d.subscriptionId}`, token, { subscriptionName: 'x', notificationUrl: rx.url })).status).toBe(404);
			sim.control.setVariants({ subscriptionExpiry: 'keep' });
			const k = await subscribe({ expiresAt: Math.floor(sim.control.now() / 1000) + 60 });
			sim.control.advanceClock(2 * MIN);
			expect((await send('GET', base, token)).json.find((x: any) => x.subscriptionId === k.subscriptionId).active).toBe(true);
			expect(sim.control.subscriptions().find((x) => x.subscriptionId === k.subscriptionId)!.receiving).toBe(false);
		});
	});

	describe('payload variants', () => {
		it('camelCase JSON: typed values and an ISO time', async () => {
			sim.control.setVariants({ agentStatePayload: 'camel' });
			await subscribe();
			sim.control.advanceClock(15 * MIN);
			await sim.control.deliverDue();
			const events = bodies();
			expect(events.length).toBeGreaterThan(0);
			for (const e of events) {
				expect(typeof e.agentId).toBe('number');
				expect(e.subAccountId).toBe(sim.world.mainSubAccountId);
				expect(STATES).toContain(e.state);
				expect(e.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
				expect(typeof e.pendingDisposition).toBe('boolean');
			}
			expect(events.some((e) => e.call && typeof e.call.callId === 'string')).toBe(true);
		});

		it('URL-encoded WFM fields; the break-state spelling and the zone of date_time are variants', async () => {
			sim.control.setVariants({ agentStatePayload: 'wfm-form', breakState: 'BREAK', wfmTimeZone: 'home' });
			sim.control.setClock('2026-03-02T14:55:00.000Z');
			await subscribe();
			sim.control.advanceClock(2 * 60 * MIN);
			await sim.control.deliverDue();
			const notes = rx.notifications();
			expect(notes.every((n) => n.headers['content-type'] === 'application/x-www-form-urlencoded')).toBe(true);
			const events = notes.map((n) => Object.fromEntries(new URLSearchParams(n.body)));
			expect(events.some((e) => e.event_type === 'BREAK')).toBe(true);
			expect(events.some((e) => e.event_type === 'ON BREAK')).toBe(false);
			// US/Eastern in March (before DST): UTC − 5 h; the window was 14:55–16:55 UTC
			const times = events.map((e) => wfmMs(e.date_time));
			expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-03-02T09:55:00Z'));
			expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse('2026-03-02T11:55:00Z'));
		});
	});

	it('ground truth over HTTP, and the same notifications for the same seed', async () => {
		const s = await subscribe();
		sim.control.advanceClock(10 * MIN);
		await control(sim, 'POST', '/deliveries/flush');
		const subs = (await control(sim, 'GET', '/subscriptions')).json;
		expect(subs.subscriptions[0].subscriptionId).toBe(s.subscriptionId);
		expect(subs.validations).toHaveLength(1);
		const attempts = (await control(sim, 'GET', '/deliveries')).json;
		expect(attempts.map((a: any) => a.body)).toEqual(rx.notifications().map((r) => r.body));
		const changes = (await control(sim, 'POST', '/truth/agentStates', { subAccountId: sim.world.mainSubAccountId, from: subs.subscriptions[0].createdAtMs, to: subs.subscriptions[0].cursorMs })).json;
		expect(changes.map((c: any) => c.id)).toEqual(attempts.map((a: any) => a.eventId));

		const twin = await start({ autoDeliver: false, clockSpeed: 1e-9 });
		const rx2 = await receiver();
		try {
			const t = twin.secrets.apiToken;
			expect(twin.control.now()).toBe(subs.subscriptions[0].createdAtMs);
			await send('POST', `${paths(twin).cx}/agent-states/subscriptions`, t, { subscriptionName: 'twin', notificationUrl: rx2.url });
			twin.control.advanceClock(10 * MIN);
			await twin.control.deliverDue();
			expect(rx2.notifications().map((r) => r.body)).toEqual(rx.notifications().map((r) => r.body));
		} finally {
			await twin.close();
			await rx2.close();
		}
	});
});
