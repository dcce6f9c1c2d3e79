import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { familyTarget } from '../api/accounts';
import type { AnswerTime } from '../api/answerTime';
import { listQueueGroups } from '../api/directory';
import type { EngageConnection } from '../transport';
import type { ReportSettings } from './settings';

/*
 * The API's clock, as the report events plan on it: the API refuses a window that ends within 5
 * minutes of ITS now, and rows show up by ITS clock, so "now" in a poll is n8n's clock plus the
 * offset between the two. Every report answer's `Date` header measures the offset again; when the
 * last measurement is missing or older than an hour, the poll first lists the sub-account's queue
 * groups in the report's API family (one admin request) to measure it.
 *
 * An answer dated D (whole seconds, rounded down) that arrived at n8n time R was made when the API's
 * clock read at least D, so at R it read at least D: D − R is a lower bound of the offset, short by
 * up to a second plus the time the answer took. Planning on a lower bound keeps every window at least
 * the safety lag before the API's now, and settles data no earlier than the API's clock allows.
 */

/** A measurement older than this is taken again before the poll plans. */
export const CLOCK_REFRESH_MS = 60 * 60_000;

export class ServerClock {
	/** API clock minus n8n's, ms (a lower bound); undefined when the API sends no Date header. */
	offsetMs: number | undefined;

	/** n8n's clock at the last measurement. */
	measuredAtMs: number | undefined;

	private measuredThisPoll = false;

	constructor(offsetMs?: number, measuredAtMs?: number) {
		this.offsetMs = offsetMs;
		this.measuredAtMs = measuredAtMs;
	}

	/** From the node's static data (`clock: { offset, at }`); unreadable means not measured. */
	static read(stored: unknown): ServerClock {
		const value = stored as IDataObject | undefined;
		const at = typeof value?.at === 'string' ? Date.parse(value.at) : NaN;
		if (Number.isNaN(at)) return new ServerClock();
		const offset = value?.offset;
		return new ServerClock(typeof offset === 'number' && Number.isFinite(offset) ? offset : undefined, at);
	}

	serialise(): IDataObject | undefined {
		if (this.measuredAtMs === undefined) return undefined;
		return {
			...(this.offsetMs === undefined ? {} : { offset: this.offsetMs }),
			at: new Date(this.measuredAtMs).toISOString(),
		};
	}

	/** Whether to measure before planning: never measured, measured over an hour ago, or n8n's clock went back. */
	needsMeasuring(localMs: number): boolean {
		return this.measuredAtMs === undefined || localMs - this.measuredAtMs >= CLOCK_REFRESH_MS || localMs < this.measuredAtMs;
	}

	/**
	 * Takes one answer's time. The first answer of a poll replaces what earlier polls measured (n8n's
	 * clock may have been set since); later ones keep the tightest lower bound.
	 */
	observe(time: AnswerTime | undefined, receivedMs: number): void {
		this.measuredAtMs = time?.receivedMs ?? receivedMs;
		if (!time) return;
		const offset = time.serverMs - time.receivedMs;
		this.offsetMs = this.measuredThisPoll && this.offsetMs !== undefined ? Math.max(this.offsetMs, offset) : offset;
		this.measuredThisPoll = true;
	}

	/** The API's now at n8n time `localMs` (n8n's own clock when the API states no time). */
	now(localMs: number): number {
		return localMs + (this.offsetMs ?? 0);
	}
}

/** Measures the API's clock with one admin request of the report's API family: the sub-account's queue groups. */
export async function measureServerClock(
	ctx: IPollFunctions,
	connection: EngageConnection,
	settings: ReportSettings,
	clock: ServerClock,
): Promise<void> {
	const target = await familyTarget(ctx, { connection }, settings.family, settings.rcOverride);
	const call = { connection, transport: settings.transport, onAnswer: (time: AnswerTime | undefined) => clock.observe(time, Date.now()) };
	await listQueueGroups(ctx, call, target, settings.subAccountId);
}

/** The API's clock for a poll: the one in static data, measured again when it is missing or old. */
export async function serverClockFor(
	ctx: IPollFunctions,
	connection: EngageConnection,
	settings: ReportSettings,
	stored: unknown,
): Promise<ServerClock> {
	const clock = ServerClock.read(stored);
	if (clock.needsMeasuring(Date.now())) await measureServerClock(ctx, connection, settings, clock);
	return clock;
}
