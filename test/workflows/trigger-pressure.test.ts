/*
 * The Engage Voice Trigger under pressure (issue 14 items 2, 3, 4 and 8), through n8n-core's
 * PollContext against the simulator (and the hostile proxy in front of it for a hung request), on
 * simulated time: jest's fake timers drive Date and every timer, and the virtual clock moves them
 * only when the node can do nothing but wait (test/helpers/virtualTime.ts). Nothing sleeps for
 * real; the figures printed are simulated seconds.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NormalisedRow } from '../../nodes/EngageVoice/reports';
import { naturalKey } from '../../nodes/EngageVoice/reports';
import { budgetOf, rateBudget } from '../../nodes/EngageVoice/transport';
import type { HostileProxy } from '../helpers/hostileProxy';
import { startHostileProxy } from '../helpers/hostileProxy';
import { statisticsTruth } from '../helpers/reportTruth';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, startSim } from '../helpers/simulator';
import { TriggerRig } from '../helpers/trigger';
import { openRequestsOf, SIMULATED_TIMERS, VirtualClock } from '../helpers/virtualTime';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Tuesday 2026-03-03 13:00 US/Eastern. */
const NOON = Date.parse('2026-03-03T18:00:00.000Z');
const REAL_LIMITS = { report: [{ count: 2, windowMs: MIN }, { count: 9, windowMs: 15 * MIN }] };
const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

const cursorOf = (rig: TriggerRig) => Date.parse(String(rig.nodeState()?.cursor));
const s = (ms: number) => Math.round(ms / 100) / 10;

let sim: Simulator;
let simOpen: () => number;

beforeAll(async () => {
	jest.useFakeTimers({ ...SIMULATED_TIMERS, now: NOON } as never);
	sim = await startSim({ seed: 53, startTime: NOON, autoDeliver: false });
	simOpen = openRequestsOf(sim.server);
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.control.reset();
	sim.control.setLimits(REAL_LIMITS);
	rateBudget.reset();
});

/** A rig whose polls run on the virtual clock. */
function rigOn(clock: VirtualClock, parameters: IDataObject, workflowId?: string): TriggerRig {
	const rig = new TriggerRig(sim, parameters, {}, workflowId);
	rig.onContext = (ctx) => clock.watch(ctx.helpers as never);
	return rig;
}

const statistics = (options: IDataObject = {}, more: IDataObject = {}) => ({
	event: 'intervalStatisticsClosed',
	report: 'queueStats',
	interval: 15,
	apiFamily: 'cx',
	timeZone: 'US/Eastern',
	pollTimes: EVERY_MINUTE,
	options: { maxRetries: 1, retryBackoffSeconds: 1, ...options },
	...more,
});

const segments = (options: IDataObject = {}, more: IDataObject = {}) => ({
	event: 'newInteractionSegments',
	timeZone: 'US/Eastern',
	pollTimes: EVERY_MINUTE,
	options: { maxRetries: 1, retryBackoffSeconds: 1, ...options },
	...more,
});

describe('every wait of a poll fits inside its deadline (issue 14 item 4)', () => {
	let proxy: HostileProxy;
	beforeEach(async () => {
		proxy = await startHostileProxy(sim.url);
	});
	afterEach(async () => await proxy.close());

	it.each([
		['a hung report request', [{ kind: 'hang' as const, match: 'agg-queue-stats' }], []],
		['a 503, then a hang on the retry', [{ kind: 'hang' as const, match: 'agg-queue-stats', after: 1 }], [{ kind: '503', count: 1, match: 'agg-queue-stats' }]],
		['a hang while Retry-After waits are due', [{ kind: 'hang' as const, match: 'agg-queue-stats', after: 1 }], [{ kind: '429', count: 1, retryAfter: 20, match: 'agg-queue-stats' }]],
	])('%s: the poll ends by its deadline (80 %% of the one-minute interval), names the timeout, and keeps its static data', async (what, hangs, faults) => {
		const clock = new VirtualClock([simOpen, proxy.open]);
		const rig = rigOn(clock, statistics({ maxRetries: 3 }, { startFrom: new Date(NOON - 2 * HOUR).toISOString() }));
		rig.credentials.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
		rig.at(NOON);
		const first = await clock.run(rig.poll());
		expect(first.error).toBeUndefined();
		const before = rig.staticJson();

		rig.at(NOON + 20 * MIN);
		proxy.rules.push(...hangs.map((rule) => ({ ...rule })));
		if (faults.length) sim.control.injectFaults(faults);
		const startedMs = Date.now();
		const outcome = await clock.run(rig.poll());
		const tookMs = Date.now() - startedMs;
		const deadlineMs = 0.8 * MIN;
		console.log(`14.4 ${what}: poll took ${s(tookMs)} s of simulated time; deadline ${s(deadlineMs)} s (80 % of the 60 s poll interval); ${proxy.spoiled.hang} request(s) hung`);
		expect(tookMs).toBeLessThanOrEqual(deadlineMs);
		expect(outcome.error?.message).toMatch(/^Engage Voice timed out after \d+ s, at this poll's deadline \(Max Poll Duration\)/);
		expect(outcome.error?.message).not.toMatch(/rate limit/);
		expect(rig.staticJson()).toBe(before);
		expect(proxy.spoiled.hang).toBe(1);
	});

	it('with the default Timeout (60 s) and no known interval, a hung request ends at Max Poll Duration', async () => {
		const clock = new VirtualClock([simOpen, proxy.open]);
		const rig = rigOn(clock, statistics({ maxPollSeconds: 30 }, { pollTimes: undefined, startFrom: new Date(NOON - 2 * HOUR).toISOString() }));
		rig.credentials.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
		rig.at(NOON);
		proxy.rules.push({ kind: 'hang', match: 'agg-queue-stats' });
		const startedMs = Date.now();
		const outcome = await clock.run(rig.poll());
		const tookMs = Date.now() - startedMs;
		console.log(`14.4 hung request, Max Poll Duration 30 s: poll took ${s(tookMs)} s of simulated time`);
		expect(tookMs).toBeLessThanOrEqual(30_000);
		expect(outcome.error?.message).toMatch(/timed out after 30 s, at this poll's deadline/);
	});
});

describe('a failure in the middle of a poll (issue 14 item 3)', () => {
	let proxy: HostileProxy;
	beforeEach(async () => {
		proxy = await startHostileProxy(sim.url);
	});
	afterEach(async () => await proxy.close());

	it.each([
		['a 503 on every attempt', /had a server error|HTTP 503/, () => sim.control.injectFaults({ kind: '503', count: 5, after: 1, match: 'agg-queue-stats' })],
		['a connection reset on every attempt', /connection reset/, () => sim.control.injectFaults({ kind: 'reset', count: 5, after: 1, match: 'agg-queue-stats' })],
		['a hang', /timed out after/, () => proxy.rules.push({ kind: 'hang', match: 'agg-queue-stats', after: 1 })],
	])('%s after the first window: named by its cause, the first window kept and emitted, the next poll continues there, nothing twice', async (_what, cause, inject) => {
		sim.control.setLimits({ report: [{ count: 1000, windowMs: 1000 }] });
		const fast = { reportRequestsPerSecond: 1000, reportRequestsPerMinute: 60000, reportRequestsPer15Minutes: 900000 };
		const clock = new VirtualClock([simOpen, proxy.open]);
		const startFrom = NOON - 6 * HOUR;
		const rig = rigOn(clock, statistics({ ...fast, timeoutSeconds: 20, maxPollSeconds: 55 }, { interval: 60, startFrom: new Date(startFrom).toISOString() }));
		rig.credentials.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
		inject();
		rig.at(NOON);
		const first = await clock.run(rig.poll());
		// not an error: the poll kept what completed
		expect(first.error).toBeUndefined();
		const failed = rig.logs.find((log) => log.level === 'error');
		expect(failed?.message).toMatch(/^Engage Voice Trigger: window 2 of \d+ failed; kept the 1 before it \(cursor at /);
		expect(failed?.message).toMatch(cause);
		expect(failed?.message).not.toMatch(/rate limit/);
		// the first window is 3 hours of 60-minute intervals from Start From
		const firstCursor = cursorOf(rig);
		expect(firstCursor).toBe(startFrom + 3 * HOUR);
		// exactly the rows of that window were emitted
		const firstTruth = statisticsTruth(sim, 'queueStats', sim.world.mainSubAccountId, startFrom, firstCursor, 60);
		expect(first.items.length).toBeGreaterThan(0);
		expect(first.items.length).toBe(firstTruth.size);

		sim.control.clearFaults();
		proxy.rules.length = 0;
		rig.at(NOON + MIN);
		const second = await clock.run(rig.poll());
		expect(second.error).toBeUndefined();
		const keys = [...first.items, ...second.items].map((row) => naturalKey('queueStats', row as NormalisedRow));
		expect(new Set(keys).size).toBe(keys.length);
		const truth = statisticsTruth(sim, 'queueStats', sim.world.mainSubAccountId, startFrom, cursorOf(rig), 60);
		expect(keys.length).toBe(truth.size);
	});

	it('a failure of the first window fails the poll by its cause and leaves the static data as it was', async () => {
		sim.control.setLimits({ report: [{ count: 1000, windowMs: 1000 }] });
		const clock = new VirtualClock([simOpen]);
		const rig = rigOn(clock, statistics({ reportRequestsPerSecond: 1000, reportRequestsPerMinute: 60000, reportRequestsPer15Minutes: 900000 }, { interval: 60, startFrom: new Date(NOON - 9 * HOUR).toISOString() }));
		rig.at(NOON);
		sim.control.injectFaults({ kind: 'reset', count: 5, match: 'agg-queue-stats' });
		const outcome = await clock.run(rig.poll());
		expect(outcome.error?.message).toMatch(/^Could not reach Engage Voice \(connection reset\) after 2 attempts/);
		// nothing was written: the next poll starts from Start From again
		expect(rig.nodeState()).toEqual({});
	});
});

describe('after a restart of n8n the budget starts from the static data (issue 14 item 8)', () => {
	it.each([
		['with the budget kept in static data', true],
		['(control: the same restart with the kept budget removed)', false],
	])('polls right after a restart meet no 429 %s', async (_what, keep) => {
		const clock = new VirtualClock([simOpen]);
		const rig = rigOn(clock, segments({ maxRetries: 0 }, { startFrom: new Date(NOON - 12 * HOUR).toISOString() }));
		let now = NOON;
		for (let poll = 0; poll < 6; poll++, now += MIN) {
			rig.at(now);
			expect((await clock.run(rig.poll())).error).toBeUndefined();
		}
		// n8n stops and starts again a minute later: the in-memory budget is gone
		now = Date.now() + MIN;
		rig.at(now);
		rateBudget.reset();
		if (!keep) {
			const state = rig.nodeState();
			delete state.budget;
			rig.workflow.staticData[`node:${rig.node.name}`] = state;
		}
		rig.restart();
		const before = sim.control.requestLog().length;
		const errors: string[] = [];
		for (let poll = 0; poll < 15; poll++, now += MIN) {
			rig.at(Math.max(now, Date.now()));
			const outcome = await clock.run(rig.poll());
			if (outcome.error) errors.push(outcome.error.message);
		}
		const after = sim.control.requestLog().slice(before).filter((entry) => /interaction-metadata/.test(entry.path));
		const tooMany = after.filter((entry) => entry.status === 429).length;
		console.log(`14.8 restart ${keep ? 'with' : 'without'} the kept budget: ${after.length} report requests in the 15 polls after it, ${tooMany} answered 429, ${errors.length} failed polls`);
		if (keep) {
			expect(tooMany).toBe(0);
			// it waited for the budget the previous process had used, then went on
			expect(after.length).toBeGreaterThan(0);
			expect(errors).toEqual([]);
		} else {
			expect(tooMany).toBeGreaterThan(0);
		}
	});
});

describe('two report triggers on one sub-account over a simulated day (issue 14 item 2)', () => {
	it('both make progress every hour, and the statistics trigger asks about once per closed interval', async () => {
		const clock = new VirtualClock([simOpen]);
		const segmentRig = rigOn(clock, segments(), 'workflow-segments');
		const statisticsRig = rigOn(clock, statistics(), 'workflow-statistics');
		const statisticsKey = budgetOf({ apiRoot: `${sim.url}/voice/api` }, 'report', sim.world.mainSubAccountId).key;
		expect(statisticsKey).toContain(sim.world.mainSubAccountId);
		const hours = 24;
		const progress = { segments: new Array<number>(hours).fill(0), statistics: new Array<number>(hours).fill(0) };
		const delivered = { segments: 0, statistics: 0 };
		const failures = { segments: 0, statistics: 0 };
		let previous = { segments: NaN, statistics: NaN };
		let tick = 0;
		for (let minute = 0; minute <= hours * 60; minute++) {
			const at = NOON + minute * MIN;
			if (Date.now() < at) {
				jest.setSystemTime(at);
				sim.control.setClock(at);
			}
			// the two polls run at once; which one asks first changes from minute to minute
			const rigs: Array<[keyof typeof progress, TriggerRig]> = [
				['segments', segmentRig],
				['statistics', statisticsRig],
			];
			if (tick++ % 3 === 1) rigs.reverse();
			const outcomes = await clock.run(Promise.all(rigs.map(([, rig]) => rig.poll())));
			rigs.forEach(([name, rig], i) => {
				const outcome = outcomes[i];
				if (outcome.error) failures[name]++;
				delivered[name] += outcome.items.length;
				const cursor = cursorOf(rig);
				if (minute > 0 && cursor > previous[name]) progress[name][Math.min(hours - 1, Math.floor(minute / 60))]++;
				previous = { ...previous, [name]: cursor };
			});
		}
		const allReports = sim.control.requestLog().filter((entry) => /agg-queue-stats|interaction-metadata/.test(entry.path));
		// a 401 (the token expired; n8n signs in again and sends once more) is not counted by the API
		const reportLog = allReports.filter((entry) => entry.status !== 401);
		const statisticsRequests = reportLog.filter((entry) => /agg-queue-stats/.test(entry.path)).length;
		const segmentRequests = reportLog.filter((entry) => /interaction-metadata/.test(entry.path)).length;
		const closed = hours * 4;
		const quietHours = (name: keyof typeof progress) => progress[name].filter((count) => count === 0).length;
		console.log(
			[
				`14.2 two triggers at one-minute polls on one sub-account, ${s((Date.now() - NOON) / HOUR * 1000)} simulated hours, limits 2/min and 9/15 min:`,
				`  segments:   ${segmentRequests} report requests, ${delivered.segments} segments delivered, cursor moved in ${hours - quietHours('segments')} of ${hours} hours, ${failures.segments} failed polls`,
				`  statistics: ${statisticsRequests} report requests for ${closed} closed 15-minute intervals (${(statisticsRequests / closed).toFixed(2)} per interval), ${delivered.statistics} rows delivered, cursor moved in ${hours - quietHours('statistics')} of ${hours} hours, ${failures.statistics} failed polls`,
				`  429 answers: ${reportLog.filter((entry) => entry.status === 429).length}; 401 answers to expired tokens, sent again after a new sign-in (not counted above): ${allReports.length - reportLog.length}`,
				`  cursor moves per hour, segments:   ${progress.segments.join(' ')}`,
				`  cursor moves per hour, statistics: ${progress.statistics.join(' ')}`,
			].join('\n'),
		);
		expect(quietHours('segments')).toBe(0);
		expect(quietHours('statistics')).toBe(0);
		expect(statisticsRequests).toBeLessThanOrEqual(2 * closed);
		expect(statisticsRequests).toBeGreaterThanOrEqual(closed - 4);
		expect(failures).toEqual({ segments: 0, statistics: 0 });
	});
});
