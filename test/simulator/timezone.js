'use strict';
// Time-zone arithmetic with Intl only (no tz database of our own).
// localToUtc follows java.time (ZonedDateTime.of / LocalDateTime.atZone), as the real API is Java:
//  - an ambiguous local time (fall-back overlap) resolves to the EARLIER offset (the one before the
//    transition, i.e. the earlier instant);
//  - a local time inside a spring-forward gap is shifted forward by the length of the gap
//    (02:30 on a US spring-forward day becomes 03:30 daylight time).

const formatters = new Map();

function formatter(zone) {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			era: 'short',
		});
		formatters.set(zone, f);
	}
	return f;
}

function isValidZone(zone) {
	if (typeof zone !== 'string' || zone.trim() === '' || zone !== zone.trim()) return false;
	try {
		formatter(zone);
		return true;
	} catch {
		return false;
	}
}

/** Local wall-clock fields of an instant in a zone. */
function localParts(zone, utcMs) {
	const parts = {};
	for (const p of formatter(zone).formatToParts(new Date(utcMs))) parts[p.type] = p.value;
	let year = Number(parts.year);
	if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
	return {
		year,
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour) % 24,
		minute: Number(parts.minute),
		second: Number(parts.second),
	};
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(zone, utcMs) {
	const whole = Math.floor(utcMs / 1000) * 1000;
	const p = localParts(zone, whole);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return asUtc - whole;
}

/** Local date-time fields → UTC epoch ms, with java.time's gap/overlap rules (see top). */
function localToUtc(zone, year, month, day, hour = 0, minute = 0, second = 0) {
	const t0 = Date.UTC(year, month - 1, day, hour, minute, second);
	const candidates = new Set([
		offsetMs(zone, t0 - 86400000),
		offsetMs(zone, t0),
		offsetMs(zone, t0 + 86400000),
	]);
	const valid = [];
	for (const o of candidates) if (offsetMs(zone, t0 - o) === o) valid.push(t0 - o);
	if (valid.length > 0) return Math.min(...valid); // overlap → earlier instant (earlier offset)
	// gap: use the offset before the transition (the smaller one), i.e. shift forward by the gap
	const before = Math.min(...candidates);
	return t0 - before;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses 'YYYY-MM-DD HH:mm:ss' (strict); returns the fields or null. */
function parseLocal(text) {
	if (typeof text !== 'string') return null;
	const m = LOCAL_RE.exec(text);
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return null;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day > daysInMonth) return null;
	return { year, month, day, hour, minute, second };
}

/** 'YYYY-MM-DD HH:mm:ss' in zone → UTC ms, or null when malformed. */
function parseLocalToUtc(text, zone) {
	const p = parseLocal(text);
	if (!p) return null;
	return localToUtc(zone, p.year, p.month, p.day, p.hour, p.minute, p.second);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Formats an instant as local time in zone with a pattern of YYYY MM DD HH mm ss tokens. */
function formatLocal(zone, utcMs, pattern = 'YYYY-MM-DD HH:mm:ss') {
	const p = localParts(zone, utcMs);
	return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (tok) => {
		switch (tok) {
			case 'YYYY':
				return pad(p.year, 4);
			case 'MM':
				return pad(p.month);
			case 'DD':
				return pad(p.day);
			case 'HH':
				return pad(p.hour);
			case 'mm':
				return pad(p.minute);
			default:
				return pad(p.second);
		}
	});
}

/** ISO 8601 with the zone's offset, e.g. 2024-03-04T05:00:00-05:00. */
function formatIsoOffset(zone, utcMs) {
	const off = offsetMs(zone, utcMs) / 60000;
	const sign = off < 0 ? '-' : '+';
	const abs = Math.abs(off);
	return `${formatLocal(zone, utcMs, 'YYYY-MM-DDTHH:mm:ss')}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

module.exports = {
	isValidZone,
	localParts,
	offsetMs,
	localToUtc,
	parseLocal,
	parseLocalToUtc,
	formatLocal,
	formatIsoOffset,
};
