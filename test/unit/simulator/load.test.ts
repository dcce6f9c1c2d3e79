// Report load and late changes (issue 14): a busy day that makes thousands of segments per hour,
// and statistics revisions that change closed intervals after they were first read.
import type { Simulator } from '../../simulator';
import { start, paths, send, control, MIN } from './helpers';

const BIG = [{ count: 100000, windowMs: 1000 }];
// sim now = 2026-03-02T18:00Z (13:00 US/Eastern)
const DAY = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };

describe('simulator: busy day and statistics revisions', () => {
	let sim: Simulator;
	let token: string;
	let cx: string;
	let sub: string;

	beforeAll(async () => {
		sim = await start({ limits: { report: BIG, admin: BIG }, autoDeliver: false, clockSpeed: 1e-9 });
		cx = paths(sim).cx;
		sub = sim.world.mainSubAccountId;
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => {
		sim.control.reset();
		token = sim.secrets.apiToken;
	});

	const metadata = (segmentEndTime: string, timeInterval = 3600) => send('POST', `${cx}/interaction-metadata`, token, { segmentEndTime, timeInterval, timeZone: 'UTC' });

	describe('busy day', () => {
		it('callsPerBucket calls in every 5-minute bucket of the range: over 4,000 segments in one hour of metadata', async () => {
			const normal = await metadata('2026-03-02 15:00:00');
			expect(normal.status).toBe(200);
			expect(normal.json.length).toBeLessThan(200);
			const set = await control(sim, 'POST', '/busy-day', { callsPerBucket: 400, ...DAY });
			expect(set.json.busyDay).toEqual({ callsPerBucket: 400, ...DAY, subAccountIds: [sub] });
			const busy = await metadata('2026-03-02 15:00:00');
			expect(busy.status).toBe(200);
			expect(busy.json.length).toBeGreaterThan(4000);
			const from = Date.parse('2026-03-02T15:00:00Z');
			for (const row of busy.json) {
				const end = Date.parse(row.segmentEndTimeMs);
				expect(end).toBeGreaterThanOrEqual(from);
				expect(end).toBeLessThan(from + 60 * MIN);
			}
			expect(new Set(busy.json.map((r: any) => `${r.dialogId}|${r.segmentId}`)).size).toBe(busy.json.length);
			// exactly 400 arrivals in a bucket
			expect(sim.truth.calls(sub, Date.parse('2026-03-02T15:05:00Z'), Date.parse('2026-03-02T15:10:00Z'))).toHaveLength(400);
			// other sub-accounts and other days are not busy
			const partner = await send('POST', `${paths(sim, sim.world.partnerSubAccountId).cx}/interaction-metadata`, token, { segmentEndTime: '2026-03-02 15:00:00', timeInterval: 3600, timeZone: 'UTC' });
			expect(partner.json.length).toBeLessThan(200);
			expect(sim.truth.calls(sub, Date.parse('2026-03-03T15:05:00Z'), Date.parse('2026-03-03T15:10:00Z')).length).toBeLessThan(10);
		});

		it('off again (control or reset) gives back the same normal calls; the option sets it from the start', async () => {
			const before = (await metadata('2026-03-02 15:00:00')).json;
			sim.control.setBusyDay({ callsPerBucket: 50 });
			expect((await metadata('2026-03-02 15:00:00')).json.length).toBeGreaterThan(before.length);
			sim.control.setBusyDay(null);
			expect((await metadata('2026-03-02 15:00:00')).json).toEqual(before);
			sim.control.setBusyDay({ callsPerBucket: 50 });
			sim.control.reset();
			expect(sim.control.busyDay()).toBeNull();
			expect((await metadata('2026-03-02 15:00:00')).json).toEqual(before);
			expect(() => sim.control.setBusyDay({ callsPerBucket: 0 })).toThrow(/callsPerBucket/);
			expect((await control(sim, 'POST', '/busy-day', { callsPerBucket: 10, subAccountIds: ['1'] })).status).toBe(400);
			const busy = await start({ busyDay: { callsPerBucket: 20, ...DAY } });
			try {
				expect(busy.truth.calls(busy.world.mainSubAccountId, Date.parse('2026-03-02T03:00:00Z'), Date.parse('2026-03-02T03:05:00Z'))).toHaveLength(20);
			} finally {
				await busy.close();
			}
		});
	});

	describe('statistics revisions', () => {
		const AGG = { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 12:00:00', timeInterval: 1800, timeZone: 'US/Eastern' };
		// 10:00–10:30 US/Eastern
		const REVISED = { from: '2026-03-02T15:00:00.000Z', to: '2026-03-02T15:30:00.000Z' };
		const key = (r: any) => `${r.dateTimeFrom}|${r.queue ?? ''}|${r.agentId ?? ''}`;

		it('a closed interval changes once the clock passes the revision time: wrapUpDur grows by wrapDeltaSec per answered segment', async () => {
			const read = async () => (await send('POST', `${cx}/agg-agent-extended-stats`, token, AGG)).json as any[];
			const first = await read();
			const at = sim.control.now() + 10 * MIN;
			const ids = (await control(sim, 'POST', '/revisions', { ...REVISED, at, wrapDeltaSec: 45 })).json.ids;
			expect(ids).toEqual([1]);
			expect(await read()).toEqual(first);
			sim.control.advanceClock(10 * MIN);
			const second = await read();
			expect(second.map(key)).toEqual(first.map(key));
			let changed = 0;
			for (let i = 0; i < first.length; i++) {
				const inRange = first[i].dateTimeFrom === '03-02-2026T10:00:00';
				const delta = second[i].wrapUpDur - first[i].wrapUpDur;
				expect([key(first[i]), delta]).toEqual([key(first[i]), inRange ? 45 * first[i].answIxnCnt : 0]);
				expect(second[i].talkingIxnDur).toBe(first[i].talkingIxnDur);
				if (inRange) changed++;
			}
			expect(changed).toBeGreaterThan(0);
			// the truth answers as of now, or as of any time
			expect(sim.truth.agentExtendedStats(sub, Date.parse('2026-03-02T14:00:00Z'), Date.parse('2026-03-02T17:00:00Z'), 30, { timeZone: 'US/Eastern', asOf: at - 1 })).toEqual(first);
			expect((await control(sim, 'GET', '/revisions')).json).toEqual([expect.objectContaining({ id: 1, subAccountId: sub, ...REVISED, wrapDeltaSec: 45, atMs: at })]);
		});

		it('queue statistics add the same wrap-up (where the calls arrived); agent statistics stay consistent; classic files follow', async () => {
			const ext = async () => (await send('POST', `${cx}/agg-agent-extended-stats`, token, AGG)).json as any[];
			// queue rows count a call where it ARRIVED: 08:00–11:00 holds every call with a segment starting 10:00–10:30
			const QAGG = { ...AGG, startDate: '2026-03-02 08:00:00', endDate: '2026-03-02 11:00:00' };
			const queues = async () => (await send('POST', `${cx}/agg-queue-stats`, token, QAGG)).json as any[];
			const agents = async () => (await send('POST', `${cx}/agg-agent-stats`, token, AGG)).json as any[];
			const classic = async () => (await send('POST', `${paths(sim).cr}/aggAgentExtendedStats`, token, { ...AGG, timeInterval: 30, outputFormat: 'CSV' })).text;
			const meta = async () => (await send('POST', `${cx}/interaction-metadata`, token, { segmentEndTime: '2026-03-02 10:00:00', timeInterval: 3600, timeZone: 'US/Eastern' })).json;
			const [e1, q1, a1, c1, m1] = [await ext(), await queues(), await agents(), await classic(), await meta()];
			sim.control.reviseStatistics({ ...REVISED, wrapDeltaSec: 20 });
			const [e2, q2, a2, c2] = [await ext(), await queues(), await agents(), await classic()];
			const sum = (rows: any[], k: string) => rows.reduce((s, r) => s + r[k], 0);
			const revisedQueueSegments = e1.filter((r) => r.dateTimeFrom === '03-02-2026T10:00:00').reduce((s, r) => s + r.answIxnCnt, 0);
			expect(revisedQueueSegments).toBeGreaterThan(0);
			expect(sum(e2, 'wrapUpDur') - sum(e1, 'wrapUpDur')).toBe(20 * revisedQueueSegments);
			expect(sum(q2, 'wrapUpDur') - sum(q1, 'wrapUpDur')).toBe(20 * revisedQueueSegments);
			expect(q2.map((r) => [r.answIxnCnt, r.offdDirectIxnCnt])).toEqual(q1.map((r) => [r.answIxnCnt, r.offdDirectIxnCnt]));
			// agent statistics: only the revised interval changes, and the durations still fit in it
			for (let i = 0; i < a1.length; i++) {
				if (a1[i].dateTimeFrom !== '03-02-2026T10:00:00') expect(a2[i]).toEqual(a1[i]);
				expect(a2[i].availDur).toBeLessThanOrEqual(1800);
				expect(a2[i].waitDur).toBeGreaterThanOrEqual(0);
			}
			expect(a2.some((r, i) => JSON.stringify(r) !== JSON.stringify(a1[i]))).toBe(true);
			expect(c2).not.toBe(c1);
			// metadata has no wrap-up: unchanged
			expect(await meta()).toEqual(m1);
			sim.control.clearRevisions();
			expect(await ext()).toEqual(e1);
		});

		it('validates revisions; reset() restores the revisions of the option', async () => {
			for (const bad of [{ from: REVISED.from }, { ...REVISED, wrapDeltaSec: 0 }, { ...REVISED, subAccountId: '1' }, { from: REVISED.to, to: REVISED.from }]) {
				expect((await control(sim, 'POST', '/revisions', bad)).status).toBe(400);
			}
			const withOption = await start({ revisions: [{ ...REVISED, at: '2026-03-02T18:30:00Z' }] });
			try {
				expect(withOption.control.revisions()).toHaveLength(1);
				withOption.control.clearRevisions();
				withOption.control.reset();
				expect(withOption.control.revisions()).toEqual([expect.objectContaining({ ...REVISED, at: '2026-03-02T18:30:00.000Z' })]);
			} finally {
				await withOption.close();
			}
		});
	});
});
