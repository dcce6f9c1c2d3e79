import type { IDataObject } from 'n8n-workflow';

import type { RateLimit } from './rateBudget';
import type { TransportOptions } from './request';

/**
 * The transport settings a node's Options collection may carry (report rate budget, retries),
 * read the same way by the action node and the trigger. Budget values that are set replace the
 * report defaults as a whole (2 per minute and 9 per 15 minutes).
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
		result.backoffBaseMs = Number(options.retryBackoffSeconds) * 1000;
		result.reportBackoffBaseMs = Number(options.retryBackoffSeconds) * 1000;
	}
	return result;
}
