/**
 * Time-zone arithmetic with nothing but `Intl` (no luxon in nodes/, see n8n-conventions §3).
 *
 * Engage reads every report time as a wall-clock string (`YYYY-MM-DD HH:mm:ss`) in a tz name, and
 * its server is Java: a wall time that exists twice (fall back) means the earlier instant, a wall
 * time that does not exist (spring forward) is pushed forward by the length of the gap.
 * `wallTimeToUtc` resolves the same way so that the planner can check what the server will read.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD HH:mm:ss`, the only wall-time format the report endpoints accept. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

// Building a DateTimeFormat is far slower than using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			// en-US shows 1 BC as year 1: the era tells them apart (a range may start in year 1)
			era: 'short',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

function wallPartsAt(ms: number, zone: string): WallParts {
	const parts: Record<string, number> = {};
	let beforeChrist = false;
	for (const part of formatterFor(zone).formatToParts(ms)) {
		if (part.type === 'era') beforeChrist = part.value === 'BC';
		else if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: beforeChrist ? 1 - parts.year : parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

function partsToUtcMs(p: WallParts): number {
	const ms = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	// Date.UTC maps years 0-99 to 1900-1999; wall times never get there, but be exact anyway.
	return p.year < 100 ? new Date(ms).setUTCFullYear(p.year) : ms;
}

const US_ZONE_NAMES = ['US/Alaska', 'US/Arizona', 'US/Central', 'US/Eastern', 'US/Hawaii', 'US/Mountain', 'US/Pacific'];

/**
 * The tz names offered in the dropdowns: the API's own examples use the old US names
 * (`US/Eastern`), which Intl lists only as aliases, so they come first; then UTC and every
 * canonical IANA name this runtime knows.
 */
export function knownTimeZones(): string[] {
	const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
	const canonical = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
	return [...new Set([...US_ZONE_NAMES, 'UTC', ...canonical])];
}

let knownByLowerCase: Map<string, string> | undefined;

/**
 * The spelling of `zone` the API expects, or undefined when the runtime does not know it. Intl
 * reads tz names in any case, Engage's Java server does not: `us/eastern` becomes `US/Eastern`,
 * `europe/BERLIN` `Europe/Berlin`; an alias outside the known list (`gb`) becomes the zone Intl
 * resolves it to (`Europe/London`), whose spelling is certain.
 */
export function canonicalTimeZone(zone: string): string | undefined {
	const name = typeof zone === 'string' ? zone.trim() : '';
	if (!isValidTimeZone(name)) return undefined;
	knownByLowerCase ??= new Map(knownTimeZones().map((known) => [known.toLowerCase(), known]));
	return knownByLowerCase.get(name.toLowerCase()) ?? formatterFor(name).resolvedOptions().timeZone;
}

/** Whether `zone` is a tz name this runtime knows (`US/Eastern`, `Asia/Kolkata`, `Etc/GMT+5`). */
export function isValidTimeZone(zone: string): boolean {
	if (typeof zone !== 'string' || zone.trim() === '') return false;
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

/** The wall clock of `zone` at instant `ms`, as `YYYY-MM-DD HH:mm:ss`. */
export function formatWallTime(ms: number, zone: string): string {
	const p = wallPartsAt(ms, zone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** UTC offset of `zone` at instant `ms`, in minutes east of UTC (US/Eastern in winter: -300). */
export function offsetMinutesAt(ms: number, zone: string): number {
	const wholeSecond = Math.floor(ms / 1000) * 1000;
	return Math.round((partsToUtcMs(wallPartsAt(wholeSecond, zone)) - wholeSecond) / MINUTE_MS);
}

/** `+05:30`, `-05:00`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2024-03-04T05:00:00-05:00`. */
export function toIsoWithOffset(ms: number, zone: string): string {
	const wall = formatWallTime(ms, zone).replace(' ', 'T');
	return `${wall}${formatOffset(offsetMinutesAt(ms, zone))}`;
}

export function parseWallTime(wall: string): WallParts | undefined {
	const m = WALL_TIME.exec(wall.trim());
	if (!m) return undefined;
	const p: WallParts = {
		year: Number(m[1]),
		month: Number(m[2]),
		day: Number(m[3]),
		hour: Number(m[4]),
		minute: Number(m[5]),
		second: m[6] === undefined ? 0 : Number(m[6]),
	};
	// Reject 2024-02-30 and 25:00 rather than letting Date.UTC roll them over.
	const check = new Date(partsToUtcMs(p));
	if (
		check.getUTCFullYear() !== p.year ||
		check.getUTCMonth() + 1 !== p.month ||
		check.getUTCDate() !== p.day ||
		p.hour > 23 ||
		p.minute > 59 ||
		p.second > 59
	) {
		return undefined;
	}
	return p;
}

export type WallTimeKind = 'unique' | 'ambiguous' | 'gap';

export interface ResolvedWallTime {
	utcMs: number;
	/** `ambiguous`: the wall time exists twice (fall back); `gap`: it does not exist (spring forward). */
	kind: WallTimeKind;
}

/**
 * Resolve a wall time in `zone` to an instant the way java.time does (`ZonedDateTime.ofLocal`):
 * in an overlap the earlier instant (the offset before the transition), in a gap the time is
 * shifted forward by the length of the gap. Returns undefined for a malformed wall time.
 */
export function resolveWallTime(wall: string, zone: string): ResolvedWallTime | undefined {
	const parts = parseWallTime(wall);
	if (!parts) return undefined;
	const localMs = partsToUtcMs(parts);
	// Offsets in force a day either side cover every real transition (none are closer than that).
	const before = offsetMinutesAt(localMs - DAY_MS, zone);
	const after = offsetMinutesAt(localMs + DAY_MS, zone);
	const candidates = new Set<number>([before, after]);
	candidates.add(offsetMinutesAt(localMs - before * MINUTE_MS, zone));
	candidates.add(offsetMinutesAt(localMs - after * MINUTE_MS, zone));

	const valid: number[] = [];
	for (const offset of candidates) {
		const utcMs = localMs - offset * MINUTE_MS;
		if (offsetMinutesAt(utcMs, zone) === offset) valid.push(utcMs);
	}
	if (valid.length === 0) {
		// Gap: read with the offset before the transition, which lands after the gap like Java.
		return { utcMs: localMs - before * MINUTE_MS, kind: 'gap' };
	}
	valid.sort((a, b) => a - b);
	return { utcMs: valid[0], kind: valid.length > 1 ? 'ambiguous' : 'unique' };
}

/** `resolveWallTime(...).utcMs`; throws on a malformed wall time. */
export function wallTimeToUtc(wall: string, zone: string): number {
	const resolved = resolveWallTime(wall, zone);
	if (!resolved) throw new RangeError(`Not a wall time (YYYY-MM-DD HH:mm:ss): "${wall}"`);
	return resolved.utcMs;
}

/**
 * A zone with the fixed offset `offsetMinutes` that the server can be asked in: `Etc/GMT±N` for a
 * whole number of hours (POSIX sign: `Etc/GMT+5` is UTC-5), else the offset itself (`+10:30`),
 * which java.time and Joda-Time read as a fixed offset and Intl knows from Node 24 on. Undefined
 * when this runtime cannot compute wall times in such a zone.
 */
export function fixedOffsetZone(offsetMinutes: number): string | undefined {
	if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) return undefined;
	if (offsetMinutes % 60 === 0) {
		const hours = -offsetMinutes / 60;
		if (hours === 0) return 'Etc/GMT';
		if (hours <= 12) return `Etc/GMT${hours > 0 ? '+' : '-'}${Math.abs(hours)}`;
	}
	const zone = formatOffset(offsetMinutes);
	return isValidTimeZone(zone) ? zone : undefined;
}
