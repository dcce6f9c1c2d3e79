import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { EngageVoiceTrigger } from '../../../nodes/EngageVoice/EngageVoiceTrigger.node';
import { DEFAULT_LIMITS } from '../../../nodes/EngageVoice/transport';
import {
	DEFAULT_POLL_BUDGET_MS,
	fitsBefore,
	keepUp,
	pollDeadline,
	pollIntervalMs,
	requestReserveMs,
	requestsPerPoll,
	shortestSustainableIntervalMs,
} from '../../../nodes/EngageVoice/trigger/pollDeadline';

const MIN = 60_000;

describe('trigger poll budget', () => {
	it('reads the poll interval from n8n Poll Times (not from cron expressions)', () => {
		expect(pollIntervalMs({ item: [{ mode: 'everyMinute' }] })).toBe(MIN);
		expect(pollIntervalMs({ item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] })).toBe(5 * MIN);
		expect(pollIntervalMs({ item: [{ mode: 'everyX', value: 2, unit: 'hours' }] })).toBe(120 * MIN);
		expect(pollIntervalMs({ item: [{ mode: 'everyHour' }, { mode: 'everyX', value: 10, unit: 'minutes' }] })).toBe(10 * MIN);
		expect(pollIntervalMs({ item: [{ mode: 'custom', cronExpression: '*/5 * * * *' }] })).toBeUndefined();
		expect(pollIntervalMs(undefined)).toBeUndefined();
		expect(pollIntervalMs({ item: [] })).toBeUndefined();
	});

	it('knows which poll intervals the default report budget sustains (2/min, 9/15 min)', () => {
		const limits = DEFAULT_LIMITS.report;
		expect(requestsPerPoll(30 * MIN, 5 * MIN, 60 * MIN)).toBe(1);
		expect(requestsPerPoll(30 * MIN, 45 * MIN, 60 * MIN)).toBe(2);
		// one request per poll: 9 per 15 minutes = one every 100 s
		expect(shortestSustainableIntervalMs(1, limits)).toBe(100_000);
		const segmentsEveryMinute = keepUp(MIN, 30 * MIN, 60 * MIN, limits);
		expect(segmentsEveryMinute).toEqual({ keepsUp: false, requestsPerPoll: 1, shortestIntervalMs: 100_000 });
		expect(keepUp(2 * MIN, 30 * MIN, 60 * MIN, limits).keepsUp).toBe(true);
		expect(keepUp(5 * MIN, 30 * MIN, 60 * MIN, limits).keepsUp).toBe(true);
		// statistics: 3-hour windows, lookback of two 15-minute intervals
		expect(keepUp(15 * MIN, 30 * MIN, 180 * MIN, limits).keepsUp).toBe(true);
		expect(keepUp(undefined, 30 * MIN, 60 * MIN, limits).keepsUp).toBeUndefined();
	});

	it('a poll ends within its own budget and within n8n’s poll budget', () => {
		expect(pollDeadline({ startMs: 0 })).toBe(DEFAULT_POLL_BUDGET_MS);
		expect(pollDeadline({ startMs: 0, intervalMs: 5 * MIN })).toBe(4 * MIN);
		expect(pollDeadline({ startMs: 0, intervalMs: 60 * MIN, engineBudgetMs: 5 * MIN })).toBe(4.5 * MIN);
		expect(pollDeadline({ startMs: 0, maxPollMs: 30_000, intervalMs: 60 * MIN })).toBe(30_000);
		expect(pollDeadline({ startMs: 0, maxPollMs: 30_000, engineBudgetMs: 20_000 })).toBe(18_000);
		expect(requestReserveMs(0, 4 * MIN)).toBe(10_000);
		expect(requestReserveMs(0, 30_000)).toBe(3_000);
		expect(fitsBefore(0, 59_000, 3_000, 30_000)).toBe(false);
		expect(fitsBefore(0, 0, 3_000, 30_000)).toBe(true);
	});

	it('the node says so when Poll Times is every minute', () => {
		const trigger = new EngageVoiceTrigger();
		const { description } = trigger;
		const shown = (parameters: Record<string, unknown>) =>
			description.properties
				.filter((p: INodeProperties) => p.type === 'notice')
				.filter((p) => NodeHelpers.displayParameter(parameters as never, p, null, description))
				.map((p) => p.name);
		const base = { event: 'newInteractionSegments' };
		expect(shown({ ...base, pollTimes: { item: [{ mode: 'everyMinute' }] } })).toEqual(['budgetNotice', 'everyMinuteNotice']);
		expect(shown({ ...base, pollTimes: { item: [{ mode: 'everyX', value: 1, unit: 'minutes' }] } })).toEqual(['budgetNotice', 'everyXMinuteNotice']);
		expect(shown({ ...base, pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] } })).toEqual(['budgetNotice']);
		expect(shown({ event: 'rosterChanged', pollTimes: { item: [{ mode: 'everyMinute' }] } })).toEqual(['rosterNotice']);
	});
});
