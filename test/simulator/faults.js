'use strict';
// Fault injection. A fault rule applies to the next `count` matching requests (default 1), or to a
// `ratio` of them (deterministic, seeded), optionally only where `match` fits the request path
// (substring, or a regular expression given as RegExp or as '/source/flags'), and `method`.
// `after: N` lets the first N matching requests through untouched (a fault in the middle of a run).
// Control endpoints (/__sim/...) are never faulted.
//
// kinds: '500' | '502' | '503' (HTML gateway pages), '429' (body `rate`, Retry-After: retryAfter
// seconds, default 1; retryAfter null → no header), 'slow' (delayMs, default 2000, then normal),
// 'truncated' (normal response cut in half), 'cutHeader' (normal response cut in the middle of its
// first line: a file cut inside its header), 'invalidJson' (200 application/json, not JSON),
// 'reset' (socket destroyed, no response), 'expire' (401 text/plain expiry text of the path family).

const { mulberry32, hash } = require('./prng');

const KINDS = ['500', '502', '503', '429', 'slow', 'truncated', 'cutHeader', 'invalidJson', 'reset', 'expire'];

function toMatcher(match) {
	if (match === undefined || match === null || match === '') return () => true;
	if (match instanceof RegExp) return (p) => match.test(p);
	if (typeof match === 'string') {
		const m = /^\/(.+)\/([a-z]*)$/.exec(match);
		if (m) {
			const re = new RegExp(m[1], m[2]);
			return (p) => re.test(p);
		}
		return (p) => p.includes(match);
	}
	throw new Error('fault match must be a string or RegExp');
}

/**
 * @param seed the simulator seed (ratio faults are deterministic per seed)
 * @param kinds the fault kinds this instance accepts (request faults by default; deliveries.js
 *   makes a second instance for outgoing webhook deliveries, matched on the target URL)
 * @param tag keeps the ratio sequences of the two instances apart
 */
function createFaults(seed, kinds = KINDS, tag = 'fault') {
	let rules = [];
	let nextId = 1;

	function inject(spec) {
		const list = Array.isArray(spec) ? spec : [spec];
		const ids = [];
		for (const s of list) {
			if (!s || typeof s !== 'object') throw new Error('fault spec must be an object');
			const kind = String(s.kind);
			if (!kinds.includes(kind)) throw new Error(`unknown fault kind: ${s.kind} (one of ${kinds.join(', ')})`);
			const ratio = s.ratio === undefined || s.ratio === null ? null : Number(s.ratio);
			if (ratio !== null && !(ratio >= 0 && ratio <= 1)) throw new Error('fault ratio must be within 0..1');
			let count = s.count === undefined || s.count === null ? (ratio === null ? 1 : Infinity) : Number(s.count);
			if (!(count >= 0)) throw new Error('fault count must be ≥ 0');
			const after = s.after === undefined || s.after === null ? 0 : Number(s.after);
			if (!Number.isInteger(after) || after < 0) throw new Error('fault after must be an integer ≥ 0');
			const id = nextId++;
			rules.push({
				id,
				kind,
				count,
				ratio,
				match: s.match instanceof RegExp ? String(s.match) : s.match ?? null,
				method: s.method ? String(s.method).toUpperCase() : null,
				retryAfter: s.retryAfter === undefined ? 1 : s.retryAfter,
				delayMs: s.delayMs === undefined ? 2000 : Number(s.delayMs),
				matcher: toMatcher(s.match),
				after,
				random: mulberry32(hash(seed, tag, id)),
				hits: 0,
			});
			ids.push(id);
		}
		return Array.isArray(spec) ? ids : ids[0];
	}

	/** The fault for this request, if any (consumes one use of the rule). */
	function pick(method, path) {
		for (const r of rules) {
			if (r.count <= 0) continue;
			if (r.method && r.method !== method) continue;
			if (!r.matcher(path)) continue;
			if (r.after > 0) {
				r.after--;
				continue;
			}
			if (r.ratio !== null && !(r.random() < r.ratio)) continue;
			r.count--;
			r.hits++;
			return r;
		}
		return null;
	}

	function list() {
		return rules.map((r) => ({
			id: r.id,
			kind: r.kind,
			remaining: r.count === Infinity ? null : r.count,
			ratio: r.ratio,
			match: r.match,
			method: r.method,
			retryAfter: r.retryAfter,
			delayMs: r.delayMs,
			after: r.after,
			hits: r.hits,
		}));
	}

	function clear() {
		rules = [];
		nextId = 1; // ratio faults are seeded by (seed, id): after a clear/reset the same sequence again
	}

	return { inject, pick, list, clear, reset: clear, KINDS: kinds };
}

module.exports = { createFaults, KINDS };
