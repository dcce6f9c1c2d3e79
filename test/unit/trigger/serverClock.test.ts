import { answerTime } from '../../../nodes/EngageVoice/api/answerTime';
import { CLOCK_REFRESH_MS, ServerClock } from '../../../nodes/EngageVoice/trigger/serverClock';

const T = Date.parse('2026-03-02T15:00:00.000Z');

describe('the API clock of the trigger', () => {
	it('reads the Date header of an answer, in any case of the header name', () => {
		expect(answerTime({ date: 'Mon, 02 Mar 2026 14:58:00 GMT' }, T)).toEqual({ serverMs: T - 120_000, receivedMs: T });
		expect(answerTime({ Date: 'Mon, 02 Mar 2026 14:58:00 GMT' }, T)?.serverMs).toBe(T - 120_000);
		expect(answerTime({}, T)).toBeUndefined();
		expect(answerTime({ date: 'yesterday-ish' }, T)).toBeUndefined();
	});

	it('plans on a lower bound of the offset: the first answer of a poll replaces the stored one, later ones tighten it', () => {
		const clock = ServerClock.read({ offset: 50_000, at: new Date(T - 60_000).toISOString() });
		expect(clock.now(T)).toBe(T + 50_000);
		// this poll: the API's clock reads 2 minutes behind, then a faster answer shows 119.4 s
		clock.observe({ serverMs: T - 120_000, receivedMs: T }, T);
		expect(clock.offsetMs).toBe(-120_000);
		clock.observe({ serverMs: T - 119_000, receivedMs: T + 400 }, T + 400);
		expect(clock.offsetMs).toBe(-119_400);
		// a slower answer does not loosen it
		clock.observe({ serverMs: T - 120_000, receivedMs: T + 3_000 }, T + 3_000);
		expect(clock.offsetMs).toBe(-119_400);
		expect(clock.now(T + 10_000)).toBe(T + 10_000 - 119_400);
		expect(clock.serialise()).toEqual({ offset: -119_400, at: new Date(T + 3_000).toISOString() });
	});

	it('measures again when never measured, after an hour, or when n8n’s clock went back', () => {
		expect(new ServerClock().needsMeasuring(T)).toBe(true);
		const clock = ServerClock.read(JSON.parse(JSON.stringify({ offset: -5_000, at: new Date(T).toISOString() })));
		expect([clock.offsetMs, clock.measuredAtMs]).toEqual([-5_000, T]);
		expect(clock.needsMeasuring(T + CLOCK_REFRESH_MS - 1)).toBe(false);
		expect(clock.needsMeasuring(T + CLOCK_REFRESH_MS)).toBe(true);
		expect(clock.needsMeasuring(T - 1)).toBe(true);
		expect(ServerClock.read({ offset: 3, at: 'garbage' }).needsMeasuring(T)).toBe(true);
		expect(ServerClock.read(undefined).serialise()).toBeUndefined();
	});

	it('without a Date header: n8n’s clock, and no new measurement for an hour', () => {
		const clock = new ServerClock();
		clock.observe(undefined, T);
		expect(clock.now(T + 1_000)).toBe(T + 1_000);
		expect(clock.needsMeasuring(T + 60_000)).toBe(false);
		expect(clock.serialise()).toEqual({ at: new Date(T).toISOString() });
		expect(ServerClock.read(clock.serialise()).offsetMs).toBeUndefined();
	});
});
