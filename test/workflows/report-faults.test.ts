/*
 * Reports under pressure: a 3-day range that must wait for the rate budget, 429 bursts with and
 * without Retry-After, 5xx pages, a token that expires in the middle of a range or between runs,
 * a malformed file. Whatever happens, the rows emitted equal the simulator's ground truth: none
 * lost, none twice. With "continue on fail" the rows of the windows that succeeded are kept and
 * the error item names the window that failed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import type { StatisticsReport } from '../helpers/reportTruth';
import {
	HOUR,
	expectSegmentsToMatchTruth,
	expectStatisticsToMatchTruth,
	reportRequests,
	rowsOf,
	segmentsTruth,
	statisticsTruth,
} from '../helpers/reportTruth';
import { reportParameters, runEngage, useFastLimit } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

const { parseLocalToUtc } = require('../simulator/timezone');

let sim: Simulator;
let creds: TestCredentialsHelper;
let sub: string;

useSimulator({ seed: 13, fastReports: true }, (s) => ({ sim, creds, mainSub: sub } = s));

const eastern = (wall: string) => parseLocalToUtc(wall, 'US/Eastern') as number;
/** 2026-11-10 00:00–24:00 US/Eastern: 8 statistics windows. */
const DAY = { start: '2026-11-10T00:00:00', end: '2026-11-11T00:00:00' };
const dayFrom = () => eastern('2026-11-10 00:00:00');
const statuses = () => reportRequests(sim).map((r) => r.status);

function expectDay(rows: IDataObject[], report: StatisticsReport = 'queueStats', interval = 30, family: 'cx' | 'classic' = 'cx') {
	expectStatisticsToMatchTruth(rows, statisticsTruth(sim, report, sub, dayFrom(), dayFrom() + 24 * HOUR, interval, family));
}

describe('rate budget', () => {
	it('a 3-day range waits for budget slots (20 per second) and gets no 429', async () => {
		useFastLimit(sim, 20);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', {
				start: '2026-11-09T00:00:00',
				end: '2026-11-12T00:00:00',
				interval: 60,
				options: { reportRequestsPerSecond: 20 },
			}),
		);
		expect(result.error).toBeUndefined();
		// 72 hours in 3-hour windows: more requests than one second of budget allows
		expect(statuses()).toEqual(Array(24).fill(200));
		const from = eastern('2026-11-09 00:00:00');
		expectStatisticsToMatchTruth(
			rowsOf(result.output('Engage Voice')),
			statisticsTruth(sim, 'queueStats', sub, from, from + 72 * HOUR, 60),
		);
	});

	it('a budget set too high meets 429s from the server, waits as told and still loses nothing', async () => {
		useFastLimit(sim, 5);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'agentStats', { ...DAY, interval: 30, options: { reportRequestsPerSecond: 50, maxRetries: 5 } }),
		);
		expect(result.error).toBeUndefined();
		expect(statuses()).toContain(429);
		expect(statuses().filter((s) => s === 200)).toHaveLength(8);
		expectDay(rowsOf(result.output('Engage Voice')), 'agentStats');
	});
});

describe('injected faults: rows equal the ground truth, none lost, none twice', () => {
	it.each<[string, IDataObject | IDataObject[]]>([
		['a 429 burst with Retry-After', { kind: '429', count: 3, after: 2, retryAfter: 1 }],
		['a 429 burst without Retry-After', { kind: '429', count: 3, after: 2, retryAfter: null }],
		['503 gateway pages', { kind: '503', count: 2, after: 4 }],
		['a 500 and a dropped connection', [{ kind: '500', count: 1, after: 1 }, { kind: 'reset', count: 1, after: 5 }]],
	])('%s', async (_name, fault) => {
		const faults = (Array.isArray(fault) ? fault : [fault]) as IDataObject[];
		sim.control.injectFaults(faults.map((f) => ({ match: '/agg-queue-stats', ...f })));
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { retryBackoffSeconds: 0.05 } }),
		);
		expect(result.error).toBeUndefined();
		expect(statuses().filter((s) => s === 200)).toHaveLength(8);
		expect(statuses().length).toBeGreaterThan(8);
		expectDay(rowsOf(result.output('Engage Voice')));
	});

	it('classic CSV files under 502s and 429s', async () => {
		sim.control.injectFaults([
			{ kind: '502', count: 2, after: 3, match: '/aggAgentExtendedStats' },
			{ kind: '429', count: 2, after: 6, match: '/aggAgentExtendedStats', retryAfter: null },
		]);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'agentExtendedStats', { ...DAY, interval: 30, apiFamily: 'classic', options: { retryBackoffSeconds: 0.05 } }),
		);
		expect(result.error).toBeUndefined();
		expectDay(rowsOf(result.output('Engage Voice')), 'agentExtendedStats', 30, 'classic');
	});

	it('a token that expires in the middle of the range: signs in again once and goes on', async () => {
		const result1 = await runEngage(creds, reportParameters(sim, 'queueStats', { start: '2026-11-09T00:00:00', end: '2026-11-09T03:00:00', interval: 30 }));
		expect(result1.error).toBeUndefined();
		const signInsBefore = creds.signIns.get('jwt') ?? 0;
		sim.control.clearLog();
		sim.control.injectFaults({ kind: 'expire', match: '/agg-', after: 3 });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
		expect(result.error).toBeUndefined();
		expect(creds.signIns.get('jwt')).toBe(signInsBefore + 1);
		expect(statuses()).toEqual([200, 200, 200, 401, ...Array(5).fill(200)]);
		expectDay(rowsOf(result.output('Engage Voice')));
	});

	it('a token that expired between runs (the clock moved on): the next run signs in again', async () => {
		const first = await runEngage(creds, reportParameters(sim, 'interactionMetadata', { start: '2026-11-10T09:00:00', end: '2026-11-10T11:00:00', returnAll: true }));
		expect(first.error).toBeUndefined();
		const signIns = creds.signIns.get('jwt') ?? 0;
		sim.control.advanceClock(6 * 60_000); // Engage tokens live 5 minutes
		sim.control.clearLog();
		const second = await runEngage(creds, reportParameters(sim, 'interactionMetadata', { start: '2026-11-10T09:00:00', end: '2026-11-10T13:00:00', returnAll: true }));
		expect(second.error).toBeUndefined();
		expect(creds.signIns.get('jwt')).toBe(signIns + 1);
		expect(statuses()[0]).toBe(401);
		expectSegmentsToMatchTruth(
			rowsOf(second.output('Engage Voice')),
			segmentsTruth(sim, sub, eastern('2026-11-10 09:00:00'), eastern('2026-11-10 13:00:00')),
		);
	});
});

describe('a window that fails', () => {
	const failThird = () => sim.control.injectFaults({ kind: '500', count: 10, after: 2, match: '/agg-queue-stats' });
	const parameters = () => reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { maxRetries: 1 } });

	it('stops the node with an error that names the window', async () => {
		failThird();
		const result = await runEngage(creds, parameters());
		expect(result.error?.message).toBe(
			'Engage Voice had a server error (HTTP 500) after 2 attempts (window 3 of 8: 2026-11-10 06:00–09:00 US/Eastern)',
		);
		expect(statuses()).toEqual([200, 200, 500, 500]);
	});

	it('continue on fail: keeps the rows of the windows that succeeded, then an error item naming the failed window', async () => {
		failThird();
		const result = await runEngage(creds, parameters(), { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const items = result.output('Engage Voice');
		const errorItem = items[items.length - 1];
		expect(errorItem.json).toEqual({
			error: 'Engage Voice had a server error (HTTP 500) after 2 attempts (window 3 of 8: 2026-11-10 06:00–09:00 US/Eastern)',
		});
		const error = errorItem.error as unknown as { description: string; context: IDataObject };
		expect(error.description).toMatch(/2 of 8 windows were read before this one .* run again with Start 2026-11-10T06:00:00-05:00\.$/);
		expect(error.context).toMatchObject({
			failedWindow: { index: 3, count: 8, start: '2026-11-10T06:00:00-05:00', end: '2026-11-10T09:00:00-05:00' },
			resumeFrom: '2026-11-10T06:00:00-05:00',
		});
		expectStatisticsToMatchTruth(
			rowsOf(items.slice(0, -1)),
			statisticsTruth(sim, 'queueStats', sub, dayFrom(), dayFrom() + 6 * HOUR, 30),
		);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('continue (using error output): rows on the main output, the error on the error output', async () => {
		failThird();
		const result = await runEngage(creds, parameters(), { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		expectStatisticsToMatchTruth(
			rowsOf(result.output('Engage Voice', 0)),
			statisticsTruth(sim, 'queueStats', sub, dayFrom(), dayFrom() + 6 * HOUR, 30),
		);
		const errors = result.output('Engage Voice', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/\(window 3 of 8: /);
	});

	it('a malformed body fails with the window named; continue on fail keeps the windows before it', async () => {
		sim.control.injectFaults({ kind: 'invalidJson', after: 1, match: '/agg-agent-stats' });
		const result = await runEngage(creds, reportParameters(sim, 'agentStats', { ...DAY, interval: 60 }), {
			onError: 'continueRegularOutput',
		});
		const items = result.output('Engage Voice');
		const errorItem = items[items.length - 1];
		expect(String(errorItem.json.error)).toContain('2026-11-10 03:00–06:00 US/Eastern');
		const error = errorItem.error as unknown as { description: string; context: IDataObject };
		// the answer is quoted from its start, so the user sees what came instead of the report
		expect(error.description).toContain('with something that is not the Agent Statistics report in JSON; it starts with "{\\"rows\\": [1, 2,, ]<html>');
		expect(error.context.failedWindow).toMatchObject({ index: 2 });
		expectStatisticsToMatchTruth(rowsOf(items.slice(0, -1)), statisticsTruth(sim, 'agentStats', sub, dayFrom(), dayFrom() + 3 * HOUR, 60));
	});

	it('a rate limit that does not clear within the retries is reported as such', async () => {
		sim.control.injectFaults({ kind: '429', count: 10, retryAfter: null, match: '/agg-queue-stats' });
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { maxRetries: 2, retryBackoffSeconds: 0.01 } }),
		);
		expect(result.error?.message).toBe(
			'Engage Voice rate limit reached after 3 attempts (window 1 of 8: 2026-11-10 00:00–03:00 US/Eastern)',
		);
		expect(result.error?.description).toMatch(/rate budget/);
	});
});
