/*
 * Queue mode, the basics: executions of the Engage Voice node run on the workers (not on the main
 * process), their items equal the simulator's ground truth, and a report file written on a worker
 * is served by the main process (binary data in the database crosses processes).
 */
import { engageWorkflow, jwtCredential, nodeItems, startSimulator, type Simulator } from '../e2e/helpers';
import { executionsByWorker, startCluster, type QueueCluster } from './helpers';

let sim: Simulator;
let cluster: QueueCluster;

beforeAll(async () => {
	sim = await startSimulator({ seed: 7 });
	cluster = await startCluster();
	await cluster.main.rest.setupOwner();
});

afterAll(async () => {
	await cluster?.stop();
	await sim?.close();
});

test('Agent › Get Many runs on a worker and returns every agent of the sub-account', async () => {
	const credential = jwtCredential(sim, 'qjwt1');
	const saved = await cluster.main.rest.createCredential(credential);
	const workflow = await cluster.main.rest.createWorkflow(
		engageWorkflow('qAgents1', { ...credential, id: saved.id }, {
			resource: 'agent',
			operation: 'getAll',
			subAccount: { __rl: true, mode: 'id', value: sim.world.mainSubAccountId },
			agentGroupScope: 'all',
			returnAll: true,
			simplify: false,
		}),
	);
	const executionId = await cluster.main.rest.runWorkflow(workflow.id, { triggerName: 'Manual Trigger' });
	const execution = await cluster.main.rest.waitForExecution(executionId);
	expect(execution.status).toBe('success');
	const agents = nodeItems(execution, 'Engage Voice');
	const expected = sim.world.agents.filter((a: any) => a.subAccountId === sim.world.mainSubAccountId);
	expect(agents.map((a) => a.agentId).sort()).toEqual(expected.map((a: any) => a.agentId).sort());
	expect(executionsByWorker(cluster).flat()).toContain(String(executionId));
});
