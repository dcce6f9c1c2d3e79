'use strict';
// Agent-state subscriptions (API doc §6.1–§6.5): GET/POST {cx}/agent-states/subscriptions,
// PUT/DELETE {cx}/agent-states/subscriptions/{subscriptionId}, the receiver validation handshake,
// expiry in sim time, and the delivery of every agent state change to every active subscription of
// the sub-account (through deliveries.js, with the subscription's retries).
//
// Checks, in order: 401 → 403 `access.denied.exception` (account without WEM) → rcAccountId (400/404)
// → sub-account (400 non-numeric, 404 unknown, 403 without WEM) → 429 (admin limit, 120/60 s per main
// account) → body (400) → subscription id (404) → authConfigId (404) → name in use (409) →
// receiver validation (400 SUB-525).

const { json, errors, errorCode } = require('./http');
const A = require('./access');
const { rng } = require('./prng');
const { formEncode } = require('./payloads');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_RETRY = 10;
const DEFAULT_RETRY = 3;
const SUB_525 = { errorCode: 'SUB-525', message: 'WebHook server response is invalid' };
const USER_AGENT = 'RingCX-Notifications/sim';
/** What the optional request fields are when not given. */
const DEFAULTS = () => ({ description: null, maxRetryCount: DEFAULT_RETRY, authConfigId: null, active: true, customHeaders: {}, expiresAt: 0 });

function uuidFrom(hex) {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Seeded external auth configs (§6.3): an API-key and a basic one per sub-account with WEM (the key is secrets.authConfigApiKey). */
function createAuthConfigs(world) {
	const r = rng(world.seed, 'authConfigs');
	const out = [];
	for (const s of world.subAccounts.filter((x) => x.wemAccess)) {
		out.push({ authConfigId: uuidFrom(r.hex(32)), subAccountId: s.subAccountId, authType: 'APIKEY', providerName: 'wfm-sync', description: 'WFM receiver key' });
		out.push({ authConfigId: uuidFrom(r.hex(32)), subAccountId: s.subAccountId, authType: 'BASIC', providerName: 'wfm-basic', description: 'WFM receiver basic auth' });
	}
	return out;
}

const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function createSubscriptions(S) {
	const { world } = S;
	const v = () => S.variants();
	let subs = [];
	let validations = [];
	let counter = 0;
	let tokenCounter = 0;

	function reset() {
		subs = [];
		validations = [];
		counter = 0;
		tokenCounter = 0;
	}

	// ---------------- lifecycle ----------------

	const expired = (s, now) => s.expiresAt > 0 && now >= s.expiresAt * 1000;

	/** Applies expiry (variant subscriptionExpiry) to every subscription due at sim-now; what happened before it is still delivered. */
	function applyExpiry() {
		const now = S.clock.now();
		for (const s of subs) {
			if (s.deleted || s.expiredAtMs !== null || !expired(s, now)) continue;
			if (s.active) handOut(s, s.expiresAt * 1000 - 1);
			s.expiredAtMs = s.expiresAt * 1000;
			const mode = v().subscriptionExpiry;
			if (mode === 'deactivate') s.active = false;
			else if (mode === 'delete') {
				s.deleted = true;
				s.deletedBy = 'expiry';
				s.deletedAtMs = s.expiredAtMs;
			}
		}
	}

	/**
	 * Whether an event at `atMs` is (still) for this subscription: not deleted or paused by the user,
	 * and before its expiry. Events before the expiry are delivered even when the sim clock jumped past it.
	 */
	const wants = (s, atMs) =>
		!(s.deleted && s.deletedBy === 'user') && (s.active || s.expiredAtMs !== null) && (s.expiresAt === 0 || atMs < s.expiresAt * 1000);

	const visible = (subAccountId) => subs.filter((s) => !s.deleted && s.subAccountId === subAccountId);
	/** Whether a subscription receives notifications now. */
	const receiving = (s) => !s.deleted && s.active && s.expiredAtMs === null;

	function render(s) {
		const out = {
			subscriptionId: s.subscriptionId,
			subscriptionName: s.subscriptionName,
			description: s.description,
			notificationUrl: s.notificationUrl,
			maxRetryCount: s.maxRetryCount,
			authConfigId: s.authConfigId,
			active: s.active,
			customHeaders: { ...s.customHeaders },
			expiresAt: s.expiresAt,
			mainAccountId: world.mainAccountId,
			subAccountId: s.subAccountId,
			createdBy: s.createdBy,
			updatedBy: s.updatedBy,
			createdAt: isoSeconds(s.createdAtMs),
			updatedAt: isoSeconds(s.updatedAtMs),
		};
		if (s.authConfigId) {
			const c = S.world.authConfigs.find((x) => x.authConfigId === s.authConfigId);
			// "Resolved auth configuration metadata": the key comes back (outputs must not show it)
			out.authConfig = { authType: c.authType, apiKey: c.authType === 'APIKEY' ? S.secrets.authConfigApiKey : null };
		}
		return out;
	}

	// ---------------- request checks ----------------

	function guard(ctx) {
		if (ctx.principal.wem === false) return { response: errorCode(ctx, 403, 'access.denied.exception') };
		const stop = A.rcAccount(S, ctx, ctx.params.rcAccountId);
		if (stop) return { response: stop };
		const r = A.subAccount(S, ctx, ctx.params.subAccountId);
		if (r.response) return { response: r.response.status === 403 ? errorCode(ctx, 403, 'access.denied.exception') : r.response };
		const lim = A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (lim) return { response: lim };
		return r;
	}

	/** RTASubscriptionRequest → { fields } (only what was given) or { errors }. */
	function check(b) {
		const errs = [];
		const ve = (attributeName, message, value) => errs.push({ attributeName, message, value: value === undefined ? null : value });
		const f = {};
		if (typeof b.subscriptionName !== 'string' || !b.subscriptionName.trim()) ve('subscriptionName', 'must not be blank', b.subscriptionName);
		else f.subscriptionName = b.subscriptionName;
		let url = null;
		try {
			url = typeof b.notificationUrl === 'string' ? new URL(b.notificationUrl) : null;
		} catch {
			url = null;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) ve('notificationUrl', 'must be a valid http(s) URL', b.notificationUrl);
		else if (v().notificationUrlRule === 'https' && url.protocol !== 'https:') ve('notificationUrl', 'must use https', b.notificationUrl);
		else f.notificationUrl = b.notificationUrl;
		if (b.description !== undefined && b.description !== null && typeof b.description !== 'string') ve('description', 'must be a string', b.description);
		else if (b.description !== undefined) f.description = b.description;
		if (b.retryCount !== undefined && b.retryCount !== null) {
			if (!Number.isInteger(b.retryCount) || b.retryCount < 0) ve('retryCount', 'must be a whole number ≥ 0', b.retryCount);
			else if (b.retryCount > MAX_RETRY) ve('retryCount', `Maximum allowed value is ${MAX_RETRY}`, b.retryCount);
			else f.maxRetryCount = b.retryCount;
		}
		if (b.authConfigId !== undefined && b.authConfigId !== null) {
			if (typeof b.authConfigId !== 'string' || !UUID.test(b.authConfigId)) ve('authConfigId', 'must be a uuid', b.authConfigId);
			else f.authConfigId = b.authConfigId;
		} else if (b.authConfigId === null) f.authConfigId = null;
		if (b.active !== undefined && b.active !== null) {
			if (typeof b.active !== 'boolean') ve('active', 'must be true or false', b.active);
			else f.active = b.active;
		}
		if (b.customHeaders !== undefined && b.customHeaders !== null) {
			if (typeof b.customHeaders !== 'object' || Array.isArray(b.customHeaders)) ve('customHeaders', 'must be an object of header names to values', null);
			else {
				const bad = Object.keys(b.customHeaders).find((k) => !HEADER_NAME.test(k));
				if (bad !== undefined) ve('customHeaders', `invalid header name ${JSON.stringify(bad)}`, bad);
				else f.customHeaders = Object.fromEntries(Object.entries(b.customHeaders).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));
			}
		}
		if (b.expiresAt !== undefined && b.expiresAt !== null) {
			if (!Number.isInteger(b.expiresAt) || b.expiresAt < 0) ve('expiresAt', 'must be epoch seconds (0 = no expiry)', b.expiresAt);
			else if (b.expiresAt !== 0 && b.expiresAt * 1000 <= S.clock.now()) ve('expiresAt', 'must be in the future (epoch seconds; 0 = no expiry)', b.expiresAt);
			else f.expiresAt = b.expiresAt;
		}
		return errs.length ? { errors: errs } : { fields: f };
	}

	function body(ctx) {
		const parsed = ctx.json();
		if (parsed.error || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
			return { response: errors(ctx, 400, { developerMessage: 'Malformed JSON request', validationErrors: [{ attributeName: 'body', message: 'must be a JSON object', value: null }] }) };
		}
		return { body: parsed.value };
	}

	const nameTaken = (subAccountId, name, exceptId) => visible(subAccountId).some((s) => s.active && s.subscriptionName === name && s.subscriptionId !== exceptId);
	const conflict = (ctx, name) => errors(ctx, 409, { developerMessage: 'Conflict', details: `An active subscription named "${name}" already exists` });

	// ---------------- receiver validation (§6.4) ----------------

	async function validate(fields, purpose) {
		tokenCounter++;
		const token = uuidFrom(rng(world.seed, 'validationToken', tokenCounter).hex(32));
		const headers = { 'Validation-Token': token, 'User-Agent': USER_AGENT };
		if (v().validationHeaders === 'custom') Object.assign(headers, fields.customHeaders || {});
		const max = S.limits.value('validationMaxBytes');
		const res = await S.outbound.request(fields.notificationUrl, { method: 'POST', headers, body: '', timeoutMs: S.limits.value('validationTimeoutMs') });
		const echoed = res.headers['validation-token'] === token;
		let reason = null;
		if (res.error) reason = res.error;
		else if (res.status !== 200) reason = `status ${res.status} (200 required)`;
		else if (!echoed) reason = 'Validation-Token header not echoed';
		else if (res.bytes > max) reason = `response is ${res.bytes} bytes (at most ${max}, headers and body)`;
		const record = {
			atMs: S.clock.now(),
			purpose,
			subscriptionName: fields.subscriptionName,
			url: fields.notificationUrl,
			token,
			status: res.status,
			echoed,
			bytes: res.bytes,
			headerBytes: res.headerBytes,
			bodyBytes: res.bodyBytes,
			elapsedMs: res.elapsedMs,
			ok: reason === null,
			reason,
		};
		validations.push(record);
		return record;
	}

	// ---------------- handlers ----------------

	function list(ctx) {
		const g = guard(ctx);
		if (g.response) return g.response;
		applyExpiry();
		return json(200, visible(g.sub.subAccountId).map(render));
	}

	function authConfigFor(sub, id) {
		return S.world.authConfigs.find((c) => c.authConfigId === id && c.subAccountId === sub) || null;
	}

	/** Guard, body and field checks of POST and PUT → { g, fields } or { response }. */
	function readRequest(ctx) {
		const g = guard(ctx);
		if (g.response) return g;
		const p = body(ctx);
		if (p.response) return p;
		const c = check(p.body);
		if (c.errors) return { response: errors(ctx, 400, { validationErrors: c.errors }) };
		return { g, fields: c.fields };
	}

	async function create(ctx) {
		const r = readRequest(ctx);
		if (r.response) return r.response;
		const g = r.g;
		const f = { ...DEFAULTS(), ...r.fields };
		if (f.authConfigId && !authConfigFor(g.sub.subAccountId, f.authConfigId)) return A.notFound(ctx, `Auth config ${f.authConfigId} not found`);
		applyExpiry();
		if (f.active && nameTaken(g.sub.subAccountId, f.subscriptionName)) return conflict(ctx, f.subscriptionName);
		const check525 = await validate(f, 'create');
		if (!check525.ok) return json(400, SUB_525);
		// the name may have been taken while the receiver answered
		if (f.active && nameTaken(g.sub.subAccountId, f.subscriptionName)) return conflict(ctx, f.subscriptionName);
		counter++;
		const now = S.clock.now();
		const user = world.users[0];
		const s = {
			subscriptionId: uuidFrom(rng(world.seed, 'subscription', counter).hex(32)),
			subAccountId: g.sub.subAccountId,
			...f,
			createdBy: `${user.firstName} ${user.lastName}`,
			updatedBy: `${user.firstName} ${user.lastName}`,
			createdAtMs: now,
			updatedAtMs: now,
			cursorMs: now,
			expiredAtMs: null,
			deleted: false,
			deletedBy: null,
			deletedAtMs: null,
		};
		subs.push(s);
		return json(200, render(s));
	}

	function findSub(ctx, g) {
		applyExpiry();
		const s = visible(g.sub.subAccountId).find((x) => x.subscriptionId === ctx.params.subscriptionId);
		return s || null;
	}

	async function update(ctx) {
		const r = readRequest(ctx);
		if (r.response) return r.response;
		const g = r.g;
		const s = findSub(ctx, g);
		if (!s) return A.notFound(ctx, `Subscription ${ctx.params.subscriptionId} not found`);
		const base = DEFAULTS();
		if (v().subscriptionPut === 'merge') for (const k of Object.keys(base)) base[k] = s[k];
		const f = { ...base, ...r.fields };
		if (f.authConfigId && !authConfigFor(g.sub.subAccountId, f.authConfigId)) return A.notFound(ctx, `Auth config ${f.authConfigId} not found`);
		if (f.active && nameTaken(g.sub.subAccountId, f.subscriptionName, s.subscriptionId)) return conflict(ctx, f.subscriptionName);
		const mode = v().subscriptionPutValidation;
		if (mode === 'always' || (mode === 'urlChanged' && f.notificationUrl !== s.notificationUrl)) {
			const r = await validate(f, 'update');
			if (!r.ok) return json(400, SUB_525);
		}
		const now = S.clock.now();
		const resume = (!receiving(s) && f.active) || f.notificationUrl !== s.notificationUrl;
		Object.assign(s, f, { updatedAtMs: now, updatedBy: s.createdBy });
		// a later expiresAt renews an expired subscription; pausing it ends what was left to deliver
		if (s.expiredAtMs !== null && (!expired(s, now) || !f.active)) s.expiredAtMs = null;
		if (resume) s.cursorMs = now;
		return json(200, render(s));
	}

	function remove(ctx) {
		const g = guard(ctx);
		if (g.response) return g.response;
		const s = findSub(ctx, g);
		if (!s) return A.notFound(ctx, `Subscription ${ctx.params.subscriptionId} not found`);
		s.deleted = true;
		s.deletedBy = 'user';
		s.deletedAtMs = S.clock.now();
		return { status: 200, headers: {}, body: '' };
	}

	// ---------------- notifications ----------------

	function notification(ev) {
		const format = v().agentStatePayload;
		if (format === 'camel') {
			const payload = S.payloads.camelAgentEvent(ev);
			return { payload, body: JSON.stringify(payload), contentType: 'application/json' };
		}
		const payload = S.payloads.wfmAgentEvent(ev);
		if (format === 'wfm-form') return { payload, body: formEncode(payload), contentType: 'application/x-www-form-urlencoded' };
		return { payload, body: JSON.stringify(payload), contentType: 'application/json' };
	}

	/** Hands the state changes in (cursor, until] to the delivery queue. */
	function handOut(s, until) {
		if (until <= s.cursorMs) return;
		for (const ev of S.truth.agentStates(s.subAccountId, s.cursorMs, until)) {
			const n = notification(ev);
			S.deliveries.enqueue({
				channel: 'subscription',
				targetId: s.subscriptionId,
				url: s.notificationUrl,
				headers: { 'Content-Type': n.contentType, 'User-Agent': USER_AGENT, ...s.customHeaders },
				body: n.body,
				payload: n.payload,
				kind: 'agentState',
				eventId: ev.id,
				eventAtMs: ev.atMs,
				maxRetries: s.maxRetryCount,
				stillWanted: () => wants(s, ev.atMs),
			});
		}
		s.cursorMs = until;
	}

	/** Delivery source: every state change since each subscription's cursor, up to now or its expiry. */
	function source() {
		const now = S.clock.now();
		applyExpiry();
		for (const s of subs) {
			if (s.deleted || !s.active || s.expiredAtMs !== null) s.cursorMs = Math.max(s.cursorMs, now);
			else handOut(s, now);
		}
	}

	const copy = (x) => JSON.parse(JSON.stringify(x));
	return {
		reset,
		list,
		create,
		update,
		remove,
		source,
		truth: {
			subscriptions() {
				applyExpiry();
				return copy(subs.map((s) => ({ ...render(s), deleted: s.deleted, deletedAtMs: s.deletedAtMs, expiredAtMs: s.expiredAtMs, createdAtMs: s.createdAtMs, cursorMs: s.cursorMs, receiving: receiving(s) })));
			},
			validations: () => copy(validations),
		},
	};
}

module.exports = { createSubscriptions, createAuthConfigs, SUB_525 };
