'use strict';
// Outgoing HTTP from the simulator to receivers (webhook validation, notifications, push). One fresh
// connection per request (`Connection: close`), a real-time timeout, and the exact number of bytes
// the receiver sent on the socket (status line, headers and body, chunk framing included), so tests
// can assert what a receiver really answers. Never rejects: failures come back as `error`.

const http = require('node:http');
const https = require('node:https');

/** Bytes of the head kept for finding the end of the headers. */
const HEAD_KEEP = 65536;

function createOutbound() {
	const active = new Set();

	/**
	 * @returns {Promise<{ ok: boolean, status: number|null, headers: object, body: Buffer, bytes: number, headerBytes: number|null,
	 *   bodyBytes: number|null, elapsedMs: number, error: string|null }>}
	 */
	function request(url, { method = 'POST', headers = {}, body = '', timeoutMs = 5000 } = {}) {
		return new Promise((resolve) => {
			const started = Date.now();
			let target;
			try {
				target = new URL(url);
			} catch {
				resolve({ ok: false, status: null, headers: {}, body: Buffer.alloc(0), bytes: 0, headerBytes: null, bodyBytes: null, elapsedMs: 0, error: 'invalid URL' });
				return;
			}
			const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
			if (!lib) {
				resolve({ ok: false, status: null, headers: {}, body: Buffer.alloc(0), bytes: 0, headerBytes: null, bodyBytes: null, elapsedMs: 0, error: `unsupported protocol ${target.protocol}` });
				return;
			}
			const payload = Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''));
			let bytes = 0;
			let head = Buffer.alloc(0);
			let done = false;
			let req = null;
			const finish = (result) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				active.delete(req);
				const text = head.toString('latin1');
				const end = text.indexOf('\r\n\r\n');
				const headerBytes = end >= 0 ? end + 4 : null;
				resolve({
					headers: {},
					body: Buffer.alloc(0),
					status: null,
					...result,
					bytes,
					headerBytes,
					bodyBytes: headerBytes === null ? null : bytes - headerBytes,
					elapsedMs: Date.now() - started,
				});
			};
			const timer = setTimeout(() => {
				finish({ ok: false, error: `timeout after ${timeoutMs} ms` });
				if (req) req.destroy();
			}, timeoutMs);
			req = lib.request(target, {
				method,
				agent: false,
				headers: { ...headers, 'Content-Length': String(payload.length), Connection: 'close' },
			});
			active.add(req);
			req.on('socket', (socket) => {
				socket.on('data', (chunk) => {
					bytes += chunk.length;
					if (head.length < HEAD_KEEP) head = Buffer.concat([head, chunk.subarray(0, HEAD_KEEP - head.length)]);
				});
			});
			req.on('response', (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					// let the socket's data listeners of the last chunk finish counting first
					setImmediate(() =>
						finish({ ok: res.statusCode >= 200 && res.statusCode < 300, status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error: null }),
					);
				});
				res.on('error', (e) => finish({ ok: false, status: res.statusCode, error: e.message }));
			});
			req.on('error', (e) => finish({ ok: false, error: e.code || e.message }));
			req.end(payload);
		});
	}

	/** Aborts every request in flight (on close). */
	function abortAll() {
		for (const r of active) r.destroy();
		active.clear();
	}

	return { request, abortAll };
}

module.exports = { createOutbound };
