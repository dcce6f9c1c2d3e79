import { TestCredentialsHelper, engageWorkflow, runWorkflow } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { FIVE_MINUTES, jwtCredential, loginCredential, startSim, tokenCredential } from '../helpers/simulator';

const listSubAccounts = (authentication: string) => ({
	authentication,
	resource: 'subAccount',
	operation: 'getAll',
	returnAll: true,
});

let sim: Simulator;
beforeAll(async () => {
	sim = await startSim({ seed: 11 });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.control.reset());

function expectedSubAccounts() {
	return sim.world.subAccounts.map((s: any) => ({
		subAccountId: s.subAccountId,
		subAccountName: s.subAccountName,
		isActive: s.isActive,
	}));
}

function logPaths() {
	return sim.control.requestLog().map((e) => `${e.method} ${e.path}`);
}

describe('RingCentral JWT credential', () => {
	it('signs in once (RingCentral token → account → RingCX token) and lists the sub-accounts', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' }), creds);
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice').map((i) => i.json)).toEqual(expectedSubAccounts());
		expect(result.output('Engage Voice').every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		expect(creds.signIns.get('jwt')).toBe(1);
		const paths = logPaths();
		expect(paths.slice(0, 4)).toEqual([
			'POST /restapi/oauth/token',
			'GET /restapi/v1.0/account/~',
			'POST /api/auth/login/rc/accesstoken',
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
		]);
		const stored = creds.store.get('jwt')!;
		expect(stored.engageToken).toEqual(expect.any(String));
		expect(stored.mainAccountId).toBe(sim.world.mainAccountId);
		expect(stored.rcAccountId).toBe(String(sim.world.rcAccountId));
	});

	it('reuses the stored token on the next execution', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const workflow = engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' });
		await runWorkflow(workflow, creds);
		sim.control.clearLog();
		const second = await runWorkflow(workflow, creds);
		expect(second.error).toBeUndefined();
		expect(creds.signIns.get('jwt')).toBe(1);
		expect(logPaths()).toEqual([`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`]);
	});

	it('refreshes with the rotating refresh token when the token has expired', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const workflow = engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' });
		await runWorkflow(workflow, creds);
		const firstRefreshToken = creds.store.get('jwt')!.refreshToken;
		sim.control.advanceClock(FIVE_MINUTES + 1000);
		sim.control.clearLog();
		const result = await runWorkflow(workflow, creds);
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toHaveLength(sim.world.subAccounts.length);
		const paths = logPaths();
		// 401 "Jwt is expired" → refresh → the same request again
		expect(paths).toEqual([
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
			'POST /api/auth/token/refresh',
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
		]);
		expect(sim.control.requestLog()[0].status).toBe(401);
		expect(creds.store.get('jwt')!.refreshToken).not.toBe(firstRefreshToken);
		expect(creds.signIns.get('jwt')).toBe(2);
	});

	it('signs in again from the JWT when the refresh token is refused', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const workflow = engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' });
		await runWorkflow(workflow, creds);
		creds.set('jwt', { ...creds.store.get('jwt')!, refreshToken: 'rotated-away' });
		sim.control.advanceClock(FIVE_MINUTES + 1000);
		sim.control.clearLog();
		const result = await runWorkflow(workflow, creds);
		expect(result.error).toBeUndefined();
		expect(logPaths()).toEqual([
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
			'POST /api/auth/token/refresh',
			'POST /restapi/oauth/token',
			'GET /restapi/v1.0/account/~',
			'POST /api/auth/login/rc/accesstoken',
			// the fresh sign-in's WEM check, then the request itself again
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
			`GET /voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`,
		]);
	});

	it('renews an expired token once for executions running at once in one process (queue-mode worker)', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const workflow = engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' });
		await runWorkflow(workflow, creds);
		sim.control.advanceClock(FIVE_MINUTES + 1000);
		sim.control.clearLog();
		const results = await Promise.all([1, 2, 3, 4].map(async () => await runWorkflow(workflow, creds)));
		for (const result of results) {
			expect(result.error).toBeUndefined();
			expect(result.output('Engage Voice')).toHaveLength(sim.world.subAccounts.length);
		}
		const paths = logPaths();
		// four refused requests, one refresh shared by all four, no full sign-in
		expect(paths.filter((p) => p === 'POST /api/auth/token/refresh')).toHaveLength(1);
		expect(paths.filter((p) => p === 'POST /api/auth/login/rc/accesstoken')).toHaveLength(0);
		expect(sim.control.requestLog().filter((e) => e.status === 401)).toHaveLength(4);
	});

	const failures: Array<[string, () => Record<string, unknown>, RegExp]> = [
		['a wrong client secret', () => jwtCredential(sim, { clientSecret: 'not-the-secret' }), /RingCentral rejected the client ID or client secret/],
		['an unknown JWT', () => jwtCredential(sim, { jwt: 'eyJ.not.valid' }), /RingCentral rejected the JWT/],
		['an app without ReadAccounts', () => jwtCredential(sim, { jwt: sim.secrets.jwtNoReadAccounts }), /lacks the ReadAccounts permission/],
		['a wrong Engage host', () => jwtCredential(sim, { customEngageHost: 'http://127.0.0.1:9' }), /Could not reach 127\.0\.0\.1:9/],
	];
	it.each(failures)('fails with a clear message for %s', async (_what, credential, expected) => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', credential());
		const result = await runWorkflow(engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' }), creds);
		expect(result.error?.message).toMatch(expected);
		const shown = JSON.stringify({ message: result.error?.message, description: result.error?.description });
		for (const secret of [sim.secrets.clientSecret, sim.secrets.jwt, 'not-the-secret', 'eyJ.not.valid']) {
			expect(shown).not.toContain(secret);
		}
	});

	it('says what to do when the account has no WEM access (403)', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim, { jwt: sim.secrets.jwtNoWem }));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('ringCentralJwt'), { type: 'engageVoiceJwtApi', id: 'jwt' }), creds);
		// the sign-in checks WEM access, so the message says so before any operation runs
		expect(result.error?.message).toMatch(/^Signed in, but the account has no WEM access/);
		expect(result.error?.message).toMatch(/WFO_ACCESS/);
	});
});

describe('Engage login credential', () => {
	it('signs in with username, password and platform ID and reuses the token', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('login', loginCredential(sim));
		const workflow = engageWorkflow(listSubAccounts('engageLogin'), { type: 'engageVoiceLoginApi', id: 'login' });
		const first = await runWorkflow(workflow, creds);
		expect(first.error).toBeUndefined();
		expect(first.output('Engage Voice').map((i) => i.json)).toEqual(expectedSubAccounts());
		await runWorkflow(workflow, creds);
		expect(creds.signIns.get('login')).toBe(1);
		expect(logPaths().filter((p) => p.startsWith('POST /api/auth/login/admin'))).toHaveLength(1);
	});

	it('fails clearly on a wrong password, without showing it', async () => {
		const creds = new TestCredentialsHelper();
		const wrongPassword = ['wrong', 'password', '123'].join('-');
		creds.set('login', loginCredential(sim, { password: wrongPassword }));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('engageLogin'), { type: 'engageVoiceLoginApi', id: 'login' }), creds);
		expect(result.error?.message).toMatch(/Engage rejected the username, password or platform ID/);
		expect(JSON.stringify(result.error)).not.toContain(wrongPassword);
	});
});

describe('API token credential', () => {
	it('sends X-Auth-Token on the current host', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('token', tokenCredential(sim));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('apiToken'), { type: 'engageVoiceTokenApi', id: 'token' }), creds);
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice').map((i) => i.json)).toEqual(expectedSubAccounts());
		const call = sim.control.requestLog().find((e) => e.path.endsWith('/subaccounts'))!;
		expect(call.path).toBe(`/voice/api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`);
		expect(call.headers['x-auth-token']).toBe('[redacted]');
	});

	it('uses the legacy host paths without /voice', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('token', tokenCredential(sim, { host: 'customLegacy', customHost: `${sim.url}/api` }));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('apiToken'), { type: 'engageVoiceTokenApi', id: 'token' }), creds);
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toHaveLength(sim.world.subAccounts.length);
		expect(logPaths()).toContain(`GET /api/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`);
	});

	it('reports a deleted token as a 401 with what to do', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('token', tokenCredential(sim, { apiToken: 'aws80:00000000-dead-beef-0000-000000000000' }));
		const result = await runWorkflow(engageWorkflow(listSubAccounts('apiToken'), { type: 'engageVoiceTokenApi', id: 'token' }), creds);
		expect(result.error?.message).toMatch(/^Engage Voice did not accept the credentials/);
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result.error)).not.toContain('dead-beef');
	});
});
