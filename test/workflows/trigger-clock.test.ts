/*
 * Engage Voice Trigger and time, through n8n-core's PollContext against the simulator:
 * - n8n's clock ahead of or behind the API's (the simulator's clock set apart from the faked Date):
 *   no window is refused as too recent, nothing inside the documented lateness is lost;
 * - a half-hour daylight-saving change (Australia/Lord_Howe falls back 30 minutes): every call is
 *   counted once, no two intervals overlap, and every row equals the simulator's truth for the
 *   windows it was asked in.
 */
import type { IDataObject } from 'n8n-workflow';

import { planWindows } from '../../nodes/EngageVoice/reports';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig, useFakeDate } from '../helpers/trigger';

const { rng } = require('../simulator/prng');
const { parseLocalToUtc } = require('../simulator/timezone');

const MIN = 60_000;
const HOUR = 60 * MIN;
const LORD_HOWE = 'Australia/Lord_Howe';
/** Lord Howe falls back at 2026-04-05 02:00 (+11:00) to 01:30 (+10:30). */
const FALL_BACK = Date.parse('2026-04-04T15:00:00.000Z');

type Report = 'queueStats' | 'agentExtendedStats' | 'agentStats';

interface TruthEntry {
	start: number;
	row: IDataObject;
}

const keyOf = (startMs: number, row: IDataObject) => `${new Date(startMs).toISOString()}|q${row.queue ?? ''}|a${row.agentId ?? ''}`;

/** The report windows the simulator answered, as instants (read the way the simulator reads them). */
function answeredWindows(sim: Simulator) {
	return sim.control
		.requestLog()
		.filter((entry) => entry.status === 200 && /agg-|[aA]gg[A-Z]/.test(entry.path))
		.map((entry) => {
			const body = entry.body as IDataObject;
			return {
				timeZone: String(body.timeZone),
				startMs: parseLocalToUtc(String(body.startDate), String(body.timeZone)) as number,
				endMs: parseLocalToUtc(String(body.endDate), String(body.timeZone)) as number,
			};
		});
}

/**
 * What the simulator served over the answered windows, by key. A key answered by two windows (a
 * lookback re-read) must have been cut the same way both times: same row.
 */
function servedTruth(sim: Simulator, report: Report, interval: number, windows: Array<{ startMs: number; endMs: number }>) {
	const served = new Map<string, TruthEntry & { endMs: number }>();
	for (const w of windows) {
		const entries = (sim.truth as any)._entries[report](sim.world.mainSubAccountId, w.startMs, w.endMs, interval, { timeZone: 'UTC' }) as TruthEntry[];
		for (const entry of entries) {
			const key = keyOf(entry.start, entry.row);
			const row = { ...entry.row };
			delete row.dateTimeFrom;
			const before = served.get(key);
			if (before) expect([key, before.row]).toEqual([key, row]);
			served.set(key, { start: entry.start, row, endMs: Math.min(entry.start + interval * MIN, w.endMs) });
		}
	}
	return served;
}

/** No two intervals of one queue (and agent) overlap. */
function expectNoOverlap(items: IDataObject[]) {
	const byKey = new Map<string, Array<[number, number]>>();
	for (const item of items) {
		const key = `q${item.queue ?? ''}|a${item.agentId ?? ''}`;
		const spans = byKey.get(key) ?? [];
		spans.push([Date.parse(String(item.intervalStart)), Date.parse(String(item.intervalEnd))]);
		byKey.set(key, spans);
	}
	for (const [key, spans] of byKey) {
		spans.sort((a, b) => a[0] - b[0]);
		for (let i = 1; i < spans.length; i++) {
			expect([key, spans[i - 1][1] <= spans[i][0]]).toEqual([key, true]);
		}
	}
}

const segmentKey = (row: IDataObject) => `${row.dialogId}|${row.segmentId}`;
const cursorOf = (rig: TriggerRig) => Date.parse(String(rig.nodeState().cursor));
const clockRequests = (sim: Simulator) => sim.control.requestLog().filter((entry) => /\/(queue-groups|gateGroups)$/.test(entry.path) && entry.status === 200);

/** Tuesday 2026-03-03 08:20 US/Eastern: a busy weekday. */
const MORNING = Date.parse('2026-03-03T13:20:00.000Z');

describe('Engage Voice Trigger: n8n clock ahead of or behind the API', () => {
	useFakeDate(MORNING);

	it.each([
		{ seed: 61, aheadMs: -30_000, label: 'n8n 30 s ahead' },
		{ seed: 62, aheadMs: -4 * MIN, label: 'n8n 4 min ahead' },
		{ seed: 63, aheadMs: 10 * MIN, label: 'n8n 10 min behind' },
	])('seed $seed, $label: statistics polled just after each interval closes are never refused, every row once', async (c) => {
		const r = rng(c.seed, 'trigger-skew-statistics');
		const sim: Simulator = await startSim({ seed: c.seed, startTime: MORNING, limits: FAST_SIM_LIMITS });
		try {
			const sub = sim.world.mainSubAccountId;
			const rig = new TriggerRig(sim, {
				event: 'intervalStatisticsClosed',
				report: 'queueStats',
				interval: 15,
				timeZone: 'US/Eastern',
				options: { ...FAST_NODE_OPTIONS, maxRetries: 0 },
			});
			rig.serverAheadMs = c.aheadMs;
			let now = MORNING;
			rig.at(now);
			expect((await rig.poll()).error).toBeUndefined();
			const measuredFirst = clockRequests(sim).length;
			const origin = Date.parse(String(rig.nodeState().origin));
			const items: IDataObject[] = [];
			const failures: string[] = [];
			// each poll comes 5 minutes and a few seconds after an interval closes, by n8n's clock
			for (let boundary = MORNING + 10 * MIN; boundary < MORNING + 8 * HOUR; boundary += 15 * MIN) {
				now = boundary + 5 * MIN + r.int(0, 59) * 1000;
				rig.at(now);
				const outcome = await rig.poll();
				if (outcome.error) failures.push(outcome.error.message);
				items.push(...outcome.items);
			}
			expect(failures).toEqual([]);
			const cursor = cursorOf(rig);
			const first = planWindows({ startMs: origin, endMs: origin + HOUR, nowMs: origin + 2 * HOUR, timeZone: 'US/Eastern', kind: 'statistics', intervalMinutes: 15 }).windows[0].startMs;
			const truth = (sim.truth as any)._entries.queueStats(sub, first, cursor, 15, { timeZone: 'UTC' }) as TruthEntry[];
			expect(truth.length).toBeGreaterThan(50);
			const keys = items.map((item) => keyOf(Date.parse(String(item.intervalStart)), item));
			expect(new Set(keys).size).toBe(keys.length);
			expect(keys.sort()).toEqual(truth.map((entry) => keyOf(entry.start, entry.row)).sort());

			// activation and the cursor go by the API's clock: the cursor is at the interval that closed 5 minutes before its now
			expect(Math.abs(origin - (MORNING + c.aheadMs))).toBeLessThan(1000);
			expect(cursor).toBeGreaterThan(now + c.aheadMs - 5 * MIN - 15 * MIN);
			expect(cursor).toBeLessThanOrEqual(now + c.aheadMs - 5 * MIN);
			// the first poll measured the API's clock with one admin request; every report answer since measured it again
			expect([measuredFirst, clockRequests(sim).length]).toEqual([1, 1]);
		} finally {
			await sim.close();
		}
	});

	it.each([
		{ seed: 64, aheadMs: -3 * MIN, label: 'n8n 3 min ahead' },
		{ seed: 65, aheadMs: 7 * MIN, label: 'n8n 7 min behind' },
	])('seed $seed, $label: segments that show up 44 minutes late (inside lag + lookback, 45) are all delivered once', async (c) => {
		const r = rng(c.seed, 'trigger-skew-segments');
		const sim: Simulator = await startSim({ seed: c.seed, startTime: MORNING, limits: { ...FAST_SIM_LIMITS, metadataVisibleDelayMs: 44 * MIN } });
		try {
			const sub = sim.world.mainSubAccountId;
			// the defaults: 15 minutes of safety lag, 30 of lookback
			const rig = new TriggerRig(sim, { event: 'newInteractionSegments', timeZone: 'US/Eastern', options: { ...FAST_NODE_OPTIONS, maxRetries: 0 } });
			rig.serverAheadMs = c.aheadMs;
			let now = MORNING;
			rig.at(now);
			expect((await rig.poll()).error).toBeUndefined();
			const origin = Date.parse(String(rig.nodeState().origin));
			const { items, nowMs } = await rig.pollEvery(() => r.int(2, 9) * MIN + r.int(0, 59) * 1000, now, MORNING + 6 * HOUR);
			now = nowMs;
			const serverNow = now + c.aheadMs;
			// every segment that ended after activation and up to 44 minutes before the API's now
			const truth = sim.truth.segments(sub, origin, serverNow - 44 * MIN) as IDataObject[];
			expect(truth.length).toBeGreaterThan(50);
			const keys = items.map(segmentKey);
			expect(new Set(keys).size).toBe(keys.length);
			const missing = truth.map(segmentKey).filter((key) => !keys.includes(key));
			expect(missing).toEqual([]);
			expect(items.every((item) => Date.parse(String(item.segmentEndTimeMs)) >= origin)).toBe(true);
			// the cursor goes by the API's clock
			expect(Math.abs(cursorOf(rig) - (serverNow - 15 * MIN))).toBeLessThan(1000);
		} finally {
			await sim.close();
		}
	});

	it('keeps the clock in static data, measures it again after an hour without answers', async () => {
		const sim: Simulator = await startSim({ seed: 66, startTime: MORNING, limits: FAST_SIM_LIMITS });
		try {
			const rig = new TriggerRig(sim, { event: 'intervalStatisticsClosed', report: 'queueStats', interval: 60, timeZone: 'US/Eastern', options: { ...FAST_NODE_OPTIONS } });
			rig.serverAheadMs = -2 * MIN;
			rig.at(MORNING);
			await rig.poll();
			const clock = rig.nodeState().clock as IDataObject;
			expect(clock).toEqual({ offset: expect.any(Number), at: new Date(MORNING).toISOString() });
			expect(Math.abs(Number(clock.offset) + 2 * MIN)).toBeLessThan(1000);
			// a restart keeps it: no new measurement
			rig.restart();
			rig.at(MORNING + 10 * MIN);
			await rig.poll();
			expect(clockRequests(sim)).toHaveLength(1);
			// polls with nothing to read (hourly intervals) for over an hour: measured again
			rig.at(MORNING + 61 * MIN);
			await rig.poll();
			expect(clockRequests(sim)).toHaveLength(2);
		} finally {
			await sim.close();
		}
	});
});

/** Zones the report windows were asked in, over all Lord Howe cases. */
const zonesAsked = new Set<string>();

describe('Engage Voice Trigger: Interval Statistics Closed over the Lord Howe fall-back (30 minutes)', () => {
	useFakeDate(FALL_BACK - 6 * HOUR);

	it.each([
		{ seed: 51, report: 'queueStats' as Report, interval: 60, family: 'cx' },
		{ seed: 52, report: 'queueStats' as Report, interval: 45, family: 'classic', outputFormat: 'CSV' },
		{ seed: 53, report: 'queueStats' as Report, interval: 15, family: 'cx' },
		{ seed: 54, report: 'agentExtendedStats' as Report, interval: 30, family: 'classic', outputFormat: 'XML' },
	])('seed $seed: $report every $interval min ($family): every call once, no overlapping intervals', async (c) => {
		const r = rng(c.seed, 'trigger-lord-howe-test');
		const startMs = FALL_BACK - 6 * HOUR + r.int(0, 59) * 1000;
		const sim: Simulator = await startSim({ seed: c.seed, startTime: startMs, limits: FAST_SIM_LIMITS });
		try {
			const sub = sim.world.mainSubAccountId;
			const rig = new TriggerRig(sim, {
				event: 'intervalStatisticsClosed',
				report: c.report,
				interval: c.interval,
				apiFamily: c.family,
				timeZone: LORD_HOWE,
				options: { ...FAST_NODE_OPTIONS, maxRetries: 0, ...(c.outputFormat ? { outputFormat: c.outputFormat } : {}) },
			});
			rig.at(startMs);
			expect((await rig.poll()).error).toBeUndefined();
			const origin = Date.parse(String(rig.nodeState().origin));
			const { items } = await rig.pollEvery(() => r.int(3, 25) * MIN + r.int(0, 59) * 1000, startMs, FALL_BACK + 6 * HOUR);
			const cursor = Date.parse(String(rig.nodeState().cursor));
			expect(cursor).toBeGreaterThan(FALL_BACK + 5 * HOUR);

			const windows = answeredWindows(sim);
			for (const w of windows) zonesAsked.add(w.timeZone);
			// the repeated half hour is asked in a fixed offset, never in the zone (it would be read as the first pass)
			for (const w of windows) {
				if (w.timeZone === LORD_HOWE) expect(w.endMs <= FALL_BACK - 30 * MIN || w.startMs >= FALL_BACK + 30 * MIN).toBe(true);
			}
			expect(windows.some((w) => w.timeZone === (c.interval === 60 ? 'Etc/GMT-11' : '+10:30'))).toBe(true);

			const served = servedTruth(sim, c.report, c.interval, windows);
			const byKey = new Map<string, IDataObject>();
			for (const item of items) {
				expect(item.changeType).toBe('new');
				const key = keyOf(Date.parse(String(item.intervalStart)), item);
				if (byKey.has(key)) throw new Error(`${key} emitted twice`);
				byKey.set(key, item);
			}
			expect([...byKey.keys()].sort()).toEqual([...served.keys()].sort());
			for (const [key, { row, endMs }] of served) {
				const item = byKey.get(key)!;
				expect([key, Date.parse(String(item.intervalEnd))]).toEqual([key, endMs]);
				for (const [field, value] of Object.entries(row)) {
					if (field === 'offDirectIxnCnt') continue;
					if (c.family === 'classic' && (field === 'completedContacts' || field === 'segmentHoldTime')) continue;
					expect([key, field, item[field]]).toEqual([key, field, value]);
				}
			}
			expectNoOverlap(items);

			if (c.report === 'queueStats') {
				// every queue call that arrived from the first interval up to the cursor, counted once
				const first = Math.min(...windows.map((w) => w.startMs));
				expect(first).toBeLessThanOrEqual(origin);
				const calls = (sim.truth.calls(sub, first, cursor) as IDataObject[]).filter((call) => call.queueId !== null);
				const offered = items.reduce((sum, item) => sum + Number(item.offdDirectIxnCnt), 0);
				expect(calls.length).toBeGreaterThan(20);
				expect(offered).toBe(calls.length);
			}
		} finally {
			await sim.close();
		}
	});

	it('asked the repeated half hour in +10:30 and the hour before the change in Etc/GMT-11', () => {
		expect([...zonesAsked].sort()).toEqual(['+10:30', 'Australia/Lord_Howe', 'Etc/GMT-11']);
	});
});
