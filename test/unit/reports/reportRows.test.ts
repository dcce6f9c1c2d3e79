import { ReportParseError } from '../../../nodes/EngageVoice/reports/errors';
import {
	normaliseRow,
	spreadsheetSafe,
	withinWindow,
	type NormaliseContext,
	type NormalisedRow,
} from '../../../nodes/EngageVoice/reports/normalise';
import { parseReportBody } from '../../../nodes/EngageVoice/reports/parsers';
import { reportDefinition, type ReportName } from '../../../nodes/EngageVoice/reports/definitions';
import { unmappedColumns } from '../../../nodes/EngageVoice/reports/columnMapping';
import { readReportRows } from '../../../nodes/EngageVoice/reports/reportRows';
import type { ReportFileFormat } from '../../../nodes/EngageVoice/reports/errors';

const utc = (iso: string) => Date.parse(iso);
// 2024-03-04 00:00–03:00 US/Eastern (05:00Z–08:00Z).
const window = { startMs: utc('2024-03-04T05:00:00Z'), endMs: utc('2024-03-04T08:00:00Z') };
const classic: NormaliseContext = {
	family: 'classic',
	requestTimeZone: 'US/Eastern',
	outputTimeZone: 'US/Eastern',
	subAccountId: '15910001',
	window,
};
const cx: NormaliseContext = { ...classic, family: 'cx' };

const QUEUE_HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';
// The last row starts at 03:00, after the window: classic files may send more than asked.
const QUEUE_CSV = [
	QUEUE_HEADER,
	'60,2024-03-04,00:00,5686,Queue,3,0,0,0,3,9,0,90,13,1,0,0,13,0,0',
	'60,2024-03-04,00:00,5687,"Sales, ""East""",1,0,1,0,0,0,4,0,0,0,4,0,2,1,1',
	'',
	'60,2024-03-04,01:00,5686,=HYPERLINK("x"),2,0,0,0,2,5,0,40,8,1,0,2,5,0,0',
	'60,2024-03-04,03:00,5686,Queue,1,0,0,0,1,1,0,10,1,1,0,1,1,0,0',
	'',
].join('\r\n');

/** What the node did before rows were read in one pass: parse every record, then normalise each. */
async function recordByRecord(
	body: string,
	report: ReportName,
	format: ReportFileFormat,
	ctx: NormaliseContext,
	includeRaw = false,
): Promise<{ rows: NormalisedRow[]; unmappedColumns: string[] }> {
	const records = await parseReportBody(body, { windowLabel: 'w', format });
	const rows: NormalisedRow[] = [];
	for (const raw of records) {
		const row = normaliseRow(report, raw, ctx);
		if (reportDefinition(report).kind === 'statistics' && !withinWindow(row, ctx.window)) continue;
		if (includeRaw) row.raw = ctx.spreadsheetSafe ? spreadsheetSafe(raw) : raw;
		rows.push(row);
	}
	return { rows, unmappedColumns: records.length ? unmappedColumns(report, Object.keys(records[0])) : [] };
}

const read = (body: string, report: ReportName, format: ReportFileFormat | undefined, ctx: NormaliseContext, includeRaw = false) =>
	readReportRows(body, { report, windowLabel: 'w', format, context: ctx, includeRaw });

describe('readReportRows', () => {
	it('reads a classic CSV file straight into normalised rows of the window', async () => {
		const { rows, unmappedColumns: unmapped } = await read(QUEUE_CSV, 'queueStats', 'csv', classic);
		expect(rows).toHaveLength(3);
		expect(rows[1]).toMatchObject({
			queue: 5687,
			queueName: 'Sales, "East"',
			abandIxnCnt: 1,
			intervalStart: '2024-03-04T00:00:00-05:00',
			intervalEnd: '2024-03-04T01:00:00-05:00',
			window: { start: '2024-03-04T00:00:00-05:00', end: '2024-03-04T03:00:00-05:00' },
		});
		expect(Object.keys(rows[0])).toEqual(reportDefinition('queueStats').fields.map((f) => f.name));
		expect(unmapped).toEqual([]);
		// Rows never share their window object.
		expect(rows[0].window).not.toBe(rows[1].window);
	});

	it.each([
		['plain', classic, false],
		['raw rows', classic, true],
		['spreadsheet-safe raw rows', { ...classic, spreadsheetSafe: true }, true],
		['another output zone and interval fallback', { ...classic, outputTimeZone: 'UTC', intervalMinutes: 15 }, false],
	])('gives exactly what normalising record by record gives: CSV, %s', async (_name, ctx, includeRaw) => {
		const expected = await recordByRecord(QUEUE_CSV, 'queueStats', 'csv', ctx, includeRaw);
		const actual = await read(QUEUE_CSV, 'queueStats', 'csv', ctx, includeRaw);
		expect(actual).toEqual(expected);
		// Same keys in the same order, raw included.
		expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
	});

	it('keeps repeated and unnamed columns in the raw row and reports the unmapped ones', async () => {
		const body = 'queue;wait_dur;;queue;extra_col\n5686;13;x;5687;y\n';
		const expected = await recordByRecord(body, 'queueStats', 'csv', classic, true);
		const actual = await read(body, 'queueStats', 'csv', classic, true);
		expect(actual).toEqual(expected);
		expect(actual.rows[0].raw).toEqual({ queue: '5686', wait_dur: '13', column3: 'x', queue_2: '5687', extra_col: 'y' });
		expect(actual.rows[0]).toMatchObject({ queue: 5686, waitDur: 13 });
		expect(actual.unmappedColumns).toEqual(['column3', 'queue_2', 'extra_col']);
	});

	it('gives exactly what normalising record by record gives: XML and JSON', async () => {
		const xml = `<report>
  <row interval="60" queue="5686"><date_from>2024-03-04</date_from><time>01:00</time><queue_name>Queue</queue_name><wait_dur>13</wait_dur><odd>1</odd></row>
  <row interval="60" queue="5687"><date_from>2024-03-04</date_from><time>04:00</time><queue_name>Late</queue_name><wait_dur>2</wait_dur><odd>2</odd></row>
</report>`;
		for (const includeRaw of [false, true]) {
			const expected = await recordByRecord(xml, 'queueStats', 'xml', classic, includeRaw);
			expect(await read(xml, 'queueStats', 'xml', classic, includeRaw)).toEqual(expected);
			expect(expected.rows).toHaveLength(1);
			expect(expected.unmappedColumns).toEqual(['odd']);
		}
		const json = JSON.stringify([
			{ interval: 60, dateTimeFrom: '03-04-2024T01:00:00', agentId: 33, agentName: '=x', availDur: 3376 },
			{ interval: 60, dateTimeFrom: '03-04-2024T09:00:00', agentId: 34, agentName: 'Late', availDur: 1 },
		]);
		const safe = { ...cx, spreadsheetSafe: true };
		const expected = await recordByRecord(json, 'agentStats', 'json', safe, true);
		expect(await read(json, 'agentStats', undefined, safe, true)).toEqual(expected);
		expect(expected.rows.map((row) => row.agentName)).toEqual(["'=x"]);
	});

	it('keeps metadata rows whatever their time, and classic rows of another report shape', async () => {
		const body = 'interactionId,segmentId,segmentRecordingURL,segmentDuration\n2022,1,https://x/1.wav,7\n2023,2,,\n';
		const expected = await recordByRecord(body, 'interactionMetadata', 'csv', classic);
		const actual = await read(body, 'interactionMetadata', 'csv', classic);
		expect(actual).toEqual(expected);
		expect(actual.rows.map((row) => [row.segmentId, row.hasRecording, row.segmentDurationMs])).toEqual([
			['1', true, 7000],
			['2', false, null],
		]);
	});

	it('returns nothing for an empty body or a header alone', async () => {
		expect(await read('', 'queueStats', 'csv', classic)).toEqual({ rows: [], unmappedColumns: [] });
		expect(await read('queue,odd\r\n', 'queueStats', 'csv', classic)).toEqual({ rows: [], unmappedColumns: [] });
	});

	it('throws the parser error of a malformed file, with its window and line', async () => {
		const body = `${QUEUE_HEADER}\n60,2024-03-04,00:00,5686\n`;
		const error = await read(body, 'queueStats', 'csv', classic).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ReportParseError);
		expect((error as ReportParseError).message).toBe('The CSV report of window w is malformed at line 2: 4 fields where the header has 20');
	});
});
