const tz = require('../../simulator/timezone');

describe('simulator timezone.js (Intl only, java.time rules)', () => {
	it('converts ordinary local times in IANA and link zones', () => {
		expect(new Date(tz.parseLocalToUtc('2026-07-01 10:00:00', 'US/Eastern')).toISOString()).toBe('2026-07-01T14:00:00.000Z');
		expect(new Date(tz.parseLocalToUtc('2026-01-15 10:00:00', 'America/New_York')).toISOString()).toBe('2026-01-15T15:00:00.000Z');
		expect(new Date(tz.parseLocalToUtc('2026-01-01 00:00:00', 'Asia/Kolkata')).toISOString()).toBe('2025-12-31T18:30:00.000Z');
	});

	it('handles fixed zones like Etc/GMT+5 (POSIX sign: UTC−5) all year', () => {
		expect(new Date(tz.parseLocalToUtc('2026-07-01 10:00:00', 'Etc/GMT+5')).toISOString()).toBe('2026-07-01T15:00:00.000Z');
		expect(new Date(tz.parseLocalToUtc('2026-01-01 10:00:00', 'Etc/GMT+5')).toISOString()).toBe('2026-01-01T15:00:00.000Z');
	});

	it('resolves an ambiguous fall-back time to the earlier offset', () => {
		// 2026-11-01 01:30 happens twice in New York: EDT (-4) first, then EST (-5)
		const ms = tz.parseLocalToUtc('2026-11-01 01:30:00', 'US/Eastern');
		expect(new Date(ms).toISOString()).toBe('2026-11-01T05:30:00.000Z');
		expect(tz.formatIsoOffset('US/Eastern', ms)).toBe('2026-11-01T01:30:00-04:00');
	});

	it('shifts a spring-forward gap time forward by the gap', () => {
		const ms = tz.parseLocalToUtc('2026-03-08 02:30:00', 'US/Eastern');
		expect(tz.formatIsoOffset('US/Eastern', ms)).toBe('2026-03-08T03:30:00-04:00');
		// a 30-minute gap (Lord Howe Island)
		const lh = tz.parseLocalToUtc('2026-10-04 02:15:00', 'Australia/Lord_Howe');
		expect(tz.formatIsoOffset('Australia/Lord_Howe', lh)).toBe('2026-10-04T02:45:00+11:00');
	});

	it('parses strictly and rejects bad zones', () => {
		expect(tz.parseLocal('2026-03-02T09:00:00')).toBeNull();
		expect(tz.parseLocal('2026-02-30 09:00:00')).toBeNull();
		expect(tz.parseLocal('2026-03-02 24:00:00')).toBeNull();
		expect(tz.parseLocal('2026-03-02 09:00:00')).toEqual({ year: 2026, month: 3, day: 2, hour: 9, minute: 0, second: 0 });
		expect(tz.isValidZone('US/Eastern')).toBe(true);
		expect(tz.isValidZone('Mars/Olympus')).toBe(false);
		expect(tz.isValidZone('')).toBe(false);
	});

	it('formats local patterns', () => {
		const ms = Date.parse('2024-03-04T10:00:00Z');
		expect(tz.formatLocal('US/Eastern', ms, 'MM-DD-YYYYTHH:mm:ss')).toBe('03-04-2024T05:00:00');
		expect(tz.formatIsoOffset('US/Eastern', ms)).toBe('2024-03-04T05:00:00-05:00');
		expect(tz.formatIsoOffset('UTC', ms)).toBe('2024-03-04T10:00:00+00:00');
	});
});
