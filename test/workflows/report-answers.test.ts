/*
 * A report is a report (issue 9, items 10 and 14). The credential's host is a hostile front of the
 * simulator that answers the classic report request with what a broken or busy server sends: an
 * XHTML page, a text notice, a header cut short, an empty body, a file of the other format, a field
 * or an answer past the node's bounds, a notice that echoes the token. Each is an error that quotes
 * the answer's start (without secrets), except a report with a header and no rows (0 rows) and an
 * empty body (0 rows and an execution hint). Files are named and typed by the format asked for.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HostileHandler, HostileServer } from '../hostile/server';
import { text, tokenOf } from '../hostile/server';
import type { RunResult, TestCredentialsHelper } from '../helpers/harness';
import { binaryBuffer, binaryItems, hintsOf, reportParameters, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { tokenCredential } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
let front: HostileServer;

useSimulator({ seed: 61, fastReports: true }, (s) => ({ sim, creds } = s));
useHostileServer(() => sim.url, (server) => (front = server));
beforeEach(() => creds.set('token', tokenCredential(sim, { customHost: front.url })));

const QUEUE_STATS = /\/aggQueueStats$/;

/** The documented classic Queue Statistics header (API doc §5.4). */
const HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';

const row = (queueName: string) => `60,2026-11-10,09:00,5686,${queueName},3,0,0,0,3,9,0,90,13,1,0,0,13,0,0`;

const answer =
	(body: string | Buffer, contentType: string): HostileHandler =>
	() => ({ status: 200, headers: { 'Content-Type': contentType }, body });

/** Classic Queue Statistics of one hour (one window) through the token credential. */
async function classicQueueStats(format: 'CSV' | 'XML', options: IDataObject = {}): Promise<RunResult> {
	return await runEngage(
		creds,
		reportParameters(sim, 'queueStats', {
			apiFamily: 'classic',
			start: '2026-11-10T09:00:00',
			end: '2026-11-10T10:00:00',
			interval: 60,
			options: { outputFormat: format, maxRetries: 0, ...options },
		}),
		{ credential: 'token' },
	);
}

const XHTML =
	'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Maintenance</title></head><body><p>The reporting service is down for maintenance.</p></body></html>';

describe('an answer that is not the report asked for is an error quoting its start', () => {
	it('an XHTML page to an XML request: an error, not rows of nulls', async () => {
		front.route('POST', QUEUE_STATS, answer(XHTML, 'application/xhtml+xml'));
		const result = await classicQueueStats('XML');
		// a NodeApiError: the API's answer is at fault, with its status
		expect(result.error?.httpCode).toBe('200');
		expect(result.error?.message).toMatch(/^The XML answer for window .* is not the Queue Statistics report: it is an \(X\)HTML page/);
		expect(result.error?.description).toContain('it starts with "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>');
		expect(result.error?.description).toContain('Content-Type application/xhtml+xml');
	});

	it('a text/plain notice to a CSV request ("Report generation in progress"): an error', async () => {
		front.route('POST', QUEUE_STATS, answer('Report generation in progress', 'text/plain'));
		const result = await classicQueueStats('CSV');
		expect(result.error?.message).toMatch(/is not the Queue Statistics report: its first line has no column interval, date_from and time \(H24:MI\), queue,/);
		expect(result.error?.description).toContain('it starts with "Report generation in progress"');
	});

	it('a CSV cut inside its header (missing the required columns): an error, never an empty report', async () => {
		front.route('POST', QUEUE_STATS, answer(HEADER.slice(0, 40), 'text/csv'));
		const result = await classicQueueStats('CSV');
		expect(result.error?.message).toMatch(/its first line has no column queue_name, offd_direct_call_cnt/);
	});

	it('the requested format wins over the Content-Type: CSV labelled as XML is read as CSV; CSV to an XML request is an error', async () => {
		front.route('POST', QUEUE_STATS, answer(`${HEADER}\r\n${row('Sales')}\r\n`, 'application/xml'));
		const csv = await classicQueueStats('CSV');
		expect(csv.error).toBeUndefined();
		expect(csv.output('Engage Voice').map((item) => item.json.queueName)).toEqual(['Sales']);

		front.reset();
		front.forwardTo(sim.url);
		front.route('POST', QUEUE_STATS, answer(`${HEADER}\r\n${row('Sales')}\r\n`, 'text/csv'));
		const xml = await classicQueueStats('XML');
		expect(xml.error?.message).toMatch(/^The XML report of window .* is malformed/);
		expect(xml.error?.description).toContain(`it starts with "${HEADER.slice(0, 60)}`);
	});

	it('with Output "One File per Window" an answer that is not the report is an error too, and no file comes out', async () => {
		front.route('POST', QUEUE_STATS, answer('<html><body>Gateway timeout</body></html>', 'text/html'));
		const result = await classicQueueStats('CSV', { output: 'files' });
		expect(result.error?.message).toMatch(/is not the Queue Statistics report/);
		expect(result.error?.description).toContain('it starts with "<html><body>Gateway timeout</body></html>"');
	});

	it('a notice that echoes the token quotes it redacted, in every text of the error', async () => {
		let token = '';
		front.route('POST', QUEUE_STATS, (request) => {
			token = tokenOf(request);
			return text(200, `Report for ${token} is still being generated`);
		});
		const result = await classicQueueStats('CSV');
		expect(token.length).toBeGreaterThan(8);
		expect(result.error?.description).toContain('it starts with "Report for [redacted] is still being generated"');
		const texts = [result.error?.message, result.error?.description, result.error?.stack, JSON.stringify(result.error)].join('\n');
		expect(texts).not.toContain(token);
	});

	it('a JSON error quotes no fragment of a token near the fault', async () => {
		let token = '';
		front.route('POST', /\/interactionMetadata$/, (request) => {
			token = tokenOf(request);
			return answer(`[{"segmentID": "1", "note": ${token}}]`, 'application/json')(request);
		});
		const result = await runEngage(
			creds,
			reportParameters(sim, 'interactionMetadata', {
				apiFamily: 'classic',
				start: '2026-11-10T09:00:00',
				end: '2026-11-10T09:30:00',
				returnAll: true,
				options: { maxRetries: 0 },
			}),
			{ credential: 'token' },
		);
		expect(result.error?.message).toMatch(/The JSON report of window .* is malformed: Unexpected token/);
		const texts = [result.error?.message, result.error?.description, result.error?.stack, JSON.stringify(result.error)].join('\n');
		// V8 quotes about ten characters around the fault: none of them may be part of the token
		for (let at = 0; at + 6 <= token.length; at++) expect(texts).not.toContain(token.slice(at, at + 6));
	});
});

describe('empty reports and empty bodies', () => {
	it('a report with its header and no rows is 0 rows, with no hint', async () => {
		front.route('POST', QUEUE_STATS, answer(`${HEADER}\r\n`, 'text/csv'));
		const result = await classicQueueStats('CSV');
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toEqual([]);
		expect(hintsOf(result).filter((hint) => /empty body/.test(hint))).toEqual([]);
	});

	it('an empty body is 0 rows, and the execution hints say the body was empty', async () => {
		front.route('POST', QUEUE_STATS, answer('', 'application/json'));
		const result = await classicQueueStats('CSV');
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toEqual([]);
		expect(hintsOf(result)).toEqual([
			'Queue Statistics: the API answered 1 of 1 window(s) with an empty body (no rows, not even a header): 2026-11-10 09:00–10:00 US/Eastern',
		]);
	});

	it('files are named and typed by the format asked for: an empty XML answer is an .xml file, with the hint', async () => {
		front.route('POST', QUEUE_STATS, answer('', 'text/csv'));
		const result = await classicQueueStats('XML', { output: 'files' });
		expect(result.error).toBeUndefined();
		const [file] = binaryItems(result.output('Engage Voice'));
		expect(file.json).toMatchObject({ format: 'xml', mimeType: 'application/xml', fileSize: 0 });
		expect(String(file.json.fileName)).toMatch(/^queueStats_\d+_.*\.xml$/);
		expect(file.binary?.data?.mimeType).toBe('application/xml');
		expect(hintsOf(result).some((hint) => hint.includes('empty body'))).toBe(true);
	});

	it('a CSV file labelled application/json is still a .csv file, exactly as sent', async () => {
		const body = `${HEADER}\r\n${row('Sales')}\r\n`;
		front.route('POST', QUEUE_STATS, answer(body, 'application/json'));
		const result = await classicQueueStats('CSV', { output: 'both' });
		expect(result.error).toBeUndefined();
		const [file] = binaryItems(result.output('Engage Voice'));
		expect(file.json).toMatchObject({ format: 'csv', mimeType: 'text/csv', rowCount: 1 });
		expect(binaryBuffer(file).toString('utf8')).toBe(body);
	});
});

describe('bounds on one field and on one answer (Options › Max Field Size, Max Answer Size)', () => {
	it('a CSV field over Max Field Size fails, naming the line and the bound', async () => {
		front.route('POST', QUEUE_STATS, answer(`${HEADER}\r\n${row('x'.repeat(3000))}\r\n`, 'text/csv'));
		const result = await classicQueueStats('CSV', { maxFieldKilobytes: 2 });
		expect(result.error?.message).toMatch(/has a field of 3,000 characters at line 2, over the bound of 2,048/);
		// the default (1024 KB) lets it through
		const fine = await classicQueueStats('CSV');
		expect(fine.error).toBeUndefined();
		expect(String(fine.output('Engage Voice')[0].json.queueName)).toHaveLength(3000);
	});

	it('an XML field over Max Field Size fails too', async () => {
		const xml = `<report><row interval="60" date_from="2026-11-10" time="09:00" queue="5686" queue_name="${'y'.repeat(5000)}"/></report>`;
		front.route('POST', QUEUE_STATS, answer(xml, 'application/xml'));
		const result = await classicQueueStats('XML', { maxFieldKilobytes: 4 });
		expect(result.error?.message).toMatch(/The XML report of window .* has a field of 5,000 characters, over the bound of 4,096/);
	});

	it('an answer over Max Answer Size fails while it is read (no Content-Length), saying the bound and how to stay under it', async () => {
		const body = Buffer.concat([Buffer.from(`${HEADER}\r\n`), Buffer.from(`${row('Sales')}\r\n`.repeat(40_000))]);
		expect(body.length).toBeGreaterThan(2 * 1048576);
		front.route('POST', QUEUE_STATS, answer(body, 'text/csv'));
		const result = await classicQueueStats('CSV', { maxAnswerMegabytes: 1 });
		expect(result.error?.message).toMatch(/^Engage Voice's answer is larger than the bound of 1 MB \(more than 1(\.\d)? MB arrived\)/);
		expect(result.error?.description).toMatch(/Max Answer Size \(MB\)/);
	});

	it('an answer whose Content-Length is over Max Answer Size fails before a byte of it is read', async () => {
		const body = Buffer.concat([Buffer.from(`${HEADER}\r\n`), Buffer.from(`${row('Sales')}\r\n`.repeat(40_000))]);
		front.route('POST', QUEUE_STATS, () => ({
			status: 200,
			headers: { 'Content-Type': 'text/csv', 'Content-Length': String(body.length) },
			body,
		}));
		const result = await classicQueueStats('CSV', { maxAnswerMegabytes: 1 });
		expect(result.error?.message).toMatch(/^Engage Voice's answer is larger than the bound of 1 MB \(declared 2\.\d MB\)/);
	});
});
