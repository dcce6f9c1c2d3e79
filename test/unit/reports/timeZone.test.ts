import {
	canonicalTimeZone,
	fixedOffsetZone,
	formatOffset,
	formatWallTime,
	isValidTimeZone,
	offsetMinutesAt,
	resolveWallTime,
	toIsoWithOffset,
	wallTimeToUtc,
} from '../../../nodes/EngageVoice/reports/timeZone';

const utc = (iso: string) => Date.parse(iso);

describe('formatWallTime', () => {
	it('formats the wall clock of the zone, 24-hour, with seconds', () => {
		expect(formatWallTime(utc('2024-03-04T10:00:00Z'), 'US/Eastern')).toBe('2024-03-04 05:00:00');
		expect(formatWallTime(utc('2024-07-04T23:59:59Z'), 'US/Eastern')).toBe('2024-07-04 19:59:59');
		expect(formatWallTime(utc('2024-03-04T00:00:00Z'), 'UTC')).toBe('2024-03-04 00:00:00');
		expect(formatWallTime(utc('2024-03-04T04:30:00Z'), 'Asia/Kolkata')).toBe('2024-03-04 10:00:00');
	});

	it('writes midnight as 00, not 24', () => {
		expect(formatWallTime(utc('2026-03-09T04:00:00Z'), 'US/Eastern')).toBe('2026-03-09 00:00:00');
	});
});

describe('offsetMinutesAt and toIsoWithOffset', () => {
	it('gives the offset in force at the instant', () => {
		expect(offsetMinutesAt(utc('2026-01-15T12:00:00Z'), 'US/Eastern')).toBe(-300);
		expect(offsetMinutesAt(utc('2026-07-15T12:00:00Z'), 'US/Eastern')).toBe(-240);
		expect(offsetMinutesAt(utc('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
		expect(offsetMinutesAt(utc('2026-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
	});

	it('switches exactly at the transition instant', () => {
		// US/Eastern 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT.
		expect(offsetMinutesAt(utc('2026-03-08T06:59:59Z'), 'US/Eastern')).toBe(-300);
		expect(offsetMinutesAt(utc('2026-03-08T07:00:00Z'), 'US/Eastern')).toBe(-240);
	});

	it('writes ISO 8601 with the offset (the API doc example)', () => {
		expect(toIsoWithOffset(utc('2024-03-04T10:00:00Z'), 'US/Eastern')).toBe('2024-03-04T05:00:00-05:00');
		expect(toIsoWithOffset(utc('2024-03-04T04:30:00Z'), 'Asia/Kolkata')).toBe('2024-03-04T10:00:00+05:30');
		expect(toIsoWithOffset(utc('2024-03-04T04:30:00Z'), 'UTC')).toBe('2024-03-04T04:30:00+00:00');
		expect(formatOffset(-570)).toBe('-09:30');
	});
});

describe('wallTimeToUtc (resolved like java.time)', () => {
	it('reads an ordinary wall time', () => {
		expect(wallTimeToUtc('2024-03-04 05:00:00', 'US/Eastern')).toBe(utc('2024-03-04T10:00:00Z'));
		expect(wallTimeToUtc('2024-03-04 10:00:00', 'Asia/Kolkata')).toBe(utc('2024-03-04T04:30:00Z'));
		expect(resolveWallTime('2024-03-04 05:00:00', 'US/Eastern')?.kind).toBe('unique');
	});

	it('reads the repeated fall-back hour with the earlier offset', () => {
		const resolved = resolveWallTime('2026-11-01 01:30:00', 'US/Eastern');
		expect(resolved).toEqual({ utcMs: utc('2026-11-01T05:30:00Z'), kind: 'ambiguous' });
	});

	it('shifts a wall time in the spring-forward gap forward by the gap', () => {
		const resolved = resolveWallTime('2026-03-08 02:30:00', 'US/Eastern');
		expect(resolved).toEqual({ utcMs: utc('2026-03-08T07:30:00Z'), kind: 'gap' });
		expect(formatWallTime(resolved!.utcMs, 'US/Eastern')).toBe('2026-03-08 03:30:00');
	});

	it('treats the edges of the transitions correctly', () => {
		expect(resolveWallTime('2026-03-08 03:00:00', 'US/Eastern')).toEqual({ utcMs: utc('2026-03-08T07:00:00Z'), kind: 'unique' });
		expect(resolveWallTime('2026-03-08 01:59:59', 'US/Eastern')?.kind).toBe('unique');
		expect(resolveWallTime('2026-11-01 01:00:00', 'US/Eastern')?.kind).toBe('ambiguous');
		expect(resolveWallTime('2026-11-01 02:00:00', 'US/Eastern')).toEqual({ utcMs: utc('2026-11-01T07:00:00Z'), kind: 'unique' });
		expect(resolveWallTime('2026-11-01 00:59:59', 'US/Eastern')?.kind).toBe('unique');
	});

	it('accepts a T separator and missing seconds, rejects impossible dates', () => {
		expect(wallTimeToUtc('2024-03-04T05:00', 'US/Eastern')).toBe(utc('2024-03-04T10:00:00Z'));
		expect(resolveWallTime('2024-02-30 00:00:00', 'UTC')).toBeUndefined();
		expect(resolveWallTime('2024-03-04 24:00:00', 'UTC')).toBeUndefined();
		expect(() => wallTimeToUtc('03-04-2024 05:00', 'UTC')).toThrow(/Not a wall time/);
	});

	it('round-trips every quarter hour of both DST days except the ambiguous ones', () => {
		for (const day of ['2026-03-08T04:00:00Z', '2026-11-01T03:00:00Z']) {
			for (let ms = utc(day); ms < utc(day) + 26 * 3_600_000; ms += 900_000) {
				const wall = formatWallTime(ms, 'US/Eastern');
				const resolved = resolveWallTime(wall, 'US/Eastern')!;
				if (resolved.kind === 'unique') expect(resolved.utcMs).toBe(ms);
				else expect(resolved.kind).toBe('ambiguous');
			}
		}
	});
});

describe('isValidTimeZone and fixedOffsetZone', () => {
	it('accepts tz names the API uses, including links like US/Eastern', () => {
		expect(isValidTimeZone('US/Eastern')).toBe(true);
		expect(isValidTimeZone('America/New_York')).toBe(true);
		expect(isValidTimeZone('Etc/GMT+5')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
	});

	it('names whole-hour offsets with the POSIX sign, and other offsets by the offset itself', () => {
		expect(fixedOffsetZone(-300)).toBe('Etc/GMT+5');
		expect(fixedOffsetZone(-240)).toBe('Etc/GMT+4');
		expect(fixedOffsetZone(60)).toBe('Etc/GMT-1');
		expect(fixedOffsetZone(0)).toBe('Etc/GMT');
		expect(offsetMinutesAt(Date.now(), fixedOffsetZone(-300)!)).toBe(-300);
		// no Etc names for these: Lord Howe after its fall-back, India, Nepal, -13:00 (Etc stops at +12)
		expect(fixedOffsetZone(630)).toBe('+10:30');
		expect(fixedOffsetZone(330)).toBe('+05:30');
		expect(fixedOffsetZone(345)).toBe('+05:45');
		expect(fixedOffsetZone(-13 * 60)).toBe('-13:00');
		for (const offset of [630, 330, 345, -13 * 60]) expect(offsetMinutesAt(Date.now(), fixedOffsetZone(offset)!)).toBe(offset);
		expect(wallTimeToUtc('2026-04-05 01:30:00', '+10:30')).toBe(Date.parse('2026-04-04T15:00:00Z'));
		expect(fixedOffsetZone(15 * 60)).toBeUndefined();
		expect(fixedOffsetZone(12.5)).toBeUndefined();
	});
});

describe('canonicalTimeZone', () => {
	it('gives the spelling the API expects, whatever the case typed', () => {
		expect(canonicalTimeZone('us/eastern')).toBe('US/Eastern');
		expect(canonicalTimeZone('US/Eastern')).toBe('US/Eastern');
		expect(canonicalTimeZone(' america/NEW_york ')).toBe('America/New_York');
		expect(canonicalTimeZone('utc')).toBe('UTC');
		expect(canonicalTimeZone('gb')).toBe('Europe/London');
	});

	it('knows no zone the runtime does not know', () => {
		expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
		expect(canonicalTimeZone('')).toBeUndefined();
	});
});
