/*
 * A small hostile server of our own (the simulator is left as it is): a reverse proxy in front of
 * the simulator that passes every request through, except those a rule picks, which it answers
 * badly. Kinds:
 *
 * - `cutBody`: the simulator's real answer, headers and full Content-Length included, of which only
 *   the first half of the body is written before the connection is closed;
 * - `hang`: the request is read and never answered (until the client gives up or the proxy closes).
 *
 * `open()` counts requests received and not yet answered (held ones included): the virtual clock
 * (virtualTime.ts) uses it to tell "waiting on the network" from "waiting on a timer".
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { openRequestsOf } from './virtualTime';

export interface HostileRule {
	kind: 'cutBody' | 'hang' | 'notHttp';
	/** Substring of the request path. */
	match: string;
	/** How many matching requests to spoil (default: all). */
	count?: number;
	/** Let this many matching requests through first. */
	after?: number;
}

export interface HostileProxy {
	url: string;
	rules: HostileRule[];
	/** Requests spoiled so far, by kind. */
	spoiled: Record<HostileRule['kind'], number>;
	open(): number;
	close(): Promise<void>;
}

function pick(rules: HostileRule[], path: string): HostileRule | undefined {
	for (const rule of rules) {
		if (!path.includes(rule.match) || (rule.count ?? Infinity) <= 0) continue;
		if ((rule.after ?? 0) > 0) {
			rule.after = (rule.after ?? 0) - 1;
			continue;
		}
		if (rule.count !== undefined) rule.count--;
		return rule;
	}
	return undefined;
}

export async function startHostileProxy(targetUrl: string): Promise<HostileProxy> {
	const target = new URL(targetUrl);
	const rules: HostileRule[] = [];
	const spoiled = { cutBody: 0, hang: 0, notHttp: 0 };
	const held = new Set<http.ServerResponse>();

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rule = pick(rules, req.url ?? '');
			if (rule?.kind === 'hang') {
				spoiled.hang++;
				held.add(res);
				res.on('close', () => held.delete(res));
				return;
			}
			if (rule?.kind === 'notHttp') {
				// bytes that are not an HTTP answer: the client fails with neither a status nor a network code
				spoiled.notHttp++;
				res.socket?.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
				return;
			}
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					const body: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => body.push(chunk));
					answer.on('end', () => {
						const full = Buffer.concat(body);
						const headers = { ...answer.headers, 'content-length': String(full.length), connection: 'close' };
						res.writeHead(answer.statusCode ?? 502, headers);
						if (rule?.kind === 'cutBody' && full.length > 1) {
							spoiled.cutBody++;
							res.write(full.subarray(0, Math.floor(full.length / 2)));
							// what arrives is less than Content-Length says: the connection just ends
							res.socket?.end();
							return;
						}
						res.end(full);
					});
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	const open = openRequestsOf(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		rules,
		spoiled,
		open,
		async close() {
			for (const res of held) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
