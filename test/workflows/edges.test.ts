/*
 * Clear errors at the edges (issue 9, items 11–13), over HTTP against the simulator and the hostile
 * test server: time zones go out in their canonical spelling, a host URL with a path is refused
 * naming the field, and https:// to a plain-http server names the TLS failure.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { HostileServer } from '../hostile/server';
import { testCredential } from '../helpers/credentialTest';
import type { TestCredentialsHelper } from '../helpers/harness';
import { reportRequests } from '../helpers/reportTruth';
import { CREDENTIALS, reportParameters, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, loginCredential, tokenCredential } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;

useSimulator({ seed: 23, fastReports: true }, (s) => ({ sim, creds } = s));

const listSubAccounts = { resource: 'subAccount', operation: 'getAll', returnAll: true };

const range = { start: '2026-11-10T09:00:00', end: '2026-11-10T10:00:00', interval: 60 };

describe('time zones are sent in their canonical spelling (item 13)', () => {
	it.each([
		['us/eastern', 'US/Eastern'],
		['EUROPE/berlin', 'Europe/Berlin'],
		['utc', 'UTC'],
		['etc/gmt+5', 'Etc/GMT+5'],
		['gb', 'Europe/London'],
	])('a report in "%s" asks the API in "%s"', async (typed, canonical) => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...range, timeZone: typed }));
		expect(result.error).toBeUndefined();
		const bodies = reportRequests(sim).map((r) => r.body);
		expect(bodies.length).toBeGreaterThan(0);
		for (const body of bodies) expect(body.timeZone).toBe(canonical);
	});

	it("the workflow's time zone is canonicalised too", async () => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...range, timeZone: '' }), {
			settings: { timezone: 'america/chicago' },
		});
		expect(result.error).toBeUndefined();
		expect(reportRequests(sim)[0].body.timeZone).toBe('America/Chicago');
	});
});

describe('https:// to a server that does not speak it names the TLS failure (item 12)', () => {
	let tlsProxy: HostileServer;
	useHostileServer(() => sim.url, (server) => (tlsProxy = server), { tls: true });

	const plainAsHttps = () => sim.url.replace(/^http:/, 'https:');

	it('sign-in (RingCentral JWT): the Engage host answers plain http to https', async () => {
		creds.set('jwt', jwtCredential(sim, { customEngageHost: plainAsHttps() }));
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error?.message).toMatch(/TLS/);
		expect(result.error?.message).toMatch(/http:\/\//);
		expect(result.error?.message).not.toMatch(/network error/);
	});

	it('sign-in (Engage Login): same message', async () => {
		creds.set('login', loginCredential(sim, { customEngageHost: plainAsHttps() }));
		const result = await runEngage(creds, listSubAccounts, { credential: 'login' });
		expect(result.error?.message).toMatch(/TLS handshake failed.*http:\/\//);
	});

	it('an API call (API token): the message names TLS, the description the scheme', async () => {
		creds.set('token', tokenCredential(sim, { customHost: plainAsHttps() }));
		const result = await runEngage(creds, listSubAccounts, { credential: 'token' });
		expect(result.error?.message).toMatch(/^Could not reach Engage Voice \(TLS handshake failed/);
		expect(result.error?.description).toMatch(/http:\/\//);
		// one attempt: a TLS failure is not retried
		expect(result.error?.message).not.toMatch(/attempts/);
	});

	it('a self-signed certificate: says so and points at Ignore SSL Issues; with it, the call works', async () => {
		creds.set('token', tokenCredential(sim, { customHost: tlsProxy.url }));
		const refused = await runEngage(creds, listSubAccounts, { credential: 'token' });
		expect(refused.error?.message).toMatch(/certificate/);
		expect(refused.error?.description).toMatch(/Ignore SSL Issues/);
		creds.set('token', tokenCredential(sim, { customHost: tlsProxy.url, ignoreSslIssues: true }));
		const accepted = await runEngage(creds, listSubAccounts, { credential: 'token' });
		expect(accepted.error).toBeUndefined();
		expect(accepted.output('Engage Voice')).toHaveLength(sim.world.subAccounts.length);
	});
});

describe('a host URL with a path is refused, naming the field (item 11)', () => {
	const cases: Array<[string, 'jwt' | 'login' | 'token', () => Record<string, unknown>, RegExp]> = [
		['RingCentral JWT, Custom Engage Host', 'jwt', () => jwtCredential(sim, { customEngageHost: `${sim.url}/voice/api` }), /^"Custom Engage Host" must be the host only, without the path "\/voice\/api"/],
		['RingCentral JWT, RingCentral Server', 'jwt', () => jwtCredential(sim, { ringCentralServer: `${sim.url}/restapi/v1.0` }), /^"RingCentral Server" must be the host only, without the path "\/restapi\/v1.0"/],
		['Engage Login, Custom Engage Host', 'login', () => loginCredential(sim, { customEngageHost: `${sim.url}/voice/api/` }), /^"Custom Engage Host" must be the host only/],
		['API token, Custom Current Host', 'token', () => tokenCredential(sim, { customHost: `${sim.url}/voice/api` }), /^"Custom Host" must be the host only, without the path "\/voice\/api"/],
		['API token, Custom Legacy Host without /api', 'token', () => tokenCredential(sim, { host: 'customLegacy', customHost: sim.url }), /^"Custom Host" of a legacy host must be the URL that ends in \/api/],
	];

	it.each(cases)('%s: the credential Test fails with the field named', async (_what, kind, data, expected) => {
		const type = CREDENTIALS[kind].type;
		creds.set(kind, data());
		const result = await testCredential(creds, type, kind, data() as ICredentialDataDecryptedObject);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(expected);
		expect(sim.control.requestLog()).toEqual([]);
	});

	it.each(cases)('%s: a run fails before any request, with the field named', async (_what, kind, data, expected) => {
		creds.set(kind, data());
		const result = await runEngage(creds, listSubAccounts, { credential: kind });
		expect(result.error?.message).toMatch(expected);
		expect(sim.control.requestLog()).toEqual([]);
	});
});
