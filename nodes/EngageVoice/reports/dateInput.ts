import { resolveWallTime } from './timeZone';

/**
 * The start and end a user gives a report (a `dateTime` parameter, or an expression) → an instant.
 *
 * - A date and time without an offset (what n8n's date picker stores, `2026-03-02T09:00:00`) or a
 *   bare date (`2026-03-02` = midnight) is a wall time in the report's time zone; a wall time that
 *   does not exist (spring forward) is moved forward like the API does, one that exists twice
 *   (fall back) means the earlier instant.
 * - With `Z` or an offset (`2026-03-02T09:00:00-05:00`) it is that instant, whatever the zone.
 * - Epoch milliseconds, a JS Date and a Luxon DateTime (`{{ $now.minus({ days: 1 }) }}`) are
 *   instants too.
 * Anything else is refused (undefined) rather than guessed.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function fromText(text: string, timeZone: string): number | undefined {
	const trimmed = text.trim();
	const dateOnly = DATE_ONLY.exec(trimmed);
	if (dateOnly) return resolveWallTime(`${trimmed} 00:00:00`, timeZone)?.utcMs;
	const m = DATE_TIME.exec(trimmed);
	if (!m) return undefined;
	const [, year, month, day, hour, minute, second = '00', fraction = '', offset] = m;
	const wall = `${year}-${month}-${day} ${hour}:${minute}:${second}`;
	const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
	if (!offset) {
		const resolved = resolveWallTime(wall, timeZone);
		return resolved === undefined ? undefined : resolved.utcMs + milliseconds;
	}
	// resolveWallTime in UTC validates the fields (no 2026-02-30, no 25:00); the offset is applied after.
	const utc = resolveWallTime(wall, 'UTC');
	if (!utc) return undefined;
	let offsetMinutes = 0;
	if (offset.toUpperCase() !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		const hours = Number(digits.slice(0, 2));
		const minutes = Number(digits.slice(2) || '0');
		if (hours > 18 || minutes > 59) return undefined;
		offsetMinutes = (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
	}
	return utc.utcMs + milliseconds - offsetMinutes * 60_000;
}

interface DateTimeLike {
	toMillis(): number;
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return typeof value === 'object' && value !== null && typeof (value as DateTimeLike).toMillis === 'function';
}

/** The instant a start/end input means, read in `timeZone` when it has no offset; undefined if unreadable. */
export function parseDateInput(value: unknown, timeZone: string): number | undefined {
	let ms: number | undefined;
	if (typeof value === 'string') ms = fromText(value, timeZone);
	else if (typeof value === 'number') ms = value;
	else if (value instanceof Date) ms = value.getTime();
	else if (isDateTimeLike(value)) ms = value.toMillis();
	return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}
