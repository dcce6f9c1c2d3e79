import type { IDataObject } from 'n8n-workflow';

import { digest } from './digest';

/*
 * The report events' state in the node's static data: a cursor and a bounded memory of the rows
 * already emitted. Pure (no n8n, no HTTP), so every rule here is unit-tested on its own.
 *
 * - `cursor`: the end of the last fully fetched window, never a row's own timestamp. It moves only
 *   past windows that were all fetched in a poll that succeeded.
 * - `settled`: data before it was last read when it was already older than the lookback (plus the
 *   safety lag), so it is final and not read again. Each poll re-reads from `max(origin, settled)`:
 *   in live operation that is the lookback before the cursor; while catching up on a backlog it is
 *   the cursor itself (data read long after the fact is not re-read).
 * - `origin`: the first activation (or Start From); nothing before it is fetched.
 * - `seen`: natural-key hash → the row's time (what puts it in a window: a segment's end, an
 *   interval's start) and digests of its fields, so a row read again is emitted again only when it
 *   changed, and then with the names of the changed fields. Rows that no later poll can read again
 *   are dropped, and at most MAX_REMEMBERED_ROWS are kept: beyond that the oldest by time.
 */

export const STATE_VERSION = 1;

/** The most rows remembered at once; beyond it the oldest are forgotten (see RowMemory.enforceCap). */
export const MAX_REMEMBERED_ROWS = 4000;
/** 48-bit hash of the natural key: collisions among 4000 keys have odds of about 3 in 10^8. */
export const KEY_CHARS = 8;
/** 48-bit digest of the whole row: decides whether a row changed. */
export const ROW_DIGEST_CHARS = 8;
/** 18-bit digest per field: names the fields that changed. */
export const FIELD_DIGEST_CHARS = 3;
/** No report has more compared fields than this (interaction metadata: 22). */
export const MAX_COMPARED_FIELDS = 24;
/** Position (seconds since 1970, base 36) fits in 7 characters until the year 4400. */
const POSITION_CHARS = 7;

/** Upper bound of one remembered row in the static data's JSON: `"key":"pos.digests",`. */
export const MAX_ENTRY_JSON_CHARS =
	KEY_CHARS + 3 + (POSITION_CHARS + 1 + ROW_DIGEST_CHARS + FIELD_DIGEST_CHARS * MAX_COMPARED_FIELDS) + 3;
/** Everything in the report state but the remembered rows (ids, ISO times, key names), generously. */
export const STATE_OVERHEAD_JSON_CHARS = 400;
/** The size bound of a report event's static data, in characters of JSON (≈ bytes). */
export const REPORT_STATE_MAX_JSON_CHARS = STATE_OVERHEAD_JSON_CHARS + MAX_REMEMBERED_ROWS * MAX_ENTRY_JSON_CHARS;

export interface ReportCursorState {
	/** Which rows this state is about (event, report, sub-account, interval). */
	stream: string;
	/** How they are asked for (API family, time zone): a change keeps the cursor, not the memory. */
	variant: string;
	/** The Start From this state began with, if any. */
	startFromMs?: number;
	/** Digest of the Start From expression this state began with (an expression is evaluated once). */
	startFromExpression?: string;
	originMs: number;
	cursorMs: number;
	settledMs: number;
	/** Rows whose time is at or before this may have been forgotten (memory cap): not emitted. */
	floorMs?: number;
	seen: Record<string, string>;
}

/** Why a poll starts where it starts (for the log). */
export type StateOrigin = 'first' | 'restart' | 'continue' | 'changed';

export interface StateInput {
	stream: string;
	variant: string;
	startFromMs?: number;
	/** Set when Start From is an expression: its digest, which (not its value) decides a new start. */
	startFromExpression?: string;
	nowMs: number;
}

const isoOf = (ms: number) => new Date(ms).toISOString();

function msOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export function freshState(input: StateInput): ReportCursorState {
	// Whole seconds: request times carry no milliseconds.
	const start = Math.floor((input.startFromMs ?? input.nowMs) / 1000) * 1000;
	return {
		stream: input.stream,
		variant: input.variant,
		startFromMs: input.startFromMs,
		startFromExpression: input.startFromExpression,
		originMs: start,
		cursorMs: start,
		settledMs: start,
		seen: {},
	};
}

function parseStored(stored: IDataObject | undefined): ReportCursorState | undefined {
	if (!stored || stored.v !== STATE_VERSION) return undefined;
	const originMs = msOf(stored.origin);
	const cursorMs = msOf(stored.cursor);
	const settledMs = msOf(stored.settled);
	if (typeof stored.stream !== 'string' || typeof stored.variant !== 'string') return undefined;
	if (originMs === undefined || cursorMs === undefined || settledMs === undefined) return undefined;
	if (!(originMs <= settledMs && settledMs <= cursorMs)) return undefined;
	const seen: Record<string, string> = {};
	if (stored.seen && typeof stored.seen === 'object' && !Array.isArray(stored.seen)) {
		for (const [key, value] of Object.entries(stored.seen as IDataObject)) {
			if (typeof value === 'string') seen[key] = value;
		}
	}
	return {
		stream: stored.stream,
		variant: stored.variant,
		startFromMs: msOf(stored.startFrom),
		startFromExpression: typeof stored.startFromExpression === 'string' ? stored.startFromExpression : undefined,
		originMs,
		cursorMs,
		settledMs,
		floorMs: msOf(stored.floor),
		seen,
	};
}

/**
 * Whether Start From is new. A date is new when its instant differs; an expression when its text
 * does: `{{ $now.minus(...) }}` says another instant at every poll, and is evaluated only when the
 * trigger starts from it. An empty Start From is never new.
 */
function isNewStart(previous: ReportCursorState, input: StateInput): boolean {
	if (input.startFromExpression !== undefined) return input.startFromExpression !== previous.startFromExpression;
	return input.startFromMs !== undefined && input.startFromMs !== previous.startFromMs;
}

/**
 * The state a poll starts from. Missing or unreadable static data, another stream (event, report,
 * sub-account, interval) or a new Start From start over (at Start From, else at now). Another API
 * family or time zone keeps the cursor but not the memory: nothing before the cursor is re-read.
 */
export function loadState(stored: IDataObject | undefined, input: StateInput): { state: ReportCursorState; origin: StateOrigin } {
	const previous = parseStored(stored);
	if (!previous) return { state: freshState(input), origin: 'first' };
	if (previous.stream !== input.stream || isNewStart(previous, input)) return { state: freshState(input), origin: 'restart' };
	const state: ReportCursorState =
		input.startFromExpression !== undefined
			? previous
			: { ...previous, startFromMs: input.startFromMs ?? previous.startFromMs };
	if (previous.variant !== input.variant) {
		return {
			state: { ...state, variant: input.variant, originMs: state.cursorMs, settledMs: state.cursorMs, floorMs: undefined, seen: {} },
			origin: 'changed',
		};
	}
	return { state, origin: 'continue' };
}

/** The JSON form kept in static data (ISO times, so that it can be read and edited). */
export function serialiseState(state: ReportCursorState): IDataObject {
	const out: IDataObject = {
		v: STATE_VERSION,
		stream: state.stream,
		variant: state.variant,
		origin: isoOf(state.originMs),
		cursor: isoOf(state.cursorMs),
		settled: isoOf(state.settledMs),
		seen: state.seen,
	};
	if (state.startFromMs !== undefined) out.startFrom = isoOf(state.startFromMs);
	if (state.startFromExpression !== undefined) out.startFromExpression = state.startFromExpression;
	if (state.floorMs !== undefined) out.floor = isoOf(state.floorMs);
	return out;
}

/** Replaces the content of n8n's static data object in place (n8n watches that object). */
export function writeInto(target: IDataObject, value: IDataObject): void {
	for (const key of Object.keys(target)) {
		if (!(key in value)) delete target[key];
	}
	for (const [key, item] of Object.entries(value)) target[key] = item;
}

/** Where this poll's windows start: the lookback that is not settled yet, never before the origin. */
export function fetchStartMs(state: ReportCursorState): number {
	return Math.max(state.originMs, state.settledMs);
}

export interface Progress {
	/** End of the last window fetched in this poll (all windows before it succeeded); undefined = none. */
	completedEndMs?: number;
	nowMs: number;
	safetyLagMs: number;
	lookbackMs: number;
}

/**
 * Cursor and settled point after a poll. The cursor moves to the end of the last completed window
 * (never back); what was just read older than lookback + safety lag becomes settled.
 */
export function advance(state: ReportCursorState, progress: Progress): Pick<ReportCursorState, 'cursorMs' | 'settledMs'> {
	if (progress.completedEndMs === undefined) return { cursorMs: state.cursorMs, settledMs: state.settledMs };
	const cursorMs = Math.max(state.cursorMs, progress.completedEndMs);
	const matured = Math.min(progress.completedEndMs, progress.nowMs - progress.safetyLagMs - progress.lookbackMs);
	const settledMs = Math.min(cursorMs, Math.max(state.settledMs, matured));
	return { cursorMs, settledMs };
}

// ---------------------------------------------------------------- remembered rows

/** The digests of one row: whole row + one per compared field. */
export function rowFingerprint(values: readonly unknown[]): string {
	const texts = values.map((value) => JSON.stringify(value ?? null));
	return digest(texts.join('\u0000'), ROW_DIGEST_CHARS) + texts.map((text) => digest(text, FIELD_DIGEST_CHARS)).join('');
}

export function keyHash(naturalKey: string): string {
	return digest(naturalKey, KEY_CHARS);
}

export type Sighting =
	| { status: 'new' }
	| { status: 'same' }
	/** `changed`: indexes of the compared fields whose digest differs. */
	| { status: 'updated'; changed: number[] }
	/** Not remembered, but may have been forgotten by the memory cap: not emitted. */
	| { status: 'forgotten' };

function decode(entry: string): { positionSec: number; fingerprint: string } {
	const dot = entry.indexOf('.');
	return { positionSec: parseInt(entry.slice(0, dot), 36), fingerprint: entry.slice(dot + 1) };
}

/**
 * The rows already emitted, by natural-key hash, each with its time ("position", whole seconds) and
 * its fingerprint. Works on a copy: static data changes only when the poll's state is written back
 * after it succeeded.
 */
export class RowMemory {
	readonly seen: Record<string, string>;

	floorMs: number | undefined;

	constructor(seen: Record<string, string> = {}, floorMs?: number) {
		this.seen = { ...seen };
		this.floorMs = floorMs;
	}

	get size(): number {
		return Object.keys(this.seen).length;
	}

	/** `rowTimeMs`: what puts the row in its window (a segment's end, an interval's start). */
	check(key: string, fingerprint: string, rowTimeMs: number): Sighting {
		const entry = this.seen[key];
		if (entry === undefined) {
			if (this.floorMs !== undefined && rowTimeMs <= this.floorMs) return { status: 'forgotten' };
			return { status: 'new' };
		}
		const before = decode(entry).fingerprint;
		if (before.slice(0, ROW_DIGEST_CHARS) === fingerprint.slice(0, ROW_DIGEST_CHARS)) return { status: 'same' };
		const changed: number[] = [];
		const fieldsBefore = before.slice(ROW_DIGEST_CHARS);
		const fieldsNow = fingerprint.slice(ROW_DIGEST_CHARS);
		const count = Math.max(fieldsBefore.length, fieldsNow.length) / FIELD_DIGEST_CHARS;
		for (let i = 0; i < count; i++) {
			const at = i * FIELD_DIGEST_CHARS;
			if (fieldsBefore.slice(at, at + FIELD_DIGEST_CHARS) !== fieldsNow.slice(at, at + FIELD_DIGEST_CHARS)) changed.push(i);
		}
		return { status: 'updated', changed };
	}

	/** Remembers (or refreshes) a row with its time, rounded up to the second (never moved back). */
	remember(key: string, fingerprint: string, rowTimeMs: number): void {
		const previous = this.seen[key];
		const positionSec = Math.max(Math.ceil(rowTimeMs / 1000), previous ? decode(previous).positionSec : 0);
		this.seen[key] = `${positionSec.toString(36)}.${fingerprint}`;
	}

	/** Forgets rows whose time is at or before `cutoffMs`: no later poll reads them again. */
	prune(cutoffMs: number): number {
		let dropped = 0;
		for (const [key, entry] of Object.entries(this.seen)) {
			if (decode(entry).positionSec * 1000 <= cutoffMs) {
				delete this.seen[key];
				dropped++;
			}
		}
		if (this.floorMs !== undefined && this.floorMs <= cutoffMs) this.floorMs = undefined;
		return dropped;
	}

	/**
	 * Keeps at most `max` rows: forgets the oldest by time (a whole second at a time) and raises the
	 * floor to the newest time forgotten. A row not remembered whose time is at or before the floor is
	 * then not emitted: a forgotten row read again is such a row, so nothing is emitted twice; a row
	 * that shows up there for the first time (later than the rows around it) is not delivered.
	 */
	enforceCap(max: number = MAX_REMEMBERED_ROWS): number {
		const entries = Object.entries(this.seen).map(([key, entry]) => ({ key, positionSec: decode(entry).positionSec }));
		if (entries.length <= max) return 0;
		entries.sort((a, b) => a.positionSec - b.positionSec);
		let index = 0;
		let floorSec = 0;
		while (entries.length - index > max) {
			floorSec = entries[index].positionSec;
			while (index < entries.length && entries[index].positionSec === floorSec) delete this.seen[entries[index++].key];
		}
		this.floorMs = Math.max(this.floorMs ?? 0, floorSec * 1000);
		return index;
	}
}
