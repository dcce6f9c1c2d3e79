/*
 * The example workflows (examples/*.json) in real n8n against the simulator, set up exactly as
 * `npm run demo` sets them up (scripts/lib/demoSetup.js provision(): owner, the three credentials,
 * the data table, the demo variants of the examples), and run over the REST API of a running n8n —
 * the data table module runs only in `n8n start`, not in the CLI's execute-batch.
 *
 * Each trigger-started example runs twice: as a manual-trigger variant (the trigger replaced by the
 * Report operation over a range the simulator's ground truth has data in, so every output is known
 * exactly) and as the demo variant itself from its trigger ("Fetch Test Event": a recent sample, which
 * may legitimately be empty at night). The AI agent's tool runs through n8n's own Tool Executor, since
 * no chat model is reachable here. Activated triggers: trigger.e2e.test.ts.
 */
import * as crypto from 'crypto';

import { segmentKey, segmentsTruth, statisticsByKey, statisticsTruth } from '../helpers/reportTruth';
import { type N8n, type Simulator, newN8n, nodeItems, recordTiming, startSimulator } from './helpers';

// what the demo sets up (scripts/lib: CommonJS, no types of their own)
const { DEMO_REPORT_LIMITS, QUEUE_STATS_TABLE, TIME_ZONE, readExamples, toolExecutorWorkflow } = require('../../scripts/lib/demoWorkflows');
const { provision } = require('../../scripts/lib/demoSetup');
const { startSink } = require('../../scripts/lib/crmSink');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER = 15 * MINUTE;
const TZ: string = TIME_ZONE;
const ENGAGE = 'n8n-nodes-engage-voice.engageVoice';

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const iso = (ms: number) => new Date(ms).toISOString();

/** Wall-clock midnight of the day containing `ms` in `TZ`, as epoch ms. */
function midnightIn(ms: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: TZ,
		hourCycle: 'h23',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(ms));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const since = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (ms % 1000);
	return ms - since;
}

/** ISO 8601 with the offset of `TZ` (what the agent's system message tells the model to send). */
function isoInZone(ms: number): string {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' }).formatToParts(new Date(ms));
	const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
	const local = new Date(ms + offsetMs(offset));
	return `${local.toISOString().slice(0, 19)}${offset}`;
}
function offsetMs(offset: string): number {
	const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
	return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MINUTE : 0;
}

describe('example workflows in real n8n (the demo set-up, against the simulator)', () => {
	let sim: Simulator;
	let sink: any;
	let n8n: N8n;
	let setup: any;
	let sub: string;

	beforeAll(async () => {
		sim = await startSimulator({ seed: 7, limits: { report: DEMO_REPORT_LIMITS } } as any);
		sink = await startSink({ port: 0 });
		n8n = await newN8n('examples', { env: { GENERIC_TIMEZONE: TZ } });
		const started = Date.now();
		await n8n.startServer();
		recordTiming('examples: n8n start', Date.now() - started);
		const t = Date.now();
		setup = await provision(n8n, { sim, sinkUrl: sink.url, activate: false });
		recordTiming('examples: provision like the demo (REST)', Date.now() - t);
		sub = String(sim.world.mainSubAccountId);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await sim?.close();
	});

	async function run(workflowId: string, triggerName: string) {
		const started = Date.now();
		const executionId = await n8n.rest.runWorkflow(workflowId, { triggerName });
		const execution = await n8n.rest.waitForExecution(executionId, { timeoutMs: 180_000 });
		recordTiming(`examples: run ${workflowId} from "${triggerName}" (${execution.status})`, Date.now() - started);
		return execution;
	}

	const runError = (execution: any) => execution.data?.resultData?.error;
	const expectSuccess = (execution: any) => {
		if (execution.status !== 'success') {
			throw new Error(`execution ${execution.id}: ${execution.status}: ${JSON.stringify(runError(execution))?.slice(0, 1500)}`);
		}
	};

	const workflowOf = (key: string) => setup.workflowList.find((w: any) => w.id === setup.workflows[key]);

	/** The demo variant with its trigger replaced by Manual Trigger → the Report operation (same node name). */
	async function manualVariant(key: string, triggerName: string, report: Record<string, unknown>, patch?: (w: any) => void) {
		const workflow = JSON.parse(JSON.stringify(workflowOf(key)));
		workflow.id = `${workflow.id.slice(0, 12)}Man${crypto.randomBytes(2).toString('hex')}1`.slice(0, 21);
		workflow.name = `${workflow.name} — manual`;
		const trigger = workflow.nodes.find((n: any) => n.name === triggerName);
		const subAccount = trigger.parameters.subAccount;
		trigger.type = ENGAGE;
		trigger.parameters = { authentication: 'ringCentralJwt', resource: 'report', subAccount, ...report };
		workflow.nodes.push({
			id: crypto.randomUUID(),
			name: 'Run manually',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [trigger.position[0] - 240, trigger.position[1]],
			parameters: {},
		});
		workflow.connections['Run manually'] = { main: [[{ node: triggerName, type: 'main', index: 0 }]] };
		if (patch) patch(workflow);
		await n8n.rest.createWorkflow(workflow);
		return workflow.id as string;
	}

	test('the shipped examples import unchanged, and n8n knows every node type they use', async () => {
		const examples = readExamples();
		const types = await n8n.rest.request('GET', '/types/nodes.json');
		const known = new Set<string>((types.body as any[]).map((t) => t.name));
		expect(known.has('n8n-nodes-engage-voice.engageVoiceTool')).toBe(true);
		for (const [key, example] of Object.entries<any>(examples)) {
			for (const node of example.nodes) expect({ key, type: node.type, known: known.has(node.type) }).toEqual({ key, type: node.type, known: true });
			const saved = await n8n.rest.createWorkflow({ ...example, id: `evShipped${key.slice(0, 8)}1` });
			expect(saved.nodes.map((n: any) => n.name).sort()).toEqual(example.nodes.map((n: any) => n.name).sort());
		}
	});

	test('(b) nightly roster sync: every agent of the sub-account upserted into the data table, twice without duplicates', async () => {
		const execution = await run(setup.workflows.roster, 'Every night at 02:00');
		expectSuccess(execution);
		const [table] = nodeItems(execution.data, 'Create the table if missing');
		expect(table.name).toBe('Engage Voice agents');
		const agents = sim.world.agents.filter((a: any) => String(a.subAccountId) === sub);
		const nameOf = new Map<number, string>(agents.map((a: any) => [a.agentId, `${a.firstName} ${a.lastName}`]));
		const expected = agents
			.map((a: any) => {
				const supervisors = [...a.supervisorAgentIds].sort((x: number, y: number) => x - y);
				return {
					agentId: a.agentId,
					rcUserId: String(a.rcUserId),
					firstName: a.firstName,
					lastName: a.lastName,
					email: a.email,
					agentType: a.agentType,
					isActive: a.isActive,
					agentGroupId: a.agentGroupId,
					supervisorAgentIds: supervisors.join(', '),
					supervisorNames: supervisors.map((id: number) => nameOf.get(id)).join(', '),
				};
			})
			.sort((x: any, y: any) => x.agentId - y.agentId);
		const rowsOf = async () =>
			((await n8n.rest.dataTableRows(setup.projectId, table.id)) as any[]).sort((x, y) => x.agentId - y.agentId);
		const first = await rowsOf();
		expect(first.map((r) => Object.fromEntries(Object.keys(expected[0]).map((k) => [k, r[k]])))).toEqual(expected);
		expect(first.every((r) => typeof r.syncedAt === 'string' || r.syncedAt instanceof Date)).toBe(true);

		// the next night: same rows, updated in place
		expectSuccess(await run(setup.workflows.roster, 'Every night at 02:00'));
		const second = await rowsOf();
		expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
		expect(second.length).toBe(expected.length);
	});

	test('(a) queue statistics: every queue and closed 15-minute interval of a range lands in the data table once, with the truth’s numbers', async () => {
		// the latest 3-hour range (one API window) that has traffic in the ground truth
		const end0 = floorTo(Date.now() - 5 * MINUTE, QUARTER);
		let endMs = end0;
		while (statisticsTruth(sim as any, 'queueStats', sub, endMs - 3 * HOUR, endMs, 15).size === 0 && end0 - endMs < 24 * HOUR) {
			endMs -= 3 * HOUR;
		}
		const startMs = endMs - 3 * HOUR;
		const expected = statisticsTruth(sim as any, 'queueStats', sub, startMs, endMs, 15);
		expect(expected.size).toBeGreaterThan(0);
		// its own table, so that the sample run below starts from an empty one
		const table = await n8n.rest.createDataTable(setup.projectId, { ...QUEUE_STATS_TABLE, name: 'queue statistics (manual run)' });
		const id = await manualVariant(
			'queueStats',
			'Every closed 15-minute interval',
			{ operation: 'queueStats', apiFamily: 'cx', start: iso(startMs), end: iso(endMs), timeZone: '', interval: 15, options: { reportRequestsPerSecond: 2 } },
			(w) => {
				const upsert = w.nodes.find((n: any) => n.name === 'Upsert into data table');
				upsert.parameters.dataTableId = { __rl: true, mode: 'id', value: table.id };
			},
		);
		const execution = await run(id, 'Run manually');
		expectSuccess(execution);
		const items = nodeItems(execution.data, 'Every closed 15-minute interval');
		const actual = statisticsByKey(items);
		expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
		const rows = (await n8n.rest.dataTableRows(setup.projectId, table.id)) as any[];
		expect(rows.length).toBe(expected.size);
		const byKey = new Map(rows.map((r) => [`${new Date(Date.parse(r.intervalStart)).toISOString()}|q${r.queue}|a`, r]));
		for (const [key, truth] of expected) {
			expect({ key, ...byKey.get(key) }).toMatchObject({
				key,
				rowKey: `${actual.get(key)?.intervalStart} ${truth.queue}`,
				queue: truth.queue,
				queueName: truth.queueName,
				offered: truth.offdDirectIxnCnt,
				answered: truth.answIxnCnt,
				abandoned: truth.abandIxnCnt,
				answeredWithinServiceLevel: truth.ansServicelevelCnt,
				talkSeconds: truth.talkingIxnDur,
				wrapUpSeconds: truth.wrapUpDur,
				waitSeconds: truth.waitDur,
				longestWaitAnsweredSeconds: truth.queuedAnswLongestQueDur,
				changeType: 'new',
			});
			// interval starts carry the workflow's time zone offset (America/New_York)
			expect(byKey.get(key)?.intervalStart).toMatch(/-0[45]:00$/);
		}
	});

	test('(a) queue statistics from its trigger (Fetch Test Event): the latest closed interval goes to the data table', async () => {
		const execution = await run(setup.workflows.queueStats, 'Every closed 15-minute interval');
		const after = Date.now();
		if (execution.status !== 'success') {
			// only when the simulator had no traffic in the most recent window (night)
			expect(runError(execution)?.message).toMatch(/^No statistics rows between/);
			return;
		}
		const items = nodeItems(execution.data, 'Every closed 15-minute interval');
		const starts = new Set(items.map((i) => Date.parse(i.intervalStart)));
		expect(starts.size).toBe(1);
		const [startMs] = [...starts];
		// a closed interval: it ended at least 5 minutes (the API's lag) before the run
		expect(startMs + QUARTER).toBeLessThanOrEqual(after - 5 * MINUTE);
		const expected = statisticsTruth(sim as any, 'queueStats', sub, startMs, startMs + QUARTER, 15);
		expect([...statisticsByKey(items).keys()].sort()).toEqual([...expected.keys()].sort());
		const rows = (await n8n.rest.dataTableRows(setup.projectId, setup.table.id)) as any[];
		expect(rows.map((r) => `${r.intervalStart} ${r.queue}`).sort()).toEqual(items.map((i) => `${i.intervalStart} ${i.queue}`).sort());
	});

	/** The recording the simulator serves for a segment (MP3, as the node asks for it), by sha256. */
	async function recordingHash(dialogId: string, segmentId: string): Promise<string> {
		const url =
			`${sim.url}/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${sub}` +
			`/recordings/dialogs/${encodeURIComponent(dialogId)}/segments/${encodeURIComponent(segmentId)}`;
		const res = await fetch(url, { headers: { authorization: `Bearer ${sim.secrets.apiToken}`, 'user-agent': 'Mozilla/5.0' } });
		expect(res.status).toBe(200);
		return crypto.createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
	}

	async function expectPostsFor(segments: any[], posts: any[]) {
		const recorded = segments.filter((s) => s.hasRecording === true);
		expect(posts.map((p) => `${p.fields.dialogId}|${p.fields.segmentId}`)).toEqual(recorded.map((s) => `${s.dialogId}|${s.segmentId}`));
		for (const [i, post] of posts.entries()) {
			const segment = recorded[i];
			const truth = sim.truth.findSegment(sub, segment.dialogId, segment.segmentId);
			expect(truth).not.toBeNull();
			expect(post.fields).toMatchObject({
				agentId: String(segment.segmentParticipantId),
				disposition: segment.agentDisposition ?? '',
				systemDisposition: segment.systemDisposition ?? '',
				notes: segment.agentNotes ?? '',
			});
			expect(post.files).toHaveLength(1);
			expect(post.files[0]).toMatchObject({ field: 'recording', contentType: 'audio/mpeg' });
			expect(post.files[0].filename).toMatch(/\.mp3$/);
			expect(post.files[0].sha256).toBe(await recordingHash(segment.dialogId, segment.segmentId));
		}
	}

	test('(c) recording → CRM: each recorded segment of a range is downloaded and posted with its disposition, byte for byte', async () => {
		// the latest hour (one API window) with at least two recorded segments in the ground truth
		const end0 = floorTo(Date.now() - 20 * MINUTE, MINUTE);
		let endMs = end0;
		const recordedIn = (to: number) =>
			(sim.truth.segments(sub, to - HOUR, to) as any[]).filter((s) => s.hasRecording).length;
		while (recordedIn(endMs) < 2 && end0 - endMs < 24 * HOUR) endMs -= HOUR;
		const startMs = endMs - HOUR;
		const id = await manualVariant('recordings', 'New call segments', {
			operation: 'interactionMetadata',
			apiFamily: 'cx',
			start: iso(startMs),
			end: iso(endMs),
			timeZone: '',
			returnAll: true,
			options: { reportRequestsPerSecond: 2 },
		});
		const postsBefore = sink.received.length;
		const execution = await run(id, 'Run manually');
		expectSuccess(execution);
		const segments = nodeItems(execution.data, 'New call segments');
		const truth = segmentsTruth(sim as any, sub, startMs, endMs);
		expect(segments.map((s) => segmentKey(s)).sort()).toEqual([...truth.keys()].sort());
		const posts = sink.received.slice(postsBefore);
		expect(posts.length).toBeGreaterThanOrEqual(2);
		await expectPostsFor(segments, posts);
		// what the HTTP Request node got back from the CRM
		expect(nodeItems(execution.data, 'Post to the CRM').map((r) => typeof r.id)).toEqual(posts.map(() => 'number'));
	});

	test('(c) recording → CRM from its trigger (Fetch Test Event): the sampled segments’ recordings are posted', async () => {
		const postsBefore = sink.received.length;
		const execution = await run(setup.workflows.recordings, 'New call segments');
		if (execution.status !== 'success') {
			// only when the simulator had no segment in the most recent hour (night)
			expect(runError(execution)?.message).toMatch(/^No completed segments between/);
			expect(sink.received.length).toBe(postsBefore);
			return;
		}
		const segments = nodeItems(execution.data, 'New call segments');
		expect(segments.length).toBeGreaterThan(0);
		expect(segments.length).toBeLessThanOrEqual(5);
		await expectPostsFor(segments, sink.received.slice(postsBefore));
	});

	test("(d) AI agent: its Engage Voice tool, run by n8n's Tool Executor, returns yesterday's queue statistics", async () => {
		const agent = workflowOf('aiAgent');
		const types = agent.nodes.map((n: any) => n.type);
		expect(types).toEqual(
			expect.arrayContaining([
				'@n8n/n8n-nodes-langchain.agent',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				'n8n-nodes-engage-voice.engageVoiceTool',
			]),
		);
		const tool = agent.nodes.find((n: any) => n.type === 'n8n-nodes-engage-voice.engageVoiceTool');
		const todayMs = midnightIn(Date.now());
		const yesterdayMs = midnightIn(todayMs - 12 * HOUR);
		const args = { start: isoInZone(yesterdayMs), end: isoInZone(todayMs) };
		await n8n.rest.createWorkflow(toolExecutorWorkflow({ id: 'evToolYesterday1', name: 'tool: yesterday', toolNode: tool, args }));
		const execution = await run('evToolYesterday1', 'Manual Trigger');
		expectSuccess(execution);
		// the tool node ran (as a sub-node of the executor) …
		expect(execution.data.resultData.runData[tool.name]?.[0]?.executionStatus ?? 'success').toBe('success');
		// … and the executor got what a model would get: the rows as JSON text
		const [answer] = execution.data.resultData.runData['Tool Executor'][0].data.main[0];
		const rows = JSON.parse(typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json.response ?? answer.json));
		const expected = statisticsTruth(sim as any, 'queueStats', sub, yesterdayMs, todayMs, 60);
		expect(expected.size).toBeGreaterThan(0);
		const actual = statisticsByKey(rows);
		expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
		for (const [key, fields] of expected) expect({ key, ...actual.get(key) }).toMatchObject({ key, ...fields });
	});

	test('(d) AI agent: a wrong argument from the model comes back as the node’s message', async () => {
		const tool = workflowOf('aiAgent').nodes.find((n: any) => n.type === 'n8n-nodes-engage-voice.engageVoiceTool');
		await n8n.rest.createWorkflow(
			toolExecutorWorkflow({ id: 'evToolBadArgs1', name: 'tool: bad args', toolNode: tool, args: { start: 'yesterday', end: isoInZone(Date.now()) } }),
		);
		const execution = await run('evToolBadArgs1', 'Manual Trigger');
		expect(execution.status).toBe('error');
		expect(runError(execution)?.message).toContain('"Start" is not a valid date and time: "yesterday"');
	});
});
