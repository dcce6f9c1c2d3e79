/*
 * New Interaction Segments through n8n-core's PollContext against the simulator, poll by poll,
 * with the node's and the simulator's clocks moved together: the union of what the trigger emits
 * equals the simulator's ground truth, every segment once, an update only when a row changed,
 * across 20 seeds with random poll failures, 429 bursts, token expiry and invalidation between
 * polls, restarts from the JSON form of the static data, late rows and late recording links.
 */
import type { IDataObject } from 'n8n-workflow';

import { comparedFields } from '../../nodes/EngageVoice/trigger/events/reportEvent';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { DATE_ONLY_FAKE_TIMERS, FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig } from '../helpers/trigger';

const { rng } = require('../simulator/prng');

const MIN = 60_000;
/** Tuesday 2026-03-03 07:30 US/Eastern: the morning ramp of the simulated contact center. */
const START = Date.parse('2026-03-03T12:30:00.000Z');
const RUN_MS = 7 * 60 * MIN;
const LAG = 5 * MIN;
const LOOKBACK = 30 * MIN;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const COMPARED = comparedFields('interactionMetadata');

type Family = 'cx' | 'classic';

const blank = (value: unknown) => (value === '' || value === undefined ? null : value);

function keyOf(row: IDataObject, family: Family): string {
	return family === 'cx' ? `${row.dialogId}|${row.segmentId}` : `${row.interactionId}|${String(row.segmentId ?? row.segmentID)}`;
}

interface Totals {
	polls: number;
	failures: number;
	updates: number;
	lateRowsCaught: number;
	restarts: number;
}
const totals: Totals = { polls: 0, failures: 0, updates: 0, lateRowsCaught: 0, restarts: 0 };

describe('Engage Voice Trigger: New Interaction Segments against ground truth', () => {
	beforeAll(() => {
		jest.useFakeTimers({ ...DATE_ONLY_FAKE_TIMERS, now: START } as never);
	});
	afterAll(() => {
		jest.useRealTimers();
	});

	it.each(SEEDS)('seed %i: every segment once, updates only when a row changed', async (seed) => {
		const r = rng(seed, 'trigger-segments-test');
		const family: Family = seed % 2 ? 'classic' : 'cx';
		const lateRows = seed % 3 === 0;
		const sim: Simulator = await startSim({
			seed,
			startTime: START,
			limits: { ...FAST_SIM_LIMITS, ...(lateRows ? { metadataVisibleDelayMs: 8 * MIN } : {}) },
		});
		try {
			const sub = sim.world.mainSubAccountId;
			const rig = new TriggerRig(sim, {
				event: 'newInteractionSegments',
				apiFamily: family,
				timeZone: 'US/Eastern',
				options: { ...FAST_NODE_OPTIONS, safetyLagMinutes: LAG / MIN, lookbackMinutes: LOOKBACK / MIN, maxRetries: 1, retryBackoffSeconds: 0 },
			});
			const metadataPath = '/[iI]nteraction-?[mM]etadata/';
			sim.control.injectFaults({ kind: '500', ratio: 0.12, match: metadataPath });

			// first activation: starts at now, nothing to deliver yet
			let now = START + r.int(0, 59) * 1000;
			rig.at(now);
			const first = await rig.poll();
			expect(first.error).toBeUndefined();
			expect(first.raw).toBeNull();
			const origin = Math.floor(now / 1000) * 1000;
			expect(Date.parse(String(rig.nodeState().cursor))).toBe(origin);

			const emitted: IDataObject[] = [];
			let cursor = origin;
			const end = START + RUN_MS;
			const poll = async (faults: boolean) => {
				const before = rig.staticJson();
				const outcome = await rig.poll();
				totals.polls++;
				if (outcome.error) {
					totals.failures++;
					expect(faults).toBe(true);
					// the API error surfaces as a NodeApiError with its message; the cursor stays
					expect(outcome.error.constructor.name).toBe('NodeApiError');
					expect(outcome.error.message).toMatch(/Engage Voice (had a server error|rate limit reached)/);
					expect(rig.staticJson()).toBe(before);
					return;
				}
				const state = rig.nodeState();
				const next = Date.parse(String(state.cursor));
				// never back; it moves only to the end of a complete window (≤ now minus the safety lag)
				expect(next).toBeGreaterThanOrEqual(cursor);
				if (next !== cursor) expect(next).toBeLessThanOrEqual(now - LAG);
				for (const item of outcome.items) {
					// a row first delivered from before the cursor: late, caught by the lookback
					const endMs = Date.parse(String(item.segmentEndTimeMs));
					if (item.changeType === 'new' && endMs < cursor) {
						expect(lateRows).toBe(true);
						totals.lateRowsCaught++;
					}
				}
				cursor = next;
				emitted.push(...outcome.items);
			};

			while (now < end) {
				now += (r.chance(0.05) ? r.int(60, 120) : r.int(3, 20)) * MIN + r.int(0, 59) * 1000;
				rig.at(now);
				if (r.chance(0.1)) sim.control.injectFaults({ kind: '429', count: r.int(1, 3), retryAfter: 0, match: metadataPath });
				if (r.chance(0.15)) sim.control.invalidateTokens({ access: true, refresh: r.chance(0.5), rc: r.chance(0.3) });
				if (r.chance(0.1)) {
					rig.restart();
					totals.restarts++;
				}
				await poll(true);
			}
			// no more faults: a few polls let everything up to now settle
			sim.control.clearFaults();
			for (let i = 0; i < 8; i++) {
				now += 5 * MIN;
				rig.at(now);
				await poll(false);
			}
			expect(cursor).toBe(Math.floor((now - LAG) / 1000) * 1000);

			// ground truth: every segment that ended in [origin, cursor) and is visible now
			const truth = sim.truth.segments(sub, origin, cursor, { visibleAt: now, family }) as IDataObject[];
			const truthByKey = new Map(truth.map((row) => [keyOf(row, family), row]));
			expect(truthByKey.size).toBe(truth.length);
			expect(truth.length).toBeGreaterThan(20);

			const latest = new Map<string, IDataObject>();
			const newCount = new Map<string, number>();
			for (const item of emitted) {
				const key = keyOf(item, family);
				if (item.changeType === 'new') {
					newCount.set(key, (newCount.get(key) ?? 0) + 1);
					expect(item.changedFields).toEqual([]);
					if (latest.has(key)) throw new Error(`${key} emitted as new twice`);
				} else {
					expect(item.changeType).toBe('updated');
					const previous = latest.get(key);
					expect(previous).toBeDefined();
					// changed fields named exactly, and only rows that changed are emitted again
					const differing = COMPARED.filter((field) => JSON.stringify(previous![field]) !== JSON.stringify(item[field]));
					expect(differing.length).toBeGreaterThan(0);
					expect(item.changedFields).toEqual(differing);
					totals.updates++;
				}
				latest.set(key, item);
			}
			// every segment once (as new), nothing else
			expect([...newCount.keys()].sort()).toEqual([...truthByKey.keys()].sort());
			expect([...newCount.values()].every((count) => count === 1)).toBe(true);

			// the last version of each row equals the truth now
			for (const [key, row] of truthByKey) {
				const final = latest.get(key)!;
				if (family === 'cx') {
					for (const [field, value] of Object.entries(row)) expect([key, field, blank(final[field])]).toEqual([key, field, blank(value)]);
				} else {
					expect(blank(final.segmentRecordingUrl)).toEqual(blank(row.segmentRecordingURL));
					expect(final.hasRecording).toBe(Boolean(row.segmentRecordingURL));
					expect(final.segmentEndTimeMs).toBe(row.segmentContactEndTimeMs);
					expect(final.segmentParticipantId).toBe(String(row.segmentAgentId));
				}
			}
			const updates = emitted.filter((item) => item.changeType === 'updated');
			if (family === 'cx') expect(updates).toEqual([]);
			else {
				// late recording links: the only thing that changes in a classic row
				for (const item of updates) expect(item.changedFields).toEqual(['hasRecording', 'segmentRecordingUrl']);
			}
		} finally {
			await sim.close();
		}
	});

	it('exercised failures, 429 bursts, token renewal, restarts, late rows and late recording links', () => {
		expect(totals.polls).toBeGreaterThan(SEEDS.length * 20);
		expect(totals.failures).toBeGreaterThan(SEEDS.length);
		expect(totals.restarts).toBeGreaterThan(SEEDS.length / 2);
		expect(totals.updates).toBeGreaterThan(SEEDS.length);
		expect(totals.lateRowsCaught).toBeGreaterThan(0);
	});
});
