import type { Simulator } from '../../simulator';
import { start, req, form, basic, rcToken, login, paths, get, postJson, T0, MIN } from './helpers';

describe('simulator: control API, faults, request log', () => {
	let sim: Simulator;
	let token: string;
	let p: ReturnType<typeof paths>;
	beforeAll(async () => {
		sim = await start();
		p = paths(sim);
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(async () => {
		sim.control.reset();
		token = (await login(sim)).accessToken;
	});

	const subaccountsUrl = () => `${p.ci}/accounts/${sim.world.mainAccountId}/subaccounts`;

	describe('faults', () => {
		it.each(['500', '502', '503'] as const)('%s answers an HTML gateway page', async (kind) => {
			sim.control.injectFaults({ kind });
			const r = await get(subaccountsUrl(), token);
			expect(r.status).toBe(Number(kind));
			expect(r.headers.get('content-type')).toMatch(/^text\/html/);
			expect(r.text).toContain(`<title>${kind} `);
			expect(r.json).toBeUndefined();
			expect((await get(subaccountsUrl(), token)).status).toBe(200);
		});

		it('429 with and without Retry-After', async () => {
			sim.control.injectFaults([{ kind: '429' }, { kind: '429', retryAfter: null }, { kind: '429', retryAfter: 7 }]);
			const a = await get(subaccountsUrl(), token);
			expect([a.status, a.text, a.headers.get('retry-after')]).toEqual([429, 'rate', '1']);
			const b = await get(subaccountsUrl(), token);
			expect([b.status, b.headers.get('retry-after')]).toEqual([429, null]);
			const c = await get(subaccountsUrl(), token);
			expect([c.status, c.headers.get('retry-after')]).toEqual([429, '7']);
			expect((await get(subaccountsUrl(), token)).status).toBe(200);
		});

		it('slow holds the answer back, then answers normally', async () => {
			sim.control.injectFaults({ kind: 'slow', delayMs: 3000 });
			sim.control.clearLog();
			const pending = get(subaccountsUrl(), token);
			// the request has arrived (it is in the log) but is not answered yet
			while (sim.control.requestLog().length === 0) await new Promise((r) => setTimeout(r, 10));
			expect(sim.control.requestLog()[0].status).toBeNull();
			const r = await pending;
			expect(r.status).toBe(200);
			expect(r.json).toHaveLength(3);
			expect(sim.control.requestLog()[0].status).toBe(200);
		});

		it('truncated and invalidJson bodies do not parse', async () => {
			const full = await get(subaccountsUrl(), token);
			sim.control.injectFaults({ kind: 'truncated' });
			const t = await get(subaccountsUrl(), token);
			expect(t.status).toBe(200);
			expect(t.text).toBe(full.text.slice(0, Math.floor(full.text.length / 2)));
			expect(() => JSON.parse(t.text)).toThrow();
			sim.control.injectFaults({ kind: 'invalidJson' });
			const i = await get(subaccountsUrl(), token);
			expect(i.status).toBe(200);
			expect(i.headers.get('content-type')).toMatch(/^application\/json/);
			expect(() => JSON.parse(i.text)).toThrow();
		});

		it('cutHeader cuts the answer in the middle of its first line', async () => {
			const full = await get(subaccountsUrl(), token);
			sim.control.injectFaults({ kind: 'cutHeader' });
			const cut = await get(subaccountsUrl(), token);
			expect(cut.status).toBe(200);
			const firstLine = full.text.split('\n')[0];
			expect(cut.text).toBe(full.text.slice(0, Math.max(1, Math.floor(firstLine.length / 2))));
		});

		it('reset destroys the connection', async () => {
			sim.control.injectFaults({ kind: 'reset' });
			await expect(fetch(subaccountsUrl(), { headers: { Authorization: `Bearer ${token}` } })).rejects.toThrow();
			expect((await get(subaccountsUrl(), token)).status).toBe(200);
			expect(sim.control.requestLog().some((e) => e.status === 'reset')).toBe(true);
		});

		it('expire answers the 401 expiry text of the path family', async () => {
			sim.control.injectFaults({ kind: 'expire', count: 2 });
			const classic = await get(subaccountsUrl(), token);
			expect([classic.status, classic.text]).toEqual([401, 'Jwt is expired']);
			const cx = await get(`${p.cx}/queue-groups`, token);
			expect([cx.status, cx.text]).toEqual([401, 'JWT is expired.']);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
		});

		it('count, match (substring and /regex/), method', async () => {
			sim.control.injectFaults({ kind: '503', count: 2, match: 'queue-groups' });
			expect((await get(subaccountsUrl(), token)).status).toBe(200);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(503);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(503);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			sim.control.injectFaults({ kind: '502', match: '/agg-(queue|agent)-stats$/', method: 'POST' });
			const body = { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 10:00:00', timeInterval: 900, timeZone: 'US/Eastern' };
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			expect((await postJson(`${p.cx}/agg-queue-stats`, token, body)).status).toBe(502);
			expect(sim.control.faults()[1]).toEqual(expect.objectContaining({ kind: '502', remaining: 0, hits: 1 }));
			sim.control.clearFaults();
			expect(sim.control.faults()).toEqual([]);
		});

		it('after lets the first matching requests through', async () => {
			sim.control.injectFaults({ kind: '503', count: 1, match: 'queue-groups', after: 2 });
			expect((await get(subaccountsUrl(), token)).status).toBe(200);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(503);
			expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			expect(() => sim.control.injectFaults({ kind: '500', after: -1 })).toThrow(/after/);
		});

		it('ratio faults are deterministic for a seed', async () => {
			const pattern = async (s: Simulator, t: string) => {
				s.control.injectFaults({ kind: '500', ratio: 0.5 });
				const out: number[] = [];
				for (let i = 0; i < 16; i++) out.push((await get(`${s.url}/voice/api/v1/admin/accounts`, t)).status);
				s.control.clearFaults();
				return out;
			};
			const a = await pattern(sim, token);
			expect(a.filter((x) => x === 500).length).toBeGreaterThan(2);
			expect(a.filter((x) => x === 200).length).toBeGreaterThan(2);
			const twin = await start();
			try {
				const b = await pattern(twin, (await login(twin)).accessToken);
				expect(b).toEqual(a);
			} finally {
				await twin.close();
			}
		});

		it('faults, limits and the log never touch control endpoints', async () => {
			sim.control.injectFaults({ kind: '500', count: 5 });
			const c = await req(`${sim.url}/__sim/clock`);
			expect(c.status).toBe(200);
			expect(sim.control.faults()[0].remaining).toBe(5);
			expect(sim.control.requestLog().filter((e) => e.path.startsWith('/__sim'))).toEqual([]);
		});

		it('rejects unknown fault kinds', () => {
			expect(() => sim.control.injectFaults({ kind: 'boom' as any })).toThrow(/unknown fault kind/);
		});
	});

	describe('request log', () => {
		it('records method, path, query, body, headers and status', async () => {
			sim.control.clearLog();
			await postJson(`${p.cx}/agg-queue-stats`, token, { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 10:00:00', timeInterval: 900, timeZone: 'US/Eastern' });
			const [e] = sim.control.requestLog();
			expect(e.method).toBe('POST');
			expect(e.path).toBe(`/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${sim.world.mainSubAccountId}/agg-queue-stats`);
			expect(e.body).toEqual({ startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 10:00:00', timeInterval: 900, timeZone: 'US/Eastern' });
			expect(e.headers['content-type']).toBe('application/json');
			expect(e.headers.authorization).toBe('[redacted]');
			expect(e.status).toBe(200);
			expect(e.time).toMatch(/^2026-03-02T18:0/);
		});

		it('redacts every secret and token everywhere', async () => {
			const s = sim.secrets;
			sim.control.clearLog();
			const rc = await rcToken(sim);
			const ev = await req(`${sim.url}/api/auth/login/rc/accesstoken?includeRefresh=true`, form({ rcAccessToken: rc.json.access_token, rcTokenType: 'Bearer' }));
			const rf = await req(`${sim.url}/api/auth/token/refresh`, form({ refresh_token: ev.json.refreshToken, rcTokenType: 'Bearer' }));
			const pw = form({ grant_type: 'password', username: s.username, password: s.password, client_secret: s.clientSecret });
			(pw.headers as Record<string, string>).Authorization = basic(s.clientId, s.clientSecret);
			await req(`${sim.url}/restapi/oauth/token`, pw);
			await req(`${sim.url}/api/auth/login/admin?username=${encodeURIComponent(s.username)}&password=${encodeURIComponent(s.password)}&platformId=c1`, { method: 'POST' });
			const legacy = await req(`${sim.url}/api/v1/auth/login`, form({ username: s.username, password: s.password }));
			const created = await req(`${sim.url}/api/v1/admin/token`, { method: 'POST', headers: { 'X-Auth-Token': legacy.json.authToken } });
			await req(`${sim.url}/api/v1/admin/token/${encodeURIComponent(created.text)}`, { method: 'DELETE', headers: { 'X-Auth-Token': s.apiToken } });
			await req(`${sim.url}/voice/api/v1/admin/accounts?access_token=${encodeURIComponent(rf.json.accessToken)}`, {
				headers: { Authorization: `Bearer ${rf.json.accessToken}` },
			});
			await req(`${sim.url}/voice/api/v1/admin/accounts`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ nested: { password: 'x-secret-x', note: `token ${s.apiToken} inside` } }),
			});
			const log = sim.control.requestLog();
			expect(log).toHaveLength(10);
			const dump = JSON.stringify(log);
			const secrets = [
				s.clientSecret, s.jwt, s.password, s.apiToken, rc.json.access_token, rc.json.refresh_token, ev.json.accessToken, ev.json.refreshToken,
				rf.json.accessToken, rf.json.refreshToken, legacy.json.authToken, created.text, 'x-secret-x',
			];
			for (const secret of secrets) {
				expect(secret.length).toBeGreaterThan(5);
				expect(dump).not.toContain(secret);
				expect(dump).not.toContain(encodeURIComponent(secret));
			}
			expect(log[0].headers.authorization).toBe('[redacted]');
			expect(log[0].body).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: '[redacted]' });
			expect(log[1].body).toEqual({ rcAccessToken: '[redacted]', rcTokenType: 'Bearer' });
			expect(log[1].query).toEqual({ includeRefresh: 'true' });
			expect(log[2].body).toEqual({ refresh_token: '[redacted]', rcTokenType: 'Bearer' });
			expect(log[3].body).toEqual({ grant_type: 'password', username: s.username, password: '[redacted]', client_secret: '[redacted]' });
			expect(log[4].query).toEqual({ username: s.username, password: '[redacted]', platformId: 'c1' });
			expect(log[5].body).toEqual({ username: s.username, password: '[redacted]' });
			expect(log[6].headers['x-auth-token']).toBe('[redacted]');
			expect(log[7].path).toBe('/api/v1/admin/token/[redacted]');
			expect(log[8].query).toEqual({ access_token: '[redacted]' });
			expect(log[9].body).toEqual({ nested: { password: '[redacted]', note: 'token [redacted] inside' } });
		});
	});

	describe('clock, reset, HTTP control endpoints', () => {
		it('clock: now / setClock / advanceClock', () => {
			const now = sim.control.now();
			expect(Math.abs(now - Date.parse(T0))).toBeLessThan(10000);
			expect(sim.control.setClock('2026-05-01T00:00:00Z')).toBeGreaterThanOrEqual(Date.parse('2026-05-01T00:00:00Z'));
			const after = sim.control.advanceClock(90 * MIN);
			expect(after - Date.parse('2026-05-01T00:00:00Z')).toBeGreaterThanOrEqual(90 * MIN);
			expect(after - Date.parse('2026-05-01T00:00:00Z')).toBeLessThan(90 * MIN + 5000);
		});

		it('every answer states the sim time in its Date header, errors included', async () => {
			const simNow = sim.control.now();
			// far from the host's clock, so that a header from the host would show
			expect(Math.abs(simNow - Date.now())).toBeGreaterThan(86_400_000);
			const ok = await get(subaccountsUrl(), token);
			expect(ok.status).toBe(200);
			const stated = Date.parse(String(ok.headers.get('date')));
			expect(stated).toBeGreaterThanOrEqual(Math.floor(simNow / 1000) * 1000);
			expect(stated).toBeLessThan(simNow + 10_000);
			const denied = await get(subaccountsUrl(), 'not-a-token');
			expect(denied.status).toBe(401);
			expect(Math.abs(Date.parse(String(denied.headers.get('date'))) - stated)).toBeLessThan(10_000);
		});

		it('invalidateTokens expires access tokens on demand', async () => {
			sim.control.invalidateTokens({ access: true });
			const r = await get(subaccountsUrl(), token);
			expect([r.status, r.text]).toEqual([401, 'Jwt is expired']);
		});

		it('reset puts clock, limits, faults, variants, tokens and log back', async () => {
			sim.control.advanceClock(3 * 3600 * 1000);
			sim.control.setLimits({ exchangePerMinute: 1 });
			sim.control.injectFaults({ kind: '500', count: 10 });
			sim.control.setVariants({ supervision: 'where' });
			await get(subaccountsUrl(), token);
			sim.control.reset();
			expect(Math.abs(sim.control.now() - Date.parse(T0))).toBeLessThan(10000);
			expect(sim.control.getLimits().exchangePerMinute).toBe(5);
			expect(sim.control.faults()).toEqual([]);
			expect(sim.control.getVariants().supervision).toBe('ids');
			expect(sim.control.requestLog()).toEqual([]);
			const r = await get(subaccountsUrl(), token);
			expect([r.status, r.text]).toEqual([401, 'Invalid token']);
			// the seeded API token survives a reset
			expect((await req(subaccountsUrl(), { headers: { 'X-Auth-Token': sim.secrets.apiToken } })).status).toBe(200);
		});

		it('HTTP control API mirrors the in-process one', async () => {
			const c = `${sim.url}/__sim`;
			const j = (method: string, path: string, body?: unknown) =>
				req(`${c}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			expect((await j('GET', '/health')).json).toEqual({ ok: true });
			expect((await j('DELETE', '/log')).status).toBe(200);
			const set = await j('POST', '/clock/set', { time: '2026-04-01T12:00:00Z' });
			expect(set.json.iso).toMatch(/^2026-04-01T12:00:0/);
			const adv = await j('POST', '/clock/advance', { ms: 60000 });
			expect(adv.json.iso).toMatch(/^2026-04-01T12:01:0/);
			expect((await j('POST', '/clock', { advance: 60000 })).json.iso).toMatch(/^2026-04-01T12:02:0/);
			expect((await j('GET', '/clock')).json.now).toBeGreaterThanOrEqual(Date.parse('2026-04-01T12:02:00Z'));
			expect((await j('POST', '/limits', { report: [{ count: 20, windowMs: 1000 }] })).json.report).toEqual([{ count: 20, windowMs: 1000 }]);
			expect((await j('GET', '/limits')).json.metadataMaxSeconds).toBe(3600);
			expect((await j('POST', '/variants', { supervision: 'where' })).json.supervision).toBe('where');
			expect((await j('GET', '/variants')).json.supervision).toBe('where');
			expect((await j('POST', '/variants', { supervision: 'nope' })).status).toBe(400);
			expect((await j('POST', '/faults', { kind: '503', match: 'subaccounts' })).json.ids).toHaveLength(1);
			expect((await j('GET', '/faults')).json[0].kind).toBe('503');
			const tok = sim.secrets.apiToken;
			expect((await req(subaccountsUrl(), { headers: { 'X-Auth-Token': tok } })).status).toBe(503);
			expect((await j('DELETE', '/faults')).status).toBe(200);
			const log = (await j('GET', '/log')).json;
			expect(log).toHaveLength(1);
			expect(log[0].headers['x-auth-token']).toBe('[redacted]');
			expect(log[0].status).toBe(503);
			await j('DELETE', '/log');
			expect((await j('GET', '/log')).json).toEqual([]);
			expect((await j('GET', '/world')).json).toEqual(JSON.parse(JSON.stringify(sim.world)));
			expect((await j('GET', '/secrets')).json).toEqual(sim.secrets);
			const truth = await j('POST', '/truth/queueStats', {
				subAccountId: sim.world.mainSubAccountId,
				from: '2026-03-02T14:00:00Z',
				to: '2026-03-02T17:00:00Z',
				intervalMinutes: 30,
				timeZone: 'US/Eastern',
			});
			// independent of the in-process truth: 30-minute rows of 09:00–12:00 US/Eastern
			expect(truth.json.length).toBeGreaterThan(0);
			for (const row of truth.json) {
				expect(row.interval).toBe(30);
				expect(row.dateTimeFrom).toMatch(/^03-02-2026T(09|10|11):(00|30):00$/);
			}
			expect(truth.json).toEqual(sim.truth.queueStats(sim.world.mainSubAccountId, Date.parse('2026-03-02T14:00:00Z'), Date.parse('2026-03-02T17:00:00Z'), 30, { timeZone: 'US/Eastern' }));
			const segs = await j('POST', '/truth/segments', { subAccountId: sim.world.mainSubAccountId, from: '2026-03-02T15:00:00Z', to: '2026-03-02T15:10:00Z', family: 'classic' });
			expect(segs.json[0].segmentID).toEqual(expect.any(Number));
			expect((await j('POST', '/invalidate')).status).toBe(404);
			expect((await j('POST', '/limits', { metadataMaxSeconds: 99999 })).status).toBe(400);
			await j('POST', '/tokens/invalidate', { access: true });
			expect((await get(subaccountsUrl(), token)).text).toBe('Jwt is expired');
			const reset = await j('POST', '/reset');
			expect(reset.json.ok).toBe(true);
			expect(Math.abs(reset.json.now - Date.parse(T0))).toBeLessThan(10000);
			expect(sim.control.getVariants().supervision).toBe('ids');
		});

		it('clockSpeed runs sim time faster than real time', async () => {
			const fast = await start({ clockSpeed: 600 });
			try {
				// compared with the real time that passed, however long that was
				const realStart = Date.now();
				const a = fast.control.now();
				await new Promise((r) => setTimeout(r, 100));
				const elapsed = fast.control.now() - a;
				const real = Date.now() - realStart;
				expect(elapsed).toBeGreaterThanOrEqual((real - 5) * 600);
				expect(elapsed).toBeLessThanOrEqual((real + 5) * 600);
			} finally {
				await fast.close();
			}
		});
	});
});
