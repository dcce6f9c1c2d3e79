import { ReportParseError } from '../../../nodes/EngageVoice/reports/errors';
import { detectReportFormat, parseJsonReport, parseReportBody } from '../../../nodes/EngageVoice/reports/parsers';

const opts = { windowLabel: '2024-03-04 00:00–03:00 US/Eastern' };

describe('parseJsonReport', () => {
	it('reads an array of rows, from text or already parsed', () => {
		const rows = [{ queue: 1 }, { queue: 2 }];
		expect(parseJsonReport(JSON.stringify(rows), opts)).toEqual(rows);
		expect(parseJsonReport(rows, opts)).toBe(rows);
		expect(parseJsonReport('\uFEFF[]', opts)).toEqual([]);
	});

	it('unwraps an envelope', () => {
		expect(parseJsonReport('{"data":[{"a":1}],"count":1}', opts)).toEqual([{ a: 1 }]);
		expect(parseJsonReport({ records: [{ a: 1 }] }, opts)).toEqual([{ a: 1 }]);
		expect(parseJsonReport({ whatever: [{ a: 2 }], total: 1 }, opts)).toEqual([{ a: 2 }]);
	});

	it('treats an empty body or null as no rows', () => {
		expect(parseJsonReport('', opts)).toEqual([]);
		expect(parseJsonReport('null', opts)).toEqual([]);
		expect(parseJsonReport(undefined, opts)).toEqual([]);
	});

	it('throws on malformed JSON, naming the window and the line', () => {
		let error: unknown;
		try {
			parseJsonReport('[\n{"a":1},\n{"a":2,,}\n]', opts);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ReportParseError);
		expect((error as ReportParseError).message).toMatch(/^The JSON report of window 2024-03-04 00:00–03:00 US\/Eastern is malformed at line 3/);
		expect((error as ReportParseError).line).toBe(3);
	});

	it('throws on JSON that is not a list of rows', () => {
		expect(() => parseJsonReport('{"a":1}', opts)).toThrow(/is not a list of rows/);
		expect(() => parseJsonReport('[1,2]', opts)).toThrow(/row that is not an object \(row 1\)/);
		expect(() => parseJsonReport('"text"', opts)).toThrow(ReportParseError);
	});
});

describe('detectReportFormat and parseReportBody', () => {
	it('uses the content type, else the first character', () => {
		expect(detectReportFormat('x', 'application/json;charset=UTF-8')).toBe('json');
		expect(detectReportFormat('x', 'text/xml')).toBe('xml');
		expect(detectReportFormat('x', 'text/csv')).toBe('csv');
		expect(detectReportFormat('\uFEFF  [{}]')).toBe('json');
		expect(detectReportFormat('<?xml version="1.0"?><r/>', 'application/octet-stream')).toBe('xml');
		expect(detectReportFormat('queue,queue_name\n1,A')).toBe('csv');
	});

	it('reads each format', async () => {
		expect(await parseReportBody('[{"queue":1}]', opts)).toEqual([{ queue: 1 }]);
		expect(await parseReportBody('<r><row queue="1"/></r>', opts)).toEqual([{ queue: '1' }]);
		expect(await parseReportBody('queue\n1\n', opts)).toEqual([{ queue: '1' }]);
		expect(await parseReportBody('queue\n1\n', { ...opts, format: 'csv' })).toEqual([{ queue: '1' }]);
	});
});
