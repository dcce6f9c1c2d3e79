import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { describeBody, describeNetworkCode, headerValue, networkAdvice, redactText, retryAfterMs } from './errorText';
import { engageHostOf, hostProblem, trimSlash, urlFieldProblem } from './hosts';
import { rememberIssuedSecrets, secretsOf } from './redact';
import type { SessionKind } from './session';
import { bindSession, sessionMatches, tokenWasRefused } from './session';

/*
 * Sign-in flows shared by the Engage Voice credentials (API doc §2). They run inside n8n's
 * `preAuthentication`, so they may only use `this.helpers.httpRequest`. Every failure becomes a
 * UserError whose text says what to fix; no secret, token or request body ever reaches a message
 * (redact.ts: by value, whatever a server echoes back).
 */

export interface EngageSession extends IDataObject {
	engageToken: string;
	refreshToken: string;
	mainAccountId: string;
	rcAccountId: string;
	/** What issued the session (common/session.ts). */
	sessionBinding: string;
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** The credential's Engage host, checked before anything is sent to it (names the field to fix). */
function requireEngageHost(credentials: IDataObject): string {
	const problem = hostProblem('engage', credentials);
	if (problem) throw new UserError(problem);
	return engageHostOf(credentials);
}

/** The RingCentral server of a JWT credential, checked like the Engage host. */
function requireRingCentralServer(credentials: IDataObject): string {
	const server = trimSlash(String(credentials.ringCentralServer ?? '').trim());
	const problem = urlFieldProblem('RingCentral Server', server);
	if (problem) throw new UserError(problem);
	return server;
}

function parseBody(body: unknown): IDataObject | string {
	if (typeof body !== 'string') return (body ?? {}) as IDataObject;
	try {
		return JSON.parse(body) as IDataObject;
	} catch {
		return body;
	}
}

/** The server's words, cleaned of the credential's secrets and the session's tokens before they are cut short. */
function errorText(body: IDataObject | string, credentials: IDataObject): string {
	return describeBody(typeof body === 'string' ? body : JSON.stringify(body), '', secretsOf(credentials)).slice(0, 200);
}

async function send(
	helper: IHttpRequestHelper,
	options: IHttpRequestOptions,
	credentials: IDataObject,
	what: string,
): Promise<RawResponse & { parsed: IDataObject | string }> {
	const request: IHttpRequestOptions = {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		// n8n would repeat the Authorization header (and a 307 the body with the secrets) on a redirect
		disableFollowRedirect: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		timeout: 30000,
	};
	// The token exchange allows 5 calls a minute: a 429 waits for Retry-After (bounded), twice at most.
	for (let attempt = 0; ; attempt++) {
		let response: RawResponse | undefined;
		let networkCode: string | undefined;
		try {
			response = (await helper.helpers.httpRequest(request)) as RawResponse;
		} catch (error) {
			networkCode = (error as { code?: string }).code;
		}
		if (!response) {
			const host = new URL(String(options.url)).host;
			const advice = networkAdvice(networkCode) ?? 'check the host URL in the credential and that n8n can reach it';
			throw new UserError(`Could not reach ${host} to ${what} (${describeNetworkCode(networkCode)}): ${advice}`);
		}
		const location = headerValue(response.headers, 'location');
		if (response.statusCode >= 300 && response.statusCode < 400 && location) {
			const from = new URL(String(options.url));
			const to = new URL(location, from);
			throw new UserError(
				`Could not ${what}: ${from.origin} redirected the request to ${to.origin}. The sign-in follows no redirect, so that no secret goes to another address: if ${to.origin} is the right server, enter it in the credential`,
			);
		}
		if (response.statusCode === 429 && attempt < 2) {
			await sleep(Math.min(retryAfterMs(response.headers) || 15000, 60000));
			continue;
		}
		return { ...response, parsed: parseBody(response.body) };
	}
}

function failIfRateLimited(res: RawResponse, what: string) {
	if (res.statusCode === 429) {
		throw new UserError(
			`RingCX rate-limited the ${what} (5 sign-ins per minute): wait a minute and try again, and avoid many credentials signing in at once`,
		);
	}
}

/** A session from a sign-in's answer; a refresh keeps what its answer leaves out. */
function sessionFrom(body: IDataObject, rcAccountId: string, sessionBinding: string, kept: IDataObject = {}): EngageSession {
	rememberIssuedSecrets(body.accessToken, body.refreshToken);
	return {
		engageToken: String(body.accessToken ?? ''),
		refreshToken: String(body.refreshToken ?? ''),
		mainAccountId: String(body.mainAccountId ?? kept.mainAccountId ?? ''),
		rcAccountId,
		sessionBinding,
	};
}

/**
 * §2.3: the refresh token rotates. It is used only when the stored token was just refused and the
 * session belongs to the credential's current fields; otherwise (first use, an edited credential,
 * the credential Test) undefined, and the caller signs in afresh. A failed refresh is undefined too.
 */
async function refreshEngageSession(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
	kind: SessionKind,
): Promise<EngageSession | undefined> {
	const refreshToken = String(credentials.refreshToken ?? '');
	if (!refreshToken || !tokenWasRefused(credentials) || !sessionMatches(kind, credentials)) return undefined;
	const res = await send(
		helper,
		{
			method: 'POST',
			url: `${requireEngageHost(credentials)}/api/auth/token/refresh`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ refresh_token: refreshToken, rcTokenType: 'Bearer' }).toString(),
		},
		credentials,
		'refresh the RingCX token',
	);
	if (res.statusCode !== 200 || typeof res.parsed !== 'object' || !res.parsed.accessToken) {
		return undefined;
	}
	return sessionFrom(res.parsed, String(credentials.rcAccountId ?? ''), String(credentials.sessionBinding), credentials);
}

/*
 * A fresh sign-in also checks WEM access (one GET of the main account's sub-accounts): the
 * integration API answers 403 without it, and saying so here gives the credential's Test button
 * the message a person can act on. Refreshes skip it: the account does not change.
 */
async function verifyWemAccess(helper: IHttpRequestHelper, credentials: IDataObject, session: EngageSession) {
	if (!session.mainAccountId) return;
	const check = await send(
		helper,
		{
			method: 'GET',
			url: `${requireEngageHost(credentials)}/voice/api/integration/v1/admin/accounts/${encodeURIComponent(session.mainAccountId)}/subaccounts`,
			headers: { Authorization: `Bearer ${session.engageToken}`, Accept: 'application/json' },
		},
		credentials,
		'check WEM access',
	);
	if (check.statusCode === 403) {
		throw new UserError(
			'Signed in, but the account has no WEM access or the user lacks the WFO_ACCESS role: ask RingCentral to enable WEM Access on the account and give the user the WFO_ACCESS role',
		);
	}
}

/**
 * Runs a sign-in so that whatever it throws reaches the user as a UserError whose text holds no
 * secret of the credential and no token issued on the way (by value, then by pattern).
 */
async function redactingFailures(credentials: IDataObject, signIn: () => Promise<EngageSession>): Promise<EngageSession> {
	let failure: unknown;
	try {
		return await signIn();
	} catch (error) {
		failure = error;
	}
	throw new UserError(redactText((failure as Error)?.message || 'the sign-in failed', secretsOf(credentials)));
}

/** Flow A (§2.1, §2.2, §2.4): RingCentral JWT → RingCentral token → account id → RingCX token. */
export async function signInWithRingCentralJwt(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<EngageSession> {
	return await redactingFailures(credentials, async () => await ringCentralJwtSignIn(helper, credentials));
}

async function ringCentralJwtSignIn(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<EngageSession> {
	// both hosts are checked before anything is sent to either
	const rcServer = requireRingCentralServer(credentials);
	requireEngageHost(credentials);
	const refreshed = await refreshEngageSession(helper, credentials, 'ringCentralJwt');
	if (refreshed) return refreshed;
	const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
	const token = await send(
		helper,
		{
			method: 'POST',
			url: `${rcServer}/restapi/oauth/token`,
			headers: {
				Authorization: `Basic ${basic}`,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({
				grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
				assertion: String(credentials.jwt ?? ''),
			}).toString(),
		},
		credentials,
		'get a RingCentral access token',
	);
	if (token.statusCode !== 200 || typeof token.parsed !== 'object') {
		const body = typeof token.parsed === 'object' ? token.parsed : {};
		if (body.error === 'invalid_client' || token.statusCode === 401) {
			throw new UserError(
				'RingCentral rejected the client ID or client secret: copy both again from your app in the RingCentral developer console (the app must use the JWT auth flow)',
			);
		}
		if (body.error === 'invalid_grant' || body.error === 'unauthorized_client') {
			throw new UserError(
				`RingCentral rejected the JWT (${errorText(token.parsed, credentials)}): create a new JWT credential for this app in the RingCentral developer console, and check that the app allows the JWT auth flow`,
			);
		}
		failIfRateLimited(token, 'RingCentral token request');
		throw new UserError(
			`RingCentral did not issue a token (HTTP ${token.statusCode}: ${errorText(token.parsed, credentials)}): check the RingCentral server URL and the app's settings`,
		);
	}
	const rcAccessToken = String(token.parsed.access_token ?? '');
	rememberIssuedSecrets(rcAccessToken, token.parsed.refresh_token);

	const account = await send(
		helper,
		{
			method: 'GET',
			url: `${rcServer}/restapi/v1.0/account/~`,
			headers: { Authorization: `Bearer ${rcAccessToken}`, Accept: 'application/json' },
		},
		credentials,
		'read the RingCentral account',
	);
	if (account.statusCode === 403) {
		throw new UserError(
			'The RingCentral app lacks the ReadAccounts permission: add the ReadAccounts scope to the app in the RingCentral developer console, then create a new JWT',
		);
	}
	if (account.statusCode !== 200 || typeof account.parsed !== 'object' || account.parsed.id === undefined) {
		throw new UserError(
			`RingCentral did not return the account (HTTP ${account.statusCode}: ${errorText(account.parsed, credentials)}): check the RingCentral server URL`,
		);
	}
	const rcAccountId = String(account.parsed.id);

	const exchange = await send(
		helper,
		{
			method: 'POST',
			url: `${requireEngageHost(credentials)}/api/auth/login/rc/accesstoken`,
			qs: { includeRefresh: 'true' },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ rcAccessToken, rcTokenType: 'Bearer' }).toString(),
		},
		credentials,
		'exchange the RingCentral token for a RingCX token',
	);
	failIfRateLimited(exchange, 'token exchange');
	if (exchange.statusCode !== 200 || typeof exchange.parsed !== 'object' || !exchange.parsed.accessToken) {
		if (exchange.statusCode === 404 || typeof exchange.parsed !== 'object') {
			throw new UserError(
				`The Engage host did not answer the RingCX sign-in (HTTP ${exchange.statusCode}): check the Engage host in the credential (usually https://ringcx.ringcentral.com)`,
			);
		}
		throw new UserError(
			`RingCX refused the RingCentral token (HTTP ${exchange.statusCode}: ${errorText(exchange.parsed, credentials)}): the RingCentral account must be linked to RingCX and the JWT's user must be a RingCX admin`,
		);
	}
	const session = sessionFrom(exchange.parsed, rcAccountId, bindSession('ringCentralJwt', credentials));
	await verifyWemAccess(helper, credentials, session);
	return session;
}

/** Flow B (§2.5): direct Engage admin login; deprecated by RingCentral but still in use. */
export async function signInWithEngageLogin(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<EngageSession> {
	return await redactingFailures(credentials, async () => await engageLoginSignIn(helper, credentials));
}

async function engageLoginSignIn(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<EngageSession> {
	requireEngageHost(credentials);
	const refreshed = await refreshEngageSession(helper, credentials, 'engageLogin');
	if (refreshed) return refreshed;
	const login = await send(
		helper,
		{
			method: 'POST',
			url: `${requireEngageHost(credentials)}/api/auth/login/admin`,
			// The API takes the credentials in the query string (API doc §2.5).
			qs: {
				username: String(credentials.username ?? ''),
				password: String(credentials.password ?? ''),
				platformId: String(credentials.platformId ?? ''),
			},
		},
		credentials,
		'sign in to Engage',
	);
	failIfRateLimited(login, 'Engage sign-in');
	if (login.statusCode === 401 || login.statusCode === 403) {
		throw new UserError(
			'Engage rejected the username, password or platform ID: check them in the Engage admin, or switch to the RingCentral JWT credential',
		);
	}
	if (login.statusCode !== 200 || typeof login.parsed !== 'object' || !login.parsed.accessToken) {
		throw new UserError(
			`The Engage host did not sign in (HTTP ${login.statusCode}: ${errorText(login.parsed, credentials)}): check the Engage host in the credential`,
		);
	}
	const session = sessionFrom(login.parsed, String(credentials.rcAccountId ?? ''), bindSession('engageLogin', credentials));
	await verifyWemAccess(helper, credentials, session);
	return session;
}
