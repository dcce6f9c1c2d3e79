/**
 * Reading the interval start of statistics rows (API doc §7.4, decision 7).
 *
 * CX rows carry `dateTimeFrom` like `03-04-2024T05:00:00`: read as MM-DD-YYYY, wall time of the
 * request's zone. Classic files split it into `date_from` (format undocumented: YYYY-MM-DD,
 * MM-DD-YYYY and MM/DD/YYYY are read) and `time (H24:MI)`. Both become a wall time
 * `YYYY-MM-DD HH:mm:ss` that timeZone.ts turns into an instant.
 */

interface DateParts {
	year: number;
	month: number;
	day: number;
}

interface TimeParts {
	hour: number;
	minute: number;
	second: number;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// Month first, as decision 7 says for dateTimeFrom; the classic slash form is the US one too.
const MONTH_FIRST_DATE = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function validDate(parts: DateParts): DateParts | undefined {
	const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
	return check.getUTCMonth() + 1 === parts.month && check.getUTCDate() === parts.day ? parts : undefined;
}

function parseDate(text: string): DateParts | undefined {
	let m = ISO_DATE.exec(text);
	if (m) return validDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
	m = MONTH_FIRST_DATE.exec(text);
	if (m) return validDate({ year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) });
	return undefined;
}

function parseTime(text: string): TimeParts | undefined {
	const m = TIME.exec(text);
	if (!m) return undefined;
	const parts = { hour: Number(m[1]), minute: Number(m[2]), second: m[3] ? Number(m[3]) : 0 };
	return parts.hour < 24 && parts.minute < 60 && parts.second < 60 ? parts : undefined;
}

function splitDateTime(text: string): [string, string | undefined] {
	const trimmed = text.trim();
	const at = trimmed.search(/[T ]/);
	return at < 0 ? [trimmed, undefined] : [trimmed.slice(0, at), trimmed.slice(at + 1).trim()];
}

function wall(date: DateParts, time: TimeParts): string {
	return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)} ${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}

/** `03-04-2024T05:00:00` (or an ISO-like variant) → `2024-03-04 05:00:00`; undefined if unreadable. */
export function dateTimeFromToWall(dateTimeFrom: string): string | undefined {
	const [datePart, timePart] = splitDateTime(dateTimeFrom);
	const date = parseDate(datePart);
	const time = timePart === undefined ? { hour: 0, minute: 0, second: 0 } : parseTime(timePart);
	return date && time ? wall(date, time) : undefined;
}

/**
 * Classic `date_from` + `time (H24:MI)` → the CX form `MM-DD-YYYYTHH:mm:ss`, so that
 * `dateTimeFrom` looks the same whatever the family. `date_from` may carry the time itself.
 */
export function classicDateTimeFrom(dateFrom: string, timeOfDay: string | undefined): string | undefined {
	const [datePart, embeddedTime] = splitDateTime(dateFrom);
	const date = parseDate(datePart);
	const timeText = timeOfDay?.trim() || embeddedTime;
	const time = timeText === undefined ? { hour: 0, minute: 0, second: 0 } : parseTime(timeText);
	if (!date || !time) return undefined;
	return `${pad(date.month)}-${pad(date.day)}-${pad(date.year, 4)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}
