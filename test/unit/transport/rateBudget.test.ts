import {
	DEFAULT_LIMITS,
	describeLimits,
	minimumDurationMs,
	RateBudget,
} from '../../../nodes/EngageVoice/transport/rateBudget';

describe('RateBudget', () => {
	const limits = [
		{ count: 2, windowMs: 60_000 },
		{ count: 9, windowMs: 15 * 60_000 },
	];

	it('lets the first requests through and then delays until the oldest leaves the window', () => {
		const budget = new RateBudget();
		budget.record('k', limits, 0);
		expect(budget.delayFor('k', limits, 1_000)).toBe(0);
		budget.record('k', limits, 1_000);
		// two in the last minute: the third waits for the first to age out
		expect(budget.delayFor('k', limits, 2_000)).toBe(58_000);
		expect(budget.delayFor('k', limits, 60_001)).toBe(0);
	});

	it('applies the longer window too (9 per 15 minutes)', () => {
		const budget = new RateBudget();
		for (let i = 0; i < 9; i++) budget.record('k', limits, i * 61_000);
		const now = 9 * 61_000;
		// the 1-minute limit is satisfied, the 15-minute one is not: wait until the first (t=0) expires
		expect(budget.delayFor('k', limits, now)).toBe(15 * 60_000 - now);
	});

	it('keeps keys apart (per sub-account and endpoint class)', () => {
		const budget = new RateBudget();
		budget.record('a', limits, 0);
		budget.record('a', limits, 0);
		expect(budget.delayFor('a', limits, 10)).toBeGreaterThan(0);
		expect(budget.delayFor('b', limits, 10)).toBe(0);
	});

	it('holds a key back after a 429 until the server said so', () => {
		const budget = new RateBudget();
		budget.holdUntil('k', 5_000);
		expect(budget.delayFor('k', limits, 1_000)).toBe(4_000);
		expect(budget.delayFor('k', limits, 5_000)).toBe(0);
	});

	it('acquire waits with the injected clock and reports each wait', async () => {
		const budget = new RateBudget();
		let now = 0;
		const waits: number[] = [];
		const fast = [{ count: 1, windowMs: 50 }];
		await budget.acquire('k', fast, { now: () => now });
		const second = budget.acquire('k', fast, {
			now: () => now,
			onWait: (ms) => {
				waits.push(ms);
				now += ms;
			},
		});
		await expect(second).resolves.toEqual(expect.objectContaining({ granted: true, waitedMs: 50 }));
		expect(waits).toEqual([50]);
	});

	it('dates a slot to the answer once it arrives, so the window opens after the server\'s', async () => {
		const budget = new RateBudget();
		let now = 0;
		const one = [{ count: 1, windowMs: 1000 }];
		const slot = await budget.acquire('k', one, { now: () => now });
		now = 300; // the answer took 300 ms
		if (slot.granted) slot.settle(true);
		expect(budget.delayFor('k', one, 1000)).toBe(300);
	});

	it('waiters reserve their slots: two waiting for one freed slot both get one, in turn', async () => {
		const budget = new RateBudget();
		let now = 0;
		const one = [{ count: 1, windowMs: 300 }];
		budget.record('k', one, 0);
		now = 100;
		const waits: number[] = [];
		const onWait = (ms: number) => waits.push(ms);
		// both ask before either wakes: the first reserves t=300, the second must wait for t=600
		const first = budget.acquire('k', one, { now: () => now, onWait, maxWaitMs: 1000 });
		const second = budget.acquire('k', one, { now: () => now, onWait, maxWaitMs: 1000 });
		expect(waits).toEqual([200, 500]);
		await expect(first).resolves.toEqual(expect.objectContaining({ granted: true }));
		await expect(second).resolves.toEqual(expect.objectContaining({ granted: true }));
		// and a third that cannot be served within its allowed wait says so at once
		await expect(budget.acquire('k', one, { now: () => now, maxWaitMs: 400 })).resolves.toEqual({
			granted: false,
			reason: 'tooLong',
			waitMs: 800,
		});
	});

	it('acquire gives up when the wait would exceed maxWaitMs', async () => {
		const budget = new RateBudget();
		budget.record('k', [{ count: 1, windowMs: 60_000 }], 0);
		await expect(
			budget.acquire('k', [{ count: 1, windowMs: 60_000 }], { now: () => 0, maxWaitMs: 1_000 }),
		).resolves.toEqual({ granted: false, reason: 'tooLong', waitMs: 60_000 });
	});

	it('defaults follow the API doc decision 5', () => {
		expect(DEFAULT_LIMITS.report).toEqual(limits);
		expect(DEFAULT_LIMITS.recording).toEqual([{ count: 120, windowMs: 60_000 }]);
	});

	it('a slot whose request was never sent is given back; a cancelled waiter gives its slot back', async () => {
		const budget = new RateBudget();
		const one = [{ count: 1, windowMs: 60_000 }];
		const slot = await budget.acquire('k', one, { now: () => 0 });
		if (slot.granted) slot.settle(false);
		expect(budget.delayFor('k', one, 1)).toBe(0);
		// a waiter whose execution is cancelled: its reserved slot does not delay the next caller
		budget.record('k', one, 0);
		const cancel = new AbortController();
		const waiting = budget.acquire('k', one, { now: () => 0, abortSignal: cancel.signal });
		expect(budget.delayFor('k', one, 0)).toBe(120_000);
		cancel.abort();
		await expect(waiting).resolves.toEqual({ granted: false, reason: 'cancelled', waitMs: 60_000 });
		expect(budget.delayFor('k', one, 0)).toBe(60_000);
	});
});

describe('RateBudget fairness between callers of one key', () => {
	const limits = DEFAULT_LIMITS.report;

	it('a caller nobody waits for may use the whole budget', () => {
		const budget = new RateBudget();
		budget.record('k', limits, 0, 0, 'segments');
		expect(budget.delayFor('k', limits, 1_000, 'segments')).toBe(0);
	});

	it('a caller that used more leaves one slot of every limit to an open claim of one that used less', () => {
		const budget = new RateBudget();
		// segments used 8 of the 9 per 15 minutes, one a minute and a half apart
		for (let i = 0; i < 8; i++) budget.record('k', limits, i * 90_000, i * 90_000, 'segments');
		const now = 8 * 90_000;
		// statistics asked and got nothing: it will ask again within 2 minutes
		budget.claim('k', 'statistics', now, now + 120_000);
		// the ninth slot is kept for statistics: segments waits until its oldest slot leaves the window
		expect(budget.delayFor('k', limits, now, 'segments')).toBe(15 * 60_000 - now);
		expect(budget.delayFor('k', limits, now, 'statistics')).toBe(0);
		// a claim that ran out keeps nothing
		expect(budget.delayFor('k', limits, now + 120_000, 'segments')).toBe(0);
	});

	it('equal use: the earlier claim goes first', () => {
		const budget = new RateBudget();
		const three = [{ count: 3, windowMs: 60_000 }];
		budget.record('k', three, 0, 0, 'a');
		budget.record('k', three, 1, 1, 'b');
		budget.claim('k', 'a', 10, 200_000);
		budget.claim('k', 'b', 20, 200_000);
		// one slot is left: it is a's, and b waits until a slot leaves the window
		expect(budget.delayFor('k', three, 30_000, 'a')).toBe(0);
		expect(budget.delayFor('k', three, 30_000, 'b')).toBe(30_000);
	});

	it('a granted slot ends the claim', async () => {
		const budget = new RateBudget();
		const one = [{ count: 2, windowMs: 60_000 }];
		budget.record('k', one, 0, 0, 'segments');
		budget.claim('k', 'statistics', 0, 100_000);
		expect(budget.delayFor('k', one, 0, 'segments')).toBeGreaterThan(0);
		const slot = await budget.acquire('k', one, { now: () => 0, caller: 'statistics' });
		expect(slot.granted).toBe(true);
		expect(budget.delayFor('k', one, 60_000, 'segments')).toBe(0);
	});
});

describe('RateBudget estimates', () => {
	it('says when each of a run of requests can go out, from what the budget already holds', () => {
		const budget = new RateBudget();
		const limits = DEFAULT_LIMITS.report;
		expect(budget.scheduleMs('k', limits, 4, 0)).toEqual([0, 0, 60_000, 60_000]);
		budget.record('k', limits, 0);
		budget.record('k', limits, 0);
		expect(budget.estimateMs('k', limits, 1, 1_000)).toBe(59_000);
		// 9 per 15 minutes: the tenth and eleventh wait for the first window to pass
		expect(new RateBudget().estimateMs('k', limits, 11, 0)).toBe(15 * 60_000);
		expect(minimumDurationMs(11, limits)).toBe(15 * 60_000);
		expect(minimumDurationMs(1, limits)).toBe(0);
		expect(describeLimits(limits)).toBe('2 per minute and 9 per 15 minutes');
		expect(describeLimits([{ count: 20, windowMs: 1000 }])).toBe('20 per second');
	});
});

describe('RateBudget after a restart', () => {
	const limits = DEFAULT_LIMITS.report;
	const MIN = 60_000;

	it('restores what a trigger kept and assumes the unrecorded time before the restart used as fully as allowed', () => {
		const before = new RateBudget();
		before.startedMs = 0;
		for (let i = 0; i < 6; i++) before.record('k', limits, i * MIN, i * MIN, 'trigger:a');
		const snapshot = before.snapshot('k', limits, 6 * MIN);
		expect(snapshot.slots).toHaveLength(6);

		// n8n stops at 7 min and starts again at 8 min: nothing is known of 6–8 min
		const after = new RateBudget();
		after.startedMs = 8 * MIN;
		expect(after.delayFor('k', limits, 8 * MIN)).toBe(0);
		after.restore('k', limits, snapshot, 8 * MIN);
		// 6 known + 3 assumed (6 and 7 min: at most 9 in 15 min) = the window is full until 15 min
		expect(after.delayFor('k', limits, 8 * MIN)).toBe(7 * MIN);
		// a second snapshot of the same slots counts them once
		after.restore('k', limits, snapshot, 8 * MIN);
		expect(after.scheduleMs('k', limits, 2, 8 * MIN)).toEqual([7 * MIN, 8 * MIN]);
	});

	it('two slots of one caller booked in the same ms are two slots after a restart', () => {
		const before = new RateBudget();
		before.startedMs = 0;
		for (let i = 0; i < 9; i++) before.record('k', limits, Math.floor(i / 2) * MIN, Math.floor(i / 2) * MIN, 'trigger:a');
		const snapshot = before.snapshot('k', limits, 5 * MIN);
		const after = new RateBudget();
		after.startedMs = 5 * MIN;
		after.restore('k', limits, snapshot, 5 * MIN);
		// all 9 count: the 15-minute window is full until the first slot leaves it
		expect(after.delayFor('k', limits, 5 * MIN)).toBe(10 * MIN);
	});

	it('ignores a snapshot taken by this process (it knows those slots already)', () => {
		const budget = new RateBudget();
		budget.startedMs = 0;
		budget.record('k', limits, 1_000, 1_000, 'trigger:a');
		const snapshot = budget.snapshot('k', limits, 2_000);
		budget.restore('k', limits, snapshot, 3_000);
		expect(budget.scheduleMs('k', limits, 2, 3_000)).toEqual([0, 58_000]);
	});
});

