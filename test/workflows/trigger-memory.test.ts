/*
 * Engage Voice Trigger under load and late changes, through n8n-core's PollContext against the
 * simulator: a busy day puts more than 4,000 rows in the lookback (the remembered-row cap), and
 * statistics of closed intervals are revised after they were delivered.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_REMEMBERED_ROWS, REPORT_STATE_MAX_JSON_CHARS } from '../../nodes/EngageVoice/trigger/cursor';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig, useFakeDate } from '../helpers/trigger';

const { rng } = require('../simulator/prng');

const MIN = 60_000;
/** Tuesday 2026-03-03 08:20 US/Eastern. */
const MORNING = Date.parse('2026-03-03T13:20:00.000Z');

/** A busy run reads about 50,000 segments (5 MB of JSON an hour): more than the default minute on a loaded machine. */
const BUSY_TIMEOUT_MS = 240_000;

const segmentKey = (row: IDataObject) => `${row.dialogId}|${row.segmentId}`;
const cursorOf = (rig: TriggerRig) => Date.parse(String(rig.nodeState().cursor));
const CAP_WARNING = new RegExp(
	`more rows in the lookback than the ${MAX_REMEMBERED_ROWS} it remembers; forgot the \\d+ oldest\\. Rows from (\\S+) or earlier that show up for the first time will not be delivered\\.`,
);

/** Counts rather than key lists: a busy day has thousands of segments (a failed diff of them is unreadable). */
function tally(items: IDataObject[], truth: IDataObject[]) {
	const keys = items.filter((item) => item.changeType === 'new').map(segmentKey);
	const delivered = new Set(keys);
	const expected = new Set(truth.map(segmentKey));
	return {
		duplicates: keys.length - delivered.size,
		updates: items.length - keys.length,
		extra: [...delivered].filter((key) => !expected.has(key)).length,
		missing: [...expected].filter((key) => !delivered.has(key)).length,
	};
}

describe('Engage Voice Trigger on a busy day: more than 4,000 rows in the lookback', () => {
	useFakeDate(MORNING);

	/** Segments polled about every 10 minutes for 90 minutes (a 50-minute lookback holds about 5,000 rows). */
	async function busyRun(seed: number, { visibleDelayMs, lookbackMinutes = 50 }: { visibleDelayMs?: number; lookbackMinutes?: number } = {}) {
		const r = rng(seed, 'trigger-busy-day');
		const sim: Simulator = await startSim({
			seed,
			startTime: MORNING,
			limits: { ...FAST_SIM_LIMITS, ...(visibleDelayMs ? { metadataVisibleDelayMs: visibleDelayMs } : {}) },
			busyDay: { callsPerBucket: 400 },
		});
		const rig = new TriggerRig(sim, {
			event: 'newInteractionSegments',
			timeZone: 'US/Eastern',
			options: { ...FAST_NODE_OPTIONS, safetyLagMinutes: 5, lookbackMinutes, maxRetries: 0 },
		});
		rig.at(MORNING);
		expect((await rig.poll()).error).toBeUndefined();
		const origin = Date.parse(String(rig.nodeState().origin));
		let largestMemory = 0;
		let largestJson = 0;
		const { items, nowMs } = await rig.pollEvery(() => 10 * MIN + r.int(0, 59) * 1000, MORNING, MORNING + 90 * MIN, () => {
			largestMemory = Math.max(largestMemory, Object.keys(rig.nodeState().seen as IDataObject).length);
			largestJson = Math.max(largestJson, rig.staticJson().length);
		});
		const truth = sim.truth.segments(sim.world.mainSubAccountId, origin, cursorOf(rig), { visibleAt: nowMs }) as IDataObject[];
		const warnings = rig.logs.filter((log) => log.level === 'warn').map((log) => log.message);
		await sim.close();
		return { items, truth, warnings, largestMemory, largestJson };
	}

	it('seed 71: the cap is reached, a warning is logged, and every segment is still delivered once', async () => {
		const run = await busyRun(71);
		// the lookback held more rows than the cap: the oldest were forgotten, with a warning each time
		expect(run.warnings.filter((message) => CAP_WARNING.test(message)).length).toBeGreaterThan(2);
		expect(run.largestMemory).toBeLessThanOrEqual(MAX_REMEMBERED_ROWS);
		expect(run.largestMemory).toBeGreaterThan(MAX_REMEMBERED_ROWS - 20);
		expect(run.largestJson).toBeLessThanOrEqual(REPORT_STATE_MAX_JSON_CHARS);
		// rows show up before they are first read: forgetting them delivers nothing twice and loses nothing
		expect(run.truth.length).toBeGreaterThan(6_000);
		expect(tally(run.items, run.truth)).toEqual({ duplicates: 0, updates: 0, extra: 0, missing: 0 });
	}, BUSY_TIMEOUT_MS);

	it('seed 72: with rows 12 minutes late, the cap still loses nothing and delivers nothing twice', async () => {
		// rows show up in the order of their time, so a row not yet seen is always newer than every
		// forgotten one; only a row much later than those around it could be lost (see the unit test)
		const run = await busyRun(72, { visibleDelayMs: 12 * MIN, lookbackMinutes: 59 });
		expect(run.warnings.filter((message) => CAP_WARNING.test(message)).length).toBeGreaterThan(2);
		expect(run.largestMemory).toBeLessThanOrEqual(MAX_REMEMBERED_ROWS);
		expect(run.largestMemory).toBeGreaterThan(MAX_REMEMBERED_ROWS - 20);
		expect(run.truth.length).toBeGreaterThan(6_000);
		expect(tally(run.items, run.truth)).toEqual({ duplicates: 0, updates: 0, extra: 0, missing: 0 });
	}, BUSY_TIMEOUT_MS);
});
