/*
 * What counts as a report (reportShape.ts): the reader is held against the report's required
 * fields, so that a page, a notice, a header cut short or JSON of another shape is an error, and
 * only a report without rows is 0 rows. The workflow tests (report-answers) cover the same over HTTP.
 */
import { FieldTooLargeError, NotAReportError, ReportParseError } from '../../../nodes/EngageVoice/reports/errors';
import type { NormaliseContext } from '../../../nodes/EngageVoice/reports/normalise';
import type { ReportFileFormat } from '../../../nodes/EngageVoice/reports/errors';
import type { ReportName } from '../../../nodes/EngageVoice/reports/definitions';
import { readReportRows } from '../../../nodes/EngageVoice/reports/reportRows';

const window = { startMs: Date.parse('2024-03-04T05:00:00Z'), endMs: Date.parse('2024-03-04T08:00:00Z') };
const context: NormaliseContext = {
	family: 'classic',
	requestTimeZone: 'US/Eastern',
	outputTimeZone: 'US/Eastern',
	subAccountId: '15910001',
	window,
};

const read = (report: ReportName, format: ReportFileFormat, body: string, extra: { maxFieldChars?: number; checkOnly?: boolean } = {}) =>
	readReportRows(body, { report, format, windowLabel: 'W', context, checkShape: true, ...extra });

const AGENT_STATS_HEADER =
	'interval,date_from,time (H24:MI),agent_id,agent_name,avail_dur,tot_work_dur,pause_dur,wait_dur,admin_dur,direct_out_call_cnt,direct_out_call_dur,direct_in_call_cnt,direct_in_call_dur';

describe('what counts as a report', () => {
	it('a CSV header with every column of the report and no rows is an empty report', async () => {
		await expect(read('agentStats', 'csv', `${AGENT_STATS_HEADER}\r\n`)).resolves.toEqual({ rows: [], unmappedColumns: [] });
	});

	it('a CSV header cut after the key columns is not a report (it would pass as one without rows)', async () => {
		const cut = AGENT_STATS_HEADER.slice(0, AGENT_STATS_HEADER.indexOf(',avail_dur'));
		const error = await read('agentStats', 'csv', cut).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotAReportError);
		expect((error as Error).message).toBe(
			'The CSV answer for window W is not the Agent Statistics report: its first line has no column availDur, totWorkDur, pauseDur, waitDur, adminDur, directOutIxnCnt, directOutIxnDur, directInIxnCnt, directInIxnDur',
		);
	});

	it('XML: a root with no text is an empty report; a root holding text, or an XHTML page, is not', async () => {
		await expect(read('queueStats', 'xml', '<report generated="2024-03-04"/>')).resolves.toMatchObject({ rows: [] });
		await expect(read('queueStats', 'xml', '<message>Report generation in progress</message>')).rejects.toThrow(
			/is not the Queue Statistics report: it holds text but no records/,
		);
		await expect(read('queueStats', 'xml', '<html><body><p>Login</p></body></html>')).rejects.toThrow(/it is an \(X\)HTML page/);
	});

	it('JSON: null, an object that only holds an array, and rows without the key are not the report', async () => {
		await expect(read('interactionMetadata', 'json', 'null')).rejects.toThrow(/it is null, not a list of rows/);
		await expect(read('interactionMetadata', 'json', '{"messages": [{"text": "busy"}]}')).rejects.toThrow(/it is an object, not a list of rows/);
		await expect(read('interactionMetadata', 'json', '[{"text": "busy"}]')).rejects.toThrow(/its first row has no segmentId/);
		await expect(read('interactionMetadata', 'json', '{"data": []}')).resolves.toMatchObject({ rows: [] });
	});

	it('checkOnly reads a CSV up to its header and gives no rows; a bad row after it is not read', async () => {
		const body = `${AGENT_STATS_HEADER}\r\n"unclosed\r\n`;
		await expect(read('agentStats', 'csv', body)).rejects.toBeInstanceOf(ReportParseError);
		await expect(read('agentStats', 'csv', body, { checkOnly: true })).resolves.toEqual({ rows: [], unmappedColumns: [] });
	});
});

describe('the bound on one field', () => {
	it('CSV, XML and JSON name the field length and the bound', async () => {
		const long = 'z'.repeat(101);
		const csv = `${AGENT_STATS_HEADER}\r\n60,2024-03-04,00:00,1001,${long},1,1,1,1,1,1,1,1,1\r\n`;
		const error = await read('agentStats', 'csv', csv, { maxFieldChars: 100 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FieldTooLargeError);
		expect(error).toMatchObject({ chars: 101, maxChars: 100 });
		await expect(read('agentStats', 'csv', csv, { maxFieldChars: 101 })).resolves.toMatchObject({ rows: [{ agentName: long }] });
		await expect(read('interactionMetadata', 'json', `[{"segmentId": "1", "note": "${long}"}]`, { maxFieldChars: 100 })).rejects.toThrow(
			'The JSON report of window W has a field of 101 characters in row 1, over the bound of 100',
		);
		await expect(read('queueStats', 'xml', `<r><row queue="1" queue_name="${long}"/></r>`, { maxFieldChars: 100 })).rejects.toThrow(
			'The XML report of window W has a field of 101 characters, over the bound of 100',
		);
	});
});
