import { ReportParseError } from '../../../nodes/EngageVoice/reports/errors';
import { parseXmlReport, readXmlReport } from '../../../nodes/EngageVoice/reports/parsers/xml';

const opts = { windowLabel: '2024-03-04 00:00–03:00 US/Eastern' };

async function parseError(text: string): Promise<ReportParseError> {
	try {
		await parseXmlReport(text, opts);
	} catch (error) {
		expect(error).toBeInstanceOf(ReportParseError);
		return error as ReportParseError;
	}
	throw new Error('expected a ReportParseError');
}

describe('parseXmlReport', () => {
	it('reads records whose fields are child elements', async () => {
		const text = `<?xml version="1.0" encoding="UTF-8"?>
<aggQueueStats>
  <row><interval>60</interval><date_from>2024-03-04</date_from><time>05:00</time><queue>5686</queue><queue_name>Queue &amp; Co</queue_name></row>
  <row><interval>60</interval><date_from>2024-03-04</date_from><time>06:00</time><queue>5688</queue><queue_name/></row>
</aggQueueStats>`;
		expect(await parseXmlReport(text, opts)).toEqual([
			{ interval: '60', date_from: '2024-03-04', time: '05:00', queue: '5686', queue_name: 'Queue & Co' },
			{ interval: '60', date_from: '2024-03-04', time: '06:00', queue: '5688', queue_name: '' },
		]);
	});

	it('reads records whose fields are attributes', async () => {
		const text = '<report><stat queue="5686" queue_name="Queue" wait_dur="13"/><stat queue="5688" queue_name="Other" wait_dur="0"/></report>';
		expect(await parseXmlReport(text, opts)).toEqual([
			{ queue: '5686', queue_name: 'Queue', wait_dur: '13' },
			{ queue: '5688', queue_name: 'Other', wait_dur: '0' },
		]);
	});

	it('reads mixed attributes and child elements, and CDATA', async () => {
		const text = '<r><rec agent_id="33"><agent_name><![CDATA[test number, <aws91>]]></agent_name><avail_dur>3376</avail_dur></rec><rec agent_id="34"><agent_name>Jane</agent_name><avail_dur>1</avail_dur></rec></r>';
		expect(await parseXmlReport(text, opts)).toEqual([
			{ agent_id: '33', agent_name: 'test number, <aws91>', avail_dur: '3376' },
			{ agent_id: '34', agent_name: 'Jane', avail_dur: '1' },
		]);
	});

	it('finds the records under header elements and nested wrappers, whatever the names', async () => {
		const text = `<ns:Report xmlns:ns="urn:x" generated="2024-03-04">
  <ns:Header><ns:Title>Queue stats</ns:Title></ns:Header>
  <ns:Data>
    <ns:Item><ns:queue>1</ns:queue><ns:wait_dur>5</ns:wait_dur></ns:Item>
    <ns:Item><ns:queue>2</ns:queue><ns:wait_dur>6</ns:wait_dur></ns:Item>
    <ns:Item><ns:queue>3</ns:queue><ns:wait_dur>7</ns:wait_dur></ns:Item>
  </ns:Data>
</ns:Report>`;
		expect(await parseXmlReport(text, opts)).toEqual([
			{ queue: '1', wait_dur: '5' },
			{ queue: '2', wait_dur: '6' },
			{ queue: '3', wait_dur: '7' },
		]);
	});

	it('collects records spread over repeated groups', async () => {
		const text = '<report><queue id="1"><row a="1"/><row a="2"/></queue><queue id="2"><row a="3"/></queue></report>';
		expect(await parseXmlReport(text, opts)).toEqual([{ a: '1' }, { a: '2' }, { a: '3' }]);
	});

	it('prefers the record to its attribute-carrying field elements', async () => {
		const text = '<report><row><queue type="int">1</queue><wait_dur type="int">5</wait_dur></row><row><queue type="int">2</queue><wait_dur type="int">6</wait_dur></row></report>';
		expect(await parseXmlReport(text, opts)).toEqual([
			{ queue: '1', wait_dur: '5' },
			{ queue: '2', wait_dur: '6' },
		]);
	});

	it('reads a single record next to a header element', async () => {
		const text = '<report><title>Agent stats</title><agent><agent_id>33</agent_id><avail_dur>3376</avail_dur></agent></report>';
		expect(await parseXmlReport(text, opts)).toEqual([{ agent_id: '33', avail_dur: '3376' }]);
	});

	it('reads one record alone, and a repeated text child by its first value', async () => {
		expect(await parseXmlReport('<report><row><queue>1</queue><note>a</note><note>b</note></row></report>', opts)).toEqual([
			{ queue: '1', note: 'a' },
		]);
		const text = '<report><row queue="1"><queue>2</queue><wait_dur/><x><y>1</y></x></row><row queue="3"><wait_dur>4</wait_dur></row></report>';
		expect(await parseXmlReport(text, opts)).toEqual([
			{ queue: '2', wait_dur: '' },
			{ queue: '3', wait_dur: '4' },
		]);
	});

	it('returns no rows for an empty report', async () => {
		expect(await parseXmlReport('<report/>', opts)).toEqual([]);
		expect(await parseXmlReport('<?xml version="1.0"?>\n<report>\n  \n</report>\n', opts)).toEqual([]);
		expect(await parseXmlReport('<report><rows></rows></report>', opts)).toEqual([]);
		expect(await parseXmlReport('', opts)).toEqual([]);
		expect(await parseXmlReport('\uFEFF<report></report>', opts)).toEqual([]);
	});

	it('throws on a mismatched tag, naming the window, the line and the element', async () => {
		const error = await parseError('<report>\n<row><a>1</a></row>\n<row><a>2</b></row>\n</report>');
		expect(error.message).toBe(
			'The XML report of window 2024-03-04 00:00–03:00 US/Eastern is malformed at line 3, column 14, inside <report><row><a>: Unexpected close tag',
		);
		expect(error.line).toBe(3);
		expect(error.format).toBe('xml');
	});

	it('throws on a truncated document', async () => {
		const error = await parseError('<report>\n<row><a>1</a></row>\n<row><a>2</a>');
		expect(error.message).toMatch(/window 2024-03-04 00:00–03:00 US\/Eastern is malformed at line 3/);
		expect(error.message).toMatch(/inside <report><row>/);
	});

	it('throws on text that is not XML', async () => {
		const error = await parseError('queue,queue_name\n1,A\n');
		expect(error.message).toMatch(/^The XML report of window 2024-03-04 00:00–03:00 US\/Eastern is malformed at line 1/);
	});
});

/*
 * The reader builds xml2js's tree from xml2js's own sax events. These are the quirks of xml2js's
 * tree that the records depend on; each expected value is what the reader gave when xml2js built
 * the tree itself.
 */
describe('readXmlReport keeps what xml2js made of a document', () => {
	async function read(text: string) {
		const report = await readXmlReport(text, opts);
		return { ...report, fieldNames: [...report.fieldNames] };
	}

	it('groups sibling records by their name as written, prefix included', async () => {
		expect(await read('<r><x:row a="1"/><y:row a="2"/><x:row a="3"/></r>')).toEqual({
			rootName: 'r',
			records: [{ a: '1' }, { a: '3' }, { a: '2' }],
			fieldNames: ['a'],
			holdsText: true,
		});
	});

	it('breaks a tie between record paths by the first name among siblings, not document order', async () => {
		expect(await read('<r><a/><b><y><v>1</v></y></b><a><x><w>1</w></x></a></r>')).toEqual({
			rootName: 'r',
			records: [{ w: '1' }],
			fieldNames: ['w'],
			holdsText: true,
		});
	});

	it('keeps whitespace in CDATA and drops whitespace-only text; an empty element is an empty field', async () => {
		expect(await read('<r><row><q> </q><e/><c><![CDATA[ ]]></c></row><row><q>2</q></row></r>')).toEqual({
			rootName: 'r',
			records: [{ q: ' ', e: '', c: ' ' }, { q: '2' }],
			fieldNames: ['q', 'e', 'c'],
			holdsText: true,
		});
		expect((await read('<r><row q="1"> <![CDATA[ ]]> </row><row q="2">  </row></r>')).records).toEqual([{ q: '1' }, { q: '2' }]);
	});

	it('ignores what follows the root element, as xml2js settles when the root closes', async () => {
		expect((await read('<r><row q="1"/></r>trailing junk')).records).toEqual([{ q: '1' }]);
		expect((await read('<r><row q="1"/><row q="2"/></r><r2/>')).records).toEqual([{ q: '1' }, { q: '2' }]);
	});

	it('strips a byte order mark, and reads a whitespace-only body as empty', async () => {
		expect((await read('\uFEFF<r><row q="1"/><row q="2"/></r>')).records).toEqual([{ q: '1' }, { q: '2' }]);
		expect(await read('\uFEFF  \n')).toEqual({ rootName: undefined, records: [], fieldNames: [], holdsText: false });
	});

	it('reads children named like Object.prototype members as empty fields, never __proto__', async () => {
		const text = '<r><row><constructor>c</constructor><toString/><__proto__>p</__proto__><q>1</q></row><row><q>2</q></row></r>';
		const report = await read(text);
		expect(Object.keys(report.records[0])).toEqual(['constructor', 'toString', 'q']);
		expect(report).toEqual({
			rootName: 'r',
			records: [{ constructor: '', toString: '', q: '1' }, { q: '2' }] as Array<Record<string, string>>,
			fieldNames: ['constructor', 'toString', 'q'],
			holdsText: true,
		});
	});

	it('reads a child named cdata as a field, and loses it to a CDATA section of its parent', async () => {
		expect((await read('<r><row><q>1</q><cdata>c</cdata></row><row><q>2</q></row></r>')).records).toEqual([
			{ q: '1', cdata: 'c' },
			{ q: '2' },
		]);
		expect((await read('<r><row><q>1</q><cdata>c</cdata><![CDATA[x]]></row><row><q>2</q></row></r>')).records).toEqual([
			{ q: '1' },
			{ q: '2' },
		]);
	});

	it('fails on a child named _, which clashes with xml2js\'s text', async () => {
		await expect(readXmlReport('<r><row><q>1</q><_>u</_></row></r>', opts)).rejects.toThrow(
			'The XML report of window 2024-03-04 00:00–03:00 US/Eastern is malformed at inside <r>: obj[charkey].match is not a function',
		);
	});

	it('fails on an attribute named hasOwnProperty followed by another one (sax)', async () => {
		await expect(readXmlReport('<r><row hasOwnProperty="1" b="2"/></r>', opts)).rejects.toThrow(
			'The XML report of window 2024-03-04 00:00–03:00 US/Eastern is malformed at inside <r>: parser.tag.attributes.hasOwnProperty is not a function',
		);
	});

	it('names the line, column and open elements of an unclosed root', async () => {
		await expect(readXmlReport('<r><row q="1"/><row q="2"/>', opts)).rejects.toThrow(
			'The XML report of window 2024-03-04 00:00–03:00 US/Eastern is malformed at line 1, column 28, inside <r>: Unclosed root tag',
		);
	});
});
