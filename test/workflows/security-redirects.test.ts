/*
 * Redirects never carry a credential to another host (issue 9, item 1). The credential's host is a
 * hostile front that forwards to the simulator but answers chosen requests with a redirect to a
 * second server, which records everything it receives and answers with rows of its own.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { HostileServer } from '../hostile/server';
import { json, redirectTo } from '../hostile/server';
import { testCredential } from '../helpers/credentialTest';
import { CredentialProbe } from '../helpers/credentialProbe';
import type { TestCredentialsHelper } from '../helpers/harness';
import { registerNodeType, runWorkflow } from '../helpers/harness';
import { HOUR } from '../helpers/reportTruth';
import { CREDENTIALS, binaryBuffer, cxRecordingDownload, reportParameters, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, loginCredential, tokenCredential } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

const media = require('../simulator/media');

let sim: Simulator;
let creds: TestCredentialsHelper;
let sub: string;
/** The credential's host: forwards to the simulator unless a test routes a path elsewhere. */
let front: HostileServer;
/** Another host: records what it gets, answers 200 with a list that is not the account's. */
let elsewhere: HostileServer;

useSimulator({ seed: 31, fastReports: true }, (s) => ({ sim, creds, mainSub: sub } = s));

useHostileServer(() => sim.url, (server) => (front = server));
useHostileServer(() => undefined, (server) => (elsewhere = server));
beforeEach(() => {
	elsewhere.route('*', '/', () => json(200, [{ subAccountId: 'not-yours', subAccountName: 'elsewhere', isActive: true }]));
	creds.set('jwt', jwtCredential(sim, { customEngageHost: front.url }));
	creds.set('login', loginCredential(sim, { customEngageHost: front.url }));
	creds.set('token', tokenCredential(sim, { customHost: front.url }));
});

const listSubAccounts = { resource: 'subAccount', operation: 'getAll', returnAll: true };
const SUBACCOUNTS = /\/subaccounts$/;

/** Everything the other host got that carried a credential, by header. */
function credentialedRequestsElsewhere() {
	return elsewhere.requests.filter((r) => r.headers.authorization || r.headers['x-auth-token']);
}

describe('API calls do not follow a redirect to another host', () => {
	it.each([
		['API token (X-Auth-Token)', 'token'],
		['RingCentral JWT (Bearer)', 'jwt'],
		['Engage Login (Bearer)', 'login'],
	] as const)('%s: fails naming the other host; nothing reaches it', async (_what, credential) => {
		// signed in first: the sign-in's own WEM check reads the same list
		expect((await runEngage(creds, listSubAccounts, { credential })).error).toBeUndefined();
		front.route('GET', SUBACCOUNTS, redirectTo(`${elsewhere.url}/`));
		const result = await runEngage(creds, listSubAccounts, { credential });
		expect(result.error?.message).toMatch(new RegExp(`redirected .* to another host \\(${elsewhere.host.replace(/\./g, '\\.')}\\)`));
		expect(result.error?.description).toMatch(/only to the credential's host/);
		expect(elsewhere.requests).toEqual([]);
		expect(result.output('Engage Voice')).toEqual([]);
	});

	it('a report POST answered 302 is not turned into a GET elsewhere whose answer passes for rows', async () => {
		front.route('POST', /agg-queue-stats$/, redirectTo(`${elsewhere.url}/`));
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '2026-11-10T09:00:00', end: '2026-11-10T10:00:00', interval: 60 }),
			{ credential: 'token' },
		);
		expect(result.error?.message).toMatch(/redirected POST .* to another host/);
		expect(elsewhere.requests).toEqual([]);
	});

	it('a redirect on the same host is followed, with the credential (it stays on its host)', async () => {
		front.route('GET', /\/moved\/subaccounts$/, (request) =>
			json(200, [{ subAccountId: '1', subAccountName: request.headers['x-auth-token'] ? 'with token' : 'without', isActive: true }]),
		);
		front.route('GET', SUBACCOUNTS, (request) => ({ status: 301, headers: { Location: request.url.replace('/subaccounts', '/moved/subaccounts') } }), 1);
		const result = await runEngage(creds, listSubAccounts, { credential: 'token' });
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice').map((i) => i.json.subAccountName)).toEqual(['with token']);
	});

	it('the credential Test (API token) does not carry the token along a redirect', async () => {
		front.route('GET', SUBACCOUNTS, redirectTo(`${elsewhere.url}/`));
		const data = tokenCredential(sim, { customHost: front.url });
		const result = await testCredential(creds, 'engageVoiceTokenApi', 'token', data);
		expect(result.status).toBe('Error');
		expect(credentialedRequestsElsewhere()).toEqual([]);
	});
});

describe('a recording served from storage on another host is fetched without any credential', () => {
	let segment: IDataObject;
	beforeAll(() => {
		const from = Date.UTC(2026, 10, 10, 14);
		segment = (sim.truth.segments(sub, from, from + 2 * HOUR) as IDataObject[]).find(
			(s) => s.hasRecording && s.channelClass === 'VOICE',
		)!;
	});

	it.each(['token', 'jwt'] as const)('%s credential: the storage host gets the request without the token', async (credential) => {
		const wav = media.wav(segment.segmentId) as Buffer;
		elsewhere.route('GET', '/storage/', () => ({ status: 200, headers: { 'Content-Type': 'audio/wav' }, body: wav }));
		front.route('GET', /\/recordings\/dialogs\//, redirectTo(`${elsewhere.url}/storage/${segment.segmentId}.wav?sig=abc`));
		const result = await runEngage(creds, cxRecordingDownload(sub, segment), { credential });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		expect(binaryBuffer(item).equals(wav)).toBe(true);
		expect(elsewhere.requests.map((r) => r.path)).toEqual([`/storage/${segment.segmentId}.wav`]);
		expect(credentialedRequestsElsewhere()).toEqual([]);
	});
});

describe('sign-in requests do not follow redirects', () => {
	it.each([
		['the RingCentral token request (307 keeps the JWT and client secret in the body and header)', 'rc', /\/restapi\/oauth\/token$/, 307],
		['the RingCX token exchange', 'engage', /\/api\/auth\/login\/rc\/accesstoken$/, 307],
		['the WEM access check after sign-in', 'engage', SUBACCOUNTS, 302],
	] as const)('%s', async (_what, side, path, status) => {
		const rcFront = side === 'rc';
		creds.set('jwt', jwtCredential(sim, rcFront ? { ringCentralServer: front.url } : { customEngageHost: front.url }));
		front.route('*', path, redirectTo(`${elsewhere.url}/`, status));
		const result = await runEngage(creds, listSubAccounts);
		expect(result.error?.message).toMatch(new RegExp(`redirected the request to ${elsewhere.url.replace(/\./g, '\\.')}`));
		expect(elsewhere.requests).toEqual([]);
		for (const secret of [sim.secrets.jwt, sim.secrets.clientSecret]) expect(elsewhere.received(secret)).toEqual([]);
	});

	it('the Engage Login sign-in', async () => {
		front.route('POST', /\/api\/auth\/login\/admin$/, redirectTo(`${elsewhere.url}/`, 307));
		const result = await runEngage(creds, listSubAccounts, { credential: 'login' });
		expect(result.error?.message).toMatch(/redirected the request to/);
		expect(elsewhere.requests).toEqual([]);
	});
});

describe("n8n's HTTP Request node with this credential (custom API calls): the token goes only to the credential's host", () => {
	beforeAll(() => registerNodeType('test.credentialProbe', new CredentialProbe()));

	const probe = (kind: 'jwt' | 'login' | 'token', url: string, helper: string) =>
		runWorkflow(
			{
				nodes: [
					{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
					{
						id: 'p',
						name: 'Probe',
						type: 'test.credentialProbe',
						typeVersion: 1,
						position: [200, 0],
						parameters: { credentialType: CREDENTIALS[kind].type, url, helper },
						credentials: { [CREDENTIALS[kind].type]: { id: kind, name: kind } },
					},
				],
				connections: { Start: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] } },
			},
			creds,
		);

	const helpers = ['httpRequestWithAuthentication', 'requestWithAuthentication'];
	const kinds = ['jwt', 'login', 'token'] as const;
	const cases = helpers.flatMap((helper) => kinds.map((kind) => [kind, helper] as const));

	it.each(cases)('%s via %s: a URL on another host is refused; nothing reaches it', async (kind, helper) => {
		const result = await probe(kind, `${elsewhere.url}/voice/api/v1/admin/accounts`, helper);
		expect(result.error?.message).toMatch(/sends its token only to/);
		expect(credentialedRequestsElsewhere()).toEqual([]);
	});

	it.each(cases)('%s via %s: a redirect from its host to another is not followed with the token', async (kind, helper) => {
		front.route('GET', '/voice/api/v1/admin/accounts', redirectTo(`${elsewhere.url}/`));
		await probe(kind, `${front.url}/voice/api/v1/admin/accounts`, helper);
		expect(credentialedRequestsElsewhere()).toEqual([]);
	});

	it.each(cases)('%s via %s: a URL on its host gets the token', async (kind, helper) => {
		const result = await probe(kind, `${front.url}/voice/api/v1/admin/accounts`, helper);
		expect(result.error).toBeUndefined();
		expect(result.output('Probe')[0].json.body).toEqual(expect.any(Array));
	});

	it.each(['jwt', 'login'] as const)('%s: the credential Test does not carry the token along a redirect', async (kind) => {
		front.route('GET', '/voice/api/v1/admin/accounts', redirectTo(`${elsewhere.url}/`));
		const result = await testCredential(creds, CREDENTIALS[kind].type, kind, { ...creds.store.get(kind)! });
		expect(result.status).toBe('Error');
		expect(credentialedRequestsElsewhere()).toEqual([]);
	});
});
