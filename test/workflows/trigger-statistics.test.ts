/*
 * Interval Statistics Closed through n8n-core's PollContext against the simulator: every row of
 * every closed interval once (no updates: the simulator's statistics do not change afterwards),
 * for each report, interval length and API family (CX JSON, classic CSV and XML), across a
 * daylight-saving change, with random poll failures, 429 bursts, token renewal and restarts.
 */
import type { IDataObject } from 'n8n-workflow';

import { planWindows } from '../../nodes/EngageVoice/reports';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { DATE_ONLY_FAKE_TIMERS, FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig } from '../helpers/trigger';

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
			expect(failures).toBeGreaterThan(0);

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
