/*
 * Report › Interaction Metadata (agent segments) through WorkflowExecute against the simulator, in
 * both API families: a full day in US/Eastern, both DST change days, windows at exactly their
 * maximum (3600 s by default, 10800 s when configured), a range ending in the future, Limit,
 * spreadsheet-safe text and files. Rows must equal the simulator's ground truth.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import type { Family } from '../helpers/reportTruth';
import { HOUR, MINUTE, expectSegmentsToMatchTruth, reportRequests, rowsOf, segmentsTruth } from '../helpers/reportTruth';
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

useSimulator({ seed: 12, fastReports: true }, (s) => ({ sim, creds, mainSub: sub } = s));

const eastern = (wall: string) => parseLocalToUtc(wall, 'US/Eastern') as number;

const metadata = (parameters: IDataObject) =>
	reportParameters(sim, 'interactionMetadata', { returnAll: true, ...parameters });

/** The windows the simulator was asked for, as instants. */
function requestedWindows() {
	return reportRequests(sim).map(({ body, path }) => {
		const startMs = parseLocalToUtc(String(body.segmentEndTime), String(body.timeZone)) as number;
		return { path, timeZone: String(body.timeZone), startMs, endMs: startMs + Number(body.timeInterval) * 1000, body };
	});
}

function expectTiling(fromMs: number, toMs: number, maxSeconds: number) {
	const windows = requestedWindows();
	expect(windows[0].startMs).toBe(fromMs);
	for (let k = 1; k < windows.length; k++) expect(windows[k].startMs).toBe(windows[k - 1].endMs);
	expect(windows[windows.length - 1].endMs).toBe(toMs);
	for (const w of windows) expect(Number(w.body.timeInterval)).toBeLessThanOrEqual(maxSeconds);
	return windows;
}

describe('a full day in US/Eastern', () => {
	it.each<[Family, string]>([
		['cx', '/interaction-metadata'],
		['classic', '/integration/v2/admin/reports/accounts/'],
	])('%s: one row per segment, equal to the ground truth, in 24 hourly windows', async (family, path) => {
		const result = await runEngage(creds, metadata({ apiFamily: family, start: '2026-11-10', end: '2026-11-11' }));
		expect(result.error).toBeUndefined();
		const from = eastern('2026-11-10 00:00:00');
		const to = eastern('2026-11-11 00:00:00');
		const expected = segmentsTruth(sim, sub, from, to, family);
		expect(expected.size).toBeGreaterThan(100);
		const rows = rowsOf(result.output('Engage Voice'));
		expectSegmentsToMatchTruth(rows, expected);
		const windows = expectTiling(from, to, 3600);
		expect(windows).toHaveLength(24);
		expect(windows.every((w) => w.path.includes(path) && w.timeZone === 'US/Eastern')).toBe(true);
		expect(windows[0].body).toEqual({ segmentEndTime: '2026-11-10 00:00:00', timeInterval: 3600, timeZone: 'US/Eastern' });
		// each segment sits in the window containing its end, which every row names
		for (const row of rows) {
			const window = row.window as IDataObject;
			const end = Date.parse(String(row.segmentEndTimeMs));
			expect(row.subAccountId).toBe(sub);
			expect(end >= Date.parse(String(window.start)) && end < Date.parse(String(window.end))).toBe(true);
			expect(String(window.start)).toMatch(/^2026-11-10T\d\d:00:00-05:00$/);
		}
	});

	it('reads the classic segmentId spelling too', async () => {
		sim.control.setVariants({ segmentIdSpelling: 'segmentId' });
		const result = await runEngage(creds, metadata({ apiFamily: 'classic', start: '2026-11-10T09:00:00', end: '2026-11-10T11:00:00' }));
		expect(result.error).toBeUndefined();
		expectSegmentsToMatchTruth(
			rowsOf(result.output('Engage Voice')),
			segmentsTruth(sim, sub, eastern('2026-11-10 09:00:00'), eastern('2026-11-10 11:00:00'), 'classic'),
		);
	});
});

describe('daylight-saving change days', () => {
	it.each<[string, string, string, number, Family]>([
		['spring forward', '2026-03-08', '2026-03-09', 23, 'cx'],
		['fall back', '2026-11-01', '2026-11-02', 25, 'cx'],
		['fall back, classic', '2026-11-01', '2026-11-02', 25, 'classic'],
	])('%s: every segment once', async (_name, day, next, hours, family) => {
		const result = await runEngage(creds, metadata({ apiFamily: family, start: day, end: next }));
		expect(result.error).toBeUndefined();
		const from = eastern(`${day} 00:00:00`);
		const to = eastern(`${next} 00:00:00`);
		expect(to - from).toBe(hours * HOUR);
		expectSegmentsToMatchTruth(rowsOf(result.output('Engage Voice')), segmentsTruth(sim, sub, from, to, family));
		const windows = expectTiling(from, to, 3600);
		expect(windows).toHaveLength(hours);
		if (hours === 25) {
			// the repeated 01:00 hour is sent in fixed offsets so that the API cannot read it twice
			expect(windows.filter((w) => w.timeZone.startsWith('Etc/')).map((w) => w.body.segmentEndTime)).toEqual([
				'2026-11-01 01:00:00',
				'2026-11-01 01:00:00',
			]);
		}
	});
});

describe('window length', () => {
	it('a range of exactly the default maximum (3600 s) is one request', async () => {
		const result = await runEngage(creds, metadata({ start: '2026-11-10T10:00:00', end: '2026-11-10T11:00:00' }));
		expect(result.error).toBeUndefined();
		expect(requestedWindows().map((w) => w.body)).toEqual([
			{ segmentEndTime: '2026-11-10 10:00:00', timeInterval: 3600, timeZone: 'US/Eastern' },
		]);
	});

	it('10800-second windows where the account allows them: 6 hours are two requests', async () => {
		sim.control.setLimits({ metadataMaxSeconds: 10800 });
		const result = await runEngage(
			creds,
			metadata({ start: '2026-11-10T09:00:00', end: '2026-11-10T15:00:00', options: { windowSeconds: 10800 } }),
		);
		expect(result.error).toBeUndefined();
		expect(requestedWindows().map((w) => w.body.timeInterval)).toEqual([10800, 10800]);
		expectSegmentsToMatchTruth(
			rowsOf(result.output('Engage Voice')),
			segmentsTruth(sim, sub, eastern('2026-11-10 09:00:00'), eastern('2026-11-10 15:00:00')),
		);
	});

	it("longer windows than the account allows fail with the API's words and the window", async () => {
		const result = await runEngage(
			creds,
			metadata({ start: '2026-11-10T09:00:00', end: '2026-11-10T15:00:00', options: { windowSeconds: 7200 } }),
		);
		expect(result.error?.message).toBe(
			'Engage Voice rejected the request: The supplied data is not valid — timeInterval: Maximum allowed length is 3600 (window 1 of 3: 2026-11-10 09:00–11:00 US/Eastern)',
		);
	});

	it('rejects a window length out of range before any request', async () => {
		const result = await runEngage(
			creds,
			metadata({ start: '2026-11-10T09:00:00', end: '2026-11-10T15:00:00', options: { windowSeconds: 20000 } }),
		);
		expect(result.error?.message).toBe('"Window Length (Seconds)" must be a whole number from 60 to 10800, got "20000"');
		expect(reportRequests(sim)).toEqual([]);
	});

	it('a range ending in the future stops 15 minutes before now, and says so', async () => {
		const now = Date.now();
		const start = new Date(now - 3 * HOUR).toISOString();
		const result = await runEngage(creds, metadata({ start, end: new Date(now + HOUR).toISOString() }));
		expect(result.error).toBeUndefined();
		const windows = requestedWindows();
		const lastEnd = windows[windows.length - 1].endMs;
		expect(lastEnd).toBeLessThanOrEqual(now - 15 * MINUTE + 1000);
		expect(lastEnd).toBeGreaterThan(now - 15 * MINUTE - 5000);
		expectSegmentsToMatchTruth(rowsOf(result.output('Engage Voice')), segmentsTruth(sim, sub, windows[0].startMs, lastEnd));
		expect(hintsOf(result).join('\n')).toMatch(/Interaction \(Agent Segment\) Metadata: the range was cut at/);
	});
});

describe('options', () => {
	const range = { start: '2026-11-10T09:00:00', end: '2026-11-10T13:00:00' };

	it('stops reading windows once the Limit is reached', async () => {
		const result = await runEngage(creds, metadata({ ...range, returnAll: false, limit: 5 }));
		expect(result.error).toBeUndefined();
		const rows = rowsOf(result.output('Engage Voice'));
		expect(rows).toHaveLength(5);
		const firstHour = [...segmentsTruth(sim, sub, eastern('2026-11-10 09:00:00'), eastern('2026-11-10 10:00:00')).values()];
		expect(firstHour.length).toBeGreaterThanOrEqual(5);
		expect(rows.map((row) => row.segmentId)).toEqual(firstHour.slice(0, 5).map((row) => row.segmentId));
		expect(reportRequests(sim)).toHaveLength(1);
	});

	it('makes text spreadsheet-safe, raw rows included', async () => {
		sim.control.setVariants({ agentNotes: 'formula' });
		const result = await runEngage(creds, metadata({ ...range, options: { spreadsheetSafe: true, includeRaw: true } }));
		expect(result.error).toBeUndefined();
		const noted = rowsOf(result.output('Engage Voice')).filter((row) => row.agentNotes);
		expect(noted.length).toBeGreaterThan(3);
		for (const row of noted) {
			expect(row.agentNotes).toMatch(/^'[=+\-@]/);
			expect((row.raw as IDataObject).agentNotes).toBe(row.agentNotes);
		}
		// without the option the notes stay as the API sent them
		sim.control.clearLog();
		const plain = await runEngage(creds, metadata({ ...range }));
		expect(rowsOf(plain.output('Engage Voice')).filter((row) => row.agentNotes).every((row) => /^[=+\-@]/.test(String(row.agentNotes)))).toBe(true);
	});

	it('returns the JSON files as the API sent them, one per window', async () => {
		const result = await runEngage(creds, metadata({ ...range, apiFamily: 'classic', options: { output: 'files' } }));
		expect(result.error).toBeUndefined();
		const files = binaryItems(result.output('Engage Voice'));
		expect(files).toHaveLength(4);
		expect(files[0].binary?.data.mimeType).toBe('application/json');
		expect(files[0].json.fileName).toBe(`interactionMetadata_${sub}_2026-11-10T0900--2026-11-10T1000_US-Eastern.json`);
		const parsed = JSON.parse(binaryBuffer(files[0]).toString('utf8'));
		expect(parsed).toEqual(sim.truth.segments(sub, eastern('2026-11-10 09:00:00'), eastern('2026-11-10 10:00:00'), { family: 'classic' }));
	});
});
