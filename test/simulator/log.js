'use strict';
// Request log for tests: every non-control request with method, path, query, body, headers and
// the response status. Secrets are replaced by '[redacted]' everywhere: sensitive headers, keys that
// name passwords/secrets/tokens/assertions (query, form and JSON bodies, at any depth), token path
// segments, and any known secret or issued token value wherever it appears.

const R = '[redacted]';
const SENSITIVE_HEADERS = new Set(['authorization', 'x-auth-token', 'cookie', 'set-cookie', 'proxy-authorization']);
const SENSITIVE_KEY = /pass(word)?|secret|assertion|jwt|token|authorization|credential|api[-_]?key/i;
const SAFE_KEY = /type$/i; // rcTokenType=Bearer, token_type: not secret

function isSensitiveKey(k) {
	return SENSITIVE_KEY.test(k) && !SAFE_KEY.test(k);
}

function createLog({ sensitiveValues, max = 5000 }) {
	let entries = [];

	function scrub(str) {
		let s = String(str);
		for (const v of sensitiveValues()) {
			if (v && v.length >= 6 && s.includes(v)) s = s.split(v).join(R);
			const enc = v && encodeURIComponent(v);
			if (enc && enc !== v && enc.length >= 6 && s.includes(enc)) s = s.split(enc).join(R);
		}
		return s;
	}

	function redactValue(v) {
		if (v === null || v === undefined) return v;
		if (Array.isArray(v)) return v.map(redactValue);
		if (typeof v === 'object') {
			const out = {};
			for (const [k, x] of Object.entries(v)) out[k] = isSensitiveKey(k) ? R : redactValue(x);
			return out;
		}
		if (typeof v === 'string') return scrub(v);
		return v;
	}

	function redactPath(path) {
		return scrub(path)
			.replace(/(\/admin\/token\/)[^/?]+/g, `$1${R}`)
			.replace(/(\/auth\/logout\/)[^/?]+/g, `$1${R}`);
	}

	function add(ctx) {
		const headers = {};
		for (const [k, v] of Object.entries(ctx.headers)) headers[k] = SENSITIVE_HEADERS.has(k) ? R : scrub(Array.isArray(v) ? v.join(', ') : v);
		let body = null;
		if (ctx.bodyText) {
			if (ctx.form) body = redactValue(ctx.form);
			else {
				try {
					body = redactValue(JSON.parse(ctx.bodyText));
				} catch {
					body = scrub(ctx.bodyText.length > 20000 ? ctx.bodyText.slice(0, 20000) + '…' : ctx.bodyText);
				}
			}
		}
		const entry = {
			time: new Date(ctx.now()).toISOString(),
			method: ctx.method,
			path: redactPath(ctx.rawPath),
			query: redactValue(ctx.query),
			body,
			headers,
			status: null,
		};
		entries.push(entry);
		if (entries.length > max) entries = entries.slice(entries.length - max);
		return entry;
	}

	return {
		add,
		list: () => entries.map((e) => JSON.parse(JSON.stringify(e))),
		clear() {
			entries = [];
		},
		redactValue,
	};
}

module.exports = { createLog, REDACTED: R };
