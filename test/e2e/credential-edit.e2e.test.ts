/*
 * Editing a saved credential in real n8n (issue 9, item 2), through the REST API the editor uses:
 * load it (hidden session fields come along, redacted where they are passwords), change a field,
 * save it, run a workflow, press Test. The credential's hosts are recording fronts of the
 * simulator, so the test can see which tokens went where; the new host would accept the old
 * session's token, which must never reach it.
 */
import type { HostileServer } from '../hostile/server';
import { startHostile, tokenOf } from '../hostile/server';
import {
	type N8n,
	type Simulator,
	engageWorkflow,
	jwtCredential,
	newN8n,
	nodeItems,
	startSimulator,
} from './helpers';

describe('credential edit in real n8n: a saved session never outlives the credential that made it', () => {
	let sim: Simulator;
	let n8n: N8n;
	/** The Engage host and RingCentral server the credential was saved with. */
	let oldHost: HostileServer;
	/** What the user edits them to (same simulator behind it: an old token would work there). */
	let newHost: HostileServer;
	const credential = () => jwtCredential(sim, 'credEditJwt1', { ringCentralServer: oldHost.url, customEngageHost: oldHost.url });
	const WORKFLOW = 'wfCredEdit1';

	beforeAll(async () => {
		sim = await startSimulator({ seed: 5 });
		oldHost = await startHostile({ target: sim.url });
		newHost = await startHostile({ target: sim.url });
		n8n = await newN8n('credential-edit');
		await n8n.importCredentials([credential()]);
		await n8n.importWorkflows([
			engageWorkflow(WORKFLOW, credential(), { resource: 'subAccount', operation: 'getAll', returnAll: true }),
		]);
		await n8n.startServer();
		await n8n.rest.setupOwner();
		// Once seen on a loaded machine: the first run right after the owner setup answered 404 for
		// the imported workflow. Wait (bounded) until the REST API lists it.
		const deadline = Date.now() + 30_000;
		for (;;) {
			const found = await n8n.rest.request('GET', `/rest/workflows/${WORKFLOW}`, undefined, { expect: [200, 404] });
			if (found.status === 200) break;
			if (Date.now() > deadline) throw new Error(`workflow ${WORKFLOW} not visible over REST 30 s after the owner setup`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	});

	afterAll(async () => {
		await n8n?.dispose();
		await oldHost?.close();
		await newHost?.close();
		await sim?.close();
	});

	async function run() {
		const executionId = await n8n.rest.runWorkflow(WORKFLOW, { triggerName: 'Manual Trigger' });
		return await n8n.rest.waitForExecution(executionId);
	}

	/** The editor: load the saved credential with its data, change fields, save; returns what it sent. */
	async function edit(changes: Record<string, unknown>) {
		const saved = (await n8n.rest.request('GET', '/rest/credentials/credEditJwt1?includeData=true')).body.data;
		const data = { ...saved.data, ...changes };
		await n8n.rest.request('PATCH', '/rest/credentials/credEditJwt1', { name: saved.name, type: saved.type, data });
		return { data, type: saved.type as string, name: saved.name as string };
	}

	/** The editor's Test button, with the data the editor holds after the edit. */
	const pressTest = (sent: { data: object; type: string; name: string }) =>
		n8n.rest.testCredential({ id: 'credEditJwt1', name: sent.name, type: sent.type, data: sent.data });

	/** Bearer tokens the old host saw on API calls (the session n8n stored). */
	const tokensSeenBy = (server: HostileServer) =>
		[...new Set(server.requests.filter((r) => r.path.startsWith('/voice/api/')).map((r) => tokenOf(r)))].filter(Boolean);

	test('sign in, edit the host, the RingCentral server and the secret; run and Test after each edit', async () => {
		// 1. a run signs in at the old host and keeps the session in the credential
		const first = await run();
		expect(first.status).toBe('success');
		expect(nodeItems(first.data, 'Engage Voice')).toHaveLength(sim.world.subAccounts.length);
		const oldTokens = tokensSeenBy(oldHost);
		expect(oldTokens.length).toBeGreaterThan(0);
		const hidden = (await n8n.rest.request('GET', '/rest/credentials/credEditJwt1?includeData=true')).body.data.data;
		expect(hidden.sessionBinding).toMatch(/^v1\./);

		// 2. the token expires: n8n's 401 retry renews it with the refresh token (no full sign-in)
		sim.control.advanceClock(5 * 60_000 + 1000);
		oldHost.reset();
		expect((await run()).status).toBe('success');
		expect(oldHost.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/auth/token/refresh');
		expect(oldHost.requests.map((r) => r.path)).not.toContain('/restapi/oauth/token');
		oldTokens.push(...tokensSeenBy(oldHost));
		const oldRefreshTokens = oldHost.requests
			.filter((r) => r.path === '/api/auth/token/refresh')
			.map((r) => new URLSearchParams(r.body).get('refresh_token') ?? '');

		// 3. new Engage host (hidden fields kept by the editor): a fresh sign-in there, no old token
		await edit({ customEngageHost: newHost.url });
		const afterHost = await run();
		expect(afterHost.status).toBe('success');
		expect(newHost.requests.map((r) => r.path)).toContain('/api/auth/login/rc/accesstoken');
		for (const secret of [...oldTokens, ...oldRefreshTokens]) expect(newHost.received(secret)).toEqual([]);

		// 4. new RingCentral server: the next run signs in through it
		const sentServer = await edit({ ringCentralServer: newHost.url });
		newHost.reset();
		expect((await run()).status).toBe('success');
		expect(newHost.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /restapi/oauth/token');
		// Test proves the secrets with a full sign-in, never with the refresh token
		newHost.reset();
		expect(await pressTest(sentServer)).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(newHost.requests.map((r) => r.path)).toContain('/restapi/oauth/token');
		expect(newHost.requests.map((r) => r.path)).not.toContain('/api/auth/token/refresh');

		// 5. wrong client secret: Test fails although the stored token still works, and so does a run
		const sentSecret = await edit({ clientSecret: 'not-the-client-secret' });
		const tested = await pressTest(sentSecret);
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(/client ID or client secret/);
		expect(tested.message).not.toContain('not-the-client-secret');
		newHost.reset();
		const refused = await run();
		expect(refused.status).toBe('error');
		expect(JSON.stringify(refused.data.resultData.error)).toMatch(/client ID or client secret/);
		expect(newHost.requests.filter((r) => r.path.startsWith('/voice/api/'))).toEqual([]);
	});
});
