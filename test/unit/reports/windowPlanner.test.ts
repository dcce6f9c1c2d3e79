import { TooManyWindowsError, WindowPlanError } from '../../../nodes/EngageVoice/reports/errors';
import { formatWallTime, resolveWallTime, wallTimeToUtc } from '../../../nodes/EngageVoice/reports/timeZone';
import {
	firstWindowStartMs,
	planWindows,
	windowFileStamp,
	type PlanWindowsInput,
	type ReportWindow,
	type WindowPlan,
} from '../../../nodes/EngageVoice/reports/windowPlanner';

const HOUR = 3_600_000;
const MIN = 60_000;
const utc = (iso: string) => Date.parse(iso);
const wall = (text: string, zone = 'US/Eastern') => wallTimeToUtc(text, zone);
const FAR_FUTURE = utc('2030-01-01T00:00:00Z');

function stats(start: string, end: string, extra: Partial<PlanWindowsInput> = {}, zone = 'US/Eastern'): WindowPlan {
	return planWindows({
		startMs: wall(start, zone),
		endMs: wall(end, zone),
		nowMs: FAR_FUTURE,
		timeZone: zone,
		kind: 'statistics',
		intervalMinutes: 60,
		...extra,
	});
}

const spans = (plan: WindowPlan) =>
	plan.windows.map((w) => [new Date(w.startMs).toISOString(), new Date(w.endMs).toISOString()]);

/**
 * What the server will do with a window: read startWall/endWall in requestTimeZone (ambiguous →
 * earlier offset). The plan is right only if that gives back exactly the planned instants and
 * no wall time is ambiguous or missing.
 */
function expectServerReadsExactly(windows: ReportWindow[], kind: 'statistics' | 'metadata' = 'statistics') {
	for (const w of windows) {
		const start = resolveWallTime(w.startWall, w.requestTimeZone);
		expect({ label: w.label, ...start }).toEqual({ label: w.label, utcMs: w.startMs, kind: 'unique' });
		if (kind === 'statistics') {
			const end = resolveWallTime(w.endWall, w.requestTimeZone);
			expect({ label: w.label, ...end }).toEqual({ label: w.label, utcMs: w.endMs, kind: 'unique' });
		}
	}
}

function expectContiguous(windows: ReportWindow[]) {
	windows.forEach((w, i) => {
		expect(w.index).toBe(i + 1);
		expect(w.count).toBe(windows.length);
		expect(w.endMs).toBeGreaterThan(w.startMs);
		if (i > 0) expect(w.startMs).toBe(windows[i - 1].endMs);
	});
}

describe('planWindows: statistics on an ordinary day', () => {
	const plan = stats('2026-03-02 00:00:00', '2026-03-03 00:00:00');

	it('cuts a full day into eight 3-hour windows with the wall times to send', () => {
		expect(plan.windows).toHaveLength(8);
		expectContiguous(plan.windows);
		expect(plan.windows[0]).toEqual({
			index: 1,
			count: 8,
			startMs: utc('2026-03-02T05:00:00Z'),
			endMs: utc('2026-03-02T08:00:00Z'),
			requestTimeZone: 'US/Eastern',
			startWall: '2026-03-02 00:00:00',
			endWall: '2026-03-02 03:00:00',
			label: '2026-03-02 00:00–03:00 US/Eastern',
		});
		expect(plan.windows[7].label).toBe('2026-03-02 21:00–2026-03-03 00:00 US/Eastern');
		expect(plan.clipped).toBeUndefined();
		expect(plan.skipped).toEqual([]);
		expect(plan.notes).toEqual([]);
	});

	it('gives a file stamp without colons or slashes', () => {
		expect(windowFileStamp(plan.windows[0])).toBe('2026-03-02T0000--2026-03-02T0300_US-Eastern');
		for (const w of plan.windows) expect(windowFileStamp(w)).not.toMatch(/[:/\\ ]/);
	});

	it('makes exactly one window when the range is exactly the maximum', () => {
		const one = stats('2026-03-02 09:00:00', '2026-03-02 12:00:00');
		expect(one.windows.map((w) => w.label)).toEqual(['2026-03-02 09:00–12:00 US/Eastern']);
		expect(one.windows[0].endMs - one.windows[0].startMs).toBe(3 * HOUR);
		expect(one.clipped).toBeUndefined();
	});

	it('honours a smaller maximum', () => {
		const plan2 = stats('2026-03-02 09:00:00', '2026-03-02 12:00:00', { maxWindowSeconds: 3600 });
		expect(plan2.windows.map((w) => w.label)).toEqual([
			'2026-03-02 09:00–10:00 US/Eastern',
			'2026-03-02 10:00–11:00 US/Eastern',
			'2026-03-02 11:00–12:00 US/Eastern',
		]);
	});
});

describe('planWindows: interval alignment', () => {
	const cases: Array<[number, string, string, number]> = [
		// interval, aligned start, aligned end, intervals per full window
		[15, '10:15', '13:45', 12],
		[30, '10:00', '13:30', 6],
		[45, '09:45', '13:30', 4],
		[60, '10:00', '13:00', 3],
	];

	it.each(cases)('%i-minute intervals: start aligned down, only complete intervals', (interval, from, to, perWindow) => {
		const plan = stats('2026-03-02 10:20:00', '2026-03-02 13:50:00', { intervalMinutes: interval });
		const first = plan.windows[0];
		const last = plan.windows[plan.windows.length - 1];
		expect(first.startWall).toBe(`2026-03-02 ${from}:00`);
		expect(last.endWall).toBe(`2026-03-02 ${to}:00`);
		expectContiguous(plan.windows);
		for (const w of plan.windows) {
			const minutes = (w.endMs - w.startMs) / MIN;
			expect(minutes % interval).toBe(0);
			expect(minutes).toBeLessThanOrEqual(perWindow * interval);
		}
		expect(plan.notes[0]).toMatch(/moved back to the interval boundary/);
		expect(plan.skipped).toEqual([
			expect.objectContaining({ reason: 'incompleteInterval', startMs: last.endMs, endMs: wall('2026-03-02 13:50:00') }),
		]);
		expect(plan.clipped).toEqual({
			requestedEndMs: wall('2026-03-02 13:50:00'),
			effectiveEndMs: last.endMs,
			reason: 'incompleteInterval',
		});
	});

	it('aligns 45-minute intervals to local midnight (32 per day)', () => {
		const plan = stats('2026-03-02 00:00:00', '2026-03-03 00:00:00', { intervalMinutes: 45 });
		expect(plan.windows.map((w) => w.startWall.slice(11, 16))).toEqual([
			'00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00',
		]);
		expect(plan.windows[7].endWall).toBe('2026-03-03 00:00:00');
	});

	it('aligns to the wall clock of a +05:30 zone (hourly boundaries are hh:30 UTC)', () => {
		const plan = stats('2026-03-02 10:20:00', '2026-03-02 17:10:00', {}, 'Asia/Kolkata');
		expect(plan.windows.map((w) => w.label)).toEqual([
			'2026-03-02 10:00–13:00 Asia/Kolkata',
			'2026-03-02 13:00–16:00 Asia/Kolkata',
			'2026-03-02 16:00–17:00 Asia/Kolkata',
		]);
		expect(new Date(plan.windows[0].startMs).toISOString()).toBe('2026-03-02T04:30:00.000Z');
		expectServerReadsExactly(plan.windows);
	});

	it('aligns 15-minute intervals in Kathmandu (+05:45) to the local quarter hours', () => {
		const plan = stats('2026-03-02 10:07:00', '2026-03-02 11:00:00', { intervalMinutes: 15 }, 'Asia/Kathmandu');
		expect(plan.windows[0].startWall).toBe('2026-03-02 10:00:00');
		expect(new Date(plan.windows[0].startMs).toISOString()).toBe('2026-03-02T04:15:00.000Z');
	});
});

describe('planWindows: DST in US/Eastern', () => {
	it('spring forward 2026-03-08: splits at the transition, never sends a missing wall time', () => {
		const plan = stats('2026-03-08 00:00:00', '2026-03-09 00:00:00');
		expect(plan.windows.map((w) => w.label)).toEqual([
			'2026-03-08 00:00–03:00 US/Eastern',
			'2026-03-08 03:00–06:00 US/Eastern',
			'2026-03-08 06:00–09:00 US/Eastern',
			'2026-03-08 09:00–12:00 US/Eastern',
			'2026-03-08 12:00–15:00 US/Eastern',
			'2026-03-08 15:00–18:00 US/Eastern',
			'2026-03-08 18:00–21:00 US/Eastern',
			'2026-03-08 21:00–2026-03-09 00:00 US/Eastern',
		]);
		// The first window is two real hours (00:00 EST → 03:00 EDT) and ends at the transition.
		expect(spans(plan)[0]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-08T07:00:00.000Z']);
		expectContiguous(plan.windows);
		expectServerReadsExactly(plan.windows);
		expect(plan.windows[plan.windows.length - 1].endMs - plan.windows[0].startMs).toBe(23 * HOUR);
	});

	it('fall back 2026-11-01: the repeated hour goes out in Etc/GMT+4 / Etc/GMT+5', () => {
		const plan = stats('2026-11-01 00:00:00', '2026-11-02 00:00:00');
		expect(plan.windows.slice(0, 3).map((w) => [w.requestTimeZone, w.startWall, w.endWall])).toEqual([
			['Etc/GMT+4', '2026-11-01 00:00:00', '2026-11-01 02:00:00'],
			['Etc/GMT+5', '2026-11-01 01:00:00', '2026-11-01 04:00:00'],
			['US/Eastern', '2026-11-01 04:00:00', '2026-11-01 07:00:00'],
		]);
		expect(spans(plan).slice(0, 2)).toEqual([
			['2026-11-01T04:00:00.000Z', '2026-11-01T06:00:00.000Z'],
			['2026-11-01T06:00:00.000Z', '2026-11-01T09:00:00.000Z'],
		]);
		expect(plan.windows[0].label).toBe('2026-11-01 00:00–02:00 Etc/GMT+4 (US/Eastern)');
		expect(windowFileStamp(plan.windows[1])).toBe('2026-11-01T0100--2026-11-01T0400_Etc-GMT+5');
		expect(plan.windows).toHaveLength(9);
		expect(plan.windows[8].endMs - plan.windows[0].startMs).toBe(25 * HOUR);
		expectContiguous(plan.windows);
		expectServerReadsExactly(plan.windows);
		expect(plan.notes.join(' ')).toMatch(/fixed-offset zone/);
	});

	it.each([15, 30, 45, 60])('%i-minute intervals stay exact on both DST days', (interval) => {
		for (const day of [['2026-03-08', '2026-03-09'], ['2026-11-01', '2026-11-02']]) {
			const plan = stats(`${day[0]} 00:00:00`, `${day[1]} 00:00:00`, { intervalMinutes: interval });
			expectContiguous(plan.windows);
			expectServerReadsExactly(plan.windows);
			for (const w of plan.windows) {
				expect(w.endMs - w.startMs).toBeLessThanOrEqual(3 * HOUR);
				expect(((w.endMs - w.startMs) / MIN) % interval === 0 || interval === 45).toBe(true);
			}
			const total = plan.windows[plan.windows.length - 1].endMs - plan.windows[0].startMs;
			expect(total).toBe(day[0] === '2026-03-08' ? 23 * HOUR : 25 * HOUR);
		}
	});

	it('45-minute intervals: the interval that straddles the fall-back transition is a window of its own', () => {
		const plan = stats('2026-11-01 00:00:00', '2026-11-01 05:00:00', { intervalMinutes: 45 });
		expect(plan.windows.map((w) => [w.requestTimeZone, w.startWall, w.endWall])).toEqual([
			['Etc/GMT+4', '2026-11-01 00:00:00', '2026-11-01 01:30:00'],
			['Etc/GMT+4', '2026-11-01 01:30:00', '2026-11-01 02:30:00'],
			['Etc/GMT+5', '2026-11-01 01:30:00', '2026-11-01 04:30:00'],
		]);
		expectServerReadsExactly(plan.windows);
	});
});

describe('planWindows: now and the safety lag', () => {
	it('clips a range that ends in the future to complete intervals before now minus 5 min', () => {
		const now = wall('2026-03-02 10:03:00');
		const plan = planWindows({
			startMs: wall('2026-03-02 06:00:00'),
			endMs: wall('2026-03-02 18:00:00'),
			nowMs: now,
			timeZone: 'US/Eastern',
			kind: 'statistics',
			intervalMinutes: 15,
		});
		// now − 5 min = 09:58 → last complete quarter ends 09:45.
		expect(plan.windows.map((w) => w.label)).toEqual([
			'2026-03-02 06:00–09:00 US/Eastern',
			'2026-03-02 09:00–09:45 US/Eastern',
		]);
		expect(plan.clipped).toEqual({
			requestedEndMs: wall('2026-03-02 18:00:00'),
			effectiveEndMs: wall('2026-03-02 09:45:00'),
			reason: 'notYetAvailable',
		});
		expect(plan.skipped.map((s) => s.reason)).toEqual(['notYetAvailable', 'incompleteInterval']);
		expect(plan.skipped[0]).toMatchObject({ startMs: now - 5 * MIN, endMs: wall('2026-03-02 18:00:00') });
		expect(plan.notes.join(' ')).toMatch(/not available yet/);
		for (const w of plan.windows) expect(w.endMs).toBeLessThanOrEqual(now - 5 * MIN);
	});

	it('gives no window and says why when the whole range is in the future', () => {
		const plan = planWindows({
			startMs: utc('2026-03-02T12:00:00Z'),
			endMs: utc('2026-03-02T15:00:00Z'),
			nowMs: utc('2026-03-02T11:00:00Z'),
			timeZone: 'US/Eastern',
			kind: 'statistics',
			intervalMinutes: 60,
		});
		expect(plan.windows).toEqual([]);
		expect(plan.clipped).toEqual({
			requestedEndMs: utc('2026-03-02T15:00:00Z'),
			effectiveEndMs: utc('2026-03-02T12:00:00Z'),
			reason: 'notYetAvailable',
		});
		expect(plan.notes.join(' ')).toMatch(/No windows: the whole range is later than now minus the 5 min safety lag/);
	});

	it('gives no window when the range holds no complete interval', () => {
		const plan = stats('2026-03-02 10:05:00', '2026-03-02 10:50:00');
		expect(plan.windows).toEqual([]);
		expect(plan.notes.join(' ')).toMatch(/no complete interval/);
	});

	it('uses a custom lag', () => {
		const now = wall('2026-03-02 10:03:00');
		const plan = planWindows({
			startMs: wall('2026-03-02 09:00:00'),
			endMs: now,
			nowMs: now,
			timeZone: 'US/Eastern',
			kind: 'statistics',
			intervalMinutes: 15,
			safetyLagMs: 0,
		});
		expect(plan.windows[plan.windows.length - 1].endWall).toBe('2026-03-02 10:00:00');
	});
});

describe('planWindows: interaction metadata', () => {
	const base = {
		timeZone: 'US/Eastern',
		kind: 'metadata' as const,
		nowMs: FAR_FUTURE,
	};

	it('uses 1-hour windows by default, any start second, and a short last window', () => {
		const plan = planWindows({ ...base, startMs: wall('2026-03-02 09:10:30'), endMs: wall('2026-03-02 11:40:00') });
		expect(plan.windows.map((w) => [w.startWall, w.endWall])).toEqual([
			['2026-03-02 09:10:30', '2026-03-02 10:10:30'],
			['2026-03-02 10:10:30', '2026-03-02 11:10:30'],
			['2026-03-02 11:10:30', '2026-03-02 11:40:00'],
		]);
		expect(plan.windows[0].label).toBe('2026-03-02 09:10:30–10:10:30 US/Eastern');
		expect(plan.notes).toEqual([]);
	});

	it('accepts a maximum up to 10800 s and refuses more', () => {
		const plan = planWindows({ ...base, startMs: wall('2026-03-02 00:00:00'), endMs: wall('2026-03-02 06:00:00'), maxWindowSeconds: 10800 });
		expect(plan.windows).toHaveLength(2);
		expect(() => planWindows({ ...base, startMs: 0, endMs: HOUR, maxWindowSeconds: 10801 })).toThrow(WindowPlanError);
	});

	it('keeps 15 minutes away from now by default', () => {
		const now = wall('2026-03-02 12:00:00');
		const plan = planWindows({ ...base, nowMs: now, startMs: wall('2026-03-02 10:00:00'), endMs: now });
		expect(plan.windows[plan.windows.length - 1].endWall).toBe('2026-03-02 11:45:00');
		expect(plan.clipped?.reason).toBe('notYetAvailable');
	});

	it('starts the windows of the repeated hour in the fixed-offset zone of their side', () => {
		const plan = planWindows({ ...base, startMs: wall('2026-11-01 00:00:00'), endMs: wall('2026-11-01 04:00:00') });
		expect(plan.windows.map((w) => [w.requestTimeZone, w.startWall])).toEqual([
			['US/Eastern', '2026-11-01 00:00:00'],
			['Etc/GMT+4', '2026-11-01 01:00:00'],
			['Etc/GMT+5', '2026-11-01 01:00:00'],
			['US/Eastern', '2026-11-01 02:00:00'],
			['US/Eastern', '2026-11-01 03:00:00'],
		]);
		expectServerReadsExactly(plan.windows, 'metadata');
	});

	it('splits at the spring-forward transition', () => {
		const plan = planWindows({ ...base, startMs: wall('2026-03-08 01:30:00'), endMs: wall('2026-03-08 04:00:00') });
		expect(plan.windows.map((w) => [w.startWall, w.endWall])).toEqual([
			['2026-03-08 01:30:00', '2026-03-08 03:00:00'],
			['2026-03-08 03:00:00', '2026-03-08 04:00:00'],
		]);
		expect(plan.windows[0].endMs - plan.windows[0].startMs).toBe(30 * MIN);
	});
});

describe('planWindows: a 30-minute fall-back (no Etc name for the offset)', () => {
	// Australia/Lord_Howe falls back 2026-04-05 02:00 (+11:00) → 01:30 (+10:30), at 15:00Z.
	const zone = 'Australia/Lord_Howe';
	const plan = (interval: number) =>
		planWindows({
			startMs: wall('2026-04-05 00:00:00', zone),
			endMs: wall('2026-04-05 03:00:00', zone),
			nowMs: FAR_FUTURE,
			timeZone: zone,
			kind: 'statistics',
			intervalMinutes: interval,
		});

	it('asks the side after the change in +10:30, where the wall times repeat', () => {
		const { windows } = plan(30);
		expectContiguous(windows);
		expectServerReadsExactly(windows);
		expect(windows.map((w) => [w.requestTimeZone, w.startWall, w.endWall])).toEqual([
			['Etc/GMT-11', '2026-04-05 00:00:00', '2026-04-05 02:00:00'],
			['+10:30', '2026-04-05 01:30:00', '2026-04-05 03:00:00'],
		]);
		expect(windows[1].label).toBe('2026-04-05 01:30–03:00 +10:30 (Australia/Lord_Howe)');
		expect(windowFileStamp(windows[1])).toBe('2026-04-05T0130--2026-04-05T0300_+10-30');
	});

	it('an hour interval that the change cuts in two is asked in the offset before it, whole', () => {
		const { windows } = plan(60);
		expectContiguous(windows);
		expectServerReadsExactly(windows);
		// 01:00 (+11) to 02:00 (+10:30) is 90 minutes that hold a fall-back: its rows would carry 01:30 twice
		expect(windows.map((w) => [w.requestTimeZone, w.startWall, w.endWall])).toEqual([
			[zone, '2026-04-05 00:00:00', '2026-04-05 01:00:00'],
			['Etc/GMT-11', '2026-04-05 01:00:00', '2026-04-05 02:30:00'],
			[zone, '2026-04-05 02:00:00', '2026-04-05 03:00:00'],
		]);
		expect(windows[1].endMs - windows[1].startMs).toBe(90 * MIN);
	});

	it('says where the windows of a range begin: up to 90 minutes back in the interval the change cuts', () => {
		const at = (iso: string, interval: number) =>
			firstWindowStartMs({ startMs: utc(iso), timeZone: zone, kind: 'statistics', intervalMinutes: interval });
		// 15:20Z is inside 14:00Z–15:30Z, the hour interval that holds the fall-back
		expect(at('2026-04-04T15:20:00Z', 60)).toBe(utc('2026-04-04T14:00:00Z'));
		expect(at('2026-04-04T15:20:00Z', 15)).toBe(utc('2026-04-04T15:15:00Z'));
		for (const interval of [15, 30, 45, 60]) {
			const startMs = utc('2026-04-04T15:20:00Z');
			const plan = planWindows({ startMs, endMs: startMs + 5 * HOUR, nowMs: FAR_FUTURE, timeZone: zone, kind: 'statistics', intervalMinutes: interval });
			expect(at('2026-04-04T15:20:00Z', interval)).toBe(plan.windows[0].startMs);
		}
		expect(firstWindowStartMs({ startMs: utc('2026-04-04T15:20:00.750Z'), timeZone: zone, kind: 'metadata' })).toBe(utc('2026-04-04T15:20:00Z'));
	});

	it('every interval length, over the whole day, reads back exactly', () => {
		for (const interval of [15, 30, 45, 60]) {
			const day = planWindows({
				startMs: wall('2026-04-05 00:00:00', zone),
				endMs: wall('2026-04-06 00:00:00', zone),
				nowMs: FAR_FUTURE,
				timeZone: zone,
				kind: 'statistics',
				intervalMinutes: interval,
			});
			expectContiguous(day.windows);
			expectServerReadsExactly(day.windows);
			expect(day.windows[day.windows.length - 1].endMs - day.windows[0].startMs).toBe(24.5 * HOUR);
		}
	});
});

describe('planWindows: invariants over many ranges', () => {
	// Deterministic pseudo-random ranges around both DST changes of several whole-hour zones.
	let seed = 42;
	const random = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const zones = ['US/Eastern', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Australia/Lord_Howe'];
	const anchors = ['2026-03-08T06:00:00Z', '2026-03-29T01:00:00Z', '2026-04-05T16:00:00Z', '2026-10-04T16:00:00Z', '2026-10-25T01:00:00Z', '2026-11-01T06:00:00Z'];

	it('every plan is contiguous, aligned, within the maximum, before now − lag, and read back exactly', () => {
		for (let run = 0; run < 300; run++) {
			const zone = zones[Math.floor(random() * zones.length)];
			const anchor = utc(anchors[Math.floor(random() * anchors.length)]);
			const startMs = anchor - Math.floor(random() * 30 * HOUR) + Math.floor(random() * 60) * 1000;
			const endMs = startMs + 1000 + Math.floor(random() * 40 * HOUR);
			const nowMs = startMs + Math.floor(random() * 50 * HOUR);
			const interval = [15, 30, 45, 60][Math.floor(random() * 4)];
			const kind = random() < 0.7 ? 'statistics' : 'metadata';
			const plan = planWindows({ startMs, endMs, nowMs, timeZone: zone, kind, intervalMinutes: interval });
			expectContiguous(plan.windows);
			expectServerReadsExactly(plan.windows, kind);
			const lag = kind === 'statistics' ? 5 * MIN : 15 * MIN;
			for (const w of plan.windows) {
				expect(w.endMs).toBeLessThanOrEqual(Math.min(endMs, nowMs - lag));
				if (kind === 'metadata') {
					expect(w.endMs - w.startMs).toBeLessThanOrEqual(HOUR);
					continue;
				}
				expect(w.endMs - w.startMs <= 3 * HOUR).toBe(true);
				for (const ms of [w.startMs, w.endMs]) {
					const [h, m] = formatWallTime(ms, zone).slice(11, 16).split(':').map(Number);
					expect((h * 60 + m) % interval).toBe(0);
				}
			}
		}
	});
});

describe('planWindows: input checks', () => {
	const good: PlanWindowsInput = {
		startMs: utc('2026-03-02T00:00:00Z'),
		endMs: utc('2026-03-02T03:00:00Z'),
		nowMs: FAR_FUTURE,
		timeZone: 'US/Eastern',
		kind: 'statistics',
		intervalMinutes: 60,
	};

	it.each<[string, Partial<PlanWindowsInput>, RegExp]>([
		['an unknown zone', { timeZone: 'Nowhere/Land' }, /Unknown time zone "Nowhere\/Land"/],
		['an interval the API does not offer', { intervalMinutes: 20 }, /15, 30, 45 or 60/],
		['a range that ends before it starts', { endMs: utc('2026-03-01T00:00:00Z') }, /ends .* before it starts/],
		['a window longer than 3 hours', { maxWindowSeconds: 14400 }, /from 3600 to 10800/],
		['a window shorter than the interval', { maxWindowSeconds: 1800 }, /from 3600 to 10800/],
		['a start that is not a time', { startMs: Number.NaN }, /startMs must be a point in time/],
	])('refuses %s', (_name, change, message) => {
		expect(() => planWindows({ ...good, ...change })).toThrow(message);
	});
});

describe('planWindows: a maximum number of windows (Max Request Windows)', () => {
	it('refuses a range of thousands of years at once, from its length alone (nothing is planned)', () => {
		let error: unknown;
		try {
			planWindows({
				startMs: utc('0001-01-01T00:00:00Z'),
				endMs: utc('9999-12-31T00:00:00Z'),
				nowMs: utc('2026-03-02T12:00:00Z'),
				timeZone: 'US/Eastern',
				kind: 'statistics',
				intervalMinutes: 30,
				maxWindows: 1000,
			});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(TooManyWindowsError);
		const refusal = error as TooManyWindowsError;
		expect(refusal).toBeInstanceOf(WindowPlanError);
		expect(refusal.exact).toBe(false);
		// up to now minus the lag, in 3-hour windows
		expect(refusal.count).toBe(Math.ceil((utc('2026-03-02T11:55:00Z') - utc('0001-01-01T00:00:00Z')) / (3 * HOUR)));
		expect(refusal.message).toBe(`The range needs at least ${refusal.count.toLocaleString('en-US')} request windows, more than the 1,000 one run may send`);
	});

	it('gives the exact count near the maximum and plans up to it', () => {
		expect(() => stats('2026-03-02 00:00:00', '2026-03-03 00:00:00', { maxWindows: 7 })).toThrow(
			'The range needs 8 request windows, more than the 7 one run may send',
		);
		expect(stats('2026-03-02 00:00:00', '2026-03-03 00:00:00', { maxWindows: 8 }).windows).toHaveLength(8);
	});

	it('reads a start in year 1 as year 1 (the era of 1 BC is not lost)', () => {
		const start = resolveWallTime('0001-01-01 00:00:00', 'UTC')!;
		expect(new Date(start.utcMs).toISOString()).toBe('0001-01-01T00:00:00.000Z');
		expect(formatWallTime(utc('0000-12-31T12:00:00Z'), 'UTC')).toBe('0000-12-31 12:00:00');
	});
});
