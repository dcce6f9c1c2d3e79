// Helpers for the simulator's own tests: real HTTP with fetch.
import type { Simulator, SimulatorOptions } from '../../simulator';

const { startSimulator } = require('../../simulator') as typeof import('../../simulator');

/** A fixed sim time: Monday 2026-03-02 18:00 UTC (13:00 US/Eastern), business hours traffic before it. */
export const T0 = '2026-03-02T18:00:00.000Z';

export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
	return startSimulator({ port: 0, seed: 7, startTime: T0, ...options });
}

export interface Res {
	status: number;
	headers: Headers;
	text: string;
	json: any;
	buf: Buffer;
}

export async function req(url: string, init: RequestInit = {}): Promise<Res> {
	const r = await fetch(url, init);
	const buf = Buffer.from(await r.arrayBuffer());
	const text = buf.toString('utf8');
	let json: any = undefined;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: r.status, headers: r.headers, text, json, buf };
}

export function form(values: Record<string, string>): RequestInit {
	return {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(values).toString(),
	};
}

export function basic(user: string, pass: string): string {
	return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

export async function rcToken(sim: Simulator, jwt = sim.secrets.jwt): Promise<Res> {
	const init = form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt });
	(init.headers as Record<string, string>).Authorization = basic(sim.secrets.clientId, sim.secrets.clientSecret);
	return req(`${sim.url}/restapi/oauth/token`, init);
}

export async function exchange(sim: Simulator, rcAccessToken: string, includeRefresh = true): Promise<Res> {
	return req(
		`${sim.url}/api/auth/login/rc/accesstoken${includeRefresh ? '?includeRefresh=true' : ''}`,
		form({ rcAccessToken, rcTokenType: 'Bearer' }),
	);
}

/** Full flow A: JWT → RC token → Engage token. */
export async function login(sim: Simulator, jwt = sim.secrets.jwt): Promise<{ accessToken: string; refreshToken: string; body: any }> {
	const rc = await rcToken(sim, jwt);
	if (rc.status !== 200) throw new Error(`rc token: ${rc.status} ${rc.text}`);
	const ex = await exchange(sim, rc.json.access_token);
	if (ex.status !== 200) throw new Error(`exchange: ${ex.status} ${ex.text}`);
	return { accessToken: ex.json.accessToken, refreshToken: ex.json.refreshToken, body: ex.json };
}

export function paths(sim: Simulator, subAccountId = sim.world.mainSubAccountId) {
	const w = sim.world;
	return {
		ci: `${sim.url}/voice/api/integration/v1/admin`,
		cr: `${sim.url}/voice/api/integration/v1/admin/reports/accounts/${subAccountId}`,
		cr2: `${sim.url}/voice/api/integration/v2/admin/reports/accounts/${subAccountId}`,
		cx: `${sim.url}/voice/api/cx/integration/v1/accounts/${w.rcAccountId}/sub-accounts/${subAccountId}`,
		adm: `${sim.url}/voice/api/v1/admin/accounts/${subAccountId}`,
	};
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return { Authorization: `Bearer ${token}`, ...extra };
}

export function postJson(url: string, token: string, body: unknown): Promise<Res> {
	return req(url, { method: 'POST', headers: bearer(token, { 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
}

export function get(url: string, token: string, headers: Record<string, string> = {}): Promise<Res> {
	return req(url, { headers: bearer(token, headers) });
}

/** Any method with a JSON body (or none). */
export function send(method: string, url: string, token: string, body?: unknown): Promise<Res> {
	const headers = bearer(token, body === undefined ? {} : { 'Content-Type': 'application/json' });
	return req(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The control API over HTTP. */
export function control(sim: Simulator, method: string, path: string, body?: unknown): Promise<Res> {
	return req(`${sim.url}/__sim${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

export const MIN = 60 * 1000;

export interface Received {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export type ReceiverHandler = (r: Received, res: import('node:http').ServerResponse) => void | Promise<void>;

/** Answers a validation request as RingCX requires: 200, the token echoed, an empty body. */
export const answerValidation: ReceiverHandler = (r, res) => {
	res.writeHead(200, { 'Validation-Token': String(r.headers['validation-token']) });
	res.end();
};

/**
 * A webhook receiver of our own (real HTTP, port 0) that records every request. The default handler
 * answers validation requests properly and everything else with 200.
 */
export async function receiver(handler?: ReceiverHandler) {
	const http = require('node:http') as typeof import('node:http');
	const received: Received[] = [];
	let current: ReceiverHandler =
		handler ||
		((r, res) => {
			if (r.headers['validation-token']) return answerValidation(r, res);
			res.writeHead(200, { 'Content-Type': 'text/plain' });
			res.end('ok');
		});
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r: Received = { method: req.method || '', url: req.url || '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			received.push(r);
			Promise.resolve(current(r, res)).catch(() => res.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as import('node:net').AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		base: `http://127.0.0.1:${port}`,
		received,
		setHandler(h: ReceiverHandler) {
			current = h;
		},
		/** Requests other than validation requests. */
		notifications: () => received.filter((r) => !r.headers['validation-token']),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/**
 * A receiver that writes exactly the bytes `respond` returns on the socket (status line, headers,
 * body), so a test knows the size of the answer independently of any HTTP library.
 */
export async function rawReceiver(respond: (head: string) => string) {
	const net = require('node:net') as typeof import('node:net');
	const heads: string[] = [];
	const server = net.createServer((socket) => {
		let buf = '';
		socket.on('data', (d) => {
			buf += d.toString('latin1');
			const end = buf.indexOf('\r\n\r\n');
			if (end < 0) return;
			const head = buf.slice(0, end);
			const length = Number((/content-length:\s*(\d+)/i.exec(head) || [])[1] || 0);
			if (buf.length < end + 4 + length) return;
			heads.push(head);
			socket.end(Buffer.from(respond(head), 'latin1'));
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as import('node:net').AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		heads,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The Validation-Token header of a raw request head. */
export function tokenOf(head: string): string {
	return (/^validation-token:\s*(.+)$/im.exec(head) || [])[1]?.trim() || '';
}

/**
 * A simulator for webhook tests (frozen clock: sim time moves only by setClock/advanceClock; no
 * delivery timer: deliveries happen on control.deliverDue()) and a receiver of our own; call
 * `fresh()` before each test.
 */
export async function webhookRig(options: SimulatorOptions = {}) {
	const sim = await start({ autoDeliver: false, clockSpeed: 1e-9, ...options });
	const rx = await receiver();
	return {
		sim,
		rx,
		fresh() {
			sim.control.reset();
			sim.control.setAutoDeliver(false);
			rx.received.length = 0;
		},
		async close() {
			await sim.close();
			await rx.close();
		},
	};
}
