import { RateBudget, processShare } from '../../../nodes/EngageVoice/transport/rateBudget';
import { budgetOf } from '../../../nodes/EngageVoice/transport/request';
import { transportOptionsFrom } from '../../../nodes/EngageVoice/transport/options';

/*
 * Queue mode: several n8n processes spend one sub-account's report budget, each with its own
 * in-memory RateBudget. Two ways keep them inside the API's limit: each process keeps to its share
 * (the "Processes Sharing the Budget" option), and a 429 lowers this process's share.
 */
const limits = [
	{ count: 2, windowMs: 60_000 },
	{ count: 9, windowMs: 15 * 60_000 },
];

describe('a report budget shared by several n8n processes', () => {
	it('each of N processes keeps to floor(count / N) of every limit, at least 1', () => {
		expect(processShare(limits, 1)).toEqual(limits);
		expect(processShare(limits, 2)).toEqual([
			{ count: 1, windowMs: 60_000 },
			{ count: 4, windowMs: 15 * 60_000 },
		]);
		expect(processShare(limits, 3)).toEqual([
			{ count: 1, windowMs: 60_000 },
			{ count: 3, windowMs: 15 * 60_000 },
		]);
		expect(processShare(limits, 0)).toEqual(limits);
	});

	it('two processes at their share never exceed the limit together, whatever their timing', () => {
		const share = processShare(limits, 2);
		const a = new RateBudget();
		const b = new RateBudget();
		const sent: number[] = [];
		// both ask for a slot every 7 s for an hour; each sends whenever its own budget allows
		for (let now = 0; now < 3_600_000; now += 7_000) {
			for (const p of [a, b]) {
				if (p.delayFor('k', share, now) === 0) {
					p.record('k', share, now);
					sent.push(now);
				}
			}
		}
		for (const limit of limits) {
			for (const t of sent) {
				expect(sent.filter((s) => s >= t && s < t + limit.windowMs).length).toBeLessThanOrEqual(limit.count);
			}
		}
		expect(sent.length).toBeGreaterThan(0);
	});

	it('a 429 lowers this process’s share of the shortest window until the longest window passes without another', () => {
		const budget = new RateBudget();
		budget.record('k', limits, 0);
		expect(budget.delayFor('k', limits, 1_000)).toBe(0);
		budget.noteRejected('k', 1_000);
		// now one of two: 1 per minute, and the minute since t=0 is not over; 9 per 15 minutes stays
		expect(budget.delayFor('k', limits, 1_000)).toBe(59_000);
		budget.noteRejected('k', 2_000);
		expect(budget.delayFor('k', limits, 2_000)).toBe(58_000);
		for (let t = 60_000; t <= 5 * 60_000; t += 60_000) budget.record('k', limits, t);
		// six in 15 minutes: the longer window is not divided
		expect(budget.delayFor('k', limits, 6 * 60_000)).toBe(0);
		// forgotten after 15 minutes without a 429
		expect(budget.delayFor('k', limits, 2_000 + 15 * 60_000 + 1)).toBe(0);
		expect(budget.delayFor('other', limits, 2_000)).toBe(0);
	});

	it('a refused request gives its slot back: the server did not count it', async () => {
		const budget = new RateBudget();
		const one = [{ count: 1, windowMs: 60_000 }];
		const refused = await budget.acquire('k', one, { now: () => 0 });
		if (!refused.granted) throw new Error('no slot');
		refused.settle(false);
		expect(budget.delayFor('k', one, 1)).toBe(0);
		const counted = await budget.acquire('k', one, { now: () => 1 });
		if (!counted.granted) throw new Error('no slot');
		counted.settle(true);
		expect(budget.delayFor('k', one, 2)).toBeGreaterThan(0);
	});

	it('the node option reaches the report budget only', () => {
		const options = transportOptionsFrom({ processesSharingBudget: 2 });
		expect(options.processesSharingBudget).toBe(2);
		const connection = { apiRoot: 'https://engage.example/voice/api' };
		expect(budgetOf(connection, 'report', '123', options).limits).toEqual(processShare(limits, 2));
		expect(budgetOf(connection, 'admin', '123', options).limits).toEqual([{ count: 120, windowMs: 60_000 }]);
		expect(transportOptionsFrom({}).processesSharingBudget).toBeUndefined();
	});
});
