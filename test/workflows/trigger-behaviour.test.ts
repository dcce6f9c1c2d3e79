/*
 * Engage Voice Trigger behaviour through n8n-core's PollContext against the simulator: budget-
 * limited catch-up with the real (small) report limits, first activation, Start From, manual mode,
 * failed requests, what is lost beyond the lookback, updates turned off, a change of API family,
 * and the static data bound over a simulated week.
 */
import type { IDataObject } from 'n8n-workflow';

import { REPORT_STATE_MAX_JSON_CHARS } from '../../nodes/EngageVoice/trigger/cursor';
import type { Simulator } from '../helpers/simulator';
import { startSim } from '../helpers/simulator';
import { DATE_ONLY_FAKE_TIMERS, FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig } from '../helpers/trigger';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Tuesday 2026-03-03 13:00 US/Eastern. */
const NOON = Date.parse('2026-03-03T18:00:00.000Z');

const segmentKey = (row: IDataObject) => `${row.dialogId}|${row.segmentId}`;
const cursorOf = (rig: TriggerRig) => Date.parse(String(rig.nodeState().cursor));

describe('Engage Voice Trigger behaviour', () => {
	let sim: Simulator;
	beforeAll(async () => {
		jest.useFakeTimers({ ...DATE_ONLY_FAKE_TIMERS, now: NOON } as never);
		sim = await startSim({ seed: 41, startTime: NOON, limits: FAST_SIM_LIMITS });
	});
	afterAll(async () => {
		await sim.close();
		jest.useRealTimers();
	});
	beforeEach(() => {
		sim.control.reset();
		sim.control.setLimits(FAST_SIM_LIMITS);
	});

	const segments = (options: IDataObject = {}, more: IDataObject = {}) =>
		new TriggerRig(sim, {
			event: 'newInteractionSegments',
			timeZone: 'US/Eastern',
			options: { ...FAST_NODE_OPTIONS, safetyLagMinutes: 5, maxRetries: 0, retryBackoffSeconds: 0, ...options },
			...more,
		});

	it('Start From backfills within the real report limits: oldest windows first, stops in time, catches up over polls', async () => {
		// the documented limits on both sides: 2 report requests per minute and 9 per 15 minutes
		sim.control.setLimits({ report: [{ count: 2, windowMs: MIN }, { count: 9, windowMs: 15 * MIN }] });
		const startFrom = NOON - 10 * HOUR;
		const rig = new TriggerRig(sim, {
			event: 'newInteractionSegments',
			timeZone: 'US/Eastern',
			startFrom: new Date(startFrom).toISOString(),
			pollTimes: { item: [{ mode: 'everyX', value: 2, unit: 'minutes' }] },
			options: { maxPollSeconds: 30 },
		});
		let now = NOON;
		const items: IDataObject[] = [];
		const fetchedPerPoll: number[] = [];
		let previous = startFrom;
		for (let poll = 0; poll < 45; poll++) {
			rig.at(now);
			sim.control.clearLog();
			const outcome = await rig.poll();
			expect(outcome.error).toBeUndefined();
			const log = sim.control.requestLog().filter((e) => e.path.includes('interaction-metadata'));
			// the budget is never exceeded: the API never answers 429
			expect(log.filter((e) => e.status === 429)).toEqual([]);
			// an expired token (401, then n8n signs in again and resends) uses no budget at the API
			fetchedPerPoll.push(log.filter((e) => e.status === 200).length);
			const cursor = cursorOf(rig);
			// the cursor is the end of the last completed window: whole hours from Start From
			expect((cursor - startFrom) % HOUR === 0 || cursor === Math.floor((now - 15 * MIN) / 1000) * 1000).toBe(true);
			expect(cursor).toBeGreaterThanOrEqual(previous);
			previous = cursor;
			items.push(...outcome.items);
			now += 2 * MIN;
		}
		// 2 requests in the first poll, then what 9 per 15 minutes allows, then one per poll or fewer
		expect(fetchedPerPoll[0]).toBe(2);
		expect(Math.max(...fetchedPerPoll)).toBeLessThanOrEqual(2);
		for (let i = 0; i + 7 < fetchedPerPoll.length; i++) {
			expect(fetchedPerPoll.slice(i, i + 8).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9);
		}
		const warnings = rig.logs.filter((l) => l.level === 'warn').map((l) => l.message);
		expect(warnings[0]).toMatch(/fetched 2 of 10 windows within this poll's time and rate budget; the cursor stays at 2026-03-03T10:00:00.000Z and the next poll continues\.$/);
		// caught up: live, every segment since Start From once
		const lastNow = now - 2 * MIN;
		expect(cursorOf(rig)).toBe(Math.floor((lastNow - 15 * MIN) / 1000) * 1000);
		const truth = sim.truth.segments(sim.world.mainSubAccountId, startFrom, cursorOf(rig), { visibleAt: lastNow }) as IDataObject[];
		expect(items.map(segmentKey).sort()).toEqual(truth.map(segmentKey).sort());
		expect(items.every((item) => item.changeType === 'new')).toBe(true);
	});

	it('says when the poll interval cannot keep up with the report budget', async () => {
		sim.control.setLimits({ report: [{ count: 2, windowMs: MIN }, { count: 9, windowMs: 15 * MIN }] });
		const rig = new TriggerRig(sim, {
			event: 'newInteractionSegments',
			timeZone: 'US/Eastern',
			startFrom: new Date(NOON - 6 * HOUR).toISOString(),
			pollTimes: { item: [{ mode: 'everyMinute' }] },
		});
		rig.at(NOON);
		await rig.poll();
		expect(rig.logs.map((l) => l.message).join('\n')).toMatch(
			/The poll interval is too short for the report budget: it sustains one poll every 100 s or longer\./,
		);
	});

	it('first activation starts at now: nothing older is delivered, and the first poll returns nothing', async () => {
		const rig = segments();
		rig.at(NOON);
		const first = await rig.poll();
		expect(first.raw).toBeNull();
		expect(rig.nodeState()).toEqual(
			expect.objectContaining({ v: 1, origin: new Date(NOON).toISOString(), cursor: new Date(NOON).toISOString(), seen: {} }),
		);
		rig.at(NOON + 40 * MIN);
		const next = await rig.poll();
		expect(next.items.length).toBeGreaterThan(0);
		for (const item of next.items) expect(Date.parse(String(item.segmentEndTimeMs))).toBeGreaterThanOrEqual(NOON);
		const truth = sim.truth.segments(sim.world.mainSubAccountId, NOON, NOON + 35 * MIN) as IDataObject[];
		expect(next.items.map(segmentKey).sort()).toEqual(truth.map(segmentKey).sort());
	});

	it('manual mode (Fetch Test Event) returns a recent sample and leaves static data untouched', async () => {
		for (const parameters of [
			{ event: 'newInteractionSegments' },
			{ event: 'intervalStatisticsClosed', report: 'agentExtendedStats', interval: 30 },
			{ event: 'rosterChanged' },
		]) {
			const rig = new TriggerRig(sim, { ...parameters, timeZone: 'US/Eastern', options: FAST_NODE_OPTIONS });
			rig.at(NOON);
			// before activation: no static data appears
			const empty = rig.staticJson();
			const sample = await rig.poll('manual');
			expect(sample.error).toBeUndefined();
			expect(sample.items.length).toBeGreaterThan(0);
			expect(rig.staticJson()).toBe(empty);
			expect((rig.workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged).toBe(false);
			// after activation and polls: manual mode changes nothing either
			await rig.poll();
			rig.at(NOON + 45 * MIN);
			await rig.poll();
			const saved = rig.staticJson();
			rig.at(NOON + 50 * MIN);
			expect((await rig.poll('manual')).items.length).toBeGreaterThan(0);
			expect(rig.staticJson()).toBe(saved);
			if (parameters.event === 'newInteractionSegments') {
				expect(sample.items.length).toBeLessThanOrEqual(5);
				expect(sample.items[0]).toEqual(expect.objectContaining({ changeType: 'new', changedFields: [], dialogId: expect.any(String) }));
			} else if (parameters.event === 'intervalStatisticsClosed') {
				// the rows of the latest closed interval
				expect(new Set(sample.items.map((i) => i.intervalStart)).size).toBe(1);
				expect(sample.items[0]).toEqual(expect.objectContaining({ changeType: 'new', interval: 30, queue: expect.any(Number) }));
			} else {
				expect(sample.items[0]).toEqual(expect.objectContaining({ changeType: 'added', agent: expect.objectContaining({ agentId: expect.any(Number) }) }));
			}
		}
	});

	it('a failed request fails the poll with the API message, keeps the cursor, and the next poll loses nothing', async () => {
		const rig = segments();
		rig.at(NOON);
		await rig.poll();
		rig.at(NOON + 30 * MIN);
		sim.control.injectFaults({ kind: '503', count: 1, match: 'interaction-metadata' });
		const before = rig.staticJson();
		const failed = await rig.poll();
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		expect(failed.error?.message).toBe(
			'Engage Voice had a server error (HTTP 503) (window 1 of 1: 2026-03-03 13:00–13:25 US/Eastern)',
		);
		expect(failed.error?.httpCode).toBe('503');
		expect(rig.staticJson()).toBe(before);
		rig.at(NOON + 40 * MIN);
		const next = await rig.poll();
		const truth = sim.truth.segments(sim.world.mainSubAccountId, NOON, NOON + 35 * MIN) as IDataObject[];
		expect(next.items.map(segmentKey).sort()).toEqual(truth.map(segmentKey).sort());
	});

	it('rows that show up later than safety lag + lookback after their end are not delivered (the loss case)', async () => {
		sim.control.setLimits({ metadataVisibleDelayMs: 60 * MIN });
		const rig = segments({ lookbackMinutes: 30 });
		let now = NOON;
		rig.at(now);
		await rig.poll();
		const items: IDataObject[] = [];
		for (let i = 0; i < 24; i++) {
			now += 5 * MIN;
			rig.at(now);
			const outcome = await rig.poll();
			expect(outcome.error).toBeUndefined();
			items.push(...outcome.items);
		}
		const visibleNow = sim.truth.segments(sim.world.mainSubAccountId, NOON, now - 5 * MIN) as IDataObject[];
		expect(visibleNow.length).toBeGreaterThan(10);
		expect(items).toEqual([]);
		// with a lookback that covers the delay they are delivered: 50 min delay < 5 min lag + 59 min lookback
		sim.control.setLimits({ metadataVisibleDelayMs: 50 * MIN });
		const longer = segments({ lookbackMinutes: 59 });
		now = NOON + 3 * HOUR;
		longer.at(now);
		await longer.poll();
		const late: IDataObject[] = [];
		for (let i = 0; i < 30; i++) {
			now += 5 * MIN;
			longer.at(now);
			const outcome = await longer.poll();
			expect(outcome.error).toBeUndefined();
			late.push(...outcome.items);
		}
		const truth = sim.truth.segments(sim.world.mainSubAccountId, NOON + 3 * HOUR, now - 64 * MIN) as IDataObject[];
		expect(truth.length).toBeGreaterThan(10);
		expect(late.map(segmentKey)).toEqual(expect.arrayContaining(truth.map(segmentKey)));
		expect(new Set(late.map(segmentKey)).size).toBe(late.length);
	});

	it('with updates off, a late recording link does not emit the row again', async () => {
		const run = async (emitUpdates: boolean) => {
			const rig = segments({ emitUpdates }, { apiFamily: 'classic' });
			let now = NOON;
			rig.at(now);
			await rig.poll();
			const items: IDataObject[] = [];
			for (let i = 0; i < 15; i++) {
				now += 4 * MIN;
				rig.at(now);
				items.push(...(await rig.poll()).items);
			}
			return items;
		};
		const withUpdates = await run(true);
		const updates = withUpdates.filter((i) => i.changeType === 'updated');
		expect(updates.length).toBeGreaterThan(0);
		expect(updates.every((i) => typeof i.segmentRecordingUrl === 'string' && i.hasRecording === true)).toBe(true);
		const without = await run(false);
		expect(without.filter((i) => i.changeType === 'updated')).toEqual([]);
		expect(without.map((i) => `${i.interactionId}|${i.segmentId}`)).toEqual(
			withUpdates.filter((i) => i.changeType === 'new').map((i) => `${i.interactionId}|${i.segmentId}`),
		);
	});

	it('another API family continues at the cursor without re-reading; another sub-account starts over at now', async () => {
		const rig = segments();
		rig.at(NOON);
		await rig.poll();
		rig.at(NOON + 40 * MIN);
		await rig.poll();
		const cursor = cursorOf(rig);
		rig.edit({ apiFamily: 'classic' });
		rig.at(NOON + 50 * MIN);
		const after = await rig.poll();
		expect(after.error).toBeUndefined();
		// nothing from before the cursor again (classic keys differ from CX keys: it would all look new)
		for (const item of after.items) expect(Date.parse(String(item.segmentEndTimeMs))).toBeGreaterThanOrEqual(cursor);
		expect(rig.nodeState().origin).toBe(new Date(cursor).toISOString());

		rig.edit({ subAccount: { __rl: true, mode: 'id', value: sim.world.partnerSubAccountId } });
		rig.at(NOON + 60 * MIN);
		expect((await rig.poll()).raw).toBeNull();
		expect(rig.nodeState().cursor).toBe(new Date(NOON + 60 * MIN).toISOString());
	});

	it('Start From given as an expression relative to now is evaluated once: the cursor moves, nothing is delivered twice', async () => {
		const expression = '={{ $now.minus({ hours: 2 }).toISO() }}';
		const rig = segments({}, { startFrom: expression });
		let now = NOON;
		rig.at(now);
		const items: IDataObject[] = [];
		const first = await rig.poll();
		expect(first.error).toBeUndefined();
		items.push(...first.items);
		const origin = rig.nodeState().origin;
		expect(origin).toBe(new Date(NOON - 2 * HOUR).toISOString());
		for (let i = 0; i < 12; i++) {
			now += 10 * MIN;
			rig.at(now);
			const outcome = await rig.poll();
			expect(outcome.error).toBeUndefined();
			items.push(...outcome.items);
			// the expression now says another time; the trigger keeps the one it started from
			expect(rig.nodeState().origin).toBe(origin);
			expect(cursorOf(rig)).toBe(Math.floor((now - 5 * MIN) / 1000) * 1000);
		}
		const keys = items.map(segmentKey);
		expect(new Set(keys).size).toBe(keys.length);
		const truth = sim.truth.segments(sim.world.mainSubAccountId, NOON - 2 * HOUR, cursorOf(rig)) as IDataObject[];
		expect(keys.sort()).toEqual(truth.map(segmentKey).sort());

		// another expression is a new Start From: it starts over from its value
		rig.edit({ startFrom: '={{ $now.minus({ hours: 1 }).toISO() }}' });
		now += 10 * MIN;
		rig.at(now);
		expect((await rig.poll()).error).toBeUndefined();
		expect(rig.nodeState().origin).toBe(new Date(now - HOUR).toISOString());
	});

	it('a poll that starts while the previous poll of the same trigger still runs returns nothing and leaves the cursor to it; nothing twice', async () => {
		// n8n's durable scheduler can start a poll while the activation poll still runs, from the same
		// cursor; the second one must not deliver the same windows again
		const rig = segments({}, { startFrom: new Date(NOON - 2 * HOUR).toISOString() });
		rig.logInfo = true;
		rig.at(NOON);
		sim.control.injectFaults({ kind: 'slow', delayMs: 300, ratio: 1, match: 'interaction-metadata' });
		const running = rig.poll();
		const overlapping = rig.poll();
		const [first, second] = await Promise.all([running, overlapping]);
		expect(first.error).toBeUndefined();
		expect(second).toEqual({ raw: null, items: [] });
		expect(rig.logs.map((l) => l.message)).toContain(
			'Engage Voice Trigger: the previous poll of this trigger is still running; this poll was skipped',
		);
		expect(first.items.length).toBeGreaterThan(0);
		const cursorAfterFirst = cursorOf(rig);
		expect(cursorAfterFirst).toBe(Math.floor((NOON - 5 * MIN) / 1000) * 1000);

		// the next poll goes on from what the first one saved
		sim.control.reset();
		sim.control.setLimits(FAST_SIM_LIMITS);
		rig.at(NOON + 10 * MIN);
		const next = await rig.poll();
		expect(next.error).toBeUndefined();
		const keys = [...first.items, ...next.items].filter((row) => row.changeType === 'new').map(segmentKey);
		expect(new Set(keys).size).toBe(keys.length);
		const truth = sim.truth.segments(sim.world.mainSubAccountId, NOON - 2 * HOUR, cursorOf(rig)) as IDataObject[];
		expect(keys.sort()).toEqual(truth.map(segmentKey).sort());
	});

	it('invalid parameters fail before any request', async () => {
		const rig = segments({ lookbackMinutes: 60 });
		rig.at(NOON);
		sim.control.clearLog();
		const outcome = await rig.poll();
		expect(outcome.error?.message).toBe('"Lookback (Minutes)" (60) must be shorter than the window length (60 minutes)');
		const badStart = segments({}, { startFrom: 'yesterday' });
		expect((await badStart.poll()).error?.message).toBe('"Start From" is not a valid date and time: "yesterday"');
		expect(sim.control.requestLog()).toEqual([]);
	});

	it('static data stays under its bound over a simulated week', async () => {
		const week = async (parameters: IDataObject, every: number) => {
			const rig = new TriggerRig(sim, { timeZone: 'US/Eastern', ...parameters });
			let now = NOON;
			let largest = 0;
			for (let i = 0; i <= (7 * 24 * HOUR) / every; i++) {
				rig.at(now);
				const outcome = await rig.poll();
				expect(outcome.error).toBeUndefined();
				largest = Math.max(largest, rig.staticJson().length);
				now += every;
			}
			return { largest, rig };
		};
		const seg = await week({ event: 'newInteractionSegments', options: { ...FAST_NODE_OPTIONS, maxRetries: 0 } }, HOUR);
		expect(seg.largest).toBeLessThanOrEqual(REPORT_STATE_MAX_JSON_CHARS);
		// in practice: the rows of the lookback only
		expect(seg.largest).toBeLessThan(20_000);
		const stats = await week(
			{ event: 'intervalStatisticsClosed', report: 'agentExtendedStats', interval: 15, options: { ...FAST_NODE_OPTIONS } },
			2 * HOUR,
		);
		expect(stats.largest).toBeLessThan(20_000);
		// the cursor kept up all week
		expect(cursorOf(stats.rig)).toBeGreaterThan(NOON + 7 * 24 * HOUR - HOUR);
	});
});
