/*
 * Report › Agent Extended Statistics, Queue Statistics, Agent Statistics through WorkflowExecute
 * against the simulator, in both API families (classic as CSV and as XML in both layouts): a full
 * day in US/Eastern, both DST change days, a range at exactly the 3-hour window maximum, a range
 * ending in the future. The rows must equal the simulator's ground truth over the same range.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import type { Family, StatisticsReport } from '../helpers/reportTruth';
import {
	HOUR,
	MINUTE,
	expectStatisticsToMatchTruth,
	reportRequests,
	rowsOf,
	statisticsTruth,
} from '../helpers/reportTruth';
import {
	binaryBuffer,
	binaryItems,
	hintsOf,
	reportParameters,
	runEngage,
} from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

const { parseLocalToUtc } = require('../simulator/timezone');

let sim: Simulator;
let creds: TestCredentialsHelper;
let sub: string;

useSimulator({ seed: 11, fastReports: true }, (s) => ({ sim, creds, mainSub: sub } = s));

/** Local midnight of a US/Eastern day, as an instant. */
const easternMidnight = (day: string) => parseLocalToUtc(`${day} 00:00:00`, 'US/Eastern') as number;

const PATHS: Record<StatisticsReport, { cx: string; classic: string }> = {
	agentExtendedStats: { cx: '/agg-agent-extended-stats', classic: '/aggAgentExtendedStats' },
	queueStats: { cx: '/agg-queue-stats', classic: '/aggQueueStats' },
	agentStats: { cx: '/agg-agent-stats', classic: '/aggAgentStats' },
};

/** The windows the simulator was asked for, as instants, in request order. */
function requestedWindows() {
	return reportRequests(sim).map(({ body, path }) => ({
		path,
		timeZone: String(body.timeZone),
		startMs: parseLocalToUtc(String(body.startDate), String(body.timeZone)) as number,
		endMs: parseLocalToUtc(String(body.endDate), String(body.timeZone)) as number,
		body,
	}));
}

/** The windows cover [fromMs, toMs) exactly: no gap, no overlap, none longer than 3 hours. */
function expectTiling(fromMs: number, toMs: number) {
	const windows = requestedWindows();
	expect(windows[0].startMs).toBe(fromMs);
	for (let k = 1; k < windows.length; k++) expect(windows[k].startMs).toBe(windows[k - 1].endMs);
	expect(windows[windows.length - 1].endMs).toBe(toMs);
	for (const w of windows) expect(w.endMs - w.startMs).toBeLessThanOrEqual(3 * HOUR);
	return windows;
}

interface Variant {
	family: Family;
	format?: 'CSV' | 'XML';
	xmlLayout?: 'elements' | 'attributes';
}

const VARIANTS: Variant[] = [
	{ family: 'cx' },
	{ family: 'classic', format: 'CSV' },
	{ family: 'classic', format: 'XML', xmlLayout: 'elements' },
	{ family: 'classic', format: 'XML', xmlLayout: 'attributes' },
];

const describeVariant = (v: Variant) => (v.family === 'cx' ? 'CX' : `classic ${v.format}${v.xmlLayout ? ` (${v.xmlLayout})` : ''}`);

function variantParameters(v: Variant): { apiFamily: Family; options: IDataObject } {
	if (v.xmlLayout) sim.control.setVariants({ xmlLayout: v.xmlLayout });
	return { apiFamily: v.family, options: v.format ? { outputFormat: v.format } : {} };
}

const CASES: Array<[StatisticsReport, number, Variant]> = [];
for (const [report, interval] of [
	['queueStats', 15],
	['agentExtendedStats', 30],
	['agentStats', 60],
] as Array<[StatisticsReport, number]>) {
	for (const variant of VARIANTS) CASES.push([report, interval, variant]);
}

describe('a full day in US/Eastern', () => {
	it.each(CASES.map(([r, i, v]) => [r, i, describeVariant(v), v] as const))(
		'%s, %i-minute intervals, %s: rows equal the ground truth',
		async (report, interval, _name, variant) => {
			const { apiFamily, options } = variantParameters(variant);
			const result = await runEngage(
				creds,
				reportParameters(sim, report, {
					apiFamily,
					start: '2026-11-10T00:00:00',
					end: '2026-11-11T00:00:00',
					interval,
					options,
				}),
			);
			expect(result.error).toBeUndefined();
			const from = easternMidnight('2026-11-10');
			const to = easternMidnight('2026-11-11');
			const expected = statisticsTruth(sim, report, sub, from, to, interval, variant.family);
			expect(expected.size).toBeGreaterThan(50);
			const items = result.output('Engage Voice');
			expectStatisticsToMatchTruth(rowsOf(items), expected);
			expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

			const windows = expectTiling(from, to);
			expect(windows).toHaveLength(8);
			for (const w of windows) {
				expect(w.path.endsWith(PATHS[report][variant.family])).toBe(true);
				expect(w.timeZone).toBe('US/Eastern');
				if (variant.family === 'cx') {
					expect(w.body).toEqual({ startDate: expect.any(String), endDate: expect.any(String), timeInterval: interval * 60, timeZone: 'US/Eastern' });
				} else {
					expect(w.body).toMatchObject({ timeInterval: interval, outputFormat: variant.format, reportType: 'WEM' });
				}
			}
			// every row: sub-account, its window, ISO interval bounds with the zone's offset
			const first = rowsOf(items)[0];
			expect(first).toMatchObject({
				subAccountId: sub,
				intervalStart: expect.stringMatching(/^2026-11-10T\d\d:\d\d:00-05:00$/),
				window: { start: '2026-11-10T00:00:00-05:00', end: '2026-11-10T03:00:00-05:00' },
			});
		},
	);
});

describe('daylight-saving change days', () => {
	it.each<[StatisticsReport, number, Variant]>([
		['queueStats', 60, { family: 'cx' }],
		['agentStats', 15, { family: 'classic', format: 'CSV' }],
		['agentExtendedStats', 30, { family: 'classic', format: 'XML', xmlLayout: 'attributes' }],
	])('spring forward 2026-03-08 (23 hours): %s, %i min, %j', async (report, interval, variant) => {
		const { apiFamily, options } = variantParameters(variant);
		const result = await runEngage(
			creds,
			reportParameters(sim, report, { apiFamily, start: '2026-03-08', end: '2026-03-09', interval, options }),
		);
		expect(result.error).toBeUndefined();
		const from = easternMidnight('2026-03-08');
		const to = easternMidnight('2026-03-09');
		expect(to - from).toBe(23 * HOUR);
		expectStatisticsToMatchTruth(rowsOf(result.output('Engage Voice')), statisticsTruth(sim, report, sub, from, to, interval, variant.family));
		const windows = expectTiling(from, to);
		// no window crosses 02:00 EST = 07:00Z, when clocks jump to 03:00 EDT
		const jump = Date.UTC(2026, 2, 8, 7);
		expect(windows.some((w) => w.endMs === jump)).toBe(true);
		const rows = rowsOf(result.output('Engage Voice'));
		expect(rows.some((row) => String(row.intervalStart).startsWith('2026-03-08T03:00:00-04:00'))).toBe(
			statisticsTruth(sim, report, sub, jump, jump + interval * MINUTE, interval).size > 0,
		);
		expect(rows.every((row) => !String(row.intervalStart).startsWith('2026-03-08T02:'))).toBe(true);
	});

	it.each<[StatisticsReport, number, Variant]>([
		['agentExtendedStats', 30, { family: 'cx' }],
		['queueStats', 15, { family: 'classic', format: 'XML', xmlLayout: 'elements' }],
		['agentStats', 60, { family: 'classic', format: 'CSV' }],
	])('fall back 2026-11-01 (25 hours): %s, %i min, %j', async (report, interval, variant) => {
		const { apiFamily, options } = variantParameters(variant);
		const result = await runEngage(
			creds,
			reportParameters(sim, report, { apiFamily, start: '2026-11-01T00:00:00', end: '2026-11-02T00:00:00', interval, options }),
		);
		expect(result.error).toBeUndefined();
		const from = easternMidnight('2026-11-01');
		const to = easternMidnight('2026-11-02');
		expect(to - from).toBe(25 * HOUR);
		const rows = rowsOf(result.output('Engage Voice'));
		expectStatisticsToMatchTruth(rows, statisticsTruth(sim, report, sub, from, to, interval, variant.family));
		const windows = expectTiling(from, to);
		// the repeated hour 01:00–02:00 is asked in fixed offsets, once per side of the change
		expect(windows.map((w) => w.timeZone)).toEqual(expect.arrayContaining(['Etc/GMT+4', 'Etc/GMT+5']));
		const repeated = rows.filter((row) => String(row.intervalStart).startsWith('2026-11-01T01:'));
		const offsets = new Set<string>();
		const firstPass = Date.UTC(2026, 10, 1, 5);
		if (statisticsTruth(sim, report, sub, firstPass, firstPass + HOUR, interval).size) offsets.add('-04:00');
		if (statisticsTruth(sim, report, sub, firstPass + HOUR, firstPass + 2 * HOUR, interval).size) offsets.add('-05:00');
		expect(new Set(repeated.map((row) => String(row.intervalStart).slice(-6)))).toEqual(offsets);
	});
});

describe('a 30-minute daylight-saving change', () => {
	const LORD_HOWE = 'Australia/Lord_Howe';

	it.each<[StatisticsReport, number, Variant]>([
		['queueStats', 60, { family: 'cx' }],
		['queueStats', 45, { family: 'classic', format: 'CSV' }],
		['queueStats', 15, { family: 'cx' }],
		['agentExtendedStats', 30, { family: 'classic', format: 'XML', xmlLayout: 'elements' }],
	])('Australia/Lord_Howe falls back 2026-04-05 02:00 → 01:30 (24.5 hours): %s, %i min, %j', async (report, interval, variant) => {
		const { apiFamily, options } = variantParameters(variant);
		const result = await runEngage(
			creds,
			reportParameters(sim, report, { apiFamily, timeZone: LORD_HOWE, start: '2026-04-05T00:00:00', end: '2026-04-06T00:00:00', interval, options }),
		);
		expect(result.error).toBeUndefined();
		const from = parseLocalToUtc('2026-04-05 00:00:00', LORD_HOWE) as number;
		const to = parseLocalToUtc('2026-04-06 00:00:00', LORD_HOWE) as number;
		expect(to - from).toBe(24.5 * HOUR);
		const windows = expectTiling(from, to);
		// the repeated half hour (01:30–02:00, 14:30Z–15:30Z) is never asked in the zone: it would be read as its first pass
		const repeatedFrom = Date.UTC(2026, 3, 4, 14, 30);
		for (const w of windows.filter((window) => window.timeZone === LORD_HOWE)) {
			expect(w.endMs <= repeatedFrom || w.startMs >= repeatedFrom + HOUR).toBe(true);
		}
		// asked in a fixed offset instead: +11:00 is Etc/GMT-11, +10:30 has no Etc name
		expect(windows.some((w) => w.timeZone === (interval === 60 ? 'Etc/GMT-11' : '+10:30'))).toBe(true);

		// each row as the simulator served it for the window it was asked in
		const expected = new Map<string, IDataObject>();
		for (const w of windows) {
			for (const [key, row] of statisticsTruth(sim, report, sub, w.startMs, w.endMs, interval, variant.family)) expected.set(key, row);
		}
		const rows = rowsOf(result.output('Engage Voice'));
		expectStatisticsToMatchTruth(rows, expected);

		// intervals of one queue (and agent) never overlap; a cut interval ends with its window
		const spans = new Map<string, Array<[number, number]>>();
		for (const row of rows) {
			const key = `${row.queue}|${row.agentId ?? ''}`;
			spans.set(key, [...(spans.get(key) ?? []), [Date.parse(String(row.intervalStart)), Date.parse(String(row.intervalEnd))]]);
		}
		for (const list of spans.values()) {
			list.sort((a, b) => a[0] - b[0]);
			for (let i = 1; i < list.length; i++) expect(list[i - 1][1]).toBeLessThanOrEqual(list[i][0]);
		}
		if (report === 'queueStats') {
			// every queue call of the day, counted once
			const calls = (sim.truth.calls(sub, from, to) as IDataObject[]).filter((call) => call.queueId !== null);
			expect(calls.length).toBeGreaterThan(50);
			expect(rows.reduce((sum, row) => sum + Number(row.offdDirectIxnCnt), 0)).toBe(calls.length);
		}
	});
});

describe('window edges', () => {
	it('a range of exactly 3 hours is one request (the window maximum)', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '2026-11-10T09:00:00', end: '2026-11-10T12:00:00', interval: 15 }),
		);
		expect(result.error).toBeUndefined();
		const windows = requestedWindows();
		expect(windows).toHaveLength(1);
		expect(windows[0].body).toMatchObject({ startDate: '2026-11-10 09:00:00', endDate: '2026-11-10 12:00:00', timeInterval: 900 });
		const from = parseLocalToUtc('2026-11-10 09:00:00', 'US/Eastern');
		expectStatisticsToMatchTruth(rowsOf(result.output('Engage Voice')), statisticsTruth(sim, 'queueStats', sub, from, from + 3 * HOUR, 15));
	});

	it('3 hours and one interval is two requests', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'agentStats', { start: '2026-11-10T09:00:00', end: '2026-11-10T12:30:00', interval: 30, apiFamily: 'classic' }),
		);
		expect(result.error).toBeUndefined();
		expect(requestedWindows().map((w) => [w.body.startDate, w.body.endDate])).toEqual([
			['2026-11-10 09:00:00', '2026-11-10 12:00:00'],
			['2026-11-10 12:00:00', '2026-11-10 12:30:00'],
		]);
	});

	it('a range ending in the future is cut at now minus the safety lag, and says so', async () => {
		const now = Date.now();
		const start = new Date(Math.floor((now - 4 * HOUR) / HOUR) * HOUR).toISOString();
		const end = new Date(now + HOUR).toISOString();
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { start, end, interval: 15 }));
		expect(result.error).toBeUndefined();
		const windows = requestedWindows();
		const lastEnd = windows[windows.length - 1].endMs;
		// complete intervals only, none later than now − 5 min
		expect(lastEnd).toBeLessThanOrEqual(now - 5 * MINUTE + 1000);
		expect(lastEnd).toBeGreaterThan(now - 5 * MINUTE - 15 * MINUTE - 1000);
		expect(sim.control.requestLog().every((e) => e.status !== 400)).toBe(true);
		expectStatisticsToMatchTruth(
			rowsOf(result.output('Engage Voice')),
			statisticsTruth(sim, 'queueStats', sub, Date.parse(start), lastEnd, 15),
		);
		const hints = hintsOf(result);
		expect(hints.join('\n')).toMatch(/Queue Statistics: the range was cut at .* because later data is not complete yet/);
		expect(hints.join('\n')).toMatch(/not available yet/);
	});

	it('a start inside an interval is moved back to its boundary, and says so', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '2026-11-10T09:10:00', end: '2026-11-10T10:00:00', interval: 15 }),
		);
		expect(result.error).toBeUndefined();
		expect(requestedWindows()[0].body.startDate).toBe('2026-11-10 09:00:00');
		expect(hintsOf(result).join('\n')).toMatch(/moved back to the interval boundary 2026-11-10 09:00:00/);
	});

	it('a range entirely in the future returns nothing, sends nothing, and says why', async () => {
		const start = new Date(Date.now() + HOUR).toISOString();
		const end = new Date(Date.now() + 3 * HOUR).toISOString();
		const result = await runEngage(creds, reportParameters(sim, 'agentStats', { start, end, interval: 60 }));
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toEqual([]);
		expect(reportRequests(sim)).toEqual([]);
		expect(hintsOf(result).join('\n')).toMatch(/No windows: the whole range is later than now/);
	});
});

describe('parameters and options', () => {
	const day = { start: '2026-11-10T08:00:00', end: '2026-11-10T14:00:00' };
	const from = () => parseLocalToUtc('2026-11-10 08:00:00', 'US/Eastern') as number;

	it('reads a start and end with an offset as instants, whatever the zone', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '2026-11-10T13:00:00Z', end: '2026-11-10T14:00:00+00:00', interval: 60, timeZone: 'Europe/Berlin' }),
		);
		expect(result.error).toBeUndefined();
		expect(requestedWindows()[0].body).toMatchObject({ startDate: '2026-11-10 14:00:00', endDate: '2026-11-10 15:00:00', timeZone: 'Europe/Berlin' });
		expect(rowsOf(result.output('Engage Voice'))[0].intervalStart).toBe('2026-11-10T14:00:00+01:00');
	});

	it("uses the workflow's time zone when none is chosen", async () => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...day, interval: 60, timeZone: '' }), {
			settings: { timezone: 'America/Chicago' },
		});
		expect(result.error).toBeUndefined();
		expect(requestedWindows()[0].body).toMatchObject({ startDate: '2026-11-10 08:00:00', timeZone: 'America/Chicago' });
	});

	it('filters queue statistics by queue IDs (the API returns every queue)', async () => {
		const all = statisticsTruth(sim, 'queueStats', sub, from(), from() + 6 * HOUR, 30);
		const queues = [...new Set([...all.values()].map((row) => row.queue))].slice(0, 2);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...day, interval: 30, filters: { queueIds: queues.join(', ') } }),
		);
		expect(result.error).toBeUndefined();
		const expected = new Map([...all].filter(([, row]) => queues.includes(row.queue)));
		expect(expected.size).toBeLessThan(all.size);
		expectStatisticsToMatchTruth(rowsOf(result.output('Engage Voice')), expected);
	});

	it('filters agent statistics by agent IDs given as an expression array', async () => {
		const all = statisticsTruth(sim, 'agentStats', sub, from(), from() + 6 * HOUR, 60);
		const agents = [...new Set([...all.values()].map((row) => row.agentId))].slice(0, 3);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'agentStats', { ...day, interval: 60, filters: { agentIds: '={{ $json.agents }}' } }),
			{ items: [{ agents }] },
		);
		expect(result.error).toBeUndefined();
		expectStatisticsToMatchTruth(
			rowsOf(result.output('Engage Voice')),
			new Map([...all].filter(([, row]) => agents.includes(row.agentId))),
		);
	});

	it.each<[string, Variant, string, RegExp]>([
		['CX JSON', { family: 'cx' }, 'application/json', /^\[/],
		['classic CSV', { family: 'classic', format: 'CSV' }, 'text/csv', /^interval,date_from,time \(H24:MI\),queue,/],
		['classic XML', { family: 'classic', format: 'XML', xmlLayout: 'attributes' }, 'application/xml', /^<\?xml/],
	])('returns one file per window exactly as the API sent it (%s)', async (_name, variant, mimeType, starts) => {
		const { apiFamily, options } = variantParameters(variant);
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...day, interval: 30, apiFamily, options: { ...options, output: 'files' } }),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('Engage Voice');
		expect(items).toHaveLength(2);
		expect(binaryItems(items)).toHaveLength(2);
		const extension = mimeType.split('/')[1];
		expect(items.map((item) => item.json.fileName)).toEqual([
			`queueStats_${sub}_2026-11-10T0800--2026-11-10T1100_US-Eastern.${extension}`,
			`queueStats_${sub}_2026-11-10T1100--2026-11-10T1400_US-Eastern.${extension}`,
		]);
		expect(items[0].binary?.data).toMatchObject({ mimeType, fileName: items[0].json.fileName });
		expect(items[0].json).toMatchObject({
			report: 'queueStats',
			subAccountId: sub,
			window: { index: 1, count: 2, start: '2026-11-10T08:00:00-05:00', end: '2026-11-10T11:00:00-05:00' },
			mimeType,
			rowCount: null,
		});
		// the same request again, straight to the simulator: byte for byte what the node returned
		const [request] = reportRequests(sim);
		const direct = await fetch(`${sim.url}${request.path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Auth-Token': sim.secrets.apiToken },
			body: JSON.stringify(request.body),
		});
		const file = binaryBuffer(items[0]);
		expect(file.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
		expect(file.toString('utf8')).toMatch(starts);
		expect(items[0].json.fileSize).toBe(file.length);
	});

	it('returns rows and files with Output "Both", window by window', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'agentExtendedStats', { ...day, interval: 60, apiFamily: 'classic', options: { output: 'both' } }),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('Engage Voice');
		const files = binaryItems(items);
		expect(files.map((item) => item.json.window)).toEqual([
			expect.objectContaining({ index: 1 }),
			expect.objectContaining({ index: 2 }),
		]);
		const firstFile = items.indexOf(files[0]);
		expect(files[0].json.rowCount).toBe(firstFile);
		expect(rowsOf(items.slice(0, firstFile)).every((row) => (row.window as IDataObject).start === '2026-11-10T08:00:00-05:00')).toBe(true);
		expectStatisticsToMatchTruth(rowsOf(items), statisticsTruth(sim, 'agentExtendedStats', sub, from(), from() + 6 * HOUR, 60, 'classic'));
	});

	it('adds the raw row with the original column names', async () => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...day, interval: 60, apiFamily: 'classic', options: { includeRaw: true } }),
		);
		const [row] = rowsOf(result.output('Engage Voice'));
		expect(row.raw).toMatchObject({ date_from: '2026-11-10', 'time (H24:MI)': expect.stringMatching(/^\d\d:00$/), offd_direct_call_cnt: String(row.offdDirectIxnCnt) });
	});

	it('reads the other spelling of offdDirectIxnCnt and a semicolon CSV', async () => {
		sim.control.setVariants({ queueStatsSpelling: 'off', csvDelimiter: ';' });
		for (const apiFamily of ['cx', 'classic']) {
			sim.control.clearLog();
			const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...day, interval: 60, apiFamily }));
			expect(result.error).toBeUndefined();
			expectStatisticsToMatchTruth(
				rowsOf(result.output('Engage Voice')),
				statisticsTruth(sim, 'queueStats', sub, from(), from() + 6 * HOUR, 60, apiFamily as Family),
			);
		}
	});

	it('runs one range per input item, each paired with its item (API token)', async () => {
		const items = [
			{ start: '2026-11-10T08:00:00', end: '2026-11-10T09:00:00' },
			{ start: '2026-11-10T09:00:00', end: '2026-11-10T10:00:00' },
		];
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '={{ $json.start }}', end: '={{ $json.end }}', interval: 60 }),
			{ items, credential: 'token' },
		);
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const firstHour = statisticsTruth(sim, 'queueStats', sub, from(), from() + HOUR, 60).size;
		expect(out.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array(firstHour).fill(0),
			...Array(out.length - firstHour).fill(1),
		]);
		expectStatisticsToMatchTruth(rowsOf(out), statisticsTruth(sim, 'queueStats', sub, from(), from() + 2 * HOUR, 60));
	});
});

describe('parameters checked before any request', () => {
	it.each<[string, IDataObject, string]>([
		['end before start', { start: '2026-11-10T10:00:00', end: '2026-11-10T09:00:00' }, '"End" must be later than "Start"'],
		['equal start and end', { start: '2026-11-10T10:00:00', end: '2026-11-10T10:00:00' }, '"End" must be later than "Start"'],
		['an unreadable start', { start: 'yesterday', end: '2026-11-10T09:00:00' }, '"Start" is not a valid date and time: "yesterday"'],
		['an impossible end', { start: '2026-11-10T09:00:00', end: '2026-11-31T09:00:00' }, '"End" is not a valid date and time: "2026-11-31T09:00:00"'],
		['an empty start (from an expression)', { start: '={{ "" }}', end: '2026-11-10T09:00:00' }, '"Start" is empty'],
		['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, '"Time Zone" is not a known time zone: "Mars/Olympus_Mons"'],
		['an interval of 20 minutes', { interval: 20 }, '"Interval" has an unknown value "20"'],
		['a queue filter that is not IDs', { filters: { queueIds: '5682, Sales' } }, '"Queue IDs" must be a numeric ID, got "Sales"'],
		['a sub-account that is not an ID', { subAccount: { __rl: true, mode: 'id', value: '={{ "abc" }}' } }, '"Sub-Account" must be a numeric ID, got "abc"'],
		['an interval from an expression that is not 15, 30, 45 or 60', { interval: '={{ 90 }}' }, '"Interval" has an unknown value "90"'],
		['an unknown classic format', { apiFamily: 'classic', options: { outputFormat: 'PDF' } }, '"Classic Output Format" has an unknown value "PDF"'],
	])('%s', async (_name, parameters, message) => {
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { start: '2026-11-10T08:00:00', end: '2026-11-10T09:00:00', interval: 15, ...parameters }),
		);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(reportRequests(sim)).toEqual([]);
	});
});
