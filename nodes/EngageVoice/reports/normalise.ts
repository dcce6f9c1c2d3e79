import { columnPlan, type ColumnPlan, type FieldSource } from './columnMapping';
import {
	CLASSIC_DATE,
	CLASSIC_TIME,
	reportDefinition,
	type ApiFamily,
	type ReportName,
} from './definitions';
import { classicDateTimeFrom, dateTimeFromToWall } from './reportDateTime';
import { toIsoWithOffset, wallTimeToUtc } from './timeZone';
import { convertValue, isBlank } from './values';
import { isIntervalMinutes, type ReportWindow } from './windowPlanner';

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

/** The first of a field's source keys (best first) whose value in `raw` is not empty. */
function pick(
	plan: ColumnPlan,
	field: string | number,
	raw: Record<string, unknown>,
): FieldSource | undefined {
	const sources = typeof field === 'number' ? plan.byField[field] : plan.sources.get(field);
	if (!sources) return undefined;
	for (const source of sources) {
		if (!isBlank(raw[source.key])) return source;
	}
	return undefined;
}

// Every row of a window carries the same window object: format it once per window and zone.
const windowMemo = new WeakMap<object, { zone: string; value: { start: string; end: string } }>();

function windowOut(ctx: NormaliseContext): { start: string; end: string } {
	const cached = windowMemo.get(ctx.window);
	if (cached && cached.zone === ctx.outputTimeZone) return { ...cached.value };
	const value = {
		start: isoAt(ctx.window.startMs, ctx.outputTimeZone),
		end: isoAt(ctx.window.endMs, ctx.outputTimeZone),
	};
	windowMemo.set(ctx.window, { zone: ctx.outputTimeZone, value });
	return { ...value };
}

const classicDateMemo = new Map<string, string>();

/** Classic `date_from` + `time (H24:MI)` → `dateTimeFrom` (CX form when readable, else as given). */
function classicDateTime(dateFrom: unknown, time: unknown): string {
	const dateText = String(dateFrom);
	const timeText = time === undefined ? undefined : String(time);
	return remember(classicDateMemo, `${dateText}\u0000${timeText ?? ''}`, () =>
		classicDateTimeFrom(dateText, timeText) ?? [dateText, timeText].filter(Boolean).join(' '),
	);
}

interface IntervalBounds {
	start: string | null;
	end: string | null;
}

const intervalMemo = new Map<string, IntervalBounds>();
// Rows come grouped by interval (every queue of one interval, then the next): try the last one first.
let lastInterval: { key: string; bounds: IntervalBounds } | undefined;

/**
 * An interval ends `minutes` after it starts, or at the end of its window when the window is cut
 * shorter (a 60-minute interval that a 30-minute daylight-saving shift cuts in two), so that the
 * intervals of one queue never overlap.
 */
function intervalBounds(dateTimeFrom: string, minutes: number | undefined, ctx: NormaliseContext): IntervalBounds {
	const key = `${ctx.requestTimeZone}\u0000${ctx.outputTimeZone}\u0000${minutes ?? ''}\u0000${ctx.window.endMs}\u0000${dateTimeFrom}`;
	if (lastInterval?.key === key) return lastInterval.bounds;
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
	lastInterval = { key, bounds };
	return bounds;
}

function fillStatistics(
	row: NormalisedRow,
	plan: ColumnPlan,
	raw: Record<string, unknown>,
	ctx: NormaliseContext,
): void {
	if (row.dateTimeFrom === null) {
		const dateFrom = pick(plan, CLASSIC_DATE, raw);
		const time = pick(plan, CLASSIC_TIME, raw);
		if (dateFrom) row.dateTimeFrom = classicDateTime(raw[dateFrom.key], time && raw[time.key]);
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

/** One raw row (JSON object, or a CSV/XML record of strings) → the report's normalised row. */
export function normaliseRow(
	report: ReportName,
	raw: Record<string, unknown>,
	ctx: NormaliseContext,
): NormalisedRow {
	const definition = reportDefinition(report);
	const plan = columnPlan(report, Object.keys(raw));
	const row: NormalisedRow = {};
	const fields = definition.fields;
	for (let i = 0; i < fields.length; i++) {
		const field = fields[i];
		const source = field.type === 'derived' ? undefined : pick(plan, i, raw);
		// Derived fields get their place now (key order is output order) and their value below.
		row[field.name] = source ? convertValue(raw[source.key], field.type, source.scale) : null;
	}
	if (row.subAccountId === null) row.subAccountId = ctx.subAccountId;
	if (definition.kind === 'statistics') fillStatistics(row, plan, raw, ctx);
	else fillMetadata(row, ctx);
	row.window = windowOut(ctx);
	return ctx.spreadsheetSafe ? spreadsheetSafe(row) : row;
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
	const start = typeof row.intervalStart === 'string' ? Date.parse(row.intervalStart) : NaN;
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
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) out[key] = spreadsheetSafe(item);
		return out as T;
	}
	return value;
}
