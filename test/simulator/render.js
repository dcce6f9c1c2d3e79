'use strict';
// Classic report files: CSV (CRLF, RFC 4180 quoting, delimiter variant) and XML (one element per
// record; fields as child elements or as attributes). Column names exactly as API doc §5.3–§5.5.
// In XML, 'time (H24:MI)' (not a valid XML name) becomes 'time_h24_mi'.

const { formatLocal } = require('./timezone');

const DATE = Symbol('date');
const TIME = Symbol('time');

const COLUMNS = {
	aggAgentExtendedStats: [
		['interval', 'interval'],
		['date_from', DATE],
		['time (H24:MI)', TIME],
		['agent_id', 'agentId'],
		['agent_name', 'agentName'],
		['queue', 'queue'],
		['queue_name', 'queueName'],
		['talking_call_dur', 'talkingIxnDur'],
		['wrap_up_dur', 'wrapUpDur'],
		['answ_call_cnt', 'answIxnCnt'],
		['transfer_out_call_cnt', 'transferOutIxnCnt'],
	],
	aggQueueStats: [
		['interval', 'interval'],
		['date_from', DATE],
		['time (H24:MI)', TIME],
		['queue', 'queue'],
		['queue_name', 'queueName'],
		['offd_direct_call_cnt', (r) => r.offdDirectIxnCnt ?? r.offDirectIxnCnt],
		['overflow_in_call_cnt', 'overflowInIxnCnt'],
		['aband_call_cnt', 'abandIxnCnt'],
		['overflow_out_call_cnt', 'overflowOutIxnCnt'],
		['answ_call_cnt', 'answIxnCnt'],
		['queued_and_answ_call_dur', 'queuedAndAnswIxnDur'],
		['queued_and_aband_call_dur', 'queuedAndAbandIxnDur'],
		['talking_call_dur', 'talkingIxnDur'],
		['wrap_up_dur', 'wrapUpDur'],
		['queued_answ_longest_que_dur', 'queuedAnswLongestQueDur'],
		['queued_aband_longest_que_dur', 'queuedAbandLongestQueDur'],
		['ans_servicelevel_cnt', 'ansServicelevelCnt'],
		['wait_dur', 'waitDur'],
		['aband_short_call_cnt', 'abandShortIxnCnt'],
		['aband_within_sl_cnt', 'abandWithinSlCnt'],
	],
	aggAgentStats: [
		['interval', 'interval'],
		['date_from', DATE],
		['time (H24:MI)', TIME],
		['agent_id', 'agentId'],
		['agent_name', 'agentName'],
		['avail_dur', 'availDur'],
		['tot_work_dur', 'totWorkDur'],
		['pause_dur', 'pauseDur'],
		['wait_dur', 'waitDur'],
		['admin_dur', 'adminDur'],
		['direct_out_call_cnt', 'directOutIxnCnt'],
		['direct_out_call_dur', 'directOutIxnDur'],
		['direct_in_call_cnt', 'directInIxnCnt'],
		['direct_in_call_dur', 'directInIxnDur'],
	],
};

/** Classic file rows (column name → string value) from truth entries ({ start, row }). */
function classicRows(report, entries, timeZone) {
	const cols = COLUMNS[report];
	return entries.map(({ start, row }) => {
		const out = [];
		for (const [name, src] of cols) {
			let value;
			if (src === DATE) value = formatLocal(timeZone, start, 'YYYY-MM-DD');
			else if (src === TIME) value = formatLocal(timeZone, start, 'HH:mm');
			else if (typeof src === 'function') value = src(row);
			else value = row[src];
			out.push([name, value === null || value === undefined ? '' : String(value)]);
		}
		return out;
	});
}

function csvCell(value, delimiter) {
	const s = String(value);
	if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) return `"${s.replace(/"/g, '""')}"`;
	return s;
}

function toCsv(report, rows, delimiter = ',') {
	const header = COLUMNS[report].map(([name]) => csvCell(name, delimiter)).join(delimiter);
	const lines = [header, ...rows.map((r) => r.map(([, v]) => csvCell(v, delimiter)).join(delimiter))];
	return lines.join('\r\n') + '\r\n';
}

const xmlName = (name) => (name === 'time (H24:MI)' ? 'time_h24_mi' : name);
const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function toXml(report, rows, layout = 'elements') {
	const parts = ['<?xml version="1.0" encoding="UTF-8"?>', `<${report}>`];
	for (const r of rows) {
		if (layout === 'attributes') {
			parts.push(`  <record ${r.map(([k, v]) => `${xmlName(k)}="${xmlEscape(v)}"`).join(' ')}/>`);
		} else {
			parts.push('  <record>');
			for (const [k, v] of r) parts.push(`    <${xmlName(k)}>${xmlEscape(v)}</${xmlName(k)}>`);
			parts.push('  </record>');
		}
	}
	parts.push(`</${report}>`);
	return parts.join('\n') + '\n';
}

module.exports = { COLUMNS, classicRows, toCsv, toXml, xmlName };
