/*
 * Engage Voice Trigger activated in a running n8n (`n8n start`, workflows activated over REST as the
 * editor does), polling the simulator every minute for a few minutes with the node's DEFAULT report
 * budget (2 requests per minute and 9 per 15 minutes, the simulator enforcing the same):
 *
 * - the demo's "recording → CRM" workflow (New Interaction Segments, main sub-account) and "queue
 *   statistics → data table" workflow (Interval Statistics Closed, 15 min), both on the main
 *   sub-account so that they share its report budget, both with Start From hours back, so
 *   that the backfill needs more requests than the budget allows at once: polls stop early and catch
 *   up on later polls;
 * - a Roster Changed workflow while the simulator's roster churns (an agent added, removed or changed
 *   every 40 s).
 *
 * Then the workflows are deactivated and what n8n stored is compared with the simulator's ground
 * truth: every row between Start From and the trigger's committed cursor (its static data) delivered
 * once, nothing outside it, nothing twice; each recording posted once; the data table holding the
 * truth's numbers; each roster poll delivering exactly the differences between what it and the
 * previous poll read.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { ROSTER_FIELDS } from '../../nodes/EngageVoice/trigger/rosterFingerprint';
import { segmentKey, segmentsTruth, statisticsByKey, statisticsTruth } from '../helpers/reportTruth';
import { type N8n, type Simulator, logTail, newN8n, nodeItems, recordTiming, startSimulator } from './helpers';

// what the demo sets up (scripts/lib: CommonJS, no types of their own)
const { TIME_ZONE } = require('../../scripts/lib/demoWorkflows');
const { provision } = require('../../scripts/lib/demoSetup');
const { startSink } = require('../../scripts/lib/crmSink');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER = 15 * MINUTE;
const TZ: string = TIME_ZONE;
/** How long the triggers poll (activation poll + at least 3 cron polls of each). */
const OBSERVE_MS = Number(process.env.EV_E2E_TRIGGER_OBSERVE_MS || 200_000);
const ROSTER_CHURN_MS = 40_000;
const SEGMENTS = 'New call segments';
const STATISTICS = 'Every closed 15-minute interval';
const ROSTER = 'Roster changes';

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

/** 'YYYY-MM-DD HH:mm:ss' wall time in `TZ` (how report requests give times) → epoch ms. */
function wallTimeMs(text: string): number {
	const asUtc = Date.parse(`${text.replace(' ', 'T')}Z`);
	const offsetAt = (ms: number) => {
		const name = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
			.formatToParts(new Date(ms))
			.find((p) => p.type === 'timeZoneName')?.value;
		const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
		return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MINUTE : 0;
	};
	return asUtc - offsetAt(asUtc - offsetAt(asUtc));
}

/** End (epoch ms) of the window a report request asked for. */
function requestedWindowEnd(entry: any): number {
	const body = entry.body ?? {};
	if (body.endDate) return wallTimeMs(body.endDate);
	return wallTimeMs(body.segmentEndTime) + Number(body.timeInterval) * 1000;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Engage Voice Trigger activated in a running n8n, over several polls', () => {
	let sim: Simulator;
	let sink: any;
	let n8n: N8n;
	let setup: any;
	let sub: string;
	let statsSub: string;
	let segmentsFromMs = 0;
	let statsFromMs = 0;
	let executions: Array<{ id: string; workflowId: string; status: string; mode: string; data: any }>;
	let staticData: Record<string, any>;
	let requestLog: any[];
	const rosterWorkflowId = 'evE2eRosterTrig1';

	beforeAll(async () => {
		sim = await startSimulator({ seed: 7 });
		sink = await startSink({ port: 0 });
		n8n = await newN8n('trigger', { env: { GENERIC_TIMEZONE: TZ } });
		let t = Date.now();
		await n8n.startServer();
		recordTiming('trigger: n8n start', Date.now() - t);
		sub = String(sim.world.mainSubAccountId);

		// the same sub-account as the segments trigger: both share its report budget
		statsSub = sub;

		// Start From: the latest of 3, 4, 5 … hours back (on a 15-minute boundary) such that the first
		// poll's two windows (the budget allows two requests at once) hold data: at least 3 recorded
		// segments in the first 2 hours, 3 statistics rows in the first 6 hours. Later windows follow on
		// later polls.
		const now = Date.now();
		for (let hours = 3; hours <= 24; hours++) {
			segmentsFromMs = floorTo(now - hours * HOUR, QUARTER);
			const recorded = (sim.truth.segments(sub, segmentsFromMs, segmentsFromMs + 2 * HOUR) as any[]).filter((s) => s.hasRecording);
			if (recorded.length >= 3) break;
		}
		// statistics windows are 3 hours: from 9 hours back the backfill needs more than one poll
		for (let hours = 9; hours <= 30; hours++) {
			statsFromMs = floorTo(now - hours * HOUR, QUARTER);
			if (statisticsTruth(sim as any, 'queueStats', statsSub, statsFromMs, statsFromMs + 6 * HOUR, 15).size >= 3) break;
		}

		const statsAccount = sim.world.subAccounts.find((s: any) => String(s.subAccountId) === statsSub);
		setup = await provision(n8n, {
			sim,
			sinkUrl: sink.url,
			activate: false,
			pollMinutes: 1,
			demoBudget: false,
			transform: (workflow: any, key: string) => {
				const trigger = workflow.nodes.find((n: any) => n.type === 'n8n-nodes-engage-voice.engageVoiceTrigger');
				if (key === 'recordings') trigger.parameters.startFrom = new Date(segmentsFromMs).toISOString();
				if (key === 'queueStats') {
					trigger.parameters.startFrom = new Date(statsFromMs).toISOString();
					trigger.parameters.subAccount = { __rl: true, mode: 'list', value: statsSub, cachedResultName: statsAccount?.subAccountName };
				}
			},
		});
		const main = sim.world.subAccounts.find((s: any) => String(s.subAccountId) === sub);
		await n8n.rest.createWorkflow({
			id: rosterWorkflowId,
			name: 'e2e: roster changes',
			nodes: [
				{
					id: crypto.randomUUID(),
					name: ROSTER,
					type: 'n8n-nodes-engage-voice.engageVoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						authentication: 'ringCentralJwt',
						event: 'rosterChanged',
						subAccount: { __rl: true, mode: 'list', value: sub, cachedResultName: main?.subAccountName },
						options: {},
					},
					credentials: { engageVoiceJwtApi: { id: setup.credentials.jwt.id, name: setup.credentials.jwt.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1', timezone: TZ },
			pinData: {},
		});

		sim.control.clearLog();
		sim.control.setRosterChurn({ everyMs: ROSTER_CHURN_MS });
		t = Date.now();
		const ids = [setup.workflows.recordings, setup.workflows.queueStats, rosterWorkflowId];
		// activation runs each trigger's first poll; a poll that has to wait for the budget takes up to 48 s
		await Promise.all(ids.map((id) => n8n.rest.activateWorkflow(id)));
		recordTiming('trigger: activate 3 workflows (first polls)', Date.now() - t);
		await sleep(Math.max(0, OBSERVE_MS - (Date.now() - t)));
		recordTiming(`trigger: polling (every minute)`, Date.now() - t);

		// stop polling; a poll still in flight is discarded by n8n (and its cursor not committed)
		for (const id of ids) await n8n.rest.deactivateWorkflow(id);
		t = Date.now();
		for (;;) {
			const running = await n8n.rest.request('GET', '/rest/executions?filter=%7B%22status%22%3A%5B%22running%22%2C%22new%22%5D%7D');
			const list = running.body?.data?.results ?? [];
			if (!list.length || Date.now() - t > 60_000) break;
			await sleep(500);
		}
		executions = (await n8n.readExecutions()) as any;
		staticData = {};
		for (const id of ids) staticData[id] = (await n8n.rest.request('GET', `/rest/workflows/${id}`)).body.data.staticData;
		requestLog = sim.control.requestLog().map((e: any) => ({ ...e, ms: Date.parse(e.time) }));
		fs.writeFileSync(path.join(n8n.userFolder, 'simulator-requests.json'), JSON.stringify(requestLog, null, 1));
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await sim?.close();
	});

	const executionsOf = (workflowId: string) =>
		executions.filter((e) => e.workflowId === workflowId).sort((a, b) => Number(a.id) - Number(b.id));

	function triggerItems(workflowId: string, nodeName: string) {
		const list = executionsOf(workflowId);
		for (const e of list) {
			if (e.mode !== 'trigger' || e.status !== 'success') {
				throw new Error(`execution ${e.id} of ${workflowId}: ${e.mode} ${e.status}: ${JSON.stringify(e.data?.resultData?.error)?.slice(0, 800)}\n${logTail(n8n, 'n8n-server.log')}`);
			}
		}
		return list.map((e) => ({ execution: e, items: nodeItems(e.data, nodeName) }));
	}

	function cursorOf(workflowId: string, nodeName: string): number {
		const data = staticData[workflowId];
		const state = data?.[`node:${nodeName}`];
		if (!state?.cursor) throw new Error(`no cursor in the static data of ${workflowId}: ${JSON.stringify(data)?.slice(0, 500)}`);
		return Date.parse(state.cursor);
	}

	/** Report requests of one kind the simulator answered, grouped into polls (requests < 50 s apart). */
	function pollsOf(pathPattern: RegExp) {
		const entries = requestLog.filter((e) => pathPattern.test(e.path));
		const polls: any[][] = [];
		for (const e of entries) {
			const last = polls[polls.length - 1];
			if (last && e.ms - last[last.length - 1].ms < 50_000) last.push(e);
			else polls.push([e]);
		}
		return polls;
	}

	test('the simulator never answered 429: the triggers kept to the report budget', () => {
		const reports = requestLog.filter((e) => /interaction-metadata|agg-queue-stats/.test(e.path));
		expect(reports.length).toBeGreaterThan(0);
		expect(reports.filter((e) => e.status === 429)).toEqual([]);
		expect(reports.filter((e) => e.status !== 200)).toEqual([]);
	});

	test('New Interaction Segments: every segment that ended between Start From and the cursor, once, over several polls; each recording posted once', () => {
		const runs = triggerItems(setup.workflows.recordings, SEGMENTS);
		const cursor = cursorOf(setup.workflows.recordings, SEGMENTS);
		expect(cursor).toBeGreaterThan(segmentsFromMs);
		const delivered = runs.flatMap((r) => r.items);
		const fresh = delivered.filter((i) => i.changeType === 'new');
		const keys = fresh.map((i) => segmentKey(i));
		expect(new Set(keys).size).toBe(keys.length); // none twice
		const expected = segmentsTruth(sim as any, sub, segmentsFromMs, cursor);
		expect([...keys].sort()).toEqual([...expected.keys()].sort());
		const latest = new Map<string, any>();
		for (const item of delivered) latest.set(segmentKey(item), item);
		for (const [key, row] of expected) expect({ key, ...latest.get(key) }).toMatchObject({ key, ...row });
		for (const item of delivered.filter((i) => i.changeType === 'updated')) expect(expected.has(segmentKey(item))).toBe(true);

		// the budget made the backfill span polls: the first poll stopped short of where the cursor is now
		const polls = pollsOf(/interaction-metadata/);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(Math.max(...polls[0].map(requestedWindowEnd))).toBeLessThan(cursor);
		recordTiming(`trigger: segments: ${polls.length} polls with requests, ${runs.length} executions, ${fresh.length} segments`, 0);

		// the rest of the workflow: each recorded segment posted to the CRM sink once
		const recorded = fresh.filter((i) => i.hasRecording === true).map((i) => `${i.dialogId}|${i.segmentId}`);
		const posted = sink.received.map((p: any) => `${p.fields.dialogId}|${p.fields.segmentId}`);
		expect(posted.sort()).toEqual(recorded.sort());
		expect(recorded.length).toBeGreaterThanOrEqual(1);
		for (const post of sink.received) {
			const item = fresh.find((i) => i.dialogId === post.fields.dialogId && i.segmentId === post.fields.segmentId);
			expect(post.fields.disposition).toBe(item.agentDisposition ?? '');
			expect(post.files).toEqual([expect.objectContaining({ field: 'recording', contentType: 'audio/mpeg' })]);
		}
	});

	test('Interval Statistics Closed: every queue row of every interval closed between Start From and the cursor, once; the data table holds the truth', async () => {
		const runs = triggerItems(setup.workflows.queueStats, STATISTICS);
		const cursor = cursorOf(setup.workflows.queueStats, STATISTICS);
		expect(cursor).toBeGreaterThan(statsFromMs);
		const delivered = runs.flatMap((r) => r.items);
		const fresh = delivered.filter((i) => i.changeType === 'new');
		const byKey = statisticsByKey(fresh); // throws on a key delivered twice
		const expected = statisticsTruth(sim as any, 'queueStats', statsSub, statsFromMs, cursor, 15);
		expect([...byKey.keys()].sort()).toEqual([...expected.keys()].sort());
		const latest = new Map<string, any>();
		for (const item of delivered) latest.set([...statisticsByKey([item]).keys()][0], item);
		for (const [key, fields] of expected) {
			const { intervalStartMs, ...truth } = fields as any;
			expect({ key, ...latest.get(key) }).toMatchObject({ key, ...truth });
			expect(Date.parse(latest.get(key).intervalStart)).toBe(intervalStartMs);
		}
		const polls = pollsOf(/agg-queue-stats/);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(Math.max(...polls[0].map(requestedWindowEnd))).toBeLessThan(cursor);
		recordTiming(`trigger: statistics: ${polls.length} polls with requests, ${runs.length} executions, ${fresh.length} rows`, 0);

		const rows = (await n8n.rest.dataTableRows(setup.projectId, setup.table.id)) as any[];
		expect(rows.length).toBe(expected.size);
		for (const row of rows) {
			const item = latest.get(`${new Date(Date.parse(row.intervalStart)).toISOString()}|q${row.queue}|a`);
			expect(item).toBeDefined();
			expect(row).toMatchObject({
				rowKey: `${item.intervalStart} ${item.queue}`,
				offered: item.offdDirectIxnCnt,
				answered: item.answIxnCnt,
				abandoned: item.abandIxnCnt,
				waitSeconds: item.waitDur,
			});
		}
	});

	test('Roster Changed: each poll delivers exactly the differences between what it and the previous poll read', () => {
		const runs = triggerItems(rosterWorkflowId, ROSTER);
		// each poll lists the agent groups, then reads each group's agents
		const groupList = /\/agentGroups$/;
		const agents = /\/agentGroups\/(\d+)\/agents$/;
		const polls: any[][] = [];
		for (const e of requestLog) {
			if (groupList.test(e.path)) polls.push([]);
			else if (agents.test(e.path) && polls.length) polls[polls.length - 1].push(e);
		}
		expect(polls.length).toBeGreaterThanOrEqual(4);
		const norm = (a: any) =>
			ROSTER_FIELDS.map((f) => {
				const v = a[f];
				if (f === 'supervisorAgentIds' || f === 'superviseeAgentIds') return [...(v || [])].map(Number).sort((x, y) => x - y);
				return v === undefined ? null : v;
			});
		// what each poll read: per group request, that group's agents at that (simulator) time
		const views = polls.map((requests) => {
			const view = new Map<string, any[]>();
			for (const e of requests) {
				const groupId = Number(agents.exec(e.path)![1]);
				for (const agent of sim.truth.roster(sub, e.ms) as any[]) {
					if (agent.agentGroupId === groupId && !view.has(String(agent.agentId))) view.set(String(agent.agentId), norm(agent));
				}
			}
			return view;
		});
		const expected: string[] = [];
		for (let i = 1; i < views.length; i++) {
			const [before, after] = [views[i - 1], views[i]];
			for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
				if (!before.has(id)) expected.push(`${i}:${id}:added`);
				else if (!after.has(id)) expected.push(`${i}:${id}:removed`);
				else {
					const changed = ROSTER_FIELDS.filter((_, k) => JSON.stringify(before.get(id)![k]) !== JSON.stringify(after.get(id)![k]));
					if (changed.length) expected.push(`${i}:${id}:changed:${changed.join(',')}`);
				}
			}
		}
		// match executions to polls by time: an execution starts right after its poll's requests
		const pollStarts = polls.map((p) => p[0]?.ms ?? 0);
		const actual: string[] = [];
		for (const { execution, items } of runs) {
			const startedAt = String((execution as any).startedAt);
			// sqlite keeps UTC without a zone designator
			const started = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(startedAt) ? startedAt : `${startedAt.replace(' ', 'T')}Z`);
			let poll = 0;
			for (let i = 0; i < pollStarts.length; i++) if (pollStarts[i] <= started) poll = i;
			for (const item of items) {
				actual.push(`${poll}:${item.agentId}:${item.changeType}${item.changeType === 'changed' ? `:${item.changedFields.join(',')}` : ''}`);
			}
		}
		expect(actual.sort()).toEqual(expected.sort());
		expect(expected.length).toBeGreaterThan(0);
		recordTiming(`trigger: roster: ${polls.length} polls, ${runs.length} executions, ${actual.length} changes`, 0);
	});
});
