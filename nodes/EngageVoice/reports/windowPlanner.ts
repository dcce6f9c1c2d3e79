import { TooManyWindowsError, WindowPlanError } from './errors';
import { alignDown, nextBoundary, OffsetTimeline } from './offsetTimeline';
import {
	fixedOffsetZone,
	formatOffset,
	formatWallTime,
	isValidTimeZone,
	resolveWallTime,
} from './timeZone';
import {
	isIntervalMinutes,
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	STATISTICS_MAX_WINDOW_SECONDS,
} from './windowSizes';

/**
 * THE window planner: turns a date range and a time zone into the request windows of a report
 * (API doc §5.1, §5.2, §5.7, decisions 3 and 4). The action node and the polling trigger both use
 * it, so every rule about windows lives here:
 *
 * - statistics windows start and end on interval boundaries of the zone's wall clock, hold only
 *   complete intervals and last at most 3 hours (the CX `endDate` rule);
 * - metadata windows last at most `maxWindowSeconds` (default 3600, at most 10800);
 * - no window ends later than now minus the safety lag (5 min statistics, 15 min metadata);
 * - windows are split at the zone's offset transitions, and a window whose wall times would be
 *   ambiguous (the repeated hour of a fall-back) is requested in the fixed-offset zone of its side
 *   of the transition (`Etc/GMT+4` / `Etc/GMT+5` for US/Eastern), because the server reads an
 *   ambiguous wall time with the earlier offset. So is a statistics window that holds a fall-back
 *   (a 45-minute interval, or a half-hour shift), whose rows would carry repeated wall times. An
 *   offset that is not a whole number of hours (Australia/Lord_Howe after its 30-minute fall-back:
 *   +10:30) has no Etc name: it is asked in as `+10:30`.
 */

export type ReportKind = 'statistics' | 'metadata';

export const STATISTICS_SAFETY_LAG_MS = 5 * 60_000;
export const METADATA_SAFETY_LAG_MS = 15 * 60_000;
/** The most request windows one run of a Report operation plans (Options › Max Request Windows). */
export const DEFAULT_MAX_WINDOWS = 1000;

export interface PlanWindowsInput {
	startMs: number;
	endMs: number;
	nowMs: number;
	/** tz name the user works in, e.g. `US/Eastern`; sent as `timeZone` unless a window needs a fixed offset. */
	timeZone: string;
	kind: ReportKind;
	/** Statistics only: 15, 30, 45 or 60. */
	intervalMinutes?: number;
	/** Statistics: at most 10800 (default). Metadata: default 3600, at most 10800. */
	maxWindowSeconds?: number;
	/** Defaults: statistics 5 min, metadata 15 min. */
	safetyLagMs?: number;
	/** Refuse (TooManyWindowsError) a range that needs more windows than this; undefined = no limit. */
	maxWindows?: number;
}

export interface ReportWindow {
	/** 1-based position, for "window 7 of 24". */
	index: number;
	count: number;
	startMs: number;
	endMs: number;
	/** The `timeZone` to send: the user's zone, or a fixed offset (`Etc/GMT±N`, `+10:30`) where a wall time would be ambiguous. */
	requestTimeZone: string;
	/** `YYYY-MM-DD HH:mm:ss` in requestTimeZone: `startDate` / `segmentEndTime`. */
	startWall: string;
	/** `YYYY-MM-DD HH:mm:ss` in requestTimeZone: `endDate` (statistics). */
	endWall: string;
	/** e.g. `2024-03-10 00:00–03:00 US/Eastern`; used in errors, file names and progress. */
	label: string;
}

export type SkipReason = 'notYetAvailable' | 'incompleteInterval';

export interface SkippedRange {
	startMs: number;
	endMs: number;
	reason: SkipReason;
	message: string;
}

export interface WindowPlan {
	windows: ReportWindow[];
	/** Set when the windows end before the requested end. */
	clipped: { requestedEndMs: number; effectiveEndMs: number; reason: SkipReason } | undefined;
	skipped: SkippedRange[];
	notes: string[];
}

interface Span {
	startMs: number;
	endMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function requireFinite(name: string, value: number): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new WindowPlanError(`${name} must be a point in time (got ${String(value)})`);
	}
}

interface Settings {
	intervalMinutes: number;
	maxWindowMs: number;
	safetyLagMs: number;
}

function settingsFor(input: PlanWindowsInput): Settings {
	requireFinite('startMs', input.startMs);
	requireFinite('endMs', input.endMs);
	requireFinite('nowMs', input.nowMs);
	if (!isValidTimeZone(input.timeZone)) {
		throw new WindowPlanError(`Unknown time zone "${input.timeZone}": use a tz name such as US/Eastern`);
	}
	if (input.endMs <= input.startMs) {
		throw new WindowPlanError(`The range ends (${iso(input.endMs)}) before it starts (${iso(input.startMs)})`);
	}
	const statistics = input.kind === 'statistics';
	if (!statistics && input.kind !== 'metadata') {
		throw new WindowPlanError(`Unknown report kind "${String(input.kind)}"`);
	}
	const intervalMinutes = statistics ? (input.intervalMinutes ?? 0) : 0;
	if (statistics && !isIntervalMinutes(intervalMinutes)) {
		throw new WindowPlanError(`The interval must be 15, 30, 45 or 60 minutes (got ${String(input.intervalMinutes)})`);
	}
	const cap = statistics ? STATISTICS_MAX_WINDOW_SECONDS : METADATA_MAX_WINDOW_SECONDS;
	const maxSeconds =
		input.maxWindowSeconds ?? (statistics ? STATISTICS_MAX_WINDOW_SECONDS : METADATA_DEFAULT_WINDOW_SECONDS);
	const minSeconds = statistics ? intervalMinutes * 60 : 1;
	if (!Number.isInteger(maxSeconds) || maxSeconds < minSeconds || maxSeconds > cap) {
		throw new WindowPlanError(
			`The maximum window must be a whole number of seconds from ${minSeconds} to ${cap} (got ${String(maxSeconds)})`,
		);
	}
	const safetyLagMs =
		input.safetyLagMs ?? (statistics ? STATISTICS_SAFETY_LAG_MS : METADATA_SAFETY_LAG_MS);
	if (!Number.isFinite(safetyLagMs) || safetyLagMs < 0) {
		throw new WindowPlanError(`The safety lag must be zero or more milliseconds (got ${String(safetyLagMs)})`);
	}
	return { intervalMinutes, maxWindowMs: maxSeconds * 1000, safetyLagMs };
}

/** Statistics: whole intervals, at most maxWindowMs, never across an offset transition. */
function statisticsSpans(timeline: OffsetTimeline, fromMs: number, toMs: number, s: Settings): Span[] {
	const spans: Span[] = [];
	const interval = s.intervalMinutes;
	let windowStart = fromMs;
	while (windowStart < toMs) {
		let windowEnd = windowStart;
		for (;;) {
			const next = nextBoundary(timeline, windowEnd, interval);
			if (next > toMs || next - windowStart > s.maxWindowMs) break;
			// With 45-minute intervals (or a 30-minute shift) a transition can fall inside an
			// interval: that interval becomes a window of its own rather than being cut in two.
			const straddles = timeline.transitionsBetween(windowEnd, next).length > 0;
			if (straddles && windowEnd > windowStart) break;
			windowEnd = next;
			if (straddles || timeline.isTransition(windowEnd)) break;
		}
		if (windowEnd === windowStart) {
			// Only when a straddling interval is longer than the maximum: send it whole anyway.
			windowEnd = nextBoundary(timeline, windowStart, interval);
			if (windowEnd > toMs) break;
		}
		spans.push({ startMs: windowStart, endMs: windowEnd });
		windowStart = windowEnd;
	}
	return spans;
}

/** Metadata: any length up to maxWindowMs, split at offset transitions. */
function metadataSpans(timeline: OffsetTimeline, fromMs: number, toMs: number, s: Settings): Span[] {
	const spans: Span[] = [];
	let windowStart = fromMs;
	while (windowStart < toMs) {
		const transition = timeline.nextTransitionAfter(windowStart) ?? Infinity;
		const windowEnd = Math.min(windowStart + s.maxWindowMs, toMs, transition);
		spans.push({ startMs: windowStart, endMs: windowEnd });
		windowStart = windowEnd;
	}
	return spans;
}

function shortWall(wall: string): string {
	// Seconds only when they matter (metadata windows may start off the minute).
	return wall.endsWith(':00') ? wall.slice(0, 16) : wall;
}

export function windowLabel(startWall: string, endWall: string, requestTimeZone: string, timeZone: string): string {
	const start = shortWall(startWall);
	const end = shortWall(endWall);
	const endText = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end;
	const zone = requestTimeZone === timeZone ? timeZone : `${requestTimeZone} (${timeZone})`;
	return `${start}–${endText} ${zone}`;
}

/** A file-name-safe stamp of a window: `2024-03-10T0000--2024-03-10T0300_US-Eastern`. */
export function windowFileStamp(window: Pick<ReportWindow, 'startWall' | 'endWall' | 'requestTimeZone'>): string {
	const stamp = (wall: string) => shortWall(wall).replace(' ', 'T').replace(/:/g, '');
	const zone = window.requestTimeZone.replace(/[/\\:\s]+/g, '-');
	return `${stamp(window.startWall)}--${stamp(window.endWall)}_${zone}`;
}

function isUnique(wall: string, ms: number, zone: string): boolean {
	const resolved = resolveWallTime(wall, zone);
	return resolved !== undefined && resolved.kind === 'unique' && resolved.utcMs === ms;
}

/** Whether the clocks of the zone go back strictly inside the span (wall times inside repeat). */
function fallsBackInside(span: Span, timeline: OffsetTimeline): boolean {
	return timeline
		.transitionsBetween(span.startMs, span.endMs)
		.some((at) => timeline.offsetAt(at) < timeline.offsetAt(at - 1));
}

function toWindow(span: Span, kind: ReportKind, timeZone: string, timeline: OffsetTimeline) {
	let requestTimeZone = timeZone;
	let startWall = formatWallTime(span.startMs, timeZone);
	let endWall = formatWallTime(span.endMs, timeZone);
	// Metadata sends only the start; statistics send both ends, and their rows carry interval
	// starts that must read back as one instant too.
	const sentOk =
		isUnique(startWall, span.startMs, timeZone) &&
		(kind === 'metadata' || (isUnique(endWall, span.endMs, timeZone) && !fallsBackInside(span, timeline)));
	if (!sentOk) {
		const offset = timeline.offsetAt(span.startMs);
		const fixed = fixedOffsetZone(offset);
		if (!fixed) {
			throw new WindowPlanError(
				`${iso(span.startMs)}–${iso(span.endMs)}: the wall times are ambiguous in ${timeZone} and this runtime has no fixed-offset zone for UTC${formatOffset(offset)} to ask them in. Choose another time zone for this range.`,
			);
		}
		requestTimeZone = fixed;
		startWall = formatWallTime(span.startMs, fixed);
		endWall = formatWallTime(span.endMs, fixed);
	}
	return {
		startMs: span.startMs,
		endMs: span.endMs,
		requestTimeZone,
		startWall,
		endWall,
		label: windowLabel(startWall, endWall, requestTimeZone, timeZone),
	};
}

/** Where the first window of a range starts: the whole second, moved back to an interval boundary for statistics. */
function alignedStart(timeline: OffsetTimeline, startMs: number, kind: ReportKind, intervalMinutes: number): number {
	const second = Math.floor(startMs / 1000) * 1000;
	return kind === 'statistics' ? alignDown(timeline, second, intervalMinutes) : second;
}

/**
 * Where the windows of a range that starts at `startMs` begin (what planWindows would ask from):
 * nothing before it is read. Statistics: the boundary of the interval that holds `startMs`, which
 * lies up to an interval and a daylight-saving shift earlier.
 */
export function firstWindowStartMs(input: Pick<PlanWindowsInput, 'startMs' | 'timeZone' | 'kind' | 'intervalMinutes'>): number {
	const timeline = new OffsetTimeline(input.timeZone, input.startMs, input.startMs);
	return alignedStart(timeline, input.startMs, input.kind, input.intervalMinutes ?? 0);
}

/** Plan the request windows for a range; see the file comment for the rules. */
export function planWindows(input: PlanWindowsInput): WindowPlan {
	const settings = settingsFor(input);
	const { timeZone, kind } = input;
	const statistics = kind === 'statistics';
	const notes: string[] = [];
	const skipped: SkippedRange[] = [];
	const latestEndMs = input.nowMs - settings.safetyLagMs;
	const lagText = `${Math.round(settings.safetyLagMs / 60_000)} min`;

	// Wall times carry whole seconds only.
	const requestedStart = Math.floor(input.startMs / 1000) * 1000;
	// A range far too long for one run is refused before anything is planned: its length in whole
	// windows is a lower bound of the count, found without walking the zone's history. Near the
	// maximum, the plan gives the exact count.
	const readableEnd = Math.min(input.endMs, latestEndMs);
	if (input.maxWindows !== undefined && readableEnd > requestedStart) {
		const atLeast = Math.ceil((readableEnd - requestedStart) / settings.maxWindowMs);
		if (atLeast > 2 * input.maxWindows) {
			throw new TooManyWindowsError(atLeast, false, input.maxWindows, settings.maxWindowMs, requestedStart, readableEnd);
		}
	}
	const timeline = new OffsetTimeline(timeZone, requestedStart, Math.max(input.endMs, requestedStart));
	const startMs = alignedStart(timeline, input.startMs, kind, settings.intervalMinutes);
	if (statistics && startMs < requestedStart) {
		notes.push(`The start was moved back to the interval boundary ${formatWallTime(startMs, timeZone)} ${timeZone}.`);
	}

	const cappedEnd = Math.min(input.endMs, latestEndMs);
	if (input.endMs > latestEndMs) {
		const from = Math.max(input.startMs, latestEndMs);
		const message = `Data after ${iso(latestEndMs)} is not available yet (now minus the ${lagText} safety lag).`;
		skipped.push({ startMs: from, endMs: input.endMs, reason: 'notYetAvailable', message });
		notes.push(message);
	}

	let endMs = Math.floor(cappedEnd / 1000) * 1000;
	if (statistics && endMs > startMs) {
		endMs = alignDown(timeline, endMs, settings.intervalMinutes);
		if (endMs < cappedEnd && endMs >= startMs) {
			const message = `The interval starting ${formatWallTime(endMs, timeZone)} ${timeZone} is not complete by ${iso(cappedEnd)} and is left out.`;
			skipped.push({ startMs: endMs, endMs: cappedEnd, reason: 'incompleteInterval', message });
			notes.push(message);
		}
	}

	const spans =
		endMs <= startMs
			? []
			: statistics
				? statisticsSpans(timeline, startMs, endMs, settings)
				: metadataSpans(timeline, startMs, endMs, settings);
	if (input.maxWindows !== undefined && spans.length > input.maxWindows) {
		throw new TooManyWindowsError(spans.length, true, input.maxWindows, settings.maxWindowMs, requestedStart, endMs);
	}
	if (spans.length === 0) {
		notes.push(
			input.startMs >= latestEndMs
				? `No windows: the whole range is later than now minus the ${lagText} safety lag.`
				: 'No windows: the range holds no complete interval.',
		);
	}

	const windows: ReportWindow[] = spans.map((span, i) => ({
		index: i + 1,
		count: spans.length,
		...toWindow(span, kind, timeZone, timeline),
	}));

	const effectiveEndMs = windows.length ? windows[windows.length - 1].endMs : input.startMs;
	const clipped =
		effectiveEndMs < input.endMs
			? {
					requestedEndMs: input.endMs,
					effectiveEndMs,
					reason: (input.endMs > latestEndMs ? 'notYetAvailable' : 'incompleteInterval') as SkipReason,
				}
			: undefined;
	if (windows.some((w) => w.requestTimeZone !== timeZone)) {
		notes.push(
			`Windows around a daylight-saving change are requested in a fixed-offset zone (Etc/GMT±N, or the offset itself such as +10:30) so that no wall time is ambiguous.`,
		);
	}
	return { windows, clipped, skipped, notes };
}
