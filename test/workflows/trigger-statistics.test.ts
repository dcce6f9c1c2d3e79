/*
 * Interval Statistics Closed through n8n-core's PollContext against the simulator: every row of
 * every closed interval once (no updates while the simulator's statistics do not change), for each
 * report, interval length and API family (CX JSON, classic CSV and XML), across a daylight-saving
 * change, with random poll failures, 429 bursts, token renewal and restarts; and statistics that the
 * simulator revises after they were delivered.
 */
import type { IDataObject } from 'n8n-workflow';

import { planWindows } from '../../nodes/EngageVoice/reports';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { DATE_ONLY_FAKE_TIMERS, FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig, useFakeDate } from '../helpers/trigger';

const { rng } = require('../simulator/prng');

const MIN = 60_000;
const LAG = 5 * MIN;
const ZONE = 'US/Eastern';

interface Case {
	seed: number;
	report: 'agentExtendedStats' | 'agentStats' | 'queueStats';
	interval: 15 | 30 | 45 | 60;
	family: 'cx' | 'classic';
	outputFormat?: 'CSV' | 'XML';
	/** ISO start (UTC); runs 8 hours */
	start: string;
	label?: string;
}

const CASES: Case[] = [
	{ seed: 21, report: 'queueStats', interval: 15, family: 'cx', start: '2026-03-03T12:20:00Z' },
	{ seed: 22, report: 'agentExtendedStats', interval: 30, family: 'classic', outputFormat: 'CSV', start: '2026-03-03T12:20:00Z' },
	{ seed: 23, report: 'agentStats', interval: 60, family: 'cx', start: '2026-03-04T13:05:00Z' },
	{ seed: 24, report: 'queueStats', interval: 45, family: 'classic', outputFormat: 'XML', start: '2026-03-04T12:50:00Z' },
	// spring forward in US/Eastern: 2026-03-08 02:00 → 03:00
	{ seed: 25, report: 'queueStats', interval: 30, family: 'cx', start: '2026-03-08T04:10:00Z' },
	{ seed: 26, report: 'agentExtendedStats', interval: 15, family: 'cx', start: '2026-03-05T14:00:00Z' },
	{ seed: 27, report: 'agentStats', interval: 30, family: 'classic', outputFormat: 'CSV', start: '2026-03-05T12:00:00Z' },
];

function keyOf(start: number, row: IDataObject): string {
	return `${start}|${row.queue ?? ''}|${row.agentId ?? ''}`;
}

describe('Engage Voice Trigger: Interval Statistics Closed against ground truth', () => {
	beforeAll(() => {
		jest.useFakeTimers({ ...DATE_ONLY_FAKE_TIMERS, now: Date.parse(CASES[0].start) } as never);
	});
	afterAll(() => {
		jest.useRealTimers();
	});

	it.each(CASES.map((c) => ({ ...c, label: c.outputFormat ? `${c.family} ${c.outputFormat}` : c.family })))('seed $seed: $report every $interval min ($label): every row of each closed interval once', async (c) => {
		const r = rng(c.seed, 'trigger-statistics-test');
		const startMs = Date.parse(c.start);
		const sim: Simulator = await startSim({ seed: c.seed, startTime: startMs, limits: FAST_SIM_LIMITS });
		try {
			const sub = sim.world.mainSubAccountId;
			const rig = new TriggerRig(sim, {
				event: 'intervalStatisticsClosed',
				report: c.report,
				interval: c.interval,
				apiFamily: c.family,
				timeZone: ZONE,
				options: { ...FAST_NODE_OPTIONS, maxRetries: 1, retryBackoffSeconds: 0, ...(c.outputFormat ? { outputFormat: c.outputFormat } : {}) },
			});
			const path = '/agg-|[aA]gg[A-Z]/';
			sim.control.injectFaults({ kind: '503', ratio: 0.12, match: path });

			let now = startMs;
			rig.at(now);
			expect((await rig.poll()).raw).toBeNull();
			const origin = Math.floor(now / 1000) * 1000;
			const emitted: IDataObject[] = [];
			let failures = 0;
			let cursor = origin;
			const poll = async () => {
				const before = rig.staticJson();
				const outcome = await rig.poll();
				if (outcome.error) {
					failures++;
					expect(outcome.error.message).toMatch(/Engage Voice (had a server error|rate limit reached)/);
					expect(rig.staticJson()).toBe(before);
					return;
				}
				const next = Date.parse(String(rig.nodeState().cursor));
				expect(next).toBeGreaterThanOrEqual(cursor);
				// it moves only to the end of a complete window: never later than now minus the safety lag
				if (next !== cursor) expect(next).toBeLessThanOrEqual(now - LAG);
				cursor = next;
				emitted.push(...outcome.items);
			};
			while (now < startMs + 8 * 60 * MIN) {
				now += r.int(4, 25) * MIN + r.int(0, 59) * 1000;
				rig.at(now);
				if (r.chance(0.1)) sim.control.injectFaults({ kind: '429', count: r.int(1, 3), retryAfter: 0, match: path });
				if (r.chance(0.15)) sim.control.invalidateTokens({ access: true, refresh: r.chance(0.5) });
				if (r.chance(0.1)) rig.restart();
				await poll();
			}
			sim.control.clearFaults();
			for (let i = 0; i < 3; i++) {
				now += c.interval * MIN;
				rig.at(now);
				await poll();
			}
			// the faults hit: some polls failed, or their requests met 503s and 429s the transport retried
			// (statistics polls ask only when an interval closed, so a seed may see few requests)
			expect(failures + sim.control.requestLog().filter((entry) => entry.status === 503 || entry.status === 429).length).toBeGreaterThan(0);

			// the intervals the trigger delivers start at the interval containing the activation
			const aligned = planWindows({
				startMs: origin,
				endMs: origin + 24 * 60 * MIN,
				nowMs: origin + 48 * 60 * MIN,
				timeZone: ZONE,
				kind: 'statistics',
				intervalMinutes: c.interval,
			}).windows[0].startMs;
			const truth = (sim.truth as any)._entries[c.report](sub, aligned, cursor, c.interval, { timeZone: ZONE }) as Array<{ start: number; row: IDataObject }>;
			expect(truth.length).toBeGreaterThan(10);

			const byKey = new Map<string, IDataObject>();
			for (const item of emitted) {
				expect(item.changeType).toBe('new');
				expect(item.changedFields).toEqual([]);
				const key = keyOf(Date.parse(String(item.intervalStart)), item);
				if (byKey.has(key)) throw new Error(`${key} emitted twice`);
				byKey.set(key, item);
			}
			expect([...byKey.keys()].sort()).toEqual(truth.map((e) => keyOf(e.start, e.row)).sort());
			for (const { start, row } of truth) {
				const item = byKey.get(keyOf(start, row))!;
				expect(Date.parse(String(item.intervalEnd)) - Date.parse(String(item.intervalStart))).toBe(c.interval * MIN);
				for (const [field, value] of Object.entries(row)) {
					if (field === 'dateTimeFrom' || field === 'offDirectIxnCnt') continue;
					// classic files have no completedContacts / segmentHoldTime (CX only)
					if (c.family === 'classic' && (field === 'completedContacts' || field === 'segmentHoldTime')) continue;
					expect([field, item[field]]).toEqual([field, value]);
				}
			}
		} finally {
			await sim.close();
		}
	});
});

/** Tuesday 2026-03-03 08:20 US/Eastern. */
const MORNING = Date.parse('2026-03-03T13:20:00.000Z');
const HOUR = 60 * MIN;

describe('Engage Voice Trigger: statistics revised after they were delivered', () => {
	useFakeDate(MORNING);

	it.each([
		{ seed: 73, report: 'agentExtendedStats', family: 'cx' },
		{ seed: 74, report: 'agentStats', family: 'classic', outputFormat: 'CSV' },
	])('seed $seed: $report ($family): a revised interval inside the lookback is emitted once as updated with the changed fields; one older is not', async (c) => {
		const r = rng(c.seed, 'trigger-revisions');
		const sim: Simulator = await startSim({ seed: c.seed, startTime: MORNING, limits: FAST_SIM_LIMITS });
		try {
			const sub = sim.world.mainSubAccountId;
			const entries = (from: number, to: number, asOf: number) =>
				(sim.truth as any)._entries[c.report](sub, from, to, 15, { timeZone: 'UTC', asOf }) as Array<{ start: number; row: IDataObject }>;
			const rig = new TriggerRig(sim, {
				event: 'intervalStatisticsClosed',
				report: c.report,
				interval: 15,
				apiFamily: c.family,
				timeZone: 'US/Eastern',
				options: { ...FAST_NODE_OPTIONS, maxRetries: 0, ...(c.outputFormat ? { outputFormat: c.outputFormat } : {}) },
			});
			let now = MORNING;
			rig.at(now);
			await rig.poll();
			const items: IDataObject[] = [];
			const poll = async () => {
				const outcome = await rig.poll();
				expect(outcome.error).toBeUndefined();
				items.push(...outcome.items);
			};
			for (let i = 0; i < 30; i++) {
				now += 5 * MIN + r.int(0, 59) * 1000;
				rig.at(now);
				await poll();
			}
			// the last delivered interval (inside the lookback of 2 intervals), and one 2 hours older
			const cursor = Date.parse(String(rig.nodeState().cursor));
			const recent = { from: cursor - 15 * MIN, to: cursor };
			const old = { from: cursor - 2 * HOUR, to: cursor - 2 * HOUR + 15 * MIN };
			const deliveredBefore = new Set(items.map((item) => keyOf(Date.parse(String(item.intervalStart)), item)));
			const before = now - 1;
			sim.control.reviseStatistics([
				{ from: recent.from, to: recent.to, at: now, wrapDeltaSec: 45 },
				{ from: old.from, to: old.to, at: now, wrapDeltaSec: 45 },
			]);
			const after = now;
			const changed = (range: { from: number; to: number }) => {
				const was = new Map(entries(range.from, range.to, before).map((e) => [keyOf(e.start, e.row), e.row]));
				return entries(range.from, range.to, after)
					.map((e) => ({ key: keyOf(e.start, e.row), row: e.row, fields: Object.keys(e.row).filter((f) => e.row[f] !== was.get(keyOf(e.start, e.row))?.[f]) }))
					.filter((e) => e.fields.length > 0);
			};
			const recentChanges = changed(recent);
			const oldChanges = changed(old);
			expect(recentChanges.length).toBeGreaterThan(0);
			expect(oldChanges.length).toBeGreaterThan(0);
			for (const change of [...recentChanges, ...oldChanges]) expect(deliveredBefore.has(change.key)).toBe(true);

			const updatesFrom = items.length;
			for (let i = 0; i < 8; i++) {
				now += 5 * MIN + r.int(0, 59) * 1000;
				rig.at(now);
				await poll();
			}
			const updates = items.slice(updatesFrom).filter((item) => item.changeType === 'updated');
			const byKey = new Map<string, IDataObject[]>();
			for (const item of updates) {
				const key = keyOf(Date.parse(String(item.intervalStart)), item);
				byKey.set(key, [...(byKey.get(key) ?? []), item]);
			}
			// each revised row of the recent interval once, with exactly the fields that changed and their new values
			expect([...byKey.keys()].sort()).toEqual(recentChanges.map((change) => change.key).sort());
			for (const change of recentChanges) {
				const [item, ...again] = byKey.get(change.key)!;
				expect(again).toEqual([]);
				expect(item.changedFields).toEqual(change.fields);
				for (const field of change.fields) expect([change.key, field, item[field]]).toEqual([change.key, field, change.row[field]]);
			}
			// the older interval was settled when it changed: not read again, not delivered
			for (const change of oldChanges) expect(byKey.has(change.key)).toBe(false);
		} finally {
			await sim.close();
		}
	});
});
