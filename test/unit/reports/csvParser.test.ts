import { ReportParseError } from '../../../nodes/EngageVoice/reports/errors';
import { csvRecordMaker, detectDelimiter, parseCsvReport, readCsvReport } from '../../../nodes/EngageVoice/reports/parsers/csv';

const opts = { windowLabel: '2024-03-04 00:00–03:00 US/Eastern' };

const QUEUE_HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';

function parseError(run: () => unknown): ReportParseError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ReportParseError);
		return error as ReportParseError;
	}
	throw new Error('expected a ReportParseError');
}

describe('parseCsvReport', () => {
	it('reads a classic queue-stats file keyed by its header, time (H24:MI) included', () => {
		const text = `${QUEUE_HEADER}\n60,2024-03-04,05:00,5686,Queue,3,0,0,0,3,9,0,90,13,1,0,0,13,0,0\n`;
		const [row] = parseCsvReport(text, opts);
		expect(row['time (H24:MI)']).toBe('05:00');
		expect(row.date_from).toBe('2024-03-04');
		expect(row.queue_name).toBe('Queue');
		expect(row.aband_within_sl_cnt).toBe('0');
		expect(Object.keys(row)).toHaveLength(20);
	});

	it('strips a BOM and reads CRLF line ends', () => {
		const rows = parseCsvReport('\uFEFFqueue,queue_name\r\n1,A\r\n2,B\r\n', opts);
		expect(rows).toEqual([
			{ queue: '1', queue_name: 'A' },
			{ queue: '2', queue_name: 'B' },
		]);
	});

	it('keeps quoted delimiters, quotes and newlines inside a field', () => {
		const text = 'agent_id,agent_name,queue_name\n33,"test number, aws91-l22-engage","Line one\nline ""two"""\n34,"Doe, Jane",Q\n';
		expect(parseCsvReport(text, opts)).toEqual([
			{ agent_id: '33', agent_name: 'test number, aws91-l22-engage', queue_name: 'Line one\nline "two"' },
			{ agent_id: '34', agent_name: 'Doe, Jane', queue_name: 'Q' },
		]);
	});

	it('skips blank lines, trailing ones and spreadsheet-style empty rows', () => {
		const text = 'queue,queue_name\n1,A\n\n2,B\n,\n\n\n';
		expect(parseCsvReport(text, opts)).toEqual([
			{ queue: '1', queue_name: 'A' },
			{ queue: '2', queue_name: 'B' },
		]);
	});

	it.each([
		['semicolon', ';'],
		['tab', '\t'],
		['pipe', '|'],
		['comma', ','],
	])('detects the %s delimiter from the header', (_name, delimiter) => {
		const text = ['queue', 'queue_name', 'wait_dur'].join(delimiter) + '\n' + ['5686', 'Sales, East', '13'].join(delimiter) + '\n';
		const quoted = delimiter === ',' ? text.replace('Sales, East', '"Sales, East"') : text;
		expect(parseCsvReport(quoted, opts)).toEqual([{ queue: '5686', queue_name: 'Sales, East', wait_dur: '13' }]);
	});

	it('does not mistake a delimiter inside a quoted header for the delimiter', () => {
		expect(detectDelimiter('"a;b";"c;d",e,f')).toBe(',');
		expect(detectDelimiter('single_column')).toBe(',');
		expect(detectDelimiter('date_from;time (H24:MI);queue')).toBe(';');
	});

	it('returns no rows for an empty body or a header alone', () => {
		expect(parseCsvReport('', opts)).toEqual([]);
		expect(parseCsvReport('\uFEFF\r\n', opts)).toEqual([]);
		expect(parseCsvReport('queue,queue_name\r\n', opts)).toEqual([]);
	});

	it('names unnamed columns and de-duplicates repeated names', () => {
		expect(parseCsvReport('queue,,queue\n1,x,2\n', opts)).toEqual([{ queue: '1', column2: 'x', queue_2: '2' }]);
	});

	it('throws on a row with more fields than the header, naming the window and the line', () => {
		const error = parseError(() => parseCsvReport('queue,queue_name\n1,A\n2,B,extra\n3,C\n', opts));
		expect(error.message).toBe('The CSV report of window 2024-03-04 00:00–03:00 US/Eastern is malformed at line 3: 3 fields where the header has 2');
		expect(error.line).toBe(3);
		expect(error.windowLabel).toBe(opts.windowLabel);
		expect(error.format).toBe('csv');
	});

	it('throws on a row with fewer fields, counting lines inside quoted newlines', () => {
		const error = parseError(() => parseCsvReport('queue,queue_name\r\n1,"two\r\nlines"\r\n2\r\n', opts));
		expect(error.line).toBe(4);
	});

	it('throws on an unterminated quote, at the line where it starts', () => {
		const error = parseError(() => parseCsvReport('queue,queue_name\n1,A\n2,"B\n3,C\n4,D\n', opts));
		expect(error.message).toMatch(/window 2024-03-04 00:00–03:00 US\/Eastern is malformed at line 3: a quoted field is not closed/);
		expect(error.line).toBe(3);
	});

	it('reports the first bad line when a short row comes before a broken quote', () => {
		const error = parseError(() => parseCsvReport('a,b\n1\n2,"x\n', opts));
		expect(error.line).toBe(2);
	});

	it('throws on stray characters after a closing quote', () => {
		const error = parseError(() => parseCsvReport('a,b\n1,"2"x\n', opts));
		expect(error.line).toBe(2);
	});
});

describe('readCsvReport', () => {
	function collect(text: string) {
		const seen: { header: string[][]; rows: string[][] } = { header: [], rows: [] };
		let error: unknown;
		try {
			readCsvReport(text, opts, {
				header: (keys) => seen.header.push([...keys]),
				row: (cells) => seen.rows.push([...cells]),
			});
		} catch (e) {
			error = e;
		}
		return { ...seen, error };
	}

	it('hands over the header keys once, then each data row as its cells, blank rows left out', () => {
		expect(collect('queue,,queue\r\n1,"a,b",2\r\n\r\n3,c,4\r\n')).toEqual({
			header: [['queue', 'column2', 'queue_2']],
			rows: [
				['1', 'a,b', '2'],
				['3', 'c', '4'],
			],
			error: undefined,
		});
	});

	it('stops at the first bad row: the rows before it were handed over, none after', () => {
		const { rows, error } = collect('a,b\n1,2\n3\n4,5\n');
		expect(rows).toEqual([['1', '2']]);
		expect((error as ReportParseError).line).toBe(3);
		const quoted = collect('a,b\n1,2\n3,"x\n4,5\n');
		expect(quoted.rows).toEqual([['1', '2']]);
		expect((quoted.error as ReportParseError).message).toMatch(/line 3: a quoted field is not closed/);
	});

	it('makes records keyed by the header, in header order', () => {
		const toRecord = csvRecordMaker(['b', 'a', '__proto__']);
		const record = toRecord(['1', '2', '3']);
		expect(Object.entries(record)).toEqual([
			['b', '1'],
			['a', '2'],
		]);
		expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
		expect(toRecord(['4', '5', '6'])).toEqual({ b: '4', a: '5' });
	});
});
