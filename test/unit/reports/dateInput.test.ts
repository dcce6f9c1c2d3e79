import { parseDateInput } from '../../../nodes/EngageVoice/reports';

const utc = (iso: string) => Date.parse(iso);

describe('parseDateInput: what a report Start or End means', () => {
	it.each<[unknown, string, string]>([
		// wall times (no offset) are read in the zone
		['2026-03-02T09:00:00', 'US/Eastern', '2026-03-02T14:00:00Z'],
		['2026-03-02 09:00:00', 'US/Eastern', '2026-03-02T14:00:00Z'],
		['2026-03-02T09:00', 'Europe/Berlin', '2026-03-02T08:00:00Z'],
		['2026-03-02T09:00:00.250', 'UTC', '2026-03-02T09:00:00.250Z'],
		['2026-03-02', 'US/Eastern', '2026-03-02T05:00:00Z'],
		['  2026-07-01  ', 'US/Eastern', '2026-07-01T04:00:00Z'],
		// spring forward: 02:30 does not exist and is moved forward; fall back: 01:30 means the first one
		['2026-03-08T02:30:00', 'US/Eastern', '2026-03-08T07:30:00Z'],
		['2026-11-01T01:30:00', 'US/Eastern', '2026-11-01T05:30:00Z'],
		// with an offset: that instant, whatever the zone
		['2026-03-02T09:00:00Z', 'US/Eastern', '2026-03-02T09:00:00Z'],
		['2026-03-02T09:00:00-05:00', 'Asia/Tokyo', '2026-03-02T14:00:00Z'],
		['2026-03-02T09:00:00+0530', 'UTC', '2026-03-02T03:30:00Z'],
		['2026-03-02T09:00:00+01', 'UTC', '2026-03-02T08:00:00Z'],
	])('%j in %s → %s', (input, zone, expected) => {
		expect(parseDateInput(input, zone)).toBe(utc(expected));
	});

	it('takes epoch milliseconds, Date and Luxon-like DateTime objects as instants', () => {
		const ms = utc('2026-03-02T09:00:00Z');
		expect(parseDateInput(ms, 'US/Eastern')).toBe(ms);
		expect(parseDateInput(new Date(ms), 'US/Eastern')).toBe(ms);
		expect(parseDateInput({ toMillis: () => ms }, 'US/Eastern')).toBe(ms);
	});

	it.each<unknown>([
		'',
		'yesterday',
		'03/02/2026',
		'2026-02-30',
		'2026-03-02T25:00:00',
		'2026-03-02T09:00:00+19:00',
		'2026-03-02T09:00:00 PST',
		null,
		undefined,
		Number.NaN,
		new Date('nope'),
		{},
	])('refuses %j', (input) => {
		expect(parseDateInput(input, 'US/Eastern')).toBeUndefined();
	});
});
