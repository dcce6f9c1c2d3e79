import { REPORT_NAMES } from '../../../nodes/EngageVoice/reports';
import { comparedFields } from '../../../nodes/EngageVoice/trigger/events/reportEvent';
import {
	advance,
	fetchStartMs,
	FIELD_DIGEST_CHARS,
	freshState,
	keyHash,
	loadState,
	MAX_COMPARED_FIELDS,
	MAX_ENTRY_JSON_CHARS,
	MAX_REMEMBERED_ROWS,
	REPORT_STATE_MAX_JSON_CHARS,
	ROW_DIGEST_CHARS,
	RowMemory,
	rowFingerprint,
	serialiseState,
	writeInto,
} from '../../../nodes/EngageVoice/trigger/cursor';

const MIN = 60_000;
const T = Date.parse('2026-03-02T15:00:00.000Z');
const input = { stream: 'segments-1', variant: 'cx', nowMs: T + 123 };

describe('trigger cursor state', () => {
	it('starts at now (whole seconds), or at Start From', () => {
		const fresh = freshState(input);
		expect(fresh).toEqual({
			stream: 'segments-1',
			variant: 'cx',
			startFromMs: undefined,
			originMs: T,
			cursorMs: T,
			settledMs: T,
			seen: {},
		});
		const backfill = freshState({ ...input, startFromMs: T - 24 * 60 * MIN });
		expect([backfill.originMs, backfill.cursorMs, backfill.settledMs]).toEqual([T - 1440 * MIN, T - 1440 * MIN, T - 1440 * MIN]);
	});

	it('loads what it stored, through JSON (a restart reads the saved static data)', () => {
		const state = { ...freshState(input), cursorMs: T + 5 * MIN, settledMs: T + MIN, floorMs: T, seen: { abcdefgh: 'x.y' } };
		const json = JSON.parse(JSON.stringify(serialiseState(state)));
		expect(json.cursor).toBe('2026-03-02T15:05:00.000Z');
		const loaded = loadState(json, { ...input, nowMs: T + 9 * MIN });
		expect(loaded.origin).toBe('continue');
		expect(loaded.state).toEqual(state);
	});

	it('starts over for missing or unreadable data, another stream or a new Start From; keeps going otherwise', () => {
		const stored = serialiseState({ ...freshState(input), cursorMs: T + 10 * MIN, settledMs: T + 5 * MIN });
		expect(loadState(undefined, input).origin).toBe('first');
		expect(loadState({}, input).origin).toBe('first');
		expect(loadState({ ...stored, cursor: 'not a date' }, input).origin).toBe('first');
		// settled after the cursor cannot happen: unreadable
		expect(loadState({ ...stored, settled: '2027-01-01T00:00:00Z' }, input).origin).toBe('first');
		expect(loadState(stored, { ...input, stream: 'segments-2' })).toEqual({ state: freshState({ ...input, stream: 'segments-2' }), origin: 'restart' });

		const backfill = { ...input, startFromMs: T - 60 * MIN };
		const restarted = loadState(stored, backfill);
		expect(restarted.origin).toBe('restart');
		expect(restarted.state.cursorMs).toBe(T - 60 * MIN);
		const withStart = serialiseState({ ...restarted.state, cursorMs: T, settledMs: T - 10 * MIN });
		// the same Start From again, or Start From cleared: keep going
		expect(loadState(withStart, backfill).state.cursorMs).toBe(T);
		expect(loadState(withStart, input)).toEqual({ state: expect.objectContaining({ cursorMs: T, startFromMs: T - 60 * MIN }), origin: 'continue' });
	});

	it('a Start From expression is new when its text changes, not when its value does', () => {
		const relative = { ...input, startFromMs: T - 60 * MIN, startFromExpression: 'expr-one' };
		const started = loadState(undefined, relative).state;
		const stored = JSON.parse(JSON.stringify(serialiseState({ ...started, cursorMs: T, settledMs: T - 10 * MIN })));
		expect(stored.startFromExpression).toBe('expr-one');
		// an hour later the same expression says another instant: keep going from the first one
		const later = loadState(stored, { ...relative, startFromMs: T, nowMs: T + 60 * MIN });
		expect(later.origin).toBe('continue');
		expect(later.state).toEqual(expect.objectContaining({ originMs: T - 60 * MIN, startFromMs: T - 60 * MIN, cursorMs: T }));
		// another expression, or a date instead of the expression: start over
		expect(loadState(stored, { ...relative, startFromExpression: 'expr-two' }).origin).toBe('restart');
		expect(loadState(stored, { ...input, startFromMs: T - 30 * MIN }).origin).toBe('restart');
		// an expression where a date was: start over, even at the same instant
		const dated = serialiseState(freshState({ ...input, startFromMs: T - 60 * MIN }));
		expect(loadState(dated, relative).origin).toBe('restart');
	});

	it('another API family or time zone keeps the cursor, forgets the rows and re-reads nothing before the cursor', () => {
		const stored = serialiseState({ ...freshState(input), cursorMs: T + 10 * MIN, settledMs: T + 5 * MIN, floorMs: T, seen: { k: 'v' } });
		const { state, origin } = loadState(stored, { ...input, variant: 'classic' });
		expect(origin).toBe('changed');
		expect(state).toEqual(expect.objectContaining({ variant: 'classic', originMs: T + 10 * MIN, cursorMs: T + 10 * MIN, settledMs: T + 10 * MIN, seen: {} }));
		expect(state.floorMs).toBeUndefined();
		expect(fetchStartMs(state)).toBe(T + 10 * MIN);
	});

	it('re-reads the lookback in live operation, not while catching up, never before the origin', () => {
		const lag = 15 * MIN;
		const lookback = 30 * MIN;
		let state = freshState(input);
		// first activation: nothing to fetch before the origin
		expect(fetchStartMs(state)).toBe(T);
		// live: a poll at T + 40 min fetched up to now - lag = T + 25 min
		let next = advance(state, { completedEndMs: T + 25 * MIN, nowMs: T + 40 * MIN, safetyLagMs: lag, lookbackMs: lookback });
		expect(next).toEqual({ cursorMs: T + 25 * MIN, settledMs: T });
		state = { ...state, ...next };
		expect(fetchStartMs(state)).toBe(T);
		next = advance(state, { completedEndMs: T + 80 * MIN, nowMs: T + 95 * MIN, safetyLagMs: lag, lookbackMs: lookback });
		// settled = now - lag - lookback: the next poll re-reads the 30 minutes before the cursor
		expect(next).toEqual({ cursorMs: T + 80 * MIN, settledMs: T + 50 * MIN });
		state = { ...state, ...next };
		expect(fetchStartMs(state)).toBe(T + 50 * MIN);

		// catching up (backfill): everything read was older than lookback + lag: settled = cursor
		const backfill = freshState({ ...input, startFromMs: T - 48 * 60 * MIN });
		next = advance(backfill, { completedEndMs: T - 40 * 60 * MIN, nowMs: T, safetyLagMs: lag, lookbackMs: lookback });
		expect(next).toEqual({ cursorMs: T - 40 * 60 * MIN, settledMs: T - 40 * 60 * MIN });
	});

	it('moves only with completed windows, never back, and records partial re-reads', () => {
		const state = { ...freshState(input), cursorMs: T + 60 * MIN, settledMs: T + 30 * MIN };
		expect(advance(state, { nowMs: T + 200 * MIN, safetyLagMs: 0, lookbackMs: 0 })).toEqual({ cursorMs: T + 60 * MIN, settledMs: T + 30 * MIN });
		// a poll that stopped after a re-read window ending before the cursor
		expect(advance(state, { completedEndMs: T + 45 * MIN, nowMs: T + 200 * MIN, safetyLagMs: 5 * MIN, lookbackMs: 30 * MIN })).toEqual({
			cursorMs: T + 60 * MIN,
			settledMs: T + 45 * MIN,
		});
		// ... and one whose re-read data is still young: nothing settles
		expect(advance(state, { completedEndMs: T + 45 * MIN, nowMs: T + 70 * MIN, safetyLagMs: 5 * MIN, lookbackMs: 30 * MIN })).toEqual({
			cursorMs: T + 60 * MIN,
			settledMs: T + 35 * MIN,
		});
	});

	it('writes into the static data object in place', () => {
		const target: Record<string, unknown> = { old: 1, cursor: 'x' };
		writeInto(target as never, { cursor: 'y', v: 1 });
		expect(target).toEqual({ cursor: 'y', v: 1 });
	});
});

describe('trigger row memory (dedupe)', () => {
	const fp = (...values: unknown[]) => rowFingerprint(values);

	it('tells new, same and updated rows apart and names the changed fields', () => {
		const memory = new RowMemory();
		const key = keyHash('["1","d","i","s"]');
		expect(key).toHaveLength(8);
		expect(memory.check(key, fp('a', null, 3), T)).toEqual({ status: 'new' });
		memory.remember(key, fp('a', null, 3), T + 60 * MIN);
		expect(memory.check(key, fp('a', null, 3), T)).toEqual({ status: 'same' });
		expect(memory.check(key, fp('a', 'https://rec', 3), T)).toEqual({ status: 'updated', changed: [1] });
		expect(memory.check(key, fp('b', 'https://rec', 4), T)).toEqual({ status: 'updated', changed: [0, 1, 2] });
		// null and undefined are the same value; key order of objects is part of the value
		expect(memory.check(key, fp('a', undefined, 3), T)).toEqual({ status: 'same' });
		expect(fp([{ a: 1 }])).not.toBe(fp([{ a: 2 }]));
	});

	it('keeps the latest position and forgets rows no later poll can read again', () => {
		const memory = new RowMemory();
		memory.remember('k1', fp(1), T + 10 * MIN);
		memory.remember('k2', fp(2), T + 20 * MIN);
		memory.remember('k1', fp(1), T + 5 * MIN); // never moved back
		memory.remember('k3', fp(3), T + 30 * MIN + 1); // positions round up to the second
		expect(memory.prune(T + 10 * MIN)).toBe(1);
		expect(Object.keys(memory.seen).sort()).toEqual(['k2', 'k3']);
		expect(memory.prune(T + 30 * MIN)).toBe(1);
		expect(Object.keys(memory.seen)).toEqual(['k3']);
	});

	it('works on a copy of the stored rows', () => {
		const stored = { k: `${(T / 1000).toString(36)}.${fp(1)}` };
		const memory = new RowMemory(stored);
		memory.remember('k2', fp(2), T);
		memory.prune(T);
		expect(stored).toEqual({ k: `${(T / 1000).toString(36)}.${fp(1)}` });
	});

	it('caps the rows: forgets the oldest by time, raises the floor, and then never emits twice', () => {
		const memory = new RowMemory();
		// 10 rows at each of 5 times, T + 1 … T + 5 minutes (a segment's end, an interval's start)
		for (let w = 1; w <= 5; w++) for (let r = 0; r < 10; r++) memory.remember(`w${w}r${r}`, fp(w, r), T + w * MIN);
		expect(memory.enforceCap(50)).toBe(0);
		expect(memory.enforceCap(25)).toBe(30);
		expect(memory.size).toBe(20);
		expect(memory.floorMs).toBe(T + 3 * MIN);
		// a forgotten row read again is not emitted again
		expect(memory.check('w2r0', fp(2, 0), T + 2 * MIN)).toEqual({ status: 'forgotten' });
		expect(memory.check('w3r9', fp(3, 9), T + 3 * MIN)).toEqual({ status: 'forgotten' });
		// remembered rows are judged normally, and so is any row newer than the floor
		expect(memory.check('w4r0', fp(4, 0), T + 4 * MIN)).toEqual({ status: 'same' });
		expect(memory.check('new', fp(9), T + 3 * MIN + 1000)).toEqual({ status: 'new' });
		// the loss the README states: a row that first shows up with a time at or before the floor
		expect(memory.check('very late', fp(8), T + 2 * MIN + 30_000)).toEqual({ status: 'forgotten' });
		// once no poll reads back to the floor, it is dropped
		memory.prune(T + 3 * MIN);
		expect(memory.floorMs).toBeUndefined();
		expect(memory.check('w2r0', fp(2, 0), T + 2 * MIN)).toEqual({ status: 'new' });
	});

	it('a rush of rows at one time is forgotten whole, never in part', () => {
		const memory = new RowMemory();
		for (let r = 0; r < 8; r++) memory.remember(`a${r}`, fp(r), T);
		for (let r = 0; r < 3; r++) memory.remember(`b${r}`, fp(r), T + MIN);
		expect(memory.enforceCap(5)).toBe(8);
		expect([memory.size, memory.floorMs]).toEqual([3, T]);
	});

	it('compares at most MAX_COMPARED_FIELDS fields of any report (the bound depends on it)', () => {
		for (const report of REPORT_NAMES) expect(comparedFields(report).length).toBeLessThanOrEqual(MAX_COMPARED_FIELDS);
		expect(comparedFields('interactionMetadata')).toEqual(expect.arrayContaining(['segmentRecordingUrl', 'hasRecording', 'agentDisposition']));
		// not the key, not derived fields, not dateTimeFrom (the key's interval start in words)
		expect(comparedFields('queueStats')).not.toEqual(expect.arrayContaining(['queue']));
		expect(comparedFields('queueStats').some((f) => ['intervalStart', 'intervalEnd', 'window', 'dateTimeFrom'].includes(f))).toBe(false);
	});

	it('stays under its stated size bound', () => {
		const widest = rowFingerprint(Array.from({ length: MAX_COMPARED_FIELDS }, (_, i) => `value ${i}`));
		expect(widest).toHaveLength(ROW_DIGEST_CHARS + MAX_COMPARED_FIELDS * FIELD_DIGEST_CHARS);
		const memory = new RowMemory();
		for (let i = 0; i < MAX_REMEMBERED_ROWS + 500; i++) memory.remember(keyHash(`row ${i}`), widest, T + 4_000_000_000_000 + i * 1000);
		memory.enforceCap();
		expect(memory.size).toBe(MAX_REMEMBERED_ROWS);
		const entry = JSON.stringify({ [keyHash('x')]: Object.values(memory.seen)[0] });
		expect(entry.length + 1).toBeLessThanOrEqual(MAX_ENTRY_JSON_CHARS + 2);
		const state = serialiseState({ ...freshState({ ...input, startFromMs: T }), seen: memory.seen, floorMs: T });
		expect(JSON.stringify(state).length).toBeLessThanOrEqual(REPORT_STATE_MAX_JSON_CHARS);
		// the bound in words: about 410 KB at most
		expect(REPORT_STATE_MAX_JSON_CHARS).toBeLessThan(420_000);
	});
});
