/*
 * Real n8n, headless: one workflow per resource of the Engage Voice node (and one report per API
 * family) run by a single `n8n execute-batch` against the simulator; outputs compared with the
 * simulator's world and ground truth.
 */
import {
	type ExecuteBatchResult,
	type N8n,
	type Simulator,
	engageWorkflow,
	jwtCredential,
	logTail,
	newN8n,
	nodeItems,
	recordTiming,
	startSimulator,
} from './helpers';

const HOUR = 3_600_000;

describe('real n8n: every resource of the Engage Voice node', () => {
	let sim: Simulator;
	let n8n: N8n;
	let batch: ExecuteBatchResult;
	let subAccountId: string;
	let rangeStart: number;
	let segment: { dialogId: string; segmentId: string };

	beforeAll(async () => {
		sim = await startSimulator({ seed: 3 });
		// reports must not wait for the default budget (2 per minute) in a test
		sim.control.setLimits({ report: [{ count: 1000, windowMs: 1000 }] });
		subAccountId = String(sim.world.mainSubAccountId);
		// a closed 3-hour range of yesterday (UTC hours), well behind the 5-minute lag
		rangeStart = Math.floor((sim.control.now() - 30 * HOUR) / HOUR) * HOUR;
		const segments = sim.truth.segments(subAccountId, rangeStart, rangeStart + 3 * HOUR, { family: 'cx' }) as any[];
		const recorded = segments.find((s) => s.hasRecording);
		if (!recorded) throw new Error('the seeded day has no recorded segment');
		segment = { dialogId: recorded.dialogId, segmentId: recorded.segmentId };

		n8n = await newN8n('resources');
		const jwt = jwtCredential(sim, 'credJwtRes1');
		await n8n.importCredentials([jwt]);
		const fast = { reportRequestsPerSecond: 100, retryBackoffSeconds: 0 };
		const range = { start: new Date(rangeStart).toISOString(), end: new Date(rangeStart + 3 * HOUR).toISOString(), timeZone: 'UTC' };
		const locator = { __rl: true, mode: 'id', value: subAccountId };
		const workflows: Array<[string, Record<string, unknown>]> = [
			['wfUsers1', { resource: 'user', operation: 'getAll', returnAll: true, simplify: true }],
			['wfAgentGroups1', { resource: 'agentGroup', operation: 'getAll', subAccount: locator, returnAll: true }],
			['wfAgents1', { resource: 'agent', operation: 'getAll', subAccount: locator, agentGroupScope: 'all', returnAll: true, simplify: true }],
			['wfQueueGroups1', { resource: 'queueGroup', operation: 'getAll', subAccount: locator, apiFamily: 'cx', returnAll: true }],
			['wfQueueStatsCx1', { resource: 'report', operation: 'queueStats', subAccount: locator, apiFamily: 'cx', ...range, interval: 30, options: fast }],
			['wfAgentExtClassic1', { resource: 'report', operation: 'agentExtendedStats', subAccount: locator, apiFamily: 'classic', ...range, interval: 60, options: { ...fast, outputFormat: 'CSV' } }],
			['wfMetadataClassic1', { resource: 'report', operation: 'interactionMetadata', subAccount: locator, apiFamily: 'classic', ...range, returnAll: true, options: fast }],
			['wfRecording1', { resource: 'recording', operation: 'download', subAccount: locator, apiFamily: 'cx', ...segment }],
		];
		await n8n.importWorkflows(workflows.map(([id, parameters]) => engageWorkflow(id, jwt, parameters)));
		batch = await n8n.executeBatch(workflows.map(([id]) => id));
		recordTiming(`execute-batch, ${workflows.length} resource workflows`, batch.ms);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.close();
	});

	const outputOf = (id: string) => {
		const r = batch.results[id];
		if (r.status !== 'success') throw new Error(`${id}: ${r.status}: ${r.error}\n--- n8n log ---\n${logTail(n8n)}`);
		return nodeItems(r.snapshot, 'Engage Voice');
	};
	const ids = (rows: any[], key: string) => rows.map((r) => String(r[key])).sort();

	test('User → Get Many returns the main account’s users', () => {
		expect(ids(outputOf('wfUsers1'), 'userId')).toEqual(ids(sim.world.users, 'userId'));
	});

	test('Agent Group → Get Many returns the sub-account’s groups', () => {
		const expected = sim.world.agentGroups.filter((g: any) => String(g.subAccountId) === subAccountId);
		expect(ids(outputOf('wfAgentGroups1'), 'agentGroupId')).toEqual(ids(expected, 'agentGroupId'));
	});

	test('Agent → Get Many (all groups) returns every agent with supervision ids', () => {
		const agents = outputOf('wfAgents1');
		const expected = sim.world.agents.filter((a: any) => String(a.subAccountId) === subAccountId);
		expect(ids(agents, 'agentId')).toEqual(ids(expected, 'agentId'));
		for (const agent of agents) {
			expect(Array.isArray(agent.supervisorAgentIds)).toBe(true);
			expect(Array.isArray(agent.superviseeAgentIds)).toBe(true);
		}
	});

	test('Queue Group → Get Many (RingCX) returns the queue groups', () => {
		const groups = outputOf('wfQueueGroups1');
		expect(groups.length).toBeGreaterThan(0);
		for (const g of groups) expect(g).toEqual(expect.objectContaining({ queueGroupId: expect.anything(), groupName: expect.any(String) }));
	});

	test('Report → Queue Statistics (RingCX JSON) equals the ground truth', () => {
		const rows = outputOf('wfQueueStatsCx1');
		const truth = sim.truth.queueStats(subAccountId, rangeStart, rangeStart + 3 * HOUR, 30, { timeZone: 'UTC' }) as any[];
		expect(rows).toHaveLength(truth.length);
		expect(new Set(rows.map((r) => `${Date.parse(r.intervalStart)}|${r.queue}`)).size).toBe(rows.length);
		expect(rows.reduce((n, r) => n + r.answIxnCnt, 0)).toBe(truth.reduce((n, r) => n + r.answIxnCnt, 0));
		expect(rows.every((r) => r.subAccountId === subAccountId && /T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(r.intervalStart))).toBe(true);
	});

	test('Report → Agent Extended Statistics (classic CSV file) equals the ground truth', () => {
		const rows = outputOf('wfAgentExtClassic1');
		const truth = sim.truth.agentExtendedStats(subAccountId, rangeStart, rangeStart + 3 * HOUR, 60, { timeZone: 'UTC' }) as any[];
		expect(rows).toHaveLength(truth.length);
		expect(rows.reduce((n, r) => n + r.talkingIxnDur, 0)).toBe(truth.reduce((n, r) => n + r.talkingIxnDur, 0));
	});

	test('Report → Interaction Metadata (classic v2) returns each segment once', () => {
		const rows = outputOf('wfMetadataClassic1');
		const truth = sim.truth.segments(subAccountId, rangeStart, rangeStart + 3 * HOUR, { family: 'classic' }) as any[];
		expect(rows).toHaveLength(truth.length);
		expect(new Set(rows.map((r) => `${r.interactionId}|${r.segmentId}`)).size).toBe(rows.length);
	});

	test('Recording → Download returns the WAV as a binary item', () => {
		const r = batch.results.wfRecording1;
		const [item] = outputOf('wfRecording1');
		expect(item).toEqual(expect.objectContaining({ dialogId: segment.dialogId, segmentId: segment.segmentId, mimeType: 'audio/wav' }));
		expect(item.fileSize).toBeGreaterThan(44);
		const task = (r.snapshot as any).data.resultData.runData['Engage Voice'][0];
		expect(task.data.main[0][0].binary.data.mimeType).toBe('audio/wav');
	});
});
