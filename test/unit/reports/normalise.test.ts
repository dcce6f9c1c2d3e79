import {
	naturalKey,
	normaliseRow,
	rowTimeMs,
	spreadsheetSafe,
	withinWindow,
	type NormaliseContext,
} from '../../../nodes/EngageVoice/reports/normalise';
import { parseCsvReport } from '../../../nodes/EngageVoice/reports/parsers/csv';
import { parseXmlReport } from '../../../nodes/EngageVoice/reports/parsers/xml';
import { REPORTS } from '../../../nodes/EngageVoice/reports/definitions';

const utc = (iso: string) => Date.parse(iso);

// A window 2024-03-04 00:00–03:00 US/Eastern (05:00Z–08:00Z).
const window = { startMs: utc('2024-03-04T05:00:00Z'), endMs: utc('2024-03-04T08:00:00Z') };
const cx: NormaliseContext = {
	family: 'cx',
	requestTimeZone: 'US/Eastern',
	outputTimeZone: 'US/Eastern',
	subAccountId: '15910001',
	window,
};
const classic: NormaliseContext = { ...cx, family: 'classic' };
const windowOut = { start: '2024-03-04T00:00:00-05:00', end: '2024-03-04T03:00:00-05:00' };

// API doc §5.3–§5.5 examples (CX).
const cxAgentExtended = [
	{ interval: 60, dateTimeFrom: '03-04-2024T05:00:00', agentId: 1, agentName: 'aws93-l13-las01 test number', queue: 5682, queueName: 'Queue', talkingIxnDur: 56, wrapUpDur: 0, answIxnCnt: 1, transferOutIxnCnt: 4 },
	{ interval: 60, dateTimeFrom: '03-04-2024T06:00:00', agentId: 10693, agentName: 'Neringa Norkute', queue: 5688, queueName: 'Neringa queue 2', talkingIxnDur: 137, wrapUpDur: 5, answIxnCnt: 2, transferOutIxnCnt: 0 },
];
const cxQueue = { abandIxnCnt: 0, abandShortIxnCnt: 0, abandWithinSlCnt: 0, ansServicelevelCnt: 0, answIxnCnt: 3, completedContacts: 122, dateTimeFrom: '03-04-2024T01:00:00', interval: 60, offdDirectIxnCnt: 3, overflowInIxnCnt: 0, overflowOutIxnCnt: 0, queue: 5686, queuedAbandLongestQueDur: 0, queuedAndAbandIxnDur: 0, queuedAndAnswIxnDur: 9, queuedAnswLongestQueDur: 1, queueName: 'Queue', segmentHoldTime: 512000, talkingIxnDur: 90, waitDur: 13, wrapUpDur: 13 };
const cxAgent = { interval: 60, dateTimeFrom: '03-04-2024T08:00:00', agentId: 33, agentName: 'test number, aws91-l22-engage', availDur: 3376, totWorkDur: 3376, pauseDur: 900, waitDur: 2476, adminDur: 0, directOutIxnCnt: 0, directOutIxnDur: 0, directInIxnCnt: 0, directInIxnDur: 0 };
// API doc §5.7, first item.
const cxSegment = {
	subAccountId: '99999999', dialogId: 's-v-93bd0e6f0f0a479ea8025fe8f8ec3e1d-1721690897808', interactionId: '202407221928172035020000000572', channelId: '2013770791', channelType: 'VOICE', channelClass: 'VOICE', channelEndpointAddress: '7312066731', contactEndpointAddress: '2013770791', dialogOrigination: 'INBOUND', dialogStartTimeMs: '2024-07-22T11:24:40.000Z', dialogEndTimeMs: '2024-07-22T11:24:47.000Z', dialogDurationMs: 7000, segmentId: 'p-v-93bd0e6f0f0a479ea8025fe8f8ec3e1d-1721690897808-190dcc63d90ab', segmentType: 'AGENT', segmentParticipantId: '449438', segmentParticipantRcExtensionId: '985901004', segmentStartTimeMs: '2024-07-22T11:24:40.000Z', segmentEndTimeMs: '2024-07-22T11:24:47.000Z', segmentDurationMs: 7000, segmentAgentGroupId: '76873', systemDisposition: 'ANSWER', agentDisposition: 'Success', agentNotes: 'requeue to others', hasRecording: true, hasTranscript: true,
	segmentEvents: [
		{ eventTimeMs: '2024-07-22T11:24:40.000Z', clientEventTimeMs: '2024-07-22T11:24:40.000Z', eventType: 'REC_START' },
		{ eventTimeMs: '2024-07-22T11:24:47.000Z', clientEventTimeMs: '2024-07-22T11:24:47.000Z', eventType: 'REC_STOP' },
	],
};

const QUEUE_HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';

describe('normaliseRow: statistics, CX examples', () => {
	it('agent extended statistics: numbers, dateTimeFrom kept, interval bounds with the offset', () => {
		const row = normaliseRow('agentExtendedStats', cxAgentExtended[0], cx);
		expect(row).toEqual({
			subAccountId: '15910001',
			interval: 60,
			dateTimeFrom: '03-04-2024T05:00:00',
			intervalStart: '2024-03-04T05:00:00-05:00',
			intervalEnd: '2024-03-04T06:00:00-05:00',
			agentId: 1,
			agentName: 'aws93-l13-las01 test number',
			queue: 5682,
			queueName: 'Queue',
			talkingIxnDur: 56,
			wrapUpDur: 0,
			answIxnCnt: 1,
			transferOutIxnCnt: 4,
			window: windowOut,
		});
		// Key order is the schema order of definitions.ts.
		expect(Object.keys(row)).toEqual(REPORTS.agentExtendedStats.fields.map((f) => f.name));
	});

	it('queue statistics: every field, CX-only ones included', () => {
		const row = normaliseRow('queueStats', cxQueue, cx);
		expect(row).toMatchObject({ offdDirectIxnCnt: 3, completedContacts: 122, segmentHoldTime: 512000, intervalStart: '2024-03-04T01:00:00-05:00' });
		expect(Object.keys(row)).toEqual(REPORTS.queueStats.fields.map((f) => f.name));
	});

	it('reads the docs spelling offDirectIxnCnt as offdDirectIxnCnt', () => {
		const { offdDirectIxnCnt, ...rest } = cxQueue;
		const row = normaliseRow('queueStats', { ...rest, offDirectIxnCnt: offdDirectIxnCnt }, cx);
		expect(row.offdDirectIxnCnt).toBe(3);
		expect(row).not.toHaveProperty('offDirectIxnCnt');
	});

	it('agent statistics', () => {
		expect(normaliseRow('agentStats', cxAgent, cx)).toMatchObject({
			agentId: 33,
			agentName: 'test number, aws91-l22-engage',
			availDur: 3376,
			pauseDur: 900,
			intervalStart: '2024-03-04T08:00:00-05:00',
		});
	});

	it('gives the interval in the output zone, read in the request zone', () => {
		const row = normaliseRow('agentExtendedStats', cxAgentExtended[1], { ...cx, outputTimeZone: 'UTC' });
		expect(row.dateTimeFrom).toBe('03-04-2024T06:00:00');
		expect(row.intervalStart).toBe('2024-03-04T11:00:00+00:00');
		expect(row.intervalEnd).toBe('2024-03-04T12:00:00+00:00');
		expect(row.window).toEqual({ start: '2024-03-04T05:00:00+00:00', end: '2024-03-04T08:00:00+00:00' });
		const india = normaliseRow('agentExtendedStats', cxAgentExtended[1], { ...cx, requestTimeZone: 'Asia/Kolkata', outputTimeZone: 'Asia/Kolkata' });
		expect(india.intervalStart).toBe('2024-03-04T06:00:00+05:30');
	});

	it('reads rows of fall-back windows in the fixed-offset zone they were requested in', () => {
		const first = { ...cxAgentExtended[0], dateTimeFrom: '11-01-2026T01:00:00' };
		const edt = normaliseRow('agentExtendedStats', first, { ...cx, requestTimeZone: 'Etc/GMT+4' });
		const est = normaliseRow('agentExtendedStats', first, { ...cx, requestTimeZone: 'Etc/GMT+5' });
		expect(edt.intervalStart).toBe('2026-11-01T01:00:00-04:00');
		expect(est.intervalStart).toBe('2026-11-01T01:00:00-05:00');
		expect(est.intervalEnd).toBe('2026-11-01T02:00:00-05:00');
	});

	it('ends an interval with its window when a half-hour change cut the window shorter', () => {
		// Lord Howe, 01:30–02:00 after the fall-back (15:00Z–15:30Z) asked in +10:30 with hour intervals
		const cut = { startMs: utc('2026-04-04T15:00:00Z'), endMs: utc('2026-04-04T15:30:00Z') };
		const context = { ...cx, window: cut, requestTimeZone: '+10:30', outputTimeZone: 'Australia/Lord_Howe' };
		const row = normaliseRow('queueStats', { ...cxQueue, dateTimeFrom: '04-05-2026T01:30:00', interval: 60 }, context);
		expect(row.intervalStart).toBe('2026-04-05T01:30:00+10:30');
		expect(row.intervalEnd).toBe('2026-04-05T02:00:00+10:30');
		expect(row.interval).toBe(60);
	});

	it('takes interval lengths in seconds, falls back to the context, and keeps rows with unreadable dates', () => {
		expect(normaliseRow('agentStats', { ...cxAgent, interval: 1800 }, cx).intervalEnd).toBe('2024-03-04T08:30:00-05:00');
		expect(normaliseRow('agentStats', { ...cxAgent, interval: undefined }, { ...cx, intervalMinutes: 15 }).intervalEnd).toBe('2024-03-04T08:15:00-05:00');
		const odd = normaliseRow('agentStats', { ...cxAgent, dateTimeFrom: '13-45-2024T08:00:00' }, cx);
		expect(odd).toMatchObject({ dateTimeFrom: '13-45-2024T08:00:00', intervalStart: null, intervalEnd: null, agentId: 33 });
	});

	it('gives every field, null when missing, and keeps a non-numeric value as it came', () => {
		const row = normaliseRow('queueStats', { queue: '7', wait_dur: 'n/a', queue_name: '' }, classic);
		expect(row.queue).toBe(7);
		expect(row.waitDur).toBe('n/a');
		expect(row.queueName).toBeNull();
		expect(row.completedContacts).toBeNull();
		expect(row.intervalStart).toBeNull();
	});
});

describe('normaliseRow: statistics, classic files', () => {
	const csv = `${QUEUE_HEADER}\n60,2024-03-04,01:00,5686,Queue,3,0,0,0,3,9,0,90,13,1,0,0,13,0,0\n`;

	it('gives the same schema and values as the CX row of the same data', () => {
		const [raw] = parseCsvReport(csv, { windowLabel: 'w' });
		const fromClassic = normaliseRow('queueStats', raw, classic);
		const fromCx = normaliseRow('queueStats', cxQueue, cx);
		expect(Object.keys(fromClassic)).toEqual(Object.keys(fromCx));
		expect(fromClassic).toEqual({ ...fromCx, completedContacts: null, segmentHoldTime: null });
		expect(fromClassic.dateTimeFrom).toBe('03-04-2024T01:00:00');
	});

	it.each([
		['2024-03-04', '5:00'],
		['03-04-2024', '05:00'],
		['03/04/2024', '05:00:00'],
		['2024-03-04 05:00', ''],
	])('reads date_from %p with time %p', (date, time) => {
		const row = normaliseRow('agentExtendedStats', { interval: '60', date_from: date, 'time (H24:MI)': time, agent_id: '1', queue: '5682' }, classic);
		expect(row.dateTimeFrom).toBe('03-04-2024T05:00:00');
		expect(row.intervalStart).toBe('2024-03-04T05:00:00-05:00');
		expect(row.agentId).toBe(1);
	});

	it('maps the classic agent-extended columns (§5.3)', () => {
		const csvText = 'interval,date_from,time (H24:MI),agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt\n60,2024-03-04,06:00,10693,Neringa Norkute,5688,Neringa queue 2,137,5,2,0\n';
		const [raw] = parseCsvReport(csvText, { windowLabel: 'w' });
		expect(normaliseRow('agentExtendedStats', raw, classic)).toEqual(normaliseRow('agentExtendedStats', cxAgentExtended[1], cx));
	});

	it('maps undocumented agent-stats columns by the §5.6 rule', () => {
		const raw = { interval: '60', date_from: '2024-03-04', 'time (H24:MI)': '08:00', agent_id: '33', agent_name: 'test number, aws91-l22-engage', avail_dur: '3376', tot_work_dur: '3376', pause_dur: '900', wait_dur: '2476', admin_dur: '0', direct_out_call_cnt: '0', direct_out_call_dur: '0', direct_in_call_cnt: '0', direct_in_call_dur: '0' };
		expect(normaliseRow('agentStats', raw, classic)).toEqual(normaliseRow('agentStats', cxAgent, cx));
	});

	it('normalises XML records (attributes and elements) like CSV ones', async () => {
		const xml = `<report>
  <row interval="60" queue="5686"><date_from>2024-03-04</date_from><time>01:00</time><queue_name>Queue</queue_name><offd_direct_call_cnt>3</offd_direct_call_cnt><overflow_in_call_cnt>0</overflow_in_call_cnt><aband_call_cnt>0</aband_call_cnt><overflow_out_call_cnt>0</overflow_out_call_cnt><answ_call_cnt>3</answ_call_cnt><queued_and_answ_call_dur>9</queued_and_answ_call_dur><queued_and_aband_call_dur>0</queued_and_aband_call_dur><talking_call_dur>90</talking_call_dur><wrap_up_dur>13</wrap_up_dur><queued_answ_longest_que_dur>1</queued_answ_longest_que_dur><queued_aband_longest_que_dur>0</queued_aband_longest_que_dur><ans_servicelevel_cnt>0</ans_servicelevel_cnt><wait_dur>13</wait_dur><aband_short_call_cnt>0</aband_short_call_cnt><aband_within_sl_cnt>0</aband_within_sl_cnt></row>
</report>`;
		const [raw] = await parseXmlReport(xml, { windowLabel: 'w' });
		const [csvRaw] = parseCsvReport(csv, { windowLabel: 'w' });
		expect(normaliseRow('queueStats', raw, classic)).toEqual(normaliseRow('queueStats', csvRaw, classic));
	});
});

describe('normaliseRow: interaction metadata', () => {
	it('CX example: kept as is, plus the window', () => {
		const row = normaliseRow('interactionMetadata', cxSegment, cx);
		expect(row).toEqual({ ...cxSegment, segmentRecordingUrl: null, window: windowOut });
		expect(Object.keys(row)).toEqual(REPORTS.interactionMetadata.fields.map((f) => f.name));
	});

	const classicSegment = {
		interactionId: '202205091207100132140000586790',
		interactionCallingAddress: '7312066731',
		interactionCalledAddress: '2013770791',
		interactionDirection: 'INBOUND',
		interactionStartTimeMs: 1652098030000,
		interactionDurationMs: 7000,
		segmentID: 2,
		segmentAgentId: 449438,
		segmentContactStartTimeMs: '2022-05-09T12:07:10.000Z',
		segmentContactEndTimeMs: '2022-05-09T12:07:17.000Z',
		segmentDuration: 7,
		segmentAgentGroupId: '76873',
		segmentEvents: [],
		segmentRecordingURL: 'https://c02-recordings.virtualacd.biz/api/v1/calls/recordings/?v=1&accountId=99990001&bucket=c02-recordings&region=us-east-1&compliance=false&file=99990001/202205/09/20220509120710013214000058679-2.WAV',
	};

	it('classic v2 row: names mapped to CX, units converted, recording flag from the link', () => {
		const row = normaliseRow('interactionMetadata', classicSegment, classic);
		expect(row).toEqual({
			subAccountId: '15910001',
			dialogId: null,
			interactionId: '202205091207100132140000586790',
			channelId: null,
			channelType: null,
			channelClass: null,
			channelEndpointAddress: '7312066731',
			contactEndpointAddress: '2013770791',
			dialogOrigination: 'INBOUND',
			dialogStartTimeMs: '2022-05-09T12:07:10.000Z',
			dialogEndTimeMs: null,
			dialogDurationMs: 7000,
			segmentId: '2',
			segmentType: null,
			segmentParticipantId: '449438',
			segmentParticipantRcExtensionId: null,
			segmentStartTimeMs: '2022-05-09T12:07:10.000Z',
			segmentEndTimeMs: '2022-05-09T12:07:17.000Z',
			segmentDurationMs: 7000,
			segmentAgentGroupId: '76873',
			systemDisposition: null,
			agentDisposition: null,
			agentNotes: null,
			hasRecording: true,
			hasTranscript: false,
			segmentEvents: [],
			segmentRecordingUrl: classicSegment.segmentRecordingURL,
			window: windowOut,
		});
	});

	it('classic row without a link yet has no recording; both segmentId spellings are read, segmentId first', () => {
		const row = normaliseRow('interactionMetadata', { ...classicSegment, segmentRecordingURL: '', segmentId: 'S-9' }, classic);
		expect(row.hasRecording).toBe(false);
		expect(row.segmentRecordingUrl).toBeNull();
		expect(row.segmentId).toBe('S-9');
	});

	it('reads the undefined names of the classic required list as fallbacks (conflict 1)', () => {
		const row = normaliseRow(
			'interactionMetadata',
			{ interactionId: 'X', segmentId: '3', segmentCallingAddress: '111', segmentCalledAddress: '222', segmentDirection: 'OUTBOUND', segmentContactStartTime: '1652098030000', interactionDuration: '12' },
			classic,
		);
		expect(row).toMatchObject({
			channelEndpointAddress: '111',
			contactEndpointAddress: '222',
			dialogOrigination: 'OUTBOUND',
			segmentStartTimeMs: '2022-05-09T12:07:10.000Z',
			dialogDurationMs: 12000,
		});
	});

	it('a CX row keeps an unknown recording flag unknown, and reads events sent as text', () => {
		const rest: Record<string, unknown> = { ...cxSegment, segmentEvents: JSON.stringify(cxSegment.segmentEvents) };
		delete rest.hasRecording;
		delete rest.hasTranscript;
		const row = normaliseRow('interactionMetadata', rest, cx);
		expect(row.hasRecording).toBeNull();
		expect(row.hasTranscript).toBeNull();
		expect(row.segmentEvents).toEqual(cxSegment.segmentEvents);
	});
});

describe('naturalKey', () => {
	it('identifies statistics rows by interval start instant, interval and dimensions', () => {
		const eastern = normaliseRow('agentExtendedStats', cxAgentExtended[0], cx);
		const utcOut = normaliseRow('agentExtendedStats', cxAgentExtended[0], { ...cx, outputTimeZone: 'UTC' });
		const changed = normaliseRow('agentExtendedStats', { ...cxAgentExtended[0], talkingIxnDur: 99 }, cx);
		const other = normaliseRow('agentExtendedStats', { ...cxAgentExtended[0], agentId: 2 }, cx);
		expect(naturalKey('agentExtendedStats', eastern)).toBe('["15910001","2024-03-04T10:00:00.000Z","60","5682","1"]');
		expect(naturalKey('agentExtendedStats', utcOut)).toBe(naturalKey('agentExtendedStats', eastern));
		expect(naturalKey('agentExtendedStats', changed)).toBe(naturalKey('agentExtendedStats', eastern));
		expect(naturalKey('agentExtendedStats', other)).not.toBe(naturalKey('agentExtendedStats', eastern));
	});

	it('identifies segments by dialog/interaction and segment', () => {
		const row = normaliseRow('interactionMetadata', cxSegment, cx);
		expect(JSON.parse(naturalKey('interactionMetadata', row))).toEqual([
			'99999999',
			cxSegment.dialogId,
			cxSegment.interactionId,
			cxSegment.segmentId,
		]);
	});
});

describe('rowTimeMs', () => {
	it('is what puts a row in its window: the interval start, or the segment end', () => {
		const stats = normaliseRow('queueStats', cxQueue, cx);
		expect(rowTimeMs('queueStats', stats)).toBe(utc('2024-03-04T06:00:00Z'));
		const segment = normaliseRow('interactionMetadata', cxSegment, cx);
		expect(rowTimeMs('interactionMetadata', segment)).toBe(utc('2024-07-22T11:24:47.000Z'));
		expect(rowTimeMs('queueStats', { ...stats, intervalStart: null })).toBeUndefined();
	});
});

describe('withinWindow', () => {
	it('keeps classic rows whose interval starts inside the window, and rows it cannot place', () => {
		const at = (time: string) => normaliseRow('queueStats', { date_from: '2024-03-04', time, interval: '60' }, classic);
		expect(withinWindow(at('00:00'), window)).toBe(true);
		expect(withinWindow(at('02:00'), window)).toBe(true);
		expect(withinWindow(at('03:00'), window)).toBe(false);
		expect(withinWindow({ ...at('05:00'), intervalStart: '2024-03-03T23:00:00-05:00' }, window)).toBe(false);
		expect(withinWindow(normaliseRow('interactionMetadata', cxSegment, cx), window)).toBe(true);
	});
});

describe('spreadsheetSafe', () => {
	it('neutralises text a spreadsheet would run, leaves numbers and other text alone', () => {
		expect(spreadsheetSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
		expect(['+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(spreadsheetSafe)).toEqual(["'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"]);
		expect(spreadsheetSafe(-5)).toBe(-5);
		expect(spreadsheetSafe('Doe, Jane')).toBe('Doe, Jane');
		expect(spreadsheetSafe(null)).toBeNull();
		expect(spreadsheetSafe({ a: ['=1', 2], b: { c: '@x' } })).toEqual({ a: ["'=1", 2], b: { c: "'@x" } });
	});

	it('is applied by the context option', () => {
		const row = normaliseRow('agentStats', { ...cxAgent, agentName: '=cmd|calc' }, { ...cx, spreadsheetSafe: true });
		expect(row.agentName).toBe("'=cmd|calc");
		expect(row.availDur).toBe(3376);
		expect(normaliseRow('agentStats', { ...cxAgent, agentName: '=x' }, cx).agentName).toBe('=x');
	});
});
