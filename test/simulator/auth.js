'use strict';
// Sign-in: RingCentral OAuth (JWT and password grants, /restapi/v1.0/account/~), the RC-token →
// Engage-token exchange, refresh with rotation, the direct Engage admin login, the legacy portal
// login, permanent API tokens, and the authentication of API requests.
//
// Lifetimes on the SIMULATOR clock: RC access token 3600 s, Engage access token 5 min, Engage
// refresh token 7 days (rotated on every refresh; the old one is dead at once), legacy authToken
// 1 h sliding (2 weeks with stayLoggedIn), API tokens until deleted.

const crypto = require('node:crypto');
const { rng } = require('./prng');
const { json, text, errors, expiredText } = require('./http');

const RC_ACCESS_TTL = 3600 * 1000;
const RC_REFRESH_TTL = 7 * 24 * 3600 * 1000;
const ENGAGE_ACCESS_TTL = 5 * 60 * 1000;
const ENGAGE_REFRESH_TTL = 7 * 24 * 3600 * 1000;
const LEGACY_TTL = 3600 * 1000;
const LEGACY_STAY_TTL = 14 * 24 * 3600 * 1000;

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function fakeJwt(r, payload) {
	return `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.${Buffer.from(r.hex(64), 'hex').toString('base64url')}`;
}

function uuidFrom(hex) {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Deterministic credentials of a seed. */
function createSecrets(world) {
	const r = rng(world.seed, 'secrets');
	const jwtFor = (tag) => fakeJwt(r, { aud: 'https://platform.ringcentral.com/restapi/oauth/token', sub: String(world.ownerRcUserId), iss: 'sim', tag, exp: 3900000000, iat: 1700000000, jti: r.hex(16) });
	return {
		clientId: `sim${r.hex(19)}`,
		clientSecret: r.hex(40),
		jwt: jwtFor('ok'),
		jwtNoReadAccounts: jwtFor('no-read-accounts'),
		jwtNoWem: jwtFor('no-wem'),
		username: world.users[0].email,
		password: `Pw-${r.hex(12)}!`,
		platformId: world.platformId,
		apiToken: `aws80:${uuidFrom(r.hex(32))}`,
		// the API key of the seeded APIKEY auth config (§6.3), echoed in subscription answers
		authConfigApiKey: `ak_${r.hex(32)}`,
	};
}

function randomToken(prefix = '') {
	return prefix + crypto.randomBytes(24).toString('base64url');
}

function createAuth(S) {
	const { world, secrets, clock } = S;
	const state = {};

	function reset() {
		state.rcAccess = new Map(); // token → { identity, expiresAt }
		state.rcRefresh = new Map();
		state.engageAccess = new Map(); // token → { principal, expiresAt }
		state.engageRefresh = new Map(); // token → { principal, expiresAt }
		state.apiTokens = new Map(); // token → { principal, createdAt }
		state.legacy = new Map(); // authToken → { principal, expiresAt, ttl }
		state.apiTokens.set(secrets.apiToken, { principal: principalFor({ wem: true }, 'apiToken'), createdAt: 0 });
	}

	const IDENTITIES = () => ({
		[secrets.jwt]: { name: 'jwt', readAccounts: true, wem: true },
		[secrets.jwtNoReadAccounts]: { name: 'jwtNoReadAccounts', readAccounts: false, wem: true },
		[secrets.jwtNoWem]: { name: 'jwtNoWem', readAccounts: true, wem: false },
	});

	function principalFor(identity, via) {
		return {
			via,
			identity: identity.name || via,
			mainAccountId: world.mainAccountId,
			rcAccountId: world.rcAccountId,
			rcUserId: world.ownerRcUserId,
			wem: identity.wem !== false,
		};
	}

	function sensitiveValues() {
		return [
			secrets.clientSecret,
			secrets.jwt,
			secrets.jwtNoReadAccounts,
			secrets.jwtNoWem,
			secrets.password,
			secrets.apiToken,
			secrets.authConfigApiKey,
			...state.rcAccess.keys(),
			...state.rcRefresh.keys(),
			...state.engageAccess.keys(),
			...state.engageRefresh.keys(),
			...state.apiTokens.keys(),
			...state.legacy.keys(),
		];
	}

	// ---------------- RingCentral platform ----------------

	function rcError(status, error, code, message) {
		return json(status, { error, errors: [{ errorCode: code, message }], error_description: message });
	}

	function rcToken(ctx) {
		const basic = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization || '');
		let clientId = ctx.form?.client_id || '';
		let clientSecret = ctx.form?.client_secret || '';
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			clientId = i >= 0 ? decoded.slice(0, i) : decoded;
			clientSecret = i >= 0 ? decoded.slice(i + 1) : '';
		}
		if (clientId !== secrets.clientId || clientSecret !== secrets.clientSecret) {
			const shown = clientId === secrets.clientSecret ? '[client id]' : clientId || '(none)';
			return rcError(401, 'invalid_client', 'OAU-153', `Invalid client: ${shown}`);
		}
		const form = ctx.form || {};
		const grant = form.grant_type;
		let identity;
		if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
			identity = IDENTITIES()[form.assertion || ''];
			if (!identity) return rcError(400, 'invalid_grant', 'OAU-144', 'Invalid assertion: JWT token is invalid');
		} else if (grant === 'password') {
			if (form.username !== secrets.username || form.password !== secrets.password) {
				return rcError(400, 'invalid_grant', 'OAU-140', 'Invalid resource owner credentials');
			}
			identity = { name: 'password', readAccounts: true, wem: true };
		} else if (grant === 'refresh_token') {
			const rec = state.rcRefresh.get(form.refresh_token || '');
			if (!rec || rec.expiresAt <= clock.now()) return rcError(400, 'invalid_grant', 'OAU-211', 'Token is revoked');
			state.rcRefresh.delete(form.refresh_token);
			identity = rec.identity;
		} else {
			return rcError(400, 'unsupported_grant_type', 'OAU-250', `Unsupported grant type: ${grant || '(none)'}`);
		}
		const access = randomToken('U0pDMDFQMDFQQVMwMHxB');
		const refresh = randomToken('U0pDMDFQMDFQQVMwMHxC');
		const now = clock.now();
		state.rcAccess.set(access, { identity, expiresAt: now + RC_ACCESS_TTL });
		state.rcRefresh.set(refresh, { identity, expiresAt: now + RC_REFRESH_TTL });
		return json(200, {
			access_token: access,
			token_type: 'bearer',
			expires_in: RC_ACCESS_TTL / 1000,
			refresh_token: refresh,
			refresh_token_expires_in: RC_REFRESH_TTL / 1000,
			scope: identity.readAccounts ? 'ReadAccounts' : 'ReadCallLog',
			owner_id: String(world.ownerRcUserId),
			endpoint_id: `sim-endpoint-${world.seed}`,
		});
	}

	function rcLookup(token) {
		const rec = state.rcAccess.get(token || '');
		if (!rec) return { error: 'invalid' };
		if (rec.expiresAt <= clock.now()) return { error: 'expired' };
		return { identity: rec.identity };
	}

	function rcApiError(status, code, message) {
		return json(status, { errorCode: code, message, errors: [{ errorCode: code, message }] });
	}

	function rcAccount(ctx) {
		const m = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization || '');
		if (!m) return rcApiError(401, 'AGW-401', 'Authorization header is not specified');
		const found = rcLookup(m[1].trim());
		if (found.error === 'expired') return rcApiError(401, 'TokenExpired', 'Access token expired');
		if (found.error) return rcApiError(401, 'TokenInvalid', 'Token not found');
		if (!found.identity.readAccounts) {
			return rcApiError(403, 'CMN-401', 'In order to call this API endpoint, application needs to have [ReadAccounts] permission');
		}
		const id = world.rcAccountId;
		return json(200, {
			uri: `${S.baseUrl()}/restapi/v1.0/account/${id}`,
			id: Number(id),
			serviceInfo: { uri: `${S.baseUrl()}/restapi/v1.0/account/${id}/service-info`, brand: { id: '1210', name: 'RingCentral', homeCountry: { id: '1', isoCode: 'US', name: 'United States' } } },
			mainNumber: '+16505550100',
			status: 'Confirmed',
			setupWizardState: 'Completed',
			regionalSettings: { timezone: { id: '58', name: 'US/Eastern', description: 'Eastern Time (US & Canada)' } },
		});
	}

	// ---------------- Engage tokens ----------------

	function issueEngage(principal, withRefresh) {
		const now = clock.now();
		const access = fakeJwt(rng(crypto.randomBytes(8).toString('hex')), {
			sub: String(principal.rcUserId),
			accountId: principal.mainAccountId,
			iat: Math.floor(now / 1000),
			exp: Math.floor((now + ENGAGE_ACCESS_TTL) / 1000),
			jti: crypto.randomBytes(12).toString('hex'),
		});
		state.engageAccess.set(access, { principal, expiresAt: now + ENGAGE_ACCESS_TTL });
		let refresh = null;
		if (withRefresh) {
			refresh = crypto.randomUUID();
			state.engageRefresh.set(refresh, { principal, expiresAt: now + ENGAGE_REFRESH_TTL });
		}
		return { access, refresh };
	}

	function loginResponse(principal, tokens) {
		const owner = world.agents.find((a) => a.agentId === world.ownerAgentId);
		const sub = world.subAccounts[0];
		const body = {};
		if (tokens.refresh) body.refreshToken = tokens.refresh;
		Object.assign(body, {
			accessToken: tokens.access,
			tokenType: 'Bearer',
			mainAccountId: principal.mainAccountId,
			agentDetails: [
				{
					agentId: owner.agentId,
					firstName: owner.firstName,
					lastName: owner.lastName,
					email: owner.email,
					username: owner.email,
					agentType: owner.agentType,
					rcUserId: owner.rcUserId,
					accountId: sub.subAccountId,
					accountName: sub.subAccountName,
					agentGroupId: null,
					allowLoginControl: true,
					allowLoginUpdates: true,
					agentRank: 0,
					externalAgentId: '',
					team: '',
				},
			],
			adminId: world.users[0].userId,
			adminUrl: '/voice/admin/',
			agentUrl: '/voice/agent/',
			ssoLogin: principal.via === 'rc',
			platformId: world.platformId,
			analyticsUrl: '/voice/analytics/',
			iqUrl: '/voice/iq/',
			loginHashcode: crypto.createHash('sha1').update(tokens.access).digest('hex').slice(0, 20),
			port: 443,
			redirectUrl: '',
			adminPasswordReset: false,
			isAdminPasswordReset: false,
			rcUser: { rcUserId: owner.rcUserId, rcAccountId: principal.rcAccountId, firstName: owner.firstName, lastName: owner.lastName, email: owner.email },
		});
		return json(200, body);
	}

	function exchange(ctx) {
		const form = ctx.form || {};
		const rcAccessToken = form.rcAccessToken ?? ctx.query.rcAccessToken;
		const rcTokenType = form.rcTokenType ?? ctx.query.rcTokenType;
		const found = rcLookup(rcAccessToken);
		const limitKey = found.identity ? world.rcAccountId : `unknown:${ctx.remote}`;
		const slot = S.limits.take('exchange', limitKey);
		if (!slot.ok) return S.rateLimited(ctx, slot.retryAfterMs);
		if (!rcAccessToken) {
			return errors(ctx, 400, { validationErrors: [{ attributeName: 'rcAccessToken', message: 'must not be empty', value: null }] });
		}
		if (rcTokenType !== 'Bearer') {
			return errors(ctx, 400, { validationErrors: [{ attributeName: 'rcTokenType', message: "must be 'Bearer'", value: rcTokenType ?? null }] });
		}
		if (found.error) {
			return json(401, { errorCode: 'auth.rc.token.invalid', generalMessage: 'The RingCentral access token is not valid', timestamp: clock.now() });
		}
		const principal = principalFor(found.identity, 'rc');
		const withRefresh = String(ctx.query.includeRefresh).toLowerCase() === 'true';
		return loginResponse(principal, issueEngage(principal, withRefresh));
	}

	function refresh(ctx) {
		const form = ctx.form || {};
		const token = form.refresh_token ?? ctx.query.refresh_token;
		const rec = token ? state.engageRefresh.get(token) : null;
		if (!rec || rec.expiresAt <= clock.now()) return text(401, 'Invalid refresh token');
		state.engageRefresh.delete(token); // rotation: the old refresh token is dead now
		return loginResponse(rec.principal, issueEngage(rec.principal, true));
	}

	function adminLogin(ctx) {
		const q = ctx.query;
		if (q.username !== secrets.username || q.password !== secrets.password || (q.platformId && q.platformId !== secrets.platformId)) {
			return json(401, { errorCode: 'auth.bad.credentials', generalMessage: 'Bad credentials', timestamp: clock.now() });
		}
		const principal = principalFor({ wem: true }, 'admin');
		return loginResponse(principal, issueEngage(principal, true));
	}

	function legacyLogin(ctx) {
		const form = ctx.form || {};
		if (form.username !== secrets.username || form.password !== secrets.password) {
			return json(401, { errorCode: 'auth.bad.credentials', generalMessage: 'Bad credentials', timestamp: clock.now() });
		}
		const stay = String(form.stayLoggedIn).toLowerCase() === 'true';
		const ttl = stay ? LEGACY_STAY_TTL : LEGACY_TTL;
		const authToken = crypto.randomUUID();
		const principal = principalFor({ wem: true }, 'legacy');
		state.legacy.set(authToken, { principal, ttl, expiresAt: clock.now() + ttl });
		const u = world.users[0];
		return json(200, {
			authToken,
			accounts: world.subAccounts.map((s) => ({ accountId: s.subAccountId, accountName: s.subAccountName, mainAccountId: world.mainAccountId, rcAccountId: world.rcAccountId })),
			platformHost: S.baseUrl(),
			user: { userId: u.userId, userName: u.userName, firstName: u.firstName, lastName: u.lastName, email: u.email, rcUserId: u.rcUserId },
		});
	}

	// ---------------- request authentication ----------------

	/** → { principal } or { response } (401 text/plain). */
	function authenticate(ctx) {
		const auth = ctx.headers.authorization || '';
		const bearer = /^Bearer\s+(.+)$/i.exec(auth);
		const xAuth = ctx.headers['x-auth-token'];
		const now = clock.now();
		if (bearer) {
			const token = bearer[1].trim();
			const rec = state.engageAccess.get(token);
			if (rec) {
				if (rec.expiresAt <= now) return { response: text(401, expiredText(ctx.path)) };
				return { principal: rec.principal };
			}
			const api = state.apiTokens.get(token);
			if (api) return { principal: api.principal };
			return { response: text(401, 'Invalid token') };
		}
		if (xAuth) {
			const token = String(xAuth).trim();
			const api = state.apiTokens.get(token);
			if (api) return { principal: api.principal };
			const leg = state.legacy.get(token);
			if (leg && leg.expiresAt > now) {
				leg.expiresAt = now + leg.ttl; // sliding
				return { principal: leg.principal };
			}
			return { response: text(401, 'Invalid token') };
		}
		return { response: text(401, 'Invalid token') };
	}

	// ---------------- permanent API tokens ----------------

	function tokenCreate(ctx) {
		const token = `aws80:${crypto.randomUUID()}`;
		state.apiTokens.set(token, { principal: { ...ctx.principal, via: 'apiToken' }, createdAt: clock.now() });
		return text(200, token);
	}

	function tokenList() {
		return json(200, [...state.apiTokens.keys()]);
	}

	function tokenDelete(ctx) {
		const token = decodeURIComponent(ctx.params.token);
		if (!state.apiTokens.delete(token)) return errors(ctx, 404);
		return { status: 204, headers: {}, body: '' };
	}

	// ---------------- /api/auth/token/* extras ----------------

	function validate(ctx) {
		const a = authenticate(ctx);
		if (a.response) return a.response;
		return json(200, { valid: true });
	}

	function claims(ctx) {
		const a = authenticate(ctx);
		if (a.response) return a.response;
		const token = (/^Bearer\s+(.+)$/i.exec(ctx.headers.authorization || '') || [])[1];
		const rec = token && state.engageAccess.get(token.trim());
		return json(200, {
			mainAccountId: a.principal.mainAccountId,
			rcAccountId: a.principal.rcAccountId,
			rcUserId: a.principal.rcUserId,
			expiresAt: rec ? rec.expiresAt : null,
		});
	}

	function logout(ctx) {
		state.engageRefresh.delete(decodeURIComponent(ctx.params.refreshToken));
		return { status: 204, headers: {}, body: '' };
	}

	/** Test helper: make tokens invalid without waiting. */
	function invalidate({ access = true, refresh = false, rc = false, legacy = false } = {}) {
		const now = clock.now();
		if (access) for (const rec of state.engageAccess.values()) rec.expiresAt = Math.min(rec.expiresAt, now);
		if (refresh) state.engageRefresh.clear();
		if (rc) for (const rec of state.rcAccess.values()) rec.expiresAt = Math.min(rec.expiresAt, now);
		if (legacy) state.legacy.clear();
	}

	reset();
	return {
		reset,
		sensitiveValues,
		authenticate,
		invalidate,
		handlers: { rcToken, rcAccount, exchange, refresh, adminLogin, legacyLogin, tokenCreate, tokenList, tokenDelete, validate, claims, logout },
		ENGAGE_ACCESS_TTL,
	};
}

module.exports = { createAuth, createSecrets, ENGAGE_ACCESS_TTL, RC_ACCESS_TTL };
