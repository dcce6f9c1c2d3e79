/*
 * A secret echoed back by a server never reaches the user (issue 9, item 4). The credential's hosts
 * are hostile fronts of the simulator that answer chosen requests with the token, the JWT, the
 * client secret or the password in the error text; every secret of the credential and every token
 * issued in the session must be gone from the error's message, description, stack and details, and
 * from the Continue-On-Fail error item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { HostileHandler, HostileServer } from '../hostile/server';
import {
	echoTokenInHtml,
	echoTokenInText,
	echoTokenInValidation,
	json,
	oauthErrorQuotingAssertion,
	text,
	tokenOf,
} from '../hostile/server';
import type { RunResult, TestCredentialsHelper } from '../helpers/harness';
import { runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, loginCredential, tokenCredential } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
let front: HostileServer;

useSimulator({ seed: 41 }, (s) => ({ sim, creds } = s));
useHostileServer(() => sim.url, (server) => (front = server));
beforeEach(() => {
	creds.set('jwt', jwtCredential(sim, { customEngageHost: front.url, ringCentralServer: front.url }));
	creds.set('login', loginCredential(sim, { customEngageHost: front.url }));
	creds.set('token', tokenCredential(sim, { customHost: front.url }));
});

// Admin users: one GET, with Options › Max Retries so that a 5xx is not retried here
const listUsers = { resource: 'user', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } };
const USERS = /\/admin\/users\//;

/** Every text of an error a user or a log can see. */
function errorTexts(error: unknown): string {
	const e = error as { message?: string; description?: string; stack?: string };
	return [e?.message, e?.description, e?.stack, JSON.stringify(error)].join('\n');
}

/** Every secret the credential holds and every token issued for it or seen on the wire. */
function secretsSeen(extra: string[] = []): string[] {
	const values = new Set<string>(extra);
	for (const id of ['jwt', 'login', 'token']) {
		const stored = creds.store.get(id) ?? {};
		for (const field of ['clientSecret', 'jwt', 'password', 'apiToken', 'engageToken', 'refreshToken']) {
			if (stored[field]) values.add(String(stored[field]));
		}
	}
	for (const request of front.requests) {
		const token = tokenOf(request);
		if (token) values.add(token.includes(':') ? token.split(':').slice(1).join(':') : token);
		const form = new URLSearchParams(request.body);
		for (const key of ['assertion', 'rcAccessToken', 'refresh_token']) if (form.get(key)) values.add(form.get(key)!);
	}
	return [...values].filter((v) => v.length >= 8);
}

function expectNoSecret(texts: string, secrets: string[]) {
	expect(secrets.length).toBeGreaterThan(0);
	for (const secret of secrets) {
		expect(texts).not.toContain(secret);
		expect(texts).not.toContain(encodeURIComponent(secret));
	}
}

/** Runs with and without Continue On Fail; checks the error, and the error item. */
async function expectRedacted(parameters: IDataObject, credential: 'jwt' | 'login' | 'token', expected: RegExp) {
	const failed: RunResult = await runEngage(creds, parameters, { credential });
	expect(failed.error?.message).toMatch(expected);
	expect(`${failed.error?.message} ${failed.error?.description}`).toContain('[redacted]');
	expectNoSecret(errorTexts(failed.error), secretsSeen());

	const continued = await runEngage(creds, parameters, { credential, onError: 'continueRegularOutput' });
	const [item] = continued.output('Engage Voice') as INodeExecutionData[];
	expect(item.json.error).toEqual(expect.stringMatching(expected));
	expectNoSecret(
		[JSON.stringify(item.json), errorTexts(item.error)].join('\n'),
		secretsSeen(),
	);
}

describe('the API echoes the credential in an error', () => {
	const answers: Array<[string, HostileHandler, RegExp]> = [
		['401 text/plain "Invalid token <token>"', echoTokenInText, /^Engage Voice did not accept the credentials: Invalid token \[redacted\]/],
		['200 that is not JSON, starting with the token', (request) => text(200, `${tokenOf(request)} is not valid here`), /^Engage Voice sent a response that is not valid JSON/],
		['500 HTML page quoting the token in its title', echoTokenInHtml, /^Engage Voice had a server error \(HTTP 500\)/],
		['400 validation message with the raw token', echoTokenInValidation, /^Engage Voice rejected the request: Request rejected for \[redacted\]/],
	];

	describe.each(['token', 'jwt', 'login'] as const)('%s credential', (credential) => {
		it.each(answers)('%s', async (_what, answer, expected) => {
			front.route('GET', USERS, answer);
			await expectRedacted(listUsers, credential, expected);
		});
	});

	it('the token issued by the refresh after a 401 is redacted too (n8n signs in again and retries)', async () => {
		// first run signs in; then every users call answers 401 echoing whatever token it got
		expect((await runEngage(creds, listUsers, { credential: 'login' })).error).toBeUndefined();
		const first = String(creds.store.get('login')!.engageToken);
		front.route('GET', USERS, echoTokenInText);
		await expectRedacted(listUsers, 'login', /Invalid token \[redacted\]/);
		expect(String(creds.store.get('login')!.engageToken)).not.toBe(first);
	});
});

describe('the sign-in quotes a secret in its error', () => {
	it('RingCentral OAuth error_description quoting the JWT assertion and the client secret', async () => {
		front.route('POST', '/restapi/oauth/token', oauthErrorQuotingAssertion);
		await expectRedacted(listUsers, 'jwt', /^RingCentral rejected the JWT \(Invalid assertion \[redacted\]/);
	});

	it('the RingCX token exchange quoting the RingCentral access token issued a moment before', async () => {
		front.route('POST', '/api/auth/login/rc/accesstoken', (request) =>
			json(401, { message: `RingCentral token ${new URLSearchParams(request.body).get('rcAccessToken')} is not linked to RingCX` }),
		);
		await expectRedacted(listUsers, 'jwt', /^RingCX refused the RingCentral token \(HTTP 401: RingCentral token \[redacted\] is not linked/);
	});

	it('the Engage login quoting the password', async () => {
		front.route('POST', '/api/auth/login/admin', (request) => text(500, `login failed for ${request.query.username} with ${request.query.password}`));
		await expectRedacted(listUsers, 'login', /^The Engage host did not sign in \(HTTP 500: login failed for .* with \[redacted\]/);
	});

	it('the WEM check after sign-in echoing the fresh token', async () => {
		front.route('GET', /\/subaccounts$/, (request) => text(403, `no WEM for ${tokenOf(request)}`));
		const result = await runEngage(creds, listUsers, { credential: 'jwt' });
		expect(result.error?.message).toMatch(/^Signed in, but the account has no WEM access/);
		expectNoSecret(errorTexts(result.error), secretsSeen());
	});
});
