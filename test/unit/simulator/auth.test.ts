import type { Simulator } from '../../simulator';
import { start, req, form, basic, rcToken, exchange, login, paths, get, bearer, MIN } from './helpers';

describe('simulator: sign-in flows', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await start();
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.control.reset());

	describe('RingCentral platform', () => {
		it('JWT grant returns an RC-shaped token', async () => {
			const r = await rcToken(sim);
			expect(r.status).toBe(200);
			expect(r.json).toEqual(
				expect.objectContaining({
					token_type: 'bearer',
					expires_in: 3600,
					refresh_token_expires_in: 604800,
					scope: 'ReadAccounts',
					owner_id: String(sim.world.ownerRcUserId),
				}),
			);
			expect(typeof r.json.access_token).toBe('string');
			expect(typeof r.json.refresh_token).toBe('string');
			expect(typeof r.json.endpoint_id).toBe('string');
		});

		it('password grant works with the admin credentials', async () => {
			const init = form({ grant_type: 'password', username: sim.secrets.username, password: sim.secrets.password });
			(init.headers as Record<string, string>).Authorization = basic(sim.secrets.clientId, sim.secrets.clientSecret);
			const r = await req(`${sim.url}/restapi/oauth/token`, init);
			expect(r.status).toBe(200);
			expect(r.json.expires_in).toBe(3600);
		});

		it('wrong client secret → 401 invalid_client OAU-153 without echoing the secret', async () => {
			const init = form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: sim.secrets.jwt });
			(init.headers as Record<string, string>).Authorization = basic(sim.secrets.clientId, 'wrong-secret-value');
			const r = await req(`${sim.url}/restapi/oauth/token`, init);
			expect(r.status).toBe(401);
			expect(r.json.error).toBe('invalid_client');
			expect(r.json.errors[0].errorCode).toBe('OAU-153');
			expect(r.json.error_description).toMatch(/^Invalid client: /);
			expect(r.text).not.toContain('wrong-secret-value');
			expect(r.text).not.toContain(sim.secrets.clientSecret);
		});

		it('unknown JWT → 400 invalid_grant', async () => {
			const r = await rcToken(sim, 'eyJ.not-a-known.jwt');
			expect(r.status).toBe(400);
			expect(r.json.error).toBe('invalid_grant');
			expect(r.json.errors[0].errorCode).toMatch(/^OAU-/);
		});

		it('GET /restapi/v1.0/account/~ gives the rcAccountId; without ReadAccounts → 403 CMN-401', async () => {
			const ok = await rcToken(sim);
			const acc = await get(`${sim.url}/restapi/v1.0/account/~`, ok.json.access_token);
			expect(acc.status).toBe(200);
			expect(String(acc.json.id)).toBe(sim.world.rcAccountId);

			const limited = await rcToken(sim, sim.secrets.jwtNoReadAccounts);
			const denied = await get(`${sim.url}/restapi/v1.0/account/~`, limited.json.access_token);
			expect(denied.status).toBe(403);
			expect(denied.json.errorCode).toBe('CMN-401');
			expect(denied.json.message).toBe('In order to call this API endpoint, application needs to have [ReadAccounts] permission');
			expect(denied.json.errors[0].errorCode).toBe('CMN-401');

			const bad = await get(`${sim.url}/restapi/v1.0/account/~`, 'nope');
			expect(bad.status).toBe(401);
		});

		it('RC access token expires after expires_in of sim time', async () => {
			const rc = await rcToken(sim);
			sim.control.advanceClock(3601 * 1000);
			const acc = await get(`${sim.url}/restapi/v1.0/account/~`, rc.json.access_token);
			expect(acc.status).toBe(401);
			expect(acc.json.errorCode).toBe('TokenExpired');
		});
	});

	describe('Engage exchange, refresh, expiry', () => {
		it('exchange returns the §2.2 shape; refreshToken only with includeRefresh=true', async () => {
			const rc = await rcToken(sim);
			const r = await exchange(sim, rc.json.access_token, true);
			expect(r.status).toBe(200);
			expect(r.json).toEqual(
				expect.objectContaining({
					tokenType: 'Bearer',
					mainAccountId: sim.world.mainAccountId,
					adminId: sim.world.users[0].userId,
					adminUrl: '/voice/admin/',
					agentUrl: '/voice/agent/',
					ssoLogin: true,
				}),
			);
			expect(typeof r.json.accessToken).toBe('string');
			expect(typeof r.json.refreshToken).toBe('string');
			expect(r.json.agentDetails[0]).toEqual(
				expect.objectContaining({
					accountId: sim.world.subAccounts[0].subAccountId,
					agentId: sim.world.ownerAgentId,
					rcUserId: sim.world.ownerRcUserId,
					agentGroupId: null,
				}),
			);
			const noRefresh = await exchange(sim, rc.json.access_token, false);
			expect(noRefresh.status).toBe(200);
			expect(noRefresh.json.refreshToken).toBeUndefined();
		});

		it('rejects rcTokenType other than Bearer and unknown RC tokens', async () => {
			const rc = await rcToken(sim);
			const bad = await req(`${sim.url}/api/auth/login/rc/accesstoken`, form({ rcAccessToken: rc.json.access_token, rcTokenType: 'Basic' }));
			expect(bad.status).toBe(400);
			expect(bad.json.validationErrors[0].attributeName).toBe('rcTokenType');
			const unknown = await exchange(sim, 'not-an-rc-token');
			expect(unknown.status).toBe(401);
		});

		it('limits exchanges to 5 per minute per RC account (sim clock)', async () => {
			const rc = await rcToken(sim);
			for (let i = 0; i < 5; i++) expect((await exchange(sim, rc.json.access_token)).status).toBe(200);
			const sixth = await exchange(sim, rc.json.access_token);
			expect(sixth.status).toBe(429);
			expect(sixth.text).toBe('rate');
			expect(sixth.headers.get('retry-after')).toBe('1');
			sim.control.advanceClock(61 * 1000);
			expect((await exchange(sim, rc.json.access_token)).status).toBe(200);
		});

		it('refresh rotates: new access and refresh tokens, the old refresh token is dead', async () => {
			const first = await login(sim);
			const r1 = await req(`${sim.url}/api/auth/token/refresh`, form({ refresh_token: first.refreshToken, rcTokenType: 'Bearer' }));
			expect(r1.status).toBe(200);
			expect(r1.json.accessToken).not.toBe(first.accessToken);
			expect(r1.json.refreshToken).not.toBe(first.refreshToken);
			expect(r1.json.mainAccountId).toBe(sim.world.mainAccountId);
			const reuse = await req(`${sim.url}/api/auth/token/refresh`, form({ refresh_token: first.refreshToken, rcTokenType: 'Bearer' }));
			expect(reuse.status).toBe(401);
			expect(reuse.text).not.toMatch(/expired/i);
			const r2 = await req(`${sim.url}/api/auth/token/refresh`, form({ refresh_token: r1.json.refreshToken, rcTokenType: 'Bearer' }));
			expect(r2.status).toBe(200);
		});

		it('access tokens expire after 5 sim minutes with the family-specific 401 text', async () => {
			const { accessToken } = await login(sim);
			const p = paths(sim);
			const classicUrl = `${p.ci}/accounts/${sim.world.mainAccountId}/subaccounts`;
			const cxUrl = `${p.cx}/queue-groups`;
			expect((await get(classicUrl, accessToken)).status).toBe(200);
			sim.control.advanceClock(4 * MIN + 50 * 1000);
			expect((await get(cxUrl, accessToken)).status).toBe(200);
			sim.control.advanceClock(15 * 1000);
			const classic = await get(classicUrl, accessToken);
			expect(classic.status).toBe(401);
			expect(classic.headers.get('content-type')).toMatch(/^text\/plain/);
			expect(classic.text).toBe('Jwt is expired');
			const cx = await get(cxUrl, accessToken);
			expect(cx.status).toBe(401);
			expect(cx.text).toBe('JWT is expired.');
		});

		it('garbage tokens → 401 text/plain "Invalid token" (no "expired")', async () => {
			const p = paths(sim);
			for (const r of [
				await get(`${p.cx}/queue-groups`, 'garbage'),
				await req(`${p.ci}/users/${sim.world.mainAccountId}`),
				await req(`${p.ci}/users/${sim.world.mainAccountId}`, { headers: { 'X-Auth-Token': 'aws80:nope' } }),
			]) {
				expect(r.status).toBe(401);
				expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
				expect(r.text).toBe('Invalid token');
			}
		});

		it('the RC token itself is not accepted on Engage API paths', async () => {
			const rc = await rcToken(sim);
			const r = await get(`${paths(sim).cx}/queue-groups`, rc.json.access_token);
			expect(r.status).toBe(401);
			expect(r.text).toBe('Invalid token');
		});

		it('token validate / claims / logout', async () => {
			const { accessToken, refreshToken } = await login(sim);
			const v = await get(`${sim.url}/api/auth/token/validate`, accessToken);
			expect(v.status).toBe(200);
			const c = await get(`${sim.url}/api/auth/token/claims`, accessToken);
			expect(c.json.mainAccountId).toBe(sim.world.mainAccountId);
			const out = await req(`${sim.url}/api/auth/logout/${encodeURIComponent(refreshToken)}`, { method: 'DELETE', headers: bearer(accessToken) });
			expect(out.status).toBe(204);
			const after = await req(`${sim.url}/api/auth/token/refresh`, form({ refresh_token: refreshToken, rcTokenType: 'Bearer' }));
			expect(after.status).toBe(401);
		});
	});

	describe('flows B and C, API tokens', () => {
		it('admin login with credentials in the query string', async () => {
			const s = sim.secrets;
			const q = new URLSearchParams({ username: s.username, password: s.password, platformId: s.platformId });
			const r = await req(`${sim.url}/api/auth/login/admin?${q}`, { method: 'POST' });
			expect(r.status).toBe(200);
			expect(r.json.mainAccountId).toBe(sim.world.mainAccountId);
			expect(typeof r.json.accessToken).toBe('string');
			expect(typeof r.json.refreshToken).toBe('string');
			expect(r.json.agentDetails[0].accountId).toBe(sim.world.subAccounts[0].subAccountId);
			const users = await get(`${paths(sim).ci}/users/${sim.world.mainAccountId}`, r.json.accessToken);
			expect(users.status).toBe(200);
			const bad = await req(`${sim.url}/api/auth/login/admin?username=${encodeURIComponent(s.username)}&password=nope&platformId=c1`, { method: 'POST' });
			expect(bad.status).toBe(401);
		});

		it('legacy portal login returns authToken + accounts and works with X-Auth-Token on /api/v1 paths', async () => {
			const s = sim.secrets;
			const r = await req(`${sim.url}/api/v1/auth/login`, form({ username: s.username, password: s.password }));
			expect(r.status).toBe(200);
			expect(typeof r.json.authToken).toBe('string');
			expect(r.json.accounts).toContainEqual(
				expect.objectContaining({ accountId: sim.world.mainSubAccountId, mainAccountId: sim.world.mainAccountId, rcAccountId: sim.world.rcAccountId }),
			);
			expect(r.json.platformHost).toBe(sim.url);
			expect(r.json.user.email).toBe(s.username);
			const created = await req(`${sim.url}/api/v1/admin/token`, { method: 'POST', headers: { 'X-Auth-Token': r.json.authToken } });
			expect(created.status).toBe(200);
			expect(created.text).toMatch(/^aws80:[0-9a-f-]{36}$/);
			// legacy authToken slides: still valid 50 sim minutes after each use
			sim.control.advanceClock(50 * MIN);
			expect((await req(`${sim.url}/api/v1/admin/token`, { headers: { 'X-Auth-Token': r.json.authToken } })).status).toBe(200);
			sim.control.advanceClock(50 * MIN);
			expect((await req(`${sim.url}/api/v1/admin/token`, { headers: { 'X-Auth-Token': r.json.authToken } })).status).toBe(200);
			sim.control.advanceClock(61 * MIN);
			expect((await req(`${sim.url}/api/v1/admin/token`, { headers: { 'X-Auth-Token': r.json.authToken } })).status).toBe(401);
		});

		it('permanent API tokens: create (text/plain), list, use on current and legacy hosts, delete', async () => {
			const { accessToken } = await login(sim);
			const created = await req(`${sim.url}/voice/api/v1/admin/token`, { method: 'POST', headers: bearer(accessToken) });
			expect(created.status).toBe(200);
			expect(created.headers.get('content-type')).toMatch(/^text\/plain/);
			const token = created.text;
			expect(token).toMatch(/^aws80:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			const list = await get(`${sim.url}/voice/api/v1/admin/token`, accessToken);
			expect(list.json).toEqual(expect.arrayContaining([token, sim.secrets.apiToken]));
			const w = sim.world;
			const onCurrent = await req(`${sim.url}/voice/api/integration/v1/admin/accounts/${w.mainAccountId}/subaccounts`, { headers: { 'X-Auth-Token': token } });
			expect(onCurrent.status).toBe(200);
			const onLegacy = await req(`${sim.url}/api/integration/v1/admin/accounts/${w.mainAccountId}/subaccounts`, { headers: { 'X-Auth-Token': token } });
			expect(onLegacy.status).toBe(200);
			expect(onLegacy.json).toEqual(onCurrent.json);
			const del = await req(`${sim.url}/voice/api/v1/admin/token/${encodeURIComponent(token)}`, { method: 'DELETE', headers: bearer(accessToken) });
			expect(del.status).toBe(204);
			const after = await req(`${sim.url}/api/integration/v1/admin/accounts/${w.mainAccountId}/subaccounts`, { headers: { 'X-Auth-Token': token } });
			expect(after.status).toBe(401);
			expect(after.text).toBe('Invalid token');
			const again = await req(`${sim.url}/api/v1/admin/token/${encodeURIComponent(token)}`, { method: 'DELETE', headers: { 'X-Auth-Token': sim.secrets.apiToken } });
			expect(again.status).toBe(404);
		});

		it('the seeded apiToken works on the legacy host and its CX mirror', async () => {
			const w = sim.world;
			const r = await req(`${sim.url}/api/cx/integration/v1/accounts/${w.rcAccountId}/sub-accounts/${w.mainSubAccountId}/queue-groups`, {
				headers: { 'X-Auth-Token': sim.secrets.apiToken },
			});
			expect(r.status).toBe(200);
			expect(r.json.every((g: any) => ['VOICE', 'DIGITAL'].includes(g.queueGroupType))).toBe(true);
			expect(r.json.map((g: any) => g.queueGroupId)).toEqual(w.queueGroups.filter((g) => g.subAccountId === w.mainSubAccountId).map((g) => g.queueGroupId));
		});

		it('jwtNoWem signs in, but integration endpoints answer 403', async () => {
			const { accessToken } = await login(sim, sim.secrets.jwtNoWem);
			const p = paths(sim);
			const r = await get(`${p.ci}/accounts/${sim.world.mainAccountId}/subaccounts`, accessToken);
			expect(r.status).toBe(403);
			expect(r.json.generalMessage).toBe('You do not have permission to access this resource');
			expect(r.json.developerMessage).toBe('Access is denied');
			expect(r.json.requestUri).toBe(`voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts - GET`);
			expect(typeof r.json.timestamp).toBe('number');
			const cx = await get(`${p.cx}/queue-groups`, accessToken);
			expect(cx.status).toBe(403);
			expect(cx.json.requestUri).toMatch(/^\/voice\/api\/cx\//);
			// admin endpoints still work
			expect((await get(`${sim.url}/voice/api/v1/admin/accounts`, accessToken)).status).toBe(200);
		});
	});
});
