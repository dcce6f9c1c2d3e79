/*
 * A sign-in session is bound to what issued it (issue 9, item 2). A credential is edited the way
 * n8n's editor does it: the visible fields change, the hidden session fields (token, refresh
 * token, account ids) are kept. The new host is a hostile front that forwards to the same
 * simulator, so an old token would still work there: it must never arrive.
 */
import type { HostileServer } from '../hostile/server';
import { testCredential } from '../helpers/credentialTest';
import type { TestCredentialsHelper } from '../helpers/harness';
import { runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { FIVE_MINUTES } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
let front: HostileServer;

useSimulator({ seed: 37 }, (s) => ({ sim, creds } = s));
useHostileServer(() => sim.url, (server) => (front = server));

/** Not the simulator's password (built so that no literal looks like a secret). */
const WRONG_PASSWORD = ['wrong', 'password', '1'].join('-');

const listSubAccounts = { resource: 'subAccount', operation: 'getAll', returnAll: true };
const TYPES = { jwt: 'engageVoiceJwtApi', login: 'engageVoiceLoginApi' } as const;

/** Signs in with a first run and returns the stored session. */
async function signedIn(kind: 'jwt' | 'login') {
	const first = await runEngage(creds, listSubAccounts, { credential: kind });
	expect(first.error).toBeUndefined();
	const stored = creds.store.get(kind)!;
	expect(stored.engageToken).toEqual(expect.any(String));
	return { engageToken: String(stored.engageToken), refreshToken: String(stored.refreshToken) };
}

/** What n8n's editor saves: the stored data (hidden session fields included) with `changes`. */
function edit(kind: 'jwt' | 'login', changes: Record<string, unknown>) {
	const edited = { ...creds.store.get(kind)!, ...changes };
	creds.set(kind, edited);
	return edited;
}

const paths = () => sim.control.requestLog().map((e) => `${e.method} ${e.path}`);

describe('editing a saved credential ends its session', () => {
	it.each(['jwt', 'login'] as const)('%s: a new Engage host never gets the old tokens; it signs in afresh there', async (kind) => {
		const old = await signedIn(kind);
		edit(kind, { customEngageHost: front.url });
		const result = await runEngage(creds, listSubAccounts, { credential: kind });
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toHaveLength(sim.world.subAccounts.length);
		expect(front.received(old.engageToken)).toEqual([]);
		expect(front.received(old.refreshToken)).toEqual([]);
		const signIn = kind === 'jwt' ? '/api/auth/login/rc/accesstoken' : '/api/auth/login/admin';
		expect(front.requests.map((r) => r.path)).toContain(signIn);
		expect(creds.store.get(kind)!.engageToken).not.toBe(old.engageToken);
	});

	it('jwt: a new RingCentral server signs in afresh through it', async () => {
		await signedIn('jwt');
		edit('jwt', { ringCentralServer: front.url });
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error).toBeUndefined();
		expect(front.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
			expect.arrayContaining(['POST /restapi/oauth/token', 'GET /restapi/v1.0/account/~']),
		);
	});

	it('jwt: a wrong client secret fails the next run; the stored token is not used', async () => {
		await signedIn('jwt');
		sim.control.clearLog();
		edit('jwt', { clientSecret: 'not-the-secret' });
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error?.message).toMatch(/RingCentral rejected the client ID or client secret/);
		expect(paths()).toEqual(['POST /restapi/oauth/token']);
	});

	it('login: a wrong password fails the next run; the stored token is not used', async () => {
		await signedIn('login');
		sim.control.clearLog();
		edit('login', { password: WRONG_PASSWORD });
		const result = await runEngage(creds, listSubAccounts, { credential: 'login' });
		expect(result.error?.message).toMatch(/Engage rejected the username, password or platform ID/);
		expect(paths()).toEqual(['POST /api/auth/login/admin']);
	});

	it('a session stored before bindings existed is not used: one fresh sign-in', async () => {
		const old = await signedIn('jwt');
		edit('jwt', { sessionBinding: '', customEngageHost: front.url });
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error).toBeUndefined();
		expect(front.received(old.engageToken)).toEqual([]);
	});
});

describe('the credential Test proves the secrets as they are now', () => {
	it('jwt: a wrong client secret fails, though the stored token still works', async () => {
		await signedIn('jwt');
		const data = { ...creds.store.get('jwt')!, clientSecret: 'not-the-secret' };
		const result = await testCredential(creds, TYPES.jwt, 'jwt', data);
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/client ID or client secret/) });
	});

	it('login: a wrong password fails, though the stored token still works', async () => {
		await signedIn('login');
		const data = { ...creds.store.get('login')!, password: WRONG_PASSWORD };
		const result = await testCredential(creds, TYPES.login, 'login', data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Engage rejected the username, password or platform ID/);
	});

	it('jwt: unchanged secrets are proven with a full sign-in, not with the refresh token', async () => {
		await signedIn('jwt');
		sim.control.advanceClock(FIVE_MINUTES + 1000);
		sim.control.clearLog();
		const result = await testCredential(creds, TYPES.jwt, 'jwt', { ...creds.store.get('jwt')! });
		expect(result.status).toBe('OK');
		expect(paths()).toContain('POST /restapi/oauth/token');
		expect(paths()).not.toContain('POST /api/auth/token/refresh');
	});

	it('jwt: a new Engage host in the Test gets no old token', async () => {
		const old = await signedIn('jwt');
		const result = await testCredential(creds, TYPES.jwt, 'jwt', { ...creds.store.get('jwt')!, customEngageHost: front.url });
		expect(result.status).toBe('OK');
		expect(front.received(old.engageToken)).toEqual([]);
		expect(front.received(old.refreshToken)).toEqual([]);
	});
});

describe('an unchanged credential keeps its session', () => {
	it('a refused (expired) token is renewed with the refresh token, not a full sign-in', async () => {
		await signedIn('login');
		sim.control.advanceClock(FIVE_MINUTES + 1000);
		sim.control.clearLog();
		const result = await runEngage(creds, listSubAccounts, { credential: 'login' });
		expect(result.error).toBeUndefined();
		expect(paths().filter((p) => p.includes('/api/auth/'))).toEqual(['POST /api/auth/token/refresh']);
	});

	it('the next run reuses the stored token without signing in', async () => {
		await signedIn('jwt');
		sim.control.clearLog();
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error).toBeUndefined();
		expect(paths().filter((p) => p.includes('/auth/') || p.includes('/oauth/'))).toEqual([]);
	});
});
