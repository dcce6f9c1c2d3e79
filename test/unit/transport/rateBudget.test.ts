import { DEFAULT_LIMITS, RateBudget } from '../../../nodes/EngageVoice/transport/rateBudget';

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
		await expect(second).resolves.toEqual(expect.any(Function));
		expect(waits).toEqual([50]);
	});

	it('dates a slot to the answer once it arrives, so the window opens after the server\'s', async () => {
		const budget = new RateBudget();
		let now = 0;
		const one = [{ count: 1, windowMs: 1000 }];
		const settle = await budget.acquire('k', one, { now: () => now });
		now = 300; // the answer took 300 ms
		settle!();
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
		await expect(first).resolves.toEqual(expect.any(Function));
		await expect(second).resolves.toEqual(expect.any(Function));
		// and a third that cannot be served within its allowed wait says so at once
		await expect(budget.acquire('k', one, { now: () => now, maxWaitMs: 400 })).resolves.toBeUndefined();
	});

	it('acquire gives up when the wait would exceed maxWaitMs', async () => {
		const budget = new RateBudget();
		budget.record('k', [{ count: 1, windowMs: 60_000 }], 0);
		await expect(
			budget.acquire('k', [{ count: 1, windowMs: 60_000 }], { now: () => 0, maxWaitMs: 1_000 }),
		).resolves.toBeUndefined();
	});

	it('defaults follow the API doc decision 5', () => {
		expect(DEFAULT_LIMITS.report).toEqual(limits);
		expect(DEFAULT_LIMITS.recording).toEqual([{ count: 120, windowMs: 60_000 }]);
	});
});
