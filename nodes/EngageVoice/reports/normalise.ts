import { columnPlan, type ColumnPlan, type FieldSource } from './columnMapping';
import { CLASSIC_DATE, CLASSIC_TIME, reportDefinition, type ApiFamily, type ReportName } from './definitions';
import { classicDateTimeFrom, dateTimeFromToWall } from './reportDateTime';
import { toIsoWithOffset, wallTimeToUtc } from './timeZone';
import { convertValue, isBlank } from './values';
import type { ReportWindow } from './windowPlanner';
import { isIntervalMinutes } from './windowSizes';

/**
 * THE field normaliser (decision 2): rows of both API families, in any spelling, become one
 * camelCase schema per report, with every field of definitions.ts present (null when missing) and
 * in its order. Statistics rows gain `intervalStart`/`intervalEnd` (ISO 8601 with the output
 * zone's offset); every row gains `subAccountId` and the `window` it was requested in.
 */

export interface NormaliseContext {
	family: ApiFamily;
	/** The zone the window was requested in (`window.requestTimeZone`): `dateTimeFrom` is wall time there. */
	requestTimeZone: string;
	/** The zone of the ISO timestamps the row gets (`intervalStart`, `window`). */
	outputTimeZone: string;
	subAccountId: string;
	window: Pick<ReportWindow, 'startMs' | 'endMs'>;
	/** Interval length to use when the row's `interval` is missing or unreadable. */
	intervalMinutes?: number;
	/** Prefix `'` to text a spreadsheet would run as a formula. */
	spreadsheetSafe?: boolean;
}

export type NormalisedRow = Record<string, unknown>;

const MINUTE_MS = 60_000;

// Bounded memo: a 100,000-row file has a few hundred distinct interval starts, and Intl is slow.
const MEMO_LIMIT = 20_000;
const isoMemo = new Map<string, string>();

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
	let value = memo.get(key);
	if (value === undefined) {
		value = compute();
		if (memo.size >= MEMO_LIMIT) memo.clear();
		memo.set(key, value);
	}
	return value;
}

function isoAt(ms: number, zone: string): string {
	return remember(isoMemo, `${zone}\u0000${ms}`, () => toIsoWithOffset(ms, zone));
}

/**
 * The row's `interval` in minutes: the examples send 60 for an hour (§9.1 keeps the unit open),
 * so 15/30/45/60 are minutes and 900/1800/2700/3600 are read as seconds.
 */
function intervalLengthMinutes(interval: unknown, fallback: number | undefined): number | undefined {
	if (typeof interval === 'number') {
		if (isIntervalMinutes(interval)) return interval;
		if (isIntervalMinutes(interval / 60)) return interval / 60;
	}
	return fallback;
}

/** A raw row: a record keyed by column or property name (JSON, XML), or a CSV row's cells in header order. */
type Cells = Readonly<Record<string, unknown>> | readonly unknown[];

function cell(cells: Cells, source: FieldSource, byIndex: boolean): unknown {
	return byIndex
		? (cells as readonly unknown[])[source.index]
		: (cells as Readonly<Record<string, unknown>>)[source.key];
}

/** The first of a field's sources (best first) whose value is not empty. */
function pick(sources: readonly FieldSource[] | undefined, cells: Cells, byIndex: boolean): FieldSource | undefined {
	if (!sources) return undefined;
	for (let s = 0; s < sources.length; s++) {
		if (!isBlank(cell(cells, sources[s], byIndex))) return sources[s];
	}
	return undefined;
}

// Every row of a window carries the same window: format it once per window and zone.
let lastWindow: { window: object; zone: string; start: string; end: string } | undefined;

function windowOut(ctx: NormaliseContext): { start: string; end: string } {
	if (!lastWindow || lastWindow.window !== ctx.window || lastWindow.zone !== ctx.outputTimeZone) {
		lastWindow = {
			window: ctx.window,
			zone: ctx.outputTimeZone,
			start: isoAt(ctx.window.startMs, ctx.outputTimeZone),
			end: isoAt(ctx.window.endMs, ctx.outputTimeZone),
		};
	}
	// A copy per row: rows must not share an object a later node could change.
	return { start: lastWindow.start, end: lastWindow.end };
}

const classicDateMemo = new Map<string, string>();
// Rows come grouped by interval: the last date and time seen are the likeliest next ones.
let lastClassic: { dateFrom: unknown; time: unknown; value: string } | undefined;

/** Classic `date_from` + `time (H24:MI)` → `dateTimeFrom` (CX form when readable, else as given). */
function classicDateTime(dateFrom: unknown, time: unknown): string {
	if (lastClassic && lastClassic.dateFrom === dateFrom && lastClassic.time === time) return lastClassic.value;
	const dateText = String(dateFrom);
	const timeText = time === undefined ? undefined : String(time);
	const value = remember(
		classicDateMemo,
		`${dateText}\u0000${timeText ?? ''}`,
		() => classicDateTimeFrom(dateText, timeText) ?? [dateText, timeText].filter(Boolean).join(' '),
	);
	lastClassic = { dateFrom, time, value };
	return value;
}

interface IntervalBounds {
	start: string | null;
	end: string | null;
}

const intervalMemo = new Map<string, IntervalBounds>();
// Rows come grouped by interval (every queue of one interval, then the next): try the last one first.
let lastInterval:
	| {
			dateTimeFrom: string;
			minutes: number | undefined;
			windowEndMs: number;
			requestZone: string;
			outputZone: string;
			bounds: IntervalBounds;
	  }
	| undefined;

/**
 * An interval ends `minutes` after it starts, or at the end of its window when the window is cut
 * shorter (a 60-minute interval that a 30-minute daylight-saving shift cuts in two), so that the
 * intervals of one queue never overlap.
 */
function intervalBounds(dateTimeFrom: string, minutes: number | undefined, ctx: NormaliseContext): IntervalBounds {
	const last = lastInterval;
	if (
		last &&
		last.dateTimeFrom === dateTimeFrom &&
		last.minutes === minutes &&
		last.windowEndMs === ctx.window.endMs &&
		last.requestZone === ctx.requestTimeZone &&
		last.outputZone === ctx.outputTimeZone
	) {
		return last.bounds;
	}
	const key = `${ctx.requestTimeZone}\u0000${ctx.outputTimeZone}\u0000${minutes ?? ''}\u0000${ctx.window.endMs}\u0000${dateTimeFrom}`;
	const bounds = remember(intervalMemo, key, () => {
		const wall = dateTimeFromToWall(dateTimeFrom);
		if (!wall) return { start: null, end: null };
		const startMs = wallTimeToUtc(wall, ctx.requestTimeZone);
		const endMs = startMs + (minutes ?? 0) * MINUTE_MS;
		return {
			start: toIsoWithOffset(startMs, ctx.outputTimeZone),
			end:
				minutes === undefined
					? null
					: toIsoWithOffset(startMs < ctx.window.endMs ? Math.min(endMs, ctx.window.endMs) : endMs, ctx.outputTimeZone),
		};
	});
	lastInterval = {
		dateTimeFrom,
		minutes,
		windowEndMs: ctx.window.endMs,
		requestZone: ctx.requestTimeZone,
		outputZone: ctx.outputTimeZone,
		bounds,
	};
	return bounds;
}

function fillStatistics(
	row: NormalisedRow,
	plan: ColumnPlan,
	cells: Cells,
	byIndex: boolean,
	ctx: NormaliseContext,
): void {
	if (row.dateTimeFrom === null) {
		const dateFrom = pick(plan.sources.get(CLASSIC_DATE), cells, byIndex);
		const time = pick(plan.sources.get(CLASSIC_TIME), cells, byIndex);
		if (dateFrom)
			row.dateTimeFrom = classicDateTime(cell(cells, dateFrom, byIndex), time && cell(cells, time, byIndex));
	}
	if (typeof row.dateTimeFrom !== 'string') return;
	const bounds = intervalBounds(row.dateTimeFrom, intervalLengthMinutes(row.interval, ctx.intervalMinutes), ctx);
	row.intervalStart = bounds.start;
	row.intervalEnd = bounds.end;
}

function fillMetadata(row: NormalisedRow, ctx: NormaliseContext): void {
	// Classic rows have no flags: a recording exists when its link does; transcripts are CX only.
	if (row.hasRecording === null) {
		const url = row.segmentRecordingUrl;
		if (typeof url === 'string' && url.trim() !== '') row.hasRecording = true;
		else if (ctx.family === 'classic') row.hasRecording = false;
	}
	if (row.hasTranscript === null && ctx.family === 'classic') row.hasTranscript = false;
}

// Every field of the report, null, in output order. Rows are copies of it: one allocation with the
// final shape. (Adding ~25 properties one by one by computed name makes V8 fall back to a slow
// dictionary object; Object.fromEntries builds a fast one, and copies of a fast object are fast.)
const emptyRows = new Map<ReportName, NormalisedRow>();

function emptyRow(report: ReportName): NormalisedRow {
	let empty = emptyRows.get(report);
	if (!empty) {
		empty = Object.fromEntries(reportDefinition(report).fields.map((field) => [field.name, null]));
		emptyRows.set(report, empty);
	}
	return { ...empty };
}

function buildRow(
	report: ReportName,
	plan: ColumnPlan,
	cells: Cells,
	byIndex: boolean,
	ctx: NormaliseContext,
): NormalisedRow {
	const definition = reportDefinition(report);
	// Derived fields keep their place (key order is output order) and get their value below.
	const row = emptyRow(report);
	const fields = definition.fields;
	for (let i = 0; i < fields.length; i++) {
		const source = pick(plan.byField[i], cells, byIndex);
		if (source) row[fields[i].name] = convertValue(cell(cells, source, byIndex), fields[i].type, source.scale);
	}
	if (row.subAccountId === null) row.subAccountId = ctx.subAccountId;
	if (definition.kind === 'statistics') fillStatistics(row, plan, cells, byIndex, ctx);
	else fillMetadata(row, ctx);
	row.window = windowOut(ctx);
	return ctx.spreadsheetSafe ? spreadsheetSafe(row) : row;
}

/** One raw row (JSON object, or a CSV/XML record of strings) → the report's normalised row. */
export function normaliseRow(report: ReportName, raw: Record<string, unknown>, ctx: NormaliseContext): NormalisedRow {
	return buildRow(report, columnPlan(report, Object.keys(raw)), raw, false, ctx);
}

/**
 * The same for a CSV row given as its cells, with the plan of its header (`columnPlan(report,
 * keys)`, worked out once per file): no record object per row.
 */
export function normaliseCells(
	report: ReportName,
	plan: ColumnPlan,
	cells: readonly unknown[],
	ctx: NormaliseContext,
): NormalisedRow {
	return buildRow(report, plan, cells, true, ctx);
}

function instantKey(value: unknown): string {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? String(value ?? '') : new Date(ms).toISOString();
}

/**
 * The identity of a normalised row (the trigger's dedupe key): the report's natural-key fields,
 * with `intervalStart` compared as an instant so the output zone does not change the key.
 */
export function naturalKey(report: ReportName, row: NormalisedRow): string {
	const parts = reportDefinition(report).naturalKey.map((field) =>
		field === 'intervalStart' ? instantKey(row[field]) : String(row[field] ?? ''),
	);
	return JSON.stringify(parts);
}

// Rows come grouped by interval: parse each interval start once, not once per row.
let lastInstant: { text: string; ms: number } | undefined;

function instantOf(text: string): number {
	if (lastInstant?.text !== text) lastInstant = { text, ms: Date.parse(text) };
	return lastInstant.ms;
}

/**
 * Whether a statistics row's interval starts inside the window. Classic file reports take no end
 * (decision 4 sends one anyway), so their rows are filtered here. Rows without a readable
 * `intervalStart` (metadata, unreadable dates) are kept: dropping data silently is worse.
 */
/**
 * The instant that puts a row in a window, by the window planner's rules: a statistics row's
 * interval start, a segment's end; undefined when unreadable.
 */
export function rowTimeMs(report: ReportName, row: NormalisedRow): number | undefined {
	const value = reportDefinition(report).kind === 'statistics' ? row.intervalStart : row.segmentEndTimeMs;
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

export function withinWindow(row: NormalisedRow, window: Pick<ReportWindow, 'startMs' | 'endMs'>): boolean {
	const start = typeof row.intervalStart === 'string' ? instantOf(row.intervalStart) : NaN;
	if (Number.isNaN(start)) return true;
	return start >= window.startMs && start < window.endMs;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Guard against formula injection when rows go to a spreadsheet: text starting with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'`. Numbers, booleans and null are left alone; arrays and
 * objects are handled element by element.
 */
export function spreadsheetSafe<T>(value: T): T {
	if (typeof value === 'string') return (FORMULA_START.test(value) ? `'${value}` : value) as T;
	if (Array.isArray(value)) return value.map((item) => spreadsheetSafe(item) as unknown) as T;
	if (value !== null && typeof value === 'object') {
		// A copy of the same shape, then each value replaced: a row stays a fast object.
		const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
		for (const key of Object.keys(out)) out[key] = spreadsheetSafe(out[key]);
		return out as T;
	}
	return value;
}
