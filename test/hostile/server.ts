/*
 * A hostile or broken Engage Voice host for the security tests: a real HTTP(S) server whose answers
 * each test scripts (redirects to another server, tokens echoed back in 401 text, HTML titles,
 * OAuth errors and validation messages), and which otherwise forwards every request to a target
 * (usually the simulator), so that it can stand in as "another host" of a working account.
 *
 * Unlike the simulator's log, this server records what it received unredacted: the tests look in
 * it for tokens that must never have been sent here.
 */
import { readFileSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { join } from 'path';

export interface HostileRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	/** Path and query string as received. */
	url: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface HostileResponse {
	status: number;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

export type HostileHandler = (request: HostileRequest) => HostileResponse | Promise<HostileResponse>;

interface Route {
	method: string;
	path: string | RegExp;
	handler: HostileHandler;
	/** Answers left; undefined = every time. */
	times?: number;
}

export interface HostileServer {
	/** `http://127.0.0.1:PORT`, or `https://…` with `tls`. */
	url: string;
	/** `127.0.0.1:PORT` */
	host: string;
	/** Every request received, in order, unredacted. */
	requests: HostileRequest[];
	/** Answers matching requests with `handler` (newest route first); `times` limits how often. */
	route(method: string, path: string | RegExp, handler: HostileHandler, times?: number): void;
	/** Requests no route answers go to `target` (e.g. the simulator's URL); none = 404. */
	forwardTo(target: string | undefined): void;
	/** Forgets routes and requests (the forward target stays). */
	reset(): void;
	/** Does any recorded request carry `secret` anywhere (line, headers, body), raw or URL-encoded? */
	received(secret: string): HostileRequest[];
	close(): Promise<void>;
}

const TLS_DIR = join(__dirname, 'tls');

/** The self-signed certificate of 127.0.0.1 the TLS variant serves (for `ignoreSslIssues` tests). */
export const testCertificate = () => ({
	key: readFileSync(join(TLS_DIR, 'key.pem')),
	cert: readFileSync(join(TLS_DIR, 'cert.pem')),
});

function matches(route: Route, request: HostileRequest): boolean {
	if (route.method !== '*' && route.method.toUpperCase() !== request.method) return false;
	return typeof route.path === 'string' ? request.path.startsWith(route.path) : route.path.test(request.path);
}

async function forward(target: string, request: HostileRequest): Promise<HostileResponse> {
	const url = new URL(request.url, target);
	const headers = { ...request.headers, host: url.host };
	return await new Promise<HostileResponse>((resolve, reject) => {
		const out = http.request(url, { method: request.method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const responseHeaders: Record<string, string> = {};
				for (const [name, value] of Object.entries(res.headers)) {
					if (value !== undefined && !['connection', 'transfer-encoding', 'content-length'].includes(name)) {
						responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
					}
				}
				resolve({ status: res.statusCode ?? 502, headers: responseHeaders, body: Buffer.concat(chunks) });
			});
		});
		out.on('error', reject);
		out.end(request.body);
	});
}

export async function startHostile(options: { tls?: boolean; target?: string } = {}): Promise<HostileServer> {
	let routes: Route[] = [];
	let target = options.target;
	const requests: HostileRequest[] = [];

	const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const parsed = new URL(req.url ?? '/', 'http://hostile.invalid');
			const request: HostileRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: parsed.pathname,
				url: req.url ?? '/',
				query: Object.fromEntries(parsed.searchParams),
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			const route = routes.find((r) => (r.times === undefined || r.times > 0) && matches(r, request));
			if (route?.times !== undefined) route.times--;
			const answer: Promise<HostileResponse> = route
				? Promise.resolve(route.handler(request))
				: target
					? forward(target, request)
					: Promise.resolve(text(404, `no route for ${request.method} ${request.path}`));
			answer
				.then((response) => {
					res.writeHead(response.status, response.headers ?? {});
					res.end(response.body ?? '');
				})
				.catch((error: Error) => {
					res.writeHead(502, { 'Content-Type': 'text/plain' });
					res.end(`hostile server: ${error.message}`);
				});
		});
	};

	const server = options.tls ? https.createServer(testCertificate(), listener) : http.createServer(listener);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const host = `127.0.0.1:${port}`;

	return {
		url: `${options.tls ? 'https' : 'http'}://${host}`,
		host,
		requests,
		route(method, path, handler, times) {
			routes.unshift({ method, path, handler, times });
		},
		forwardTo(next) {
			target = next;
		},
		reset() {
			routes = [];
			requests.length = 0;
		},
		received(secret) {
			const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
			return requests.filter((r) => {
				const seen = `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`;
				return forms.some((form) => seen.includes(form));
			});
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// canned answers

export function text(status: number, body: string, headers: Record<string, string> = {}): HostileResponse {
	return { status, headers: { 'Content-Type': 'text/plain', ...headers }, body };
}

export function json(status: number, body: unknown): HostileResponse {
	return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** The credential a request carried: a Bearer token, an X-Auth-Token, or Basic `user:password`. */
export function tokenOf(request: HostileRequest): string {
	const authorization = String(request.headers.authorization ?? '');
	const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
	if (bearer) return bearer;
	const basic = /^Basic\s+(.+)$/i.exec(authorization)?.[1];
	if (basic) return Buffer.from(basic, 'base64').toString('utf8');
	return String(request.headers['x-auth-token'] ?? '');
}

/** `302 Location: <to>` (the path and query of the request appended when `to` ends in `/`). */
export const redirectTo =
	(to: string, status = 302): HostileHandler =>
	(request) => ({
		status,
		headers: { Location: to.endsWith('/') ? `${to.replace(/\/$/, '')}${request.url}` : to },
		body: '',
	});

/** 401 `text/plain` "Invalid token <the token sent>". */
export const echoTokenInText: HostileHandler = (request) => text(401, `Invalid token ${tokenOf(request)}`);

/** 500 HTML page whose title and text quote the token sent. */
export const echoTokenInHtml: HostileHandler = (request) => ({
	status: 500,
	headers: { 'Content-Type': 'text/html' },
	body: `<!DOCTYPE html><html><head><title>Error for ${tokenOf(request)}</title></head><body><h1>Internal error</h1><p>session ${tokenOf(request)} failed</p></body></html>`,
});

/** 400 Engage validation error whose message and value are the raw token. */
export const echoTokenInValidation: HostileHandler = (request) =>
	json(400, {
		generalMessage: `Request rejected for ${tokenOf(request)}`,
		validationErrors: [{ attributeName: 'token', message: `not allowed: ${tokenOf(request)}`, value: tokenOf(request) }],
	});

/** RingCentral's token endpoint refusing the JWT, quoting the assertion in error_description. */
export const oauthErrorQuotingAssertion: HostileHandler = (request) => {
	const assertion = new URLSearchParams(request.body).get('assertion') ?? '';
	return json(400, { error: 'invalid_grant', error_description: `Invalid assertion ${assertion} (client ${tokenOf(request)})` });
};
