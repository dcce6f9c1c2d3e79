'use strict';
// Sliding-window rate limits on the simulator clock.
//  - report:   per sub-account, shared by all report endpoints of both families
//              (default 2 per 60 s AND 9 per 15 min)
//  - admin:    per main account, directory lists, recordings, transcripts, token admin (120 per 60 s)
//  - exchange: per RingCentral account, the RC-token → Engage-token exchange (5 per 60 s)
//  - lead operations (API doc §7.1), per sub-account, both windows: leadLoad (leadLoader/direct),
//    leadSearch, leadSearchCount (leadSearch?count=true, its own budget), leadUpdate (PATCH and PUT
//    of one lead share it), leadAction (campaignLeads/actions)
// A rejected request does not use up budget. Besides the rate rules, the numeric knobs of the
// simulator live here too (metadata window, late rows, lead index delay, webhook timings).

const DEFAULTS = () => ({
	exchangePerMinute: 5,
	report: [
		{ count: 2, windowMs: 60000 },
		{ count: 9, windowMs: 900000 },
	],
	admin: [{ count: 120, windowMs: 60000 }],
	leadLoad: [
		{ count: 30, windowMs: 10000 },
		{ count: 120, windowMs: 60000 },
	],
	leadSearch: [
		{ count: 15, windowMs: 10000 },
		{ count: 60, windowMs: 30000 },
	],
	leadSearchCount: [
		{ count: 90, windowMs: 10000 },
		{ count: 180, windowMs: 30000 },
	],
	leadUpdate: [
		{ count: 12, windowMs: 3000 },
		{ count: 150, windowMs: 60000 },
	],
	leadAction: [
		{ count: 30, windowMs: 10000 },
		{ count: 120, windowMs: 60000 },
	],
	metadataMaxSeconds: 3600,
	// not a rate limit: how long after its end a segment shows up in interaction metadata (late rows)
	metadataVisibleDelayMs: 120000,
	// not a rate limit: how long after a load (or copy) a lead stays invisible to leadSearch and actions
	leadSearchDelayMs: 0,
	// webhook receiver validation (API doc §6.4): real ms to answer, and the most bytes (headers + body)
	validationTimeoutMs: 3000,
	validationMaxBytes: 1024,
	// deliveries (subscriptions and push): real ms per attempt; retry n waits
	// min(deliveryRetryBaseMs × 2^(n−1), deliveryRetryMaxMs) of SIM time after the failed attempt
	deliveryTimeoutMs: 5000,
	deliveryRetryBaseMs: 5000,
	deliveryRetryMaxMs: 300000,
});

/** Rule lists (settable as arrays of { count, windowMs }). */
const RULE_CLASSES = ['report', 'admin', 'leadLoad', 'leadSearch', 'leadSearchCount', 'leadUpdate', 'leadAction'];
/** Numeric knobs: name → [min, max]. */
const NUMBERS = {
	metadataVisibleDelayMs: [0, 86400000],
	metadataMaxSeconds: [1, 10800],
	leadSearchDelayMs: [0, 86400000],
	validationTimeoutMs: [1, 60000],
	validationMaxBytes: [1, 1048576],
	deliveryTimeoutMs: [1, 120000],
	deliveryRetryBaseMs: [0, 86400000],
	deliveryRetryMaxMs: [0, 86400000],
};

function validRules(name, rules) {
	if (!Array.isArray(rules)) throw new Error(`limits.${name} must be an array of { count, windowMs }`);
	return rules.map((r) => {
		const count = Number(r && r.count);
		const windowMs = Number(r && r.windowMs);
		if (!Number.isInteger(count) || count < 0 || !Number.isFinite(windowMs) || windowMs <= 0) {
			throw new Error(`limits.${name}: invalid rule ${JSON.stringify(r)}`);
		}
		return { count, windowMs };
	});
}

function createLimits(clock, initial = {}) {
	let config = DEFAULTS();
	const history = new Map();

	function set(partial = {}) {
		const next = { ...config };
		for (const [k, v] of Object.entries(partial)) {
			if (v === undefined) continue;
			if (RULE_CLASSES.includes(k)) next[k] = validRules(k, v);
			else if (k === 'exchangePerMinute') {
				if (!Number.isInteger(Number(v)) || Number(v) < 0) throw new Error('limits.exchangePerMinute must be an integer ≥ 0');
				next[k] = Number(v);
			} else if (k in NUMBERS) {
				const n = Number(v);
				const [min, max] = NUMBERS[k];
				if (!Number.isInteger(n) || n < min || n > max) throw new Error(`limits.${k} must be ${min}..${max}`);
				next[k] = n;
			} else throw new Error(`unknown limit: ${k}`);
		}
		config = next;
		return get();
	}

	function get() {
		return JSON.parse(JSON.stringify(config));
	}

	function rulesFor(cls) {
		if (cls === 'exchange') return [{ count: config.exchangePerMinute, windowMs: 60000 }];
		return config[cls];
	}

	/** Takes one slot or tells how long until one frees up. */
	function take(cls, key) {
		const rules = rulesFor(cls);
		const now = clock.now();
		const k = `${cls}:${key}`;
		const maxWindow = Math.max(...rules.map((r) => r.windowMs), 0);
		const list = (history.get(k) || []).filter((t) => t > now - maxWindow && t <= now);
		let retryAfterMs = 0;
		let remaining = Infinity;
		for (const r of rules) {
			const inWindow = list.filter((t) => t > now - r.windowMs);
			if (inWindow.length >= r.count) {
				const oldest = inWindow[inWindow.length - r.count] ?? now;
				retryAfterMs = Math.max(retryAfterMs, r.count === 0 ? r.windowMs : oldest + r.windowMs - now);
			} else remaining = Math.min(remaining, r.count - inWindow.length - 1);
		}
		if (retryAfterMs > 0) {
			history.set(k, list);
			return { ok: false, retryAfterMs };
		}
		list.push(now);
		history.set(k, list);
		return { ok: true, remaining: remaining === Infinity ? 0 : remaining };
	}

	function reset() {
		config = DEFAULTS();
		history.clear();
		set(initial);
	}
	reset();

	return { set, get, take, reset, clearHistory: () => history.clear(), value: (name) => config[name] };
}

module.exports = { createLimits, DEFAULT_LIMITS: DEFAULTS, RULE_CLASSES };
