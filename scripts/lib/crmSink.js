'use strict';
/*
 * A stand-in for a CRM's upload endpoint, for the demo's "call recording → CRM" workflow and its
 * tests: POST /crm/recordings (multipart/form-data: one file and text fields, or JSON) → 201 { id };
 * GET /crm/recordings → what it received (files as name, type, size, sha256, first bytes).
 */
const crypto = require('crypto');
const http = require('http');

/** Minimal multipart/form-data parser: [{ name, filename?, contentType?, data: Buffer }]. */
function parseMultipart(body, contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!m) throw new Error('multipart body without a boundary');
	const boundary = Buffer.from(`--${m[1] || m[2]}`);
	const parts = [];
	let pos = body.indexOf(boundary);
	while (pos !== -1) {
		const start = pos + boundary.length;
		if (body.slice(start, start + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		const next = body.indexOf(boundary, headerEnd);
		if (headerEnd === -1 || next === -1) break;
		const headers = body.slice(start + 2, headerEnd).toString('utf8');
		const data = body.slice(headerEnd + 4, next - 2); // minus the CRLF before the boundary
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] || '';
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
			data,
		});
		pos = next;
	}
	return parts;
}

/**
 * A stand-in for a CRM's upload endpoint: POST /crm/recordings (multipart/form-data: one file and
 * text fields) → 201 { id }; GET /crm/recordings → what it received (files as name, type, size,
 * sha256). `onRecord(record)` is called for each post.
 */
async function startSink({ port = 0, hostname = '127.0.0.1', onRecord } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body, null, 2));
			};
			const url = new URL(req.url, 'http://sink');
			if (url.pathname !== '/crm/recordings') return send(404, { error: 'POST or GET /crm/recordings' });
			if (req.method === 'GET') return send(200, received);
			if (req.method !== 'POST') return send(405, { error: 'method not allowed' });
			try {
				const body = Buffer.concat(chunks);
				const fields = {};
				const files = [];
				const type = req.headers['content-type'] || '';
				if (/multipart\/form-data/i.test(type)) {
					for (const part of parseMultipart(body, type)) {
						if (part.filename !== undefined) {
							files.push({
								field: part.name,
								filename: part.filename,
								contentType: part.contentType,
								size: part.data.length,
								sha256: crypto.createHash('sha256').update(part.data).digest('hex'),
								head: part.data.slice(0, 4).toString('latin1'),
							});
						} else {
							fields[part.name] = part.data.toString('utf8');
						}
					}
				} else if (/json/i.test(type)) {
					Object.assign(fields, JSON.parse(body.toString('utf8') || '{}'));
				} else {
					return send(415, { error: 'send multipart/form-data or JSON' });
				}
				const record = { id: received.length + 1, receivedAt: new Date().toISOString(), fields, files };
				received.push(record);
				if (onRecord) onRecord(record);
				send(201, { id: record.id });
			} catch (error) {
				send(400, { error: error.message });
			}
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, hostname, resolve);
	});
	const { port: actual } = server.address();
	return {
		url: `http://${hostname}:${actual}`,
		port: actual,
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections(); // n8n keeps its connections alive
			}),
	};
}

module.exports = { startSink };
