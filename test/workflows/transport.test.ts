import type { IDataObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { registerNodeType, runWorkflow } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';
import { TransportProbe } from '../helpers/transportProbe';

registerNodeType('test.transportProbe', new TransportProbe());

let sim: Simulator;
let creds: TestCredentialsHelper;
let subAccountsPath: string;

useSimulator({ seed: 5 }, (s) => ({ sim, creds } = s));
beforeAll(() => {
	subAccountsPath = `/integration/v1/admin/accounts/${sim.world.mainAccountId}/subaccounts`;
});

function probe(parameters: IDataObject, credential = { type: 'engageVoiceTokenApi', id: 'token', authentication: 'apiToken' }) {
	return runWorkflow(
		{
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'p',
					name: 'Probe',
					type: 'test.transportProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						authentication: credential.authentication,
						...parameters,
						...(parameters.body ? { body: JSON.stringify(parameters.body) } : {}),
						...(parameters.transport ? { transport: JSON.stringify(parameters.transport) } : {}),
						...(parameters.idempotent !== undefined ? { idempotent: String(parameters.idempotent) } : {}),
					} as any,
					credentials: { [credential.type]: { id: credential.id, name: credential.id } },
				},
			],
			connections: { Start: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] } },
		},
		creds,
	);
}

const apiRequests = () => sim.control.requestLog().filter((e) => e.path.includes('/integration/'));

describe('transport under injected faults', () => {
	it.each(['500', '502', '503'])('retries a GET after %s and succeeds', async (kind) => {
		sim.control.injectFaults({ kind, count: 2 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error).toBeUndefined();
		expect(result.output('Probe')[0].json.body).toHaveLength(sim.world.subAccounts.length);
		expect(apiRequests().map((e) => e.status)).toEqual([Number(kind), Number(kind), 200]);
	});

	it('gives up after the retries with the HTML page title in the description', async () => {
		sim.control.injectFaults({ kind: '502', count: 10 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error?.message).toBe('Engage Voice had a server error (HTTP 502) after 4 attempts');
		expect(result.error?.description).toMatch(/an HTML page/);
		expect(apiRequests()).toHaveLength(4);
	});

	it('does not retry a non-idempotent POST after a 500', async () => {
		sim.control.injectFaults({ kind: '500', count: 1 });
		const result = await probe({ method: 'POST', path: '/v1/admin/token', idempotent: false });
		expect(result.error?.message).toBe('Engage Voice had a server error (HTTP 500)');
		expect(sim.control.requestLog().filter((e) => e.path === '/voice/api/v1/admin/token')).toHaveLength(1);
	});

	it('honours Retry-After on a 429 and then succeeds', async () => {
		sim.control.injectFaults({ kind: '429', count: 1, retryAfter: 1 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error).toBeUndefined();
		const calls = apiRequests();
		expect(calls.map((e) => e.status)).toEqual([429, 200]);
		// the retry went out only after the second the server asked for (simulator clock)
		expect(Date.parse((calls[1] as any).time) - Date.parse((calls[0] as any).time)).toBeGreaterThanOrEqual(1000);
	});

	it('backs off on a 429 without Retry-After and reports a persistent one', async () => {
		sim.control.injectFaults({ kind: '429', count: 10 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error?.message).toBe('Engage Voice rate limit reached after 4 attempts');
		expect(result.error?.httpCode).toBe('429');
		expect(apiRequests()).toHaveLength(4);
	});

	it.each(['truncated', 'invalidJson'])('fetches again after a %s body', async (kind) => {
		sim.control.injectFaults({ kind, count: 1 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error).toBeUndefined();
		expect(result.output('Probe')[0].json.body).toHaveLength(sim.world.subAccounts.length);
	});

	it('reports a body that stays invalid', async () => {
		sim.control.injectFaults({ kind: 'invalidJson', count: 10 });
		const result = await probe({ path: subAccountsPath });
		expect(result.error?.message).toBe('Engage Voice sent a response that is not valid JSON after 4 attempts');
	});

	it('retries a reset connection and reports a persistent one in words', async () => {
		sim.control.injectFaults({ kind: 'reset', count: 1 });
		expect((await probe({ path: subAccountsPath })).error).toBeUndefined();
		sim.control.injectFaults({ kind: 'reset', count: 10 });
		const result = await probe({ path: subAccountsPath, context: 'window 3 of 8' });
		expect(result.error?.message).toBe('Could not reach Engage Voice (connection reset) after 4 attempts (window 3 of 8)');
	});

	it('signs in again once when the token expires between requests (401 "Jwt is expired")', async () => {
		const jwt = { type: 'engageVoiceJwtApi', id: 'jwt', authentication: 'ringCentralJwt' };
		expect((await probe({ path: subAccountsPath }, jwt)).error).toBeUndefined();
		sim.control.injectFaults({ kind: 'expire', count: 1, match: '/integration/' });
		const result = await probe({ path: subAccountsPath }, jwt);
		expect(result.error).toBeUndefined();
		expect(creds.signIns.get('jwt')).toBe(2);
	});

	it('waits for the rate budget instead of sending a 429-bound burst', async () => {
		// The simulator answers 429 beyond 2 report requests a second; with no retries allowed,
		// only the node's own budget can keep all three requests under that limit.
		sim.control.setLimits({ report: [{ count: 2, windowMs: 1000 }] });
		const subAccountId = sim.world.subAccounts[0].subAccountId;
		const path = `/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${subAccountId}/agg-queue-stats`;
		const day = new Date(sim.control.now() - 86_400_000).toISOString().slice(0, 10);
		const body = { startDate: `${day} 09:00:00`, endDate: `${day} 10:00:00`, timeInterval: 1800, timeZone: 'UTC' };
		const transport = { limits: { report: [{ count: 2, windowMs: 1000 }] }, maxRetries: 0 };
		for (let i = 0; i < 3; i++) {
			const result = await probe({ method: 'POST', path, body, endpointClass: 'report', budgetScope: subAccountId, idempotent: true, transport });
			expect(result.error).toBeUndefined();
		}
		expect(apiRequests().map((e) => e.status)).toEqual([200, 200, 200]);
	});

	it('without the budget the same burst meets the limit (control for the test above)', async () => {
		sim.control.setLimits({ report: [{ count: 2, windowMs: 1000 }] });
		const subAccountId = sim.world.subAccounts[0].subAccountId;
		const path = `/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${subAccountId}/agg-queue-stats`;
		const day = new Date(sim.control.now() - 86_400_000).toISOString().slice(0, 10);
		const body = { startDate: `${day} 09:00:00`, endDate: `${day} 10:00:00`, timeInterval: 1800, timeZone: 'UTC' };
		const transport = { limits: { report: [{ count: 100, windowMs: 1000 }] }, maxRetries: 0 };
		const results = [];
		for (let i = 0; i < 3; i++) {
			results.push(await probe({ method: 'POST', path, body, endpointClass: 'report', budgetScope: subAccountId, idempotent: true, transport }));
		}
		expect(results[2].error?.httpCode).toBe('429');
	});

	it('keeps secrets out of errors and out of the simulator log', async () => {
		sim.control.injectFaults({ kind: '500', count: 10, match: '/integration/' });
		const result = await probe({ path: subAccountsPath }, { type: 'engageVoiceJwtApi', id: 'jwt', authentication: 'ringCentralJwt' });
		const stored = creds.store.get('jwt')!;
		const everything = JSON.stringify({ error: result.error, log: sim.control.requestLog() });
		for (const secret of [sim.secrets.clientSecret, sim.secrets.jwt, sim.secrets.apiToken, String(stored.engageToken), String(stored.refreshToken)]) {
			expect(secret.length).toBeGreaterThan(4);
			expect(everything).not.toContain(secret);
		}
	});
});
