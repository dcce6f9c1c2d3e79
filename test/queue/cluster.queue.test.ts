/*
 * Queue mode (issue 13): one `n8n start`, two `n8n worker`s (and a webhook processor), PostgreSQL and
 * Redis, started once for the whole file, against the simulator. The tests run in order:
 *
 * 1. operations: executions run on the workers, items equal the simulator's ground truth, files
 *    written on a worker (a report file, a recording) are served by the main process (binary data
 *    in the database crosses processes);
 * 2. report budget across workers: six report executions for one sub-account at once, the
 *    simulator enforcing the real limit (2 per minute, 9 per 15 minutes);
 * 3. sign-in across processes: the RingCX token expires, the main process (its poll) and both
 *    workers need a new one at once;
 * 4. the Events Trigger: RingCX's subscription calls the webhook processor, whose executions
 *    run on the workers;
 * 5. the polling trigger (activated before 3, polling since) runs on the main process only, and
 *    its cursor survives a restart of the main process: nothing lost, nothing twice.
 *
 * The figures (429s, sign-ins per minute, executions per worker) are printed and listed in the
 * suite's timings.
 */
import { segmentKey, segmentsTruth } from '../helpers/reportTruth';
import { engageWorkflow, jwtCredential, nodeItems, recordTiming, segmentsTriggerWorkflow, startSimulator, type Simulator } from '../e2e/helpers';
import { executionsByWorker, startCluster, type QueueCluster } from './helpers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER = 15 * MINUTE;
const REAL_REPORT_LIMITS = [
	{ count: 2, windowMs: MINUTE },
	{ count: 9, windowMs: 15 * MINUTE },
];
const OPEN_REPORT_LIMITS = [{ count: 1000, windowMs: 1000 }];
const FAST = { reportRequestsPerSecond: 100, reportRequestsPerMinute: 6000, reportRequestsPer15Minutes: 90000, retryBackoffSeconds: 0 };
const TRIGGER = 'New call segments';
const TRIGGER_WORKFLOW = 'qSegmentsTrig1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

let sim: Simulator;
let cluster: QueueCluster;
let credential: ReturnType<typeof jwtCredential>;
let mainSub: string;
let partnerSub: string;
let triggerFromMs = 0;

/** Prints a measured figure and lists it with the suite's timings. */
function figure(text: string) {
	process.stdout.write(`[queue] ${text}\n`);
	recordTiming(`figure: ${text}`, 0);
}

async function runAll(workflowIds: string[], timeoutMs = 5 * MINUTE) {
	const ids = await Promise.all(workflowIds.map(async (id) => String(await cluster.main.rest.runWorkflow(id, { triggerName: 'Manual Trigger' }))));
	return await Promise.all(ids.map(async (id) => await cluster.main.rest.waitForExecution(id, { timeoutMs })));
}

async function saveWorkflow(id: string, parameters: Record<string, unknown>) {
	return (await cluster.main.rest.createWorkflow(engageWorkflow(id, credential, parameters))).id as string;
}

function binaryOf(execution: any, index = 0) {
	return execution.data.resultData.runData['Engage Voice'][0].data.main[0][index].binary.data;
}

/**
 * The polling trigger: new call segments of the partner sub-account from a few hours back, every
 * minute. Activated after the budget test (the simulator's report limit is open again), it polls
 * on the main process through the sign-in test until the restart test.
 */
async function activateTrigger() {
	const now = Date.now();
	for (let hours = 2; hours <= 12; hours++) {
		triggerFromMs = floorTo(now - hours * HOUR, QUARTER);
		if (segmentsTruth(sim as any, partnerSub, triggerFromMs, now - 10 * MINUTE).size >= 3) break;
	}
	await cluster.main.rest.createWorkflow(
		segmentsTriggerWorkflow({
			id: TRIGGER_WORKFLOW,
			nodeId: 'c0c0c0c0-0000-4000-8000-0000000000aa',
			nodeName: TRIGGER,
			credential,
			subAccountId: partnerSub,
			startFromMs: triggerFromMs,
		}),
	);
	await cluster.main.rest.activateWorkflow(TRIGGER_WORKFLOW);
}

const workerOf = (executionId: string) => executionsByWorker(cluster).findIndex((ids) => ids.includes(String(executionId)));

beforeAll(async () => {
	sim = await startSimulator({ seed: 7 });
	sim.control.setLimits({ report: OPEN_REPORT_LIMITS });
	mainSub = String(sim.world.mainSubAccountId);
	partnerSub = String(sim.world.partnerSubAccountId);
	const started = Date.now();
	// three executions at once per worker: six report executions spread 3 + 3 (see the budget test)
	cluster = await startCluster({ concurrency: 3 });
	recordTiming('queue cluster start (Postgres, Redis, main, 2 workers, webhook)', Date.now() - started);
	await cluster.main.rest.setupOwner();
	credential = jwtCredential(sim, 'qjwt1');
	const saved = await cluster.main.rest.createCredential(credential);
	credential = { ...credential, id: saved.id };
}, 15 * MINUTE);

afterAll(async () => {
	await cluster?.stop();
	await sim?.close();
});

describe('operations on the workers', () => {
	test('Agent › Get Many runs on a worker and returns every agent of the sub-account', async () => {
		const workflowId = await saveWorkflow('qAgents1', {
			resource: 'agent',
			operation: 'getAll',
			subAccount: { __rl: true, mode: 'id', value: mainSub },
			agentGroupScope: 'all',
			returnAll: true,
			simplify: false,
		});
		const [execution] = await runAll([workflowId]);
		expect(execution.status).toBe('success');
		const agents = nodeItems(execution, 'Engage Voice');
		const expected = sim.world.agents.filter((a: any) => String(a.subAccountId) === mainSub);
		expect(agents.map((a) => a.agentId).sort()).toEqual(expected.map((a: any) => a.agentId).sort());
		expect(workerOf(execution.id)).toBeGreaterThanOrEqual(0);
	});

	test('groups, reports as items and as a file, a recording: run on the workers, equal the ground truth, files cross processes', async () => {
		const rangeStart = floorTo(sim.control.now() - 30 * HOUR, HOUR);
		const range = { start: new Date(rangeStart).toISOString(), end: new Date(rangeStart + 3 * HOUR).toISOString(), timeZone: 'UTC' };
		const partner = { __rl: true, mode: 'id', value: partnerSub };
		const main = { __rl: true, mode: 'id', value: mainSub };
		const recorded = (sim.truth.segments(mainSub, rangeStart, rangeStart + 3 * HOUR, { family: 'cx' }) as any[]).find((s) => s.hasRecording);
		expect(recorded).toBeDefined();
		const ids = [
			await saveWorkflow('qAgentGroups1', { resource: 'agentGroup', operation: 'getAll', subAccount: main, returnAll: true }),
			await saveWorkflow('qQueueGroups1', { resource: 'queueGroup', operation: 'getAll', subAccount: main, apiFamily: 'cx', returnAll: true }),
			await saveWorkflow('qQueueStats1', { resource: 'report', operation: 'queueStats', subAccount: partner, apiFamily: 'cx', ...range, interval: 30, options: FAST }),
			await saveWorkflow('qAgentExtFile1', {
				resource: 'report',
				operation: 'agentExtendedStats',
				subAccount: partner,
				apiFamily: 'classic',
				...range,
				interval: 60,
				options: { ...FAST, outputFormat: 'CSV', output: 'files' },
			}),
			await saveWorkflow('qRecording1', {
				resource: 'recording',
				operation: 'download',
				subAccount: main,
				apiFamily: 'cx',
				dialogId: recorded.dialogId,
				segmentId: recorded.segmentId,
			}),
		];
		const [groups, queueGroups, queueStats, agentExtFile, recording] = await runAll(ids);
		for (const e of [groups, queueGroups, queueStats, agentExtFile, recording]) {
			expect({ id: e.id, status: e.status, error: e.data?.resultData?.error?.message }).toEqual({ id: e.id, status: 'success', error: undefined });
			expect(workerOf(e.id)).toBeGreaterThanOrEqual(0);
		}
		const sorted = (rows: any[], key: string) => rows.map((r) => String(r[key])).sort();

		const expectedGroups = sim.world.agentGroups.filter((g: any) => String(g.subAccountId) === mainSub);
		expect(sorted(nodeItems(groups, 'Engage Voice'), 'agentGroupId')).toEqual(sorted(expectedGroups, 'agentGroupId'));
		const expectedQueueGroups = sim.world.queueGroups.filter((g: any) => String(g.subAccountId) === mainSub);
		expect(sorted(nodeItems(queueGroups, 'Engage Voice'), 'queueGroupId')).toEqual(sorted(expectedQueueGroups, 'queueGroupId'));

		const rows = nodeItems(queueStats, 'Engage Voice');
		const truth = sim.truth.queueStats(partnerSub, rangeStart, rangeStart + 3 * HOUR, 30, { timeZone: 'UTC' }) as any[];
		expect(truth.length).toBeGreaterThan(0);
		expect(rows).toHaveLength(truth.length);
		expect(rows.reduce((n, r) => n + r.answIxnCnt, 0)).toBe(truth.reduce((n, r) => n + r.answIxnCnt, 0));

		// the CSV file was written on a worker; the main process reads it from the database
		const file = binaryOf(agentExtFile);
		expect(String(file.id)).toMatch(/^database:/);
		const csv = (await cluster.main.rest.binaryData(file.id)).toString('utf8');
		const extTruth = sim.truth.agentExtendedStats(partnerSub, rangeStart, rangeStart + 3 * HOUR, 60, { timeZone: 'UTC' }) as any[];
		expect(csv.trim().split(/\r?\n/)).toHaveLength(extTruth.length + 1);

		// the recording: the bytes the main process serves are the bytes the simulator sends
		const wav = binaryOf(recording);
		expect(String(wav.id)).toMatch(/^database:/);
		const served = await cluster.main.rest.binaryData(wav.id);
		const direct = await fetch(
			`${sim.url}/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${mainSub}/recordings/dialogs/${encodeURIComponent(recorded.dialogId)}/segments/${encodeURIComponent(recorded.segmentId)}`,
			{ headers: { Authorization: `Bearer ${sim.secrets.apiToken}` } },
		);
		expect(direct.status).toBe(200);
		expect(served.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
		expect(served.subarray(0, 4).toString('latin1')).toBe('RIFF');
	});
});

describe('report budget across workers', () => {
	test('six report executions for one sub-account at once over two workers: every one succeeds with every row; 429s counted', async () => {
		sim.control.setLimits({ report: REAL_REPORT_LIMITS });
		const rangeStart = floorTo(sim.control.now() - 20 * HOUR, HOUR);
		const ranges = [0, 1, 2, 3, 4, 5].map((i) => rangeStart + i * HOUR);
		const ids: string[] = [];
		for (const [i, from] of ranges.entries()) {
			ids.push(
				await saveWorkflow(`qBudget${i + 1}`, {
					resource: 'report',
					operation: 'queueStats',
					subAccount: { __rl: true, mode: 'id', value: mainSub },
					apiFamily: 'cx',
					start: new Date(from).toISOString(),
					end: new Date(from + HOUR).toISOString(),
					timeZone: 'UTC',
					interval: 15,
					// two workers send report requests for this sub-account at once
					options: { processesSharingBudget: 2 },
				}),
			);
		}
		const isReport = (e: any) => e.path.includes(`/sub-accounts/${mainSub}/agg-queue-stats`);
		const before = sim.control.requestLog().filter(isReport).length;
		const started = Date.now();
		const executions = await runAll(ids, 20 * MINUTE);
		recordTiming('six report executions over two workers (1 per minute each)', Date.now() - started);
		sim.control.setLimits({ report: OPEN_REPORT_LIMITS });

		const perWorker = [0, 0];
		for (const [i, e] of executions.entries()) {
			expect({ id: e.id, status: e.status, error: e.data?.resultData?.error?.message }).toEqual({ id: e.id, status: 'success', error: undefined });
			const truth = sim.truth.queueStats(mainSub, ranges[i], ranges[i] + HOUR, 15, { timeZone: 'UTC' }) as any[];
			const rows = nodeItems(e, 'Engage Voice');
			expect(rows).toHaveLength(truth.length);
			expect(rows.reduce((n, r) => n + r.answIxnCnt, 0)).toBe(truth.reduce((n, r) => n + r.answIxnCnt, 0));
			perWorker[workerOf(e.id)]++;
		}
		const requests = sim.control.requestLog().filter(isReport).slice(before);
		const rejected = requests.filter((e) => e.status === 429).length;
		figure(`report budget: 6 executions, executions per worker ${perWorker.join(' + ')}, ${requests.length} report requests, ${rejected} answered 429`);
		expect(perWorker[0] + perWorker[1]).toBe(6);
		// the goal: at most one 429 per execution
		expect(rejected).toBeLessThanOrEqual(executions.length);
	});
});

describe('sign-in across processes', () => {
	test('the token expires for main and both workers at once: no execution fails, sign-ins stay within 5 per minute', async () => {
		await activateTrigger();
		const workflowId = await saveWorkflow('qSignIn1', {
			resource: 'agentGroup',
			operation: 'getAll',
			subAccount: { __rl: true, mode: 'id', value: mainSub },
			returnAll: true,
		});
		// the main process polls every minute at a fixed second: start just before its next poll, so that
		// its poll and the executions on both workers find the token expired at the same moment
		const isPoll = (e: any) => e.path.includes(`/sub-accounts/${partnerSub}/interaction-metadata`);
		// (n8n publishes asynchronously: the activation's first poll may not have asked yet)
		for (const deadline = Date.now() + 2 * MINUTE; !sim.control.requestLog().some(isPoll) && Date.now() < deadline; ) await sleep(1000);
		const pollTimes = sim.control.requestLog().filter(isPoll);
		expect(pollTimes.length).toBeGreaterThan(0);
		const simAhead = sim.control.now() - Date.now();
		const lastPoll = Math.max(...pollTimes.map((e) => Date.parse(e.time) - simAhead));
		let nextPoll = lastPoll;
		while (Number.isFinite(nextPoll) && nextPoll < Date.now() + 5_000) nextPoll += MINUTE;
		await sleep(nextPoll - Date.now() - 1_500);
		// each refresh takes 5 s: every process sends its own before the first one rotates the token
		sim.control.injectFaults({ kind: 'slow', delayMs: 5_000, ratio: 1, match: 'auth/token/refresh' });
		sim.control.clearLog();
		const advancedAt = sim.control.now();
		// every Engage token issued so far is now expired (they live 5 minutes)
		sim.control.advanceClock(6 * MINUTE);
		const executions = await runAll([1, 2, 3, 4, 5, 6].map(() => workflowId));
		const triggerBefore = new Set(await cluster.main.rest.executionIds(TRIGGER_WORKFLOW));
		// the main process's next poll needs a token too: wait for it (every minute)
		let pollSeen = false;
		for (const deadline = Date.now() + 2 * MINUTE; Date.now() < deadline && !pollSeen; ) {
			await sleep(3000);
			pollSeen = sim.control.requestLog().some((e) => isPoll(e) && e.status === 200);
		}
		sim.control.clearFaults();
		const perWorker = [0, 0];
		for (const e of executions) {
			expect({ id: e.id, status: e.status, error: e.data?.resultData?.error?.message }).toEqual({ id: e.id, status: 'success', error: undefined });
			perWorker[workerOf(e.id)]++;
		}
		const log = sim.control.requestLog().map((e) => ({ ...e, ms: Date.parse(e.time) }));
		const exchanges = log.filter((e) => e.path === '/api/auth/login/rc/accesstoken');
		const refreshes = log.filter((e) => e.path === '/api/auth/token/refresh');
		const perMinute = new Map<number, number>();
		for (const e of exchanges) {
			const minute = Math.floor((e.ms - advancedAt) / MINUTE);
			perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
		}
		figure(
			`sign-in: 6 executions (per worker ${perWorker.join(' + ')}) + the main process's poll; ${refreshes.length} refreshes (${refreshes.filter((e) => e.status === 401).length} found the refresh token already spent), ${exchanges.length} full sign-ins; sign-ins per minute ${JSON.stringify(Object.fromEntries(perMinute))}`,
		);
		expect(pollSeen).toBe(true);
		const polls = log.filter(isPoll);
		expect(polls.filter((e) => e.status === 200).length).toBeGreaterThanOrEqual(1);
		expect(polls.filter((e) => ![200, 401].includes(Number(e.status)))).toEqual([]);
		// no sign-in was refused for the rate, and none more than 5 in any minute
		expect(exchanges.filter((e) => e.status !== 200)).toEqual([]);
		for (const e of exchanges) expect(exchanges.filter((x) => x.ms >= e.ms && x.ms < e.ms + MINUTE).length).toBeLessThanOrEqual(5);
		// one refresh per process at most (executions of one process share it); the processes that
		// found the refresh token already spent by another signed in afresh, and nothing failed
		const spent = refreshes.filter((e) => e.status === 401).length;
		expect(refreshes.filter((e) => e.status === 200)).toHaveLength(1);
		expect(refreshes.length).toBeLessThanOrEqual(3);
		expect(spent).toBeGreaterThanOrEqual(1);
		expect(exchanges.length).toBe(spent);
		// the poll on the main process did not fail either
		await sleep(5000);
		for (const id of await cluster.main.rest.executionIds(TRIGGER_WORKFLOW)) {
			if (triggerBefore.has(id)) continue;
			const e = await cluster.main.rest.getExecution(id);
			expect({ id, status: e.status }).toEqual({ id, status: 'success' });
		}
	});
});

describe('the Events Trigger through the webhook processor', () => {
	test('Agent State Changed: the subscription calls the `n8n webhook` processor, the executions run on the workers, items equal the ground truth', async () => {
		// a simulator of its own: a Tuesday morning (agents at work), deliveries when the test says
		const events = await startSimulator({ seed: 7, startTime: Date.parse('2026-03-03T15:00:00Z'), autoDeliver: false });
		try {
			events.control.setLimits({ deliveryTimeoutMs: 30_000 });
			const sub = String(events.world.mainSubAccountId);
			const spec = jwtCredential(events, 'qjwtEvents1');
			const saved = await cluster.main.rest.createCredential(spec);
			const workflowId = 'qEventsTrig1';
			const nodeName = 'Agent state changes';
			await cluster.main.rest.createWorkflow({
				id: workflowId,
				name: 'queue: agent state changes',
				nodes: [
					{
						id: 'c0c0c0c0-0000-4000-8000-0000000000cc',
						name: nodeName,
						type: 'n8n-nodes-engage-voice.engageVoiceEventsTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId: '7d2e9b40-3c1a-4f6e-8b5d-0a9c8e7f6d51',
						parameters: { event: 'agentStateChanged', subAccount: { __rl: true, mode: 'id', value: sub }, filters: {}, options: {} },
						credentials: { engageVoiceJwtApi: { id: saved.id, name: spec.name } },
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
				pinData: {},
			});
			await cluster.main.rest.activateWorkflow(workflowId);
			const live = () => events.control.subscriptions().filter((x: any) => !x.deleted);
			for (const deadline = Date.now() + 60_000; !live().length && Date.now() < deadline; ) await sleep(250);
			const [subscription] = live();
			// the main process registered the webhook processor's URL; the handshake went there
			expect(String(subscription.notificationUrl).startsWith(`${cluster.webhook!.baseUrl}/webhook/`)).toBe(true);
			expect(events.control.validations()[0]).toMatchObject({ url: subscription.notificationUrl, status: 200, echoed: true, ok: true });

			const from = subscription.cursorMs;
			events.control.advanceClock(5 * MINUTE);
			await events.control.deliverDue();
			const to = live()[0].cursorMs;
			const expected = events.truth.agentStates(sub, from, to) as any[];
			expect(expected.length).toBeGreaterThan(0);
			const deliveries = events.control.deliveries({ channel: 'subscription' });
			expect(deliveries.every((d: any) => d.status === 200)).toBe(true);

			let ids: string[] = [];
			for (const deadline = Date.now() + 3 * MINUTE; Date.now() < deadline; ) {
				ids = await cluster.main.rest.executionIds(workflowId);
				if (ids.length >= expected.length) break;
				await sleep(1000);
			}
			ids.sort((a, b) => Number(a) - Number(b));
			const items: any[] = [];
			const perWorker = [0, 0];
			for (const id of ids) {
				const e = await cluster.main.rest.waitForExecution(id);
				expect({ id, status: e.status }).toEqual({ id, status: 'success' });
				perWorker[workerOf(id)]++;
				items.push(...nodeItems(e.data, nodeName));
			}
			const pick = (i: any) => ({ agentId: i.agentId, state: i.state, changedAt: i.changedAt, subAccountId: i.subAccountId });
			const truth = (ev: any) => ({ agentId: ev.agentId, state: ev.state, changedAt: `${new Date(ev.atMs).toISOString().slice(0, 19)}+00:00`, subAccountId: sub });
			expect(items.map(pick).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
				expected.map(truth).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
			);
			figure(`events trigger: ${deliveries.length} deliveries to the webhook processor, ${ids.length} executions (per worker ${perWorker.join(' + ')})`);
			expect(perWorker[0] + perWorker[1]).toBe(ids.length);
			await cluster.main.rest.deactivateWorkflow(workflowId);
		} finally {
			await events.close();
		}
	});
});

describe('the polling trigger', () => {
	test('polls on the main process only; its cursor survives a restart of the main process: every segment once, nothing lost', async () => {
		const cursorOf = async (): Promise<number | undefined> => {
			const wf = await cluster.main.rest.getWorkflow(TRIGGER_WORKFLOW);
			const cursor = wf.staticData?.[`node:${TRIGGER}`]?.cursor;
			return cursor ? Date.parse(cursor) : undefined;
		};
		const beforeRestart = await cursorOf();
		expect(beforeRestart).toBeGreaterThan(triggerFromMs);
		const started = Date.now();
		await cluster.restartMain();
		await cluster.main.rest.login();
		recordTiming('main process restart', Date.now() - started);
		// wait for a poll after the restart that moved the cursor on
		let afterRestart = beforeRestart;
		for (const deadline = Date.now() + 4 * MINUTE; Date.now() < deadline && afterRestart === beforeRestart; ) {
			await sleep(5000);
			afterRestart = await cursorOf();
		}
		expect(afterRestart).toBeGreaterThan(beforeRestart!);
		await cluster.main.rest.deactivateWorkflow(TRIGGER_WORKFLOW);
		await sleep(5000);
		const cursor = (await cursorOf())!;

		const ids = (await cluster.main.rest.executionIds(TRIGGER_WORKFLOW)).sort((a, b) => Number(a) - Number(b));
		const delivered: any[] = [];
		for (const id of ids) {
			const e = await cluster.main.rest.getExecution(id);
			expect({ id, mode: e.mode, status: e.status }).toEqual({ id, mode: 'trigger', status: 'success' });
			// the executions a poll starts run on the workers
			expect(workerOf(id)).toBeGreaterThanOrEqual(0);
			delivered.push(...nodeItems(e.data, TRIGGER));
		}
		const fresh = delivered.filter((i) => i.changeType === 'new');
		const keys = fresh.map((i) => segmentKey(i));
		expect(new Set(keys).size).toBe(keys.length);
		const expected = segmentsTruth(sim as any, partnerSub, triggerFromMs, cursor);
		expect([...keys].sort()).toEqual([...expected.keys()].sort());
		figure(`polling trigger: ${ids.length} executions, ${fresh.length} segments, cursor ${new Date(beforeRestart!).toISOString()} before and ${new Date(cursor).toISOString()} after the restart of the main process`);

		// the poller is the main process's: the trigger's windows are logged there (before and after
		// the restart), never by a worker, which only runs the executions the polls start
		const logOf = (instance: any) => require('fs').readFileSync(require('path').join(instance.userFolder, 'n8n-server.log'), 'utf8') as string;
		const pollLine = new RegExp(`Metadata, sub-account ${partnerSub}: window`, 'g');
		expect((logOf(cluster.main).match(pollLine) ?? []).length).toBeGreaterThanOrEqual(2);
		for (const worker of cluster.workers) expect(logOf(worker)).not.toMatch(pollLine);
	});
});
