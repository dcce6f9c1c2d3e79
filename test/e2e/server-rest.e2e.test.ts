/*
 * Real n8n as a server (`n8n start`): the owner account set up over the REST API, then what the
 * editor does — the credential "Test" button for good and bad secrets of each credential type, and
 * a manual run of a workflow whose execution is read back from /rest/executions (flatted data).
 */
import {
	type CredentialSpec,
	type N8n,
	type Simulator,
	engageWorkflow,
	jwtCredential,
	loginCredential,
	newN8n,
	nodeItems,
	pick,
	recordTiming,
	startSimulator,
	tokenCredential,
} from './helpers';

describe('real n8n server: REST API', () => {
	let sim: Simulator;
	let n8n: N8n;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 1 });
		n8n = await newN8n('server');
		await n8n.importCredentials([jwtCredential(sim, 'credRunJwt1')]);
		await n8n.importWorkflows([
			engageWorkflow('wfRestRun1', jwtCredential(sim, 'credRunJwt1'), {
				resource: 'subAccount',
				operation: 'getAll',
				returnAll: true,
			}),
		]);
		const started = Date.now();
		await n8n.startServer();
		recordTiming('n8n start → /healthz/readiness 200', Date.now() - started);
		await n8n.rest.setupOwner();
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.close();
	});

	/** Save the credential like the editor does, then press "Test" (the editor sends the data along). */
	async function testCredential(spec: CredentialSpec) {
		const saved = await n8n.rest.createCredential({ name: spec.name, type: spec.type, data: spec.data });
		const started = Date.now();
		const result = await n8n.rest.testCredential({ id: saved.id, name: saved.name, type: spec.type, data: spec.data });
		recordTiming(`credential test ${spec.type} (${result.status})`, Date.now() - started);
		return result;
	}

	test('RingCentral JWT: a good secret passes the credential test', async () => {
		const result = await testCredential(jwtCredential(sim, 'restJwtGood'));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
	});

	test('RingCentral JWT: a wrong client secret fails with a message about the client secret', async () => {
		const result = await testCredential(jwtCredential(sim, 'restJwtBad', { clientSecret: 'not-the-secret' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/client secret/i);
		expect(result.message).not.toContain('not-the-secret');
	});

	test('Engage login: good password passes, wrong password fails with a message', async () => {
		expect((await testCredential(loginCredential(sim, 'restLoginGood'))).status).toBe('OK');
		const bad = await testCredential(loginCredential(sim, 'restLoginBad', { password: 'wrong-password' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toEqual(expect.any(String));
		expect(bad.message).not.toContain('wrong-password');
	});

	test('API token: good token passes, wrong token fails with a message', async () => {
		expect((await testCredential(tokenCredential(sim, 'restTokenGood'))).status).toBe('OK');
		const bad = await testCredential(tokenCredential(sim, 'restTokenBad', { apiToken: 'wrong-token' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toEqual(expect.any(String));
		expect(bad.message).not.toContain('wrong-token');
	});

	test('a manual run over the REST API returns the sub-accounts in the execution data', async () => {
		const started = Date.now();
		const executionId = await n8n.rest.runWorkflow('wfRestRun1', { triggerName: 'Manual Trigger' });
		const execution = await n8n.rest.waitForExecution(executionId);
		recordTiming('manual run over REST (run → finished execution)', Date.now() - started);
		expect(execution.status).toBe('success');
		const items = nodeItems(execution.data, 'Engage Voice');
		expect(items.map((i) => pick(i, ['subAccountId', 'subAccountName', 'isActive']))).toEqual(
			sim.world.subAccounts.map((s) => pick(s, ['subAccountId', 'subAccountName', 'isActive'])),
		);
	});
});
