import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { familyTarget } from '../../api/accounts';
import type { ReportFetch } from '../../api/reportWindow';
import { fetchReportWindow, planReportWindows } from '../../api/reportWindow';
import type { NormalisedRow, ReportName, ReportWindow } from '../../reports';
import { firstWindowStartMs, naturalKey, reportDefinition, rowTimeMs } from '../../reports';
import type { BudgetSnapshot, EngageConnection } from '../../transport';
import { budgetOf, callBoundsOf, callerOf, failureKindOf, rateBudget } from '../../transport';
import { fitsBefore, keepUp } from '../pollDeadline';
import {
	advance,
	fetchStartMs,
	keyHash,
	loadState,
	MAX_REMEMBERED_ROWS,
	RowMemory,
	rowFingerprint,
	serialiseState,
} from '../cursor';
import { serverClockFor } from '../serverClock';
import type { ReportSettings } from '../settings';

/*
 * The two report events (New Interaction Segments, Interval Statistics Closed) share this engine:
 * plan the windows from the unsettled lookback to now minus the safety lag (THE window planner),
 * fetch them oldest first through THE report pipeline (rate budget, parsers, normaliser), and
 * compare each row with the memory of rows already emitted. The events differ only in their
 * report and settings (settings.ts) and in how Fetch Test Event picks its sample.
 */

const iso = (ms: number) => new Date(ms).toISOString();

/** Rows per Fetch Test Event for segments. */
export const SEGMENT_SAMPLE_SIZE = 5;

/** The row fields compared between polls: not the key, not derived, not dateTimeFrom (a rendering of the key). */
export function comparedFields(report: ReportName): string[] {
	const definition = reportDefinition(report);
	return definition.fields
		.filter((field) => field.type !== 'derived' && !definition.naturalKey.includes(field.name) && field.name !== 'dateTimeFrom')
		.map((field) => field.name);
}

function outputItem(row: NormalisedRow, changeType: 'new' | 'updated', changedFields: string[]): INodeExecutionData {
	return { json: { changeType, changedFields, ...row } as IDataObject };
}

async function fetchSpec(ctx: IPollFunctions, settings: ReportSettings, connection: EngageConnection): Promise<ReportFetch> {
	const target = await familyTarget(ctx, { connection }, settings.family, settings.rcOverride);
	return {
		report: settings.report,
		family: settings.family,
		subAccountId: settings.subAccountId,
		rcAccountId: target.rcAccountId,
		intervalMinutes: settings.intervalMinutes,
		outputFormat: settings.outputFormat,
		outputTimeZone: settings.timeZone,
		maxAnswerBytes: settings.maxAnswerBytes,
		maxFieldChars: settings.maxFieldChars,
	};
}

function plan(ctx: IPollFunctions, settings: ReportSettings, startMs: number, nowMs: number): ReportWindow[] {
	if (nowMs - settings.safetyLagMs <= startMs) return [];
	return planReportWindows(
		ctx,
		{
			startMs,
			endMs: nowMs,
			nowMs,
			timeZone: settings.timeZone,
			kind: settings.kind,
			intervalMinutes: settings.intervalMinutes,
			maxWindowSeconds: settings.windowSeconds,
			safetyLagMs: settings.safetyLagMs,
		},
		{ parameters: 'Time Zone, Interval, Start From and the window length' },
	).windows;
}

/**
 * Failures that end a poll's reading without being errors of the API: the budget has no slot
 * before the poll's deadline. The next poll continues where this one stopped.
 */
const BUDGET_STOPS = new Set(['deadline', 'budgetWait']);

/** What the error was, in a few words, for the warning of a poll that kept part of its windows. */
function describeFailure(error: unknown): string {
	const message = (error as Error)?.message ?? String(error);
	const description = (error as { description?: string })?.description;
	return description ? `${message}: ${description}` : message;
}

export interface ReportPollResult {
	items: INodeExecutionData[];
	/** The static data to keep (written by the caller only because the poll succeeded). */
	state: IDataObject;
	/** Windows planned and fetched, and whether the poll stopped before the last one. */
	planned: number;
	fetched: number;
	stoppedEarly: boolean;
}

/**
 * One poll in trigger mode. When the first window fails, it throws (NodeApiError, named by its
 * cause) and the state is not written. When a later window fails, the poll keeps what completed:
 * it emits the rows of the windows before it, moves the cursor to the end of the last one and logs
 * the failure; the next poll starts at the failed window. Nothing is emitted twice.
 */
export async function pollReportEvent(
	ctx: IPollFunctions,
	settings: ReportSettings,
	connection: EngageConnection,
	stored: IDataObject,
): Promise<ReportPollResult> {
	const startedMs = Date.now();
	const budget = budgetOf(connection, 'report', settings.subAccountId, settings.transport);
	// After a restart of n8n the budget knows nothing sent before: the static data does (14.8).
	rateBudget.restore(budget.key, budget.limits, stored.budget as BudgetSnapshot | undefined, startedMs);
	// Windows are planned on the API's clock, which refuses them within 5 minutes of its own now.
	const clock = await serverClockFor(ctx, connection, settings, stored.clock);
	const serverNowMs = clock.now(startedMs);
	const { state, origin } = loadState(stored, {
		stream: settings.stream,
		variant: settings.variant,
		startFromMs: settings.startFromMs,
		startFromExpression: settings.startFromExpression,
		nowMs: serverNowMs,
	});
	if (origin !== 'continue') {
		ctx.logger.info(
			`Engage Voice Trigger: ${origin === 'changed' ? 'API family or time zone changed, continuing' : 'starting'} at ${iso(state.cursorMs)}`,
		);
	}

	let windows = plan(ctx, settings, fetchStartMs(state), serverNowMs);
	// Statistics ask only when an interval closed since the last read: the lookback is read again
	// with it, so a revision inside the lookback is still seen, at one request per closed interval.
	if (settings.kind === 'statistics' && origin === 'continue' && windows.every((window) => window.endMs <= state.cursorMs)) {
		windows = [];
	}
	const bounds = callBoundsOf(ctx);
	const deadlineMs = bounds.deadlineMs ?? Infinity;
	const reserveMs = bounds.reserveMs ?? 0;
	const caller = callerOf(ctx);
	const compared = comparedFields(settings.report);
	const memory = new RowMemory(state.seen, state.floorMs);
	const items: INodeExecutionData[] = [];
	let completedEndMs: number | undefined;
	let fetched = 0;
	const spec = windows.length ? await fetchSpec(ctx, settings, connection) : undefined;
	let failure: unknown;
	let budgetStop = false;

	for (const window of windows) {
		const nowMs = Date.now();
		const waitMs = rateBudget.delayFor(budget.key, budget.limits, nowMs, caller);
		if (!fitsBefore(nowMs, waitMs, reserveMs, deadlineMs)) {
			budgetStop = true;
			break;
		}
		let result;
		try {
			// the transport keeps every wait of the request inside the poll's deadline (its call bounds)
			result = await fetchReportWindow(ctx, connection, spec!, window, settings.transport);
		} catch (error) {
			if (BUDGET_STOPS.has(failureKindOf(error) ?? '')) {
				budgetStop = true;
				break;
			}
			// nothing completed: the poll fails and its static data stays as it was (the transport's
			// NodeApiError or the parser's NodeOperationError, as it came)
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (!fetched) throw error;
			failure = error;
			break;
		}
		clock.observe(result.answeredAt, Date.now());
		for (const row of result.rows) {
			const key = keyHash(naturalKey(settings.report, row));
			const fingerprint = rowFingerprint(compared.map((field) => row[field]));
			// a row without a readable time counts as early as its window for the floor, as late for pruning
			const atMs = rowTimeMs(settings.report, row);
			const sighting = memory.check(key, fingerprint, atMs ?? window.startMs);
			if (sighting.status === 'forgotten') continue;
			if (sighting.status === 'new') items.push(outputItem(row, 'new', []));
			else if (sighting.status === 'updated' && settings.emitUpdates) {
				items.push(outputItem(row, 'updated', sighting.changed.map((i) => compared[i])));
			}
			memory.remember(key, fingerprint, atMs ?? window.endMs);
		}
		completedEndMs = window.endMs;
		fetched++;
	}

	const { cursorMs, settledMs } = advance(state, {
		completedEndMs,
		nowMs: serverNowMs,
		safetyLagMs: settings.safetyLagMs,
		lookbackMs: settings.lookbackMs,
	});
	// A later poll reads from `settled` on, in windows that start where the planner puts them.
	const rereadFromMs = firstWindowStartMs({ startMs: settledMs, timeZone: settings.timeZone, kind: settings.kind, intervalMinutes: settings.intervalMinutes });
	memory.prune(rereadFromMs - 1000);
	const forgotten = memory.enforceCap();
	if (forgotten) {
		ctx.logger.warn(
			`Engage Voice Trigger: more rows in the lookback than the ${MAX_REMEMBERED_ROWS} it remembers; forgot the ${forgotten} oldest. Rows from ${iso(memory.floorMs ?? 0)} or earlier that show up for the first time will not be delivered. Shorten the lookback to avoid this.`,
		);
	}

	const stoppedEarly = fetched < windows.length;
	if (budgetStop) {
		// Fairness: this trigger will ask again at its next poll; callers that used more of the
		// budget meanwhile leave it a slot (rateBudget.ts).
		rateBudget.claim(budget.key, caller, Date.now(), Date.now() + 2 * (settings.pollIntervalMs ?? 60_000) + (deadlineMs - startedMs));
	}
	if (failure) {
		ctx.logger.error(
			`Engage Voice Trigger: window ${fetched + 1} of ${windows.length} failed; kept the ${fetched} before it (cursor at ${iso(cursorMs)}), the next poll starts there. ${describeFailure(failure)}`,
		);
	} else if (stoppedEarly) {
		const pace = keepUp(settings.pollIntervalMs, settings.lookbackMs, settings.windowSeconds * 1000, budget.limits);
		ctx.logger.warn(
			`Engage Voice Trigger: fetched ${fetched} of ${windows.length} windows within this poll's time and rate budget; the cursor stays at ${iso(cursorMs)} and the next poll continues.${
				pace.keepsUp === false
					? ` The poll interval is too short for the report budget: it sustains one poll every ${Math.ceil(pace.shortestIntervalMs / 1000)} s or longer.`
					: ''
			}`,
		);
	}

	return {
		items,
		state: {
			...serialiseState({ ...state, cursorMs, settledMs, seen: memory.seen, floorMs: memory.floorMs }),
			clock: clock.serialise(),
			// when this trigger last used the budget, for a restarted n8n (rateBudget.restore)
			budget: rateBudget.snapshot(budget.key, budget.limits, Date.now()) as unknown as IDataObject,
		},
		planned: windows.length,
		fetched,
		stoppedEarly,
	};
}

/** Fetch Test Event: the newest rows of the most recent window; static data is not read or written. */
export async function sampleReportEvent(
	ctx: IPollFunctions,
	settings: ReportSettings,
	connection: EngageConnection,
): Promise<INodeExecutionData[]> {
	const clock = await serverClockFor(ctx, connection, settings, undefined);
	const nowMs = clock.now(Date.now());
	const span = settings.windowSeconds * 1000 + settings.safetyLagMs + (settings.intervalMinutes ?? 0) * 60_000;
	const windows = plan(ctx, settings, nowMs - span, nowMs);
	const window = windows[windows.length - 1];
	if (!window) {
		throw new NodeOperationError(ctx.getNode(), 'No complete window to sample yet', {
			description: 'Try again in a few minutes.',
		});
	}
	const spec = await fetchSpec(ctx, settings, connection);
	const { rows } = await fetchReportWindow(ctx, connection, spec, window, settings.transport);
	let sample: NormalisedRow[];
	if (settings.kind === 'statistics') {
		const starts = rows.map((row) => Date.parse(String(row.intervalStart ?? ''))).filter((ms) => !Number.isNaN(ms));
		const latest = Math.max(...starts);
		sample = rows.filter((row) => Date.parse(String(row.intervalStart ?? '')) === latest);
	} else {
		sample = rows.slice(-SEGMENT_SAMPLE_SIZE);
	}
	if (!sample.length) {
		const what = settings.kind === 'statistics' ? 'statistics rows' : 'completed segments';
		throw new NodeOperationError(ctx.getNode(), `No ${what} between ${iso(window.startMs)} and ${iso(window.endMs)}`, {
			description:
				'Fetch Test Event looks at the most recent complete window only. Try again when there was traffic, or activate the workflow: polls deliver every new row.',
		});
	}
	return sample.map((row) => outputItem(row, 'new', []));
}
