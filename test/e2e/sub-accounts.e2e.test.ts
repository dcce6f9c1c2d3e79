/*
 * Real n8n, headless: the package installed from its tarball into .n8n/nodes, credentials imported
 * with `n8n import:credentials`, `Manual Trigger → Engage Voice (Sub-Account: Get Many)` workflows
 * run by one `n8n execute-batch` against the simulator.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
	type ExecuteBatchResult,
	type N8n,
	type Simulator,
	engageWorkflow,
	jwtCredential,
	logTail,
	loginCredential,
	newN8n,
	nodeItems,
	pick,
	recordTiming,
	startSimulator,
	tokenCredential,
} from './helpers';

const GET_ALL = { resource: 'subAccount', operation: 'getAll', returnAll: true };

describe('real n8n: Sub-Account → Get Many through execute-batch', () => {
	let sim: Simulator;
	let n8n: N8n;
	let batch: ExecuteBatchResult;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 1 });
		n8n = await newN8n('sub-accounts');
		const good = jwtCredential(sim, 'credJwtGood1');
		const badSecret = jwtCredential(sim, 'credJwtBad1', { clientSecret: 'not-the-secret' });
		const login = loginCredential(sim, 'credLogin1');
		const token = tokenCredential(sim, 'credToken1');
		await n8n.importCredentials([good, badSecret, login, token]);
		await n8n.importWorkflows([
			engageWorkflow('wfSubAccounts1', good, GET_ALL),
			engageWorkflow('wfBadSecret1', badSecret, GET_ALL),
			engageWorkflow('wfLogin1', login, GET_ALL),
			engageWorkflow('wfToken1', token, GET_ALL),
		]);
		batch = await n8n.executeBatch(['wfSubAccounts1', 'wfBadSecret1', 'wfLogin1', 'wfToken1']);
		recordTiming('execute-batch, 4 workflows in one n8n process', batch.ms);
		for (const [id, r] of Object.entries(batch.results)) {
			if (r.executionTime !== undefined) recordTiming(`  workflow ${id} (${r.status})`, r.executionTime * 1000);
		}
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.close();
	});

	const expectedSubAccounts = () =>
		sim.world.subAccounts.map((s) => pick(s, ['subAccountId', 'subAccountName', 'isActive']));

	const outputOf = (id: string) => {
		const r = batch.results[id];
		if (r.status !== 'success') {
			throw new Error(`${id}: ${r.status}: ${r.error}\n--- n8n log ---\n${logTail(n8n)}`);
		}
		return nodeItems(r.snapshot, 'Engage Voice');
	};

	test('the package was installed from the tarball, without a second n8n-workflow', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(n8n.packageDir, 'package.json'), 'utf8'));
		expect(pkg.name).toBe('n8n-nodes-engage-voice');
		expect(fs.lstatSync(n8n.packageDir).isSymbolicLink()).toBe(false);
		expect(fs.existsSync(path.join(n8n.packageDir, 'dist', 'nodes', 'EngageVoice', 'EngageVoice.node.js'))).toBe(true);
		// n8n's own n8n-workflow must be the only one the package resolves (instanceof NodeApiError)
		expect(fs.existsSync(path.join(n8n.nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
		expect(fs.existsSync(path.join(n8n.packageDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	test('RingCentral JWT credential: the output items are the simulator’s sub-accounts', () => {
		const items = outputOf('wfSubAccounts1');
		expect(items.map((i) => pick(i, ['subAccountId', 'subAccountName', 'isActive']))).toEqual(
			expectedSubAccounts(),
		);
	});

	test('a wrong client secret fails with the credential’s clear message', () => {
		const r = batch.results.wfBadSecret1;
		expect(r.status).not.toBe('success');
		expect(r.snapshot).toBeNull();
		expect(r.execution?.status).toBe('error');
		// what the editor shows as the error's title
		expect(r.runError?.message).toMatch(/client secret/i);
		const everything = JSON.stringify({ summary: r.error, error: r.runError });
		expect(everything).not.toContain('not-the-secret');
		expect(everything).not.toContain(sim.secrets.clientSecret);
		expect(everything).not.toContain(sim.secrets.jwt);
	});

	test('Engage login credential lists the same sub-accounts', () => {
		const items = outputOf('wfLogin1');
		expect(items.map((i) => pick(i, ['subAccountId', 'subAccountName', 'isActive']))).toEqual(
			expectedSubAccounts(),
		);
	});

	test('API token credential lists the same sub-accounts', () => {
		const items = outputOf('wfToken1');
		expect(items.map((i) => pick(i, ['subAccountId', 'subAccountName', 'isActive']))).toEqual(
			expectedSubAccounts(),
		);
	});
});
