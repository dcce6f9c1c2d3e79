import { offsetMinutesAt } from './timeZone';

/**
 * The UTC offsets of one zone over a span of time, as segments of constant offset split at the
 * zone's transitions (DST and others). The window planner does its interval arithmetic on these
 * segments instead of asking Intl for every boundary.
 */

const MINUTE_MS = 60_000;
// No zone changes its offset twice within 12 hours, so sampling at this step finds every change.
const SCAN_STEP_MS = 12 * 3_600_000;
const PAD_MS = 2 * 86_400_000;

export interface OffsetSegment {
	/** First instant with this offset (a transition), or -Infinity for the first segment. */
	startMs: number;
	/** First instant of the next segment (a transition), or +Infinity for the last segment. */
	endMs: number;
	offsetMinutes: number;
}

export class OffsetTimeline {
	readonly segments: OffsetSegment[] = [];

	/** Covers [fromMs, toMs] plus two days either side; outside that the offset is held constant. */
	constructor(
		readonly zone: string,
		fromMs: number,
		toMs: number,
	) {
		let at = Math.floor((fromMs - PAD_MS) / 1000) * 1000;
		const until = toMs + PAD_MS;
		let offset = offsetMinutesAt(at, zone);
		let segmentStart = -Infinity;
		while (at < until) {
			const next = at + SCAN_STEP_MS;
			const nextOffset = offsetMinutesAt(next, zone);
			if (nextOffset !== offset) {
				const transition = this.findTransition(at, next, offset);
				this.segments.push({ startMs: segmentStart, endMs: transition, offsetMinutes: offset });
				segmentStart = transition;
				offset = offsetMinutesAt(transition, zone);
				// Resume at the transition in case a second change hides in the same step.
				at = transition;
				continue;
			}
			at = next;
		}
		this.segments.push({ startMs: segmentStart, endMs: Infinity, offsetMinutes: offset });
	}

	/** First whole second in (lowMs, highMs] whose offset differs from `offset`. */
	private findTransition(lowMs: number, highMs: number, offset: number): number {
		let low = lowMs / 1000;
		let high = highMs / 1000;
		while (high - low > 1) {
			const mid = Math.floor((low + high) / 2);
			if (offsetMinutesAt(mid * 1000, this.zone) === offset) low = mid;
			else high = mid;
		}
		return high * 1000;
	}

	segmentAt(ms: number): OffsetSegment {
		// Few segments per plan (two per year of range): a linear scan is fine.
		for (const segment of this.segments) {
			if (ms < segment.endMs) return segment;
		}
		return this.segments[this.segments.length - 1];
	}

	offsetAt(ms: number): number {
		return this.segmentAt(ms).offsetMinutes;
	}

	/** Transitions T with fromMs < T < toMs. */
	transitionsBetween(fromMs: number, toMs: number): number[] {
		return this.segments
			.map((segment) => segment.startMs)
			.filter((start) => start > fromMs && start < toMs);
	}

	isTransition(ms: number): boolean {
		return this.segments.some((segment) => segment.startMs === ms);
	}

	/** The first transition strictly after `ms`, or undefined. */
	nextTransitionAfter(ms: number): number | undefined {
		const end = this.segmentAt(ms).endMs;
		return Number.isFinite(end) ? end : undefined;
	}
}

/*
 * Interval boundaries: an instant is a boundary when its wall-clock minute of the day, in the
 * offset in force at that instant, is a multiple of the interval (00:00, 00:15, ...; 1440 is a
 * multiple of 15, 30, 45 and 60, so the grid restarts cleanly every local midnight). In a +05:30
 * zone the hourly boundaries are therefore at hh:30 UTC.
 */

function localMinute(ms: number, offsetMinutes: number): number {
	return Math.floor(ms / MINUTE_MS) + offsetMinutes;
}

function floorToGrid(ms: number, offsetMinutes: number, intervalMinutes: number): number {
	const local = localMinute(ms, offsetMinutes);
	const aligned = local - (((local % intervalMinutes) + intervalMinutes) % intervalMinutes);
	return (aligned - offsetMinutes) * MINUTE_MS;
}

/** The latest boundary at or before `ms`. */
export function alignDown(timeline: OffsetTimeline, ms: number, intervalMinutes: number): number {
	let at = ms;
	for (;;) {
		const segment = timeline.segmentAt(at);
		const candidate = floorToGrid(at, segment.offsetMinutes, intervalMinutes);
		if (candidate >= segment.startMs) return candidate;
		// No boundary of this segment lies at or before `at`: look in the previous segment.
		at = segment.startMs - 1;
	}
}

/** The first boundary strictly after `ms`. */
export function nextBoundary(timeline: OffsetTimeline, ms: number, intervalMinutes: number): number {
	let segment = timeline.segmentAt(ms);
	let candidate = floorToGrid(ms, segment.offsetMinutes, intervalMinutes) + intervalMinutes * MINUTE_MS;
	while (candidate >= segment.endMs) {
		// The grid of this segment ends before the next boundary: continue on the next segment's grid.
		const start = segment.endMs;
		segment = timeline.segmentAt(start);
		const floor = floorToGrid(start, segment.offsetMinutes, intervalMinutes);
		candidate = floor === start ? start : floor + intervalMinutes * MINUTE_MS;
	}
	return candidate;
}
