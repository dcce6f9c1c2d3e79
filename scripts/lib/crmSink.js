'use strict';
/*
 * A stand-in CRM for the demo's workflows and their tests:
 * - POST /crm/recordings (multipart/form-data: one file and text fields, or JSON) → 201 { id };
 *   GET /crm/recordings → what it received (files as name, type, size, sha256, first bytes);
 * - GET /crm/deals[?status=closed] → the deals it holds ({ crmId, status, outcome, closedAt }), for
 *   the "close leads from the CRM" workflow; POST /crm/deals (a deal or an array) adds or replaces
 *   deals by crmId → 200 the deals.
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
	const deals = [];
	const putDeals = (list) => {
		for (const deal of list) {
			if (!deal || typeof deal.crmId !== 'string' || !deal.crmId) throw new Error('a deal needs a crmId');
			const index = deals.findIndex((d) => d.crmId === deal.crmId);
			if (index >= 0) deals[index] = { ...deal };
			else deals.push({ ...deal });
		}
	};
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body, null, 2));
			};
			const url = new URL(req.url, 'http://sink');
			if (url.pathname === '/crm/deals') {
				if (req.method === 'GET') {
					const status = url.searchParams.get('status');
					return send(200, deals.filter((d) => !status || d.status === status));
				}
				if (req.method !== 'POST') return send(405, { error: 'method not allowed' });
				try {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]');
					putDeals(Array.isArray(body) ? body : [body]);
					return send(200, deals);
				} catch (error) {
					return send(400, { error: error.message });
				}
			}
			if (url.pathname !== '/crm/recordings') return send(404, { error: 'POST or GET /crm/recordings, GET or POST /crm/deals' });
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
		deals,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections(); // n8n keeps its connections alive
			}),
	};
}

module.exports = { startSink };
