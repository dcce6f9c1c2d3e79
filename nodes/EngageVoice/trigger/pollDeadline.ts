import type { RateLimit } from '../transport';

/*
 * Time and request budgets of one poll. Pure; unit-tested. The request budget itself is the
 * transport's (rateBudget): the poll asks it how long the next request would wait and stops before
 * a wait would run past the poll's deadline.
 */

/** A poll's own time budget when neither the option nor the poll schedule says otherwise. */
export const DEFAULT_POLL_BUDGET_MS = 50_000;
/** Share of the poll interval a poll may use, so that polls do not overlap. */
export const POLL_INTERVAL_SHARE = 0.8;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface PollTimeItem {
	mode?: string;
	value?: number | string;
	unit?: string;
}

/**
 * The shortest interval of n8n's "Poll Times" (the injected `pollTimes` parameter), when it can be
 * told without reading a cron expression; undefined for custom cron schedules or no schedule.
 */
export function pollIntervalMs(pollTimes: unknown): number | undefined {
	const items = (pollTimes as { item?: PollTimeItem[] } | undefined)?.item;
	if (!Array.isArray(items) || !items.length) return undefined;
	let shortest: number | undefined;
	for (const item of items) {
		let ms: number | undefined;
		switch (item?.mode) {
			case 'everyMinute':
				ms = MINUTE;
				break;
			case 'everyHour':
				ms = HOUR;
				break;
			case 'everyDay':
				ms = 24 * HOUR;
				break;
			case 'everyWeek':
				ms = 7 * 24 * HOUR;
				break;
			case 'everyMonth':
				ms = 28 * 24 * HOUR;
				break;
			case 'everyX': {
				const value = Number(item.value);
				if (Number.isFinite(value) && value > 0) ms = value * (item.unit === 'minutes' ? MINUTE : HOUR);
				break;
			}
			default:
				return undefined;
		}
		if (ms === undefined) return undefined;
		shortest = shortest === undefined ? ms : Math.min(shortest, ms);
	}
	return shortest;
}

/** Report requests one poll needs in live operation: the lookback plus one poll interval, in windows. */
export function requestsPerPoll(lookbackMs: number, intervalMs: number, windowMs: number): number {
	return Math.max(1, Math.ceil((lookbackMs + intervalMs) / windowMs));
}

/** The shortest poll interval the rate limits sustain when each poll sends `requests` requests. */
export function shortestSustainableIntervalMs(requests: number, limits: readonly RateLimit[]): number {
	let shortest = 0;
	for (const limit of limits) {
		if (limit.count > 0) shortest = Math.max(shortest, (requests * limit.windowMs) / limit.count);
	}
	return Math.ceil(shortest);
}

export interface KeepUp {
	/** Whether the chosen poll interval is sustainable; undefined when the interval is unknown. */
	keepsUp: boolean | undefined;
	requestsPerPoll: number;
	shortestIntervalMs: number;
}

/**
 * Whether polls at `intervalMs` can keep up with new data under the report limits. The shortest
 * sustainable interval is found by fixed point: a longer interval needs more windows per poll.
 */
export function keepUp(
	intervalMs: number | undefined,
	lookbackMs: number,
	windowMs: number,
	limits: readonly RateLimit[],
): KeepUp {
	let shortestIntervalMs = shortestSustainableIntervalMs(1, limits);
	for (let i = 0; i < 20; i++) {
		const next = shortestSustainableIntervalMs(requestsPerPoll(lookbackMs, shortestIntervalMs, windowMs), limits);
		if (next <= shortestIntervalMs) break;
		shortestIntervalMs = next;
	}
	if (intervalMs === undefined) {
		return { keepsUp: undefined, requestsPerPoll: requestsPerPoll(lookbackMs, shortestIntervalMs, windowMs), shortestIntervalMs };
	}
	const requests = requestsPerPoll(lookbackMs, intervalMs, windowMs);
	return {
		keepsUp: shortestSustainableIntervalMs(requests, limits) <= intervalMs,
		requestsPerPoll: requests,
		shortestIntervalMs,
	};
}

export interface DeadlineInput {
	startMs: number;
	/** The "Max Poll Duration" option, ms; 0 or undefined = automatic. */
	maxPollMs?: number;
	/** From the poll schedule, when known. */
	intervalMs?: number;
	/** n8n's `getPollBudgetMs()`, when the engine offers it. */
	engineBudgetMs?: number;
}

/** When this poll must be done: its own budget, within n8n's poll budget (minus a margin). */
export function pollDeadline(input: DeadlineInput): number {
	const own =
		input.maxPollMs && input.maxPollMs > 0
			? input.maxPollMs
			: input.intervalMs
				? Math.max(5_000, input.intervalMs * POLL_INTERVAL_SHARE)
				: DEFAULT_POLL_BUDGET_MS;
	let budget = own;
	if (input.engineBudgetMs && input.engineBudgetMs > 0) {
		const margin = Math.min(30_000, input.engineBudgetMs * 0.1);
		budget = Math.min(budget, input.engineBudgetMs - margin);
	}
	return input.startMs + Math.max(0, budget);
}

/** Time kept free before the deadline for the request itself to complete. */
export function requestReserveMs(startMs: number, deadlineMs: number): number {
	return Math.min(10_000, Math.max(0, deadlineMs - startMs) * 0.1);
}

/** Whether a request that must first wait `waitMs` for the rate budget still fits before the deadline. */
export function fitsBefore(nowMs: number, waitMs: number, reserveMs: number, deadlineMs: number): boolean {
	return nowMs + waitMs + reserveMs <= deadlineMs;
}
