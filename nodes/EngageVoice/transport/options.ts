import type { IDataObject } from 'n8n-workflow';

import type { RateLimit } from './rateBudget';
import type { TransportOptions } from './request';

/*
 * The settings a node's Options collection may carry, read the same way by the action node and
 * the trigger: the report rate budget, retries and the bounds on every wait. parameters/properties.ts
 * describes them (with their defaults, which are the transport's and the planner's).
 */

const secondsToMs = (value: unknown) => Math.round(Number(value) * 1000);

/**
 * Budget values that are set replace the report defaults as a whole (2 per minute and 9 per 15
 * minutes). Timeout, Max Retry-After Wait and Max Rate Budget Wait bound the waits of one request.
 */
export function transportOptionsFrom(options: IDataObject): TransportOptions {
	const result: TransportOptions = {};
	const limits: RateLimit[] = [];
	const perSecond = Number(options.reportRequestsPerSecond ?? 0);
	const perMinute = Number(options.reportRequestsPerMinute ?? 0);
	const perQuarter = Number(options.reportRequestsPer15Minutes ?? 0);
	if (perSecond > 0) limits.push({ count: perSecond, windowMs: 1_000 });
	if (perMinute > 0) limits.push({ count: perMinute, windowMs: 60_000 });
	if (perQuarter > 0) limits.push({ count: perQuarter, windowMs: 15 * 60_000 });
	if (limits.length) result.limits = { report: limits };
	const processes = Number(options.processesSharingBudget ?? 1);
	if (processes > 1) result.processesSharingBudget = Math.floor(processes);
	if (options.maxRetries !== undefined) result.maxRetries = Number(options.maxRetries);
	if (options.retryBackoffSeconds !== undefined) {
		result.backoffBaseMs = secondsToMs(options.retryBackoffSeconds);
		result.reportBackoffBaseMs = secondsToMs(options.retryBackoffSeconds);
	}
	if (Number(options.timeoutSeconds) > 0) result.timeoutMs = secondsToMs(options.timeoutSeconds);
	if (options.maxRetryAfterSeconds !== undefined) result.maxRetryAfterMs = secondsToMs(options.maxRetryAfterSeconds);
	if (options.maxBudgetWaitSeconds !== undefined) result.maxBudgetWaitMs = secondsToMs(options.maxBudgetWaitSeconds);
	return result;
}

/** The longest a report call may take when an AI agent runs the node as a tool (Options). */
export const DEFAULT_MAX_TOOL_CALL_MS = 40_000;

/** Bounds on the work of one report run: request windows, and the time of a tool call. */
export interface ReportRunLimits {
	maxWindows?: number;
	maxToolCallMs: number;
}

export function reportRunLimitsFrom(options: IDataObject): ReportRunLimits {
	return {
		maxWindows: Number(options.maxWindows) > 0 ? Math.floor(Number(options.maxWindows)) : undefined,
		maxToolCallMs: Number(options.maxToolCallSeconds) > 0 ? secondsToMs(options.maxToolCallSeconds) : DEFAULT_MAX_TOOL_CALL_MS,
	};
}
