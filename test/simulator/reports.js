'use strict';
// Report endpoints of both families (API doc §5): CX aggregates (JSON), classic v1 file reports
// (CSV | XML), interaction metadata (CX and classic v2), CX recordings and transcripts, and the
// classic recording links. All rows come from truth.js.

const { json, binary, text, errors, errorCode } = require('./http');
const A = require('./access');
const tz = require('./timezone');
const { classicRows, toCsv, toXml } = require('./render');
const { CLASSIC_RECORDING_DELAY_MS, TRANSCRIPT_DELAY_MS } = require('./truth');
const media = require('./media');
const { rng } = require('./prng');

/** Report windows must end at least this long before sim-now. */
const NOT_IN_FUTURE_MS = 5 * 60 * 1000;
const MAX_AGG_SPAN_MS = 3 * 3600 * 1000;
const MAX_CLASSIC_OPEN_SPAN_MS = 31 * 24 * 3600 * 1000;
const CX_INTERVALS = [900, 1800, 2700, 3600];
const CLASSIC_INTERVALS = [15, 30, 45, 60];
const TRUTH_OF = { aggAgentExtendedStats: 'agentExtendedStats', aggQueueStats: 'queueStats', aggAgentStats: 'agentStats' };
const REPORT_NAMES = {
	'agg-agent-extended-stats': 'aggAgentExtendedStats',
	'agg-queue-stats': 'aggQueueStats',
	'agg-agent-stats': 'aggAgentStats',
};

function createReports(S) {
	const { truth } = S;

	function guardSub(ctx, cx, cls = 'report') {
		const stop = A.wem(ctx) || (cx ? A.rcAccount(S, ctx, ctx.params.rcAccountId) : null);
		if (stop) return { response: stop };
		const r = A.subAccount(S, ctx, ctx.params.subAccountId);
		if (r.response) return r;
		const key = cls === 'report' ? r.sub.subAccountId : ctx.principal.mainAccountId;
		const lim = A.limit(S, ctx, cls, key);
		if (lim) return { response: lim };
		return r;
	}

	function body(ctx) {
		const parsed = ctx.json();
		if (parsed.error || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
			return { response: errors(ctx, 400, { developerMessage: 'Malformed JSON request', validationErrors: [{ attributeName: 'body', message: 'must be a JSON object', value: null }] }) };
		}
		return { body: parsed.value };
	}

	const ve = (errs, attributeName, message, value) => errs.push({ attributeName, message, value: value === undefined ? null : value });

	function checkZone(errs, b) {
		if (b.timeZone === undefined || b.timeZone === null || b.timeZone === '') ve(errs, 'timeZone', 'must not be empty', b.timeZone);
		else if (!tz.isValidZone(b.timeZone)) ve(errs, 'timeZone', 'Unknown time-zone ID', b.timeZone);
	}

	function checkTime(errs, b, name, required = true) {
		const val = b[name];
		if (val === undefined || val === null || val === '') {
			if (required) ve(errs, name, 'must not be empty', val);
			return;
		}
		if (!tz.parseLocal(val)) ve(errs, name, "must match the format 'YYYY-MM-DD HH:mm:ss'", val);
	}

	function intOf(v) {
		if (typeof v === 'number' && Number.isInteger(v)) return v;
		if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
		return null;
	}

	function notInFuture(errs, name, endMs, value) {
		if (endMs > S.clock.now() - NOT_IN_FUTURE_MS) ve(errs, name, 'must be at least 5 minutes before the current time', value);
	}

	function invalid(ctx, errs) {
		return errors(ctx, 400, { validationErrors: errs });
	}

	// ---------------- aggregates ----------------

	function fileResponse(report, entries, timeZone, format, subAccountId) {
		const rows = classicRows(report, entries, timeZone);
		const v = S.variants();
		const stamp = new Date(S.clock.now()).toISOString().replace(/[-:]/g, '').slice(0, 15);
		if (format === 'XML') {
			return binary(200, Buffer.from(toXml(report, rows, v.xmlLayout)), 'application/xml;charset=UTF-8', {
				'Content-Disposition': `attachment; filename="${report}_${subAccountId}_${stamp}.xml"`,
			});
		}
		return binary(200, Buffer.from(toCsv(report, rows, v.csvDelimiter)), 'text/csv;charset=UTF-8', {
			'Content-Disposition': `attachment; filename="${report}_${subAccountId}_${stamp}.csv"`,
		});
	}

	function cxAggregate(slug) {
		const report = REPORT_NAMES[slug];
		return (ctx) => {
			const g = guardSub(ctx, true);
			if (g.response) return g.response;
			const p = body(ctx);
			if (p.response) return p.response;
			const b = p.body;
			const errs = [];
			checkTime(errs, b, 'startDate');
			checkTime(errs, b, 'endDate');
			checkZone(errs, b);
			const ti = intOf(b.timeInterval);
			if (b.timeInterval === undefined || b.timeInterval === null) ve(errs, 'timeInterval', 'must not be null', null);
			else if (!CX_INTERVALS.includes(ti)) ve(errs, 'timeInterval', `must be one of ${CX_INTERVALS.join(', ')} (interval length in seconds)`, b.timeInterval);
			if (b.outputFormat !== undefined && b.outputFormat !== null && !['CSV', 'XML'].includes(b.outputFormat)) {
				ve(errs, 'outputFormat', 'must be one of CSV, XML', b.outputFormat);
			}
			if (errs.length) return invalid(ctx, errs);
			const startMs = tz.parseLocalToUtc(b.startDate, b.timeZone);
			const endMs = tz.parseLocalToUtc(b.endDate, b.timeZone);
			if (endMs <= startMs) ve(errs, 'endDate', 'must be after startDate', b.endDate);
			else if (endMs - startMs > MAX_AGG_SPAN_MS) ve(errs, 'endDate', 'Must be within 3 hours of the startDate', b.endDate);
			notInFuture(errs, 'endDate', endMs, b.endDate);
			if (errs.length) return invalid(ctx, errs);
			const entries = truth._entries[TRUTH_OF[report]](g.sub.subAccountId, startMs, endMs, ti / 60, { timeZone: b.timeZone });
			if (S.variants().cxOutputFormat === 'honour' && b.outputFormat) {
				return fileResponse(report, entries, b.timeZone, b.outputFormat, g.sub.subAccountId);
			}
			return json(200, entries.map((e) => e.row));
		};
	}

	function classicAggregate(report) {
		return (ctx) => {
			const g = guardSub(ctx, false);
			if (g.response) return g.response;
			const p = body(ctx);
			if (p.response) return p.response;
			const b = p.body;
			const errs = [];
			checkTime(errs, b, 'startDate');
			checkTime(errs, b, 'endDate', false);
			checkZone(errs, b);
			const ti = intOf(b.timeInterval);
			if (b.timeInterval === undefined || b.timeInterval === null) ve(errs, 'timeInterval', 'must not be null', null);
			else if (!CLASSIC_INTERVALS.includes(ti)) ve(errs, 'timeInterval', `must be one of ${CLASSIC_INTERVALS.join(', ')} (interval length in minutes)`, b.timeInterval);
			if (b.outputFormat === undefined || b.outputFormat === null || b.outputFormat === '') ve(errs, 'outputFormat', 'must not be null', null);
			else if (!['CSV', 'XML'].includes(b.outputFormat)) ve(errs, 'outputFormat', 'must be one of CSV, XML', b.outputFormat);
			if (b.reportType !== undefined && b.reportType !== null && b.reportType !== 'WEM') ve(errs, 'reportType', 'must be WEM', b.reportType);
			if (errs.length) return invalid(ctx, errs);
			const sp = tz.parseLocal(b.startDate);
			// "generated to the nearest minute (Seconds will not be taken into account)"
			const startMs = tz.localToUtc(b.timeZone, sp.year, sp.month, sp.day, sp.hour, sp.minute, 0);
			let endMs;
			if (b.endDate) {
				endMs = tz.parseLocalToUtc(b.endDate, b.timeZone);
				if (endMs <= startMs) ve(errs, 'endDate', 'must be after startDate', b.endDate);
				else if (endMs - startMs > MAX_AGG_SPAN_MS) ve(errs, 'endDate', 'Must be within 3 hours of the startDate', b.endDate);
				notInFuture(errs, 'endDate', endMs, b.endDate);
			} else {
				const limit = S.clock.now() - NOT_IN_FUTURE_MS;
				if (startMs > limit) ve(errs, 'startDate', 'must be at least 5 minutes before the current time', b.startDate);
				else if (limit - startMs > MAX_CLASSIC_OPEN_SPAN_MS) ve(errs, 'startDate', 'without endDate a report covers at most 31 days', b.startDate);
				// everything up to now − 5 min, complete intervals only
				endMs = startMs + Math.floor((limit - startMs) / (ti * 60000)) * ti * 60000;
			}
			if (errs.length) return invalid(ctx, errs);
			const entries = endMs > startMs ? truth._entries[TRUTH_OF[report]](g.sub.subAccountId, startMs, endMs, ti, { timeZone: b.timeZone }) : [];
			return fileResponse(report, entries, b.timeZone, b.outputFormat, g.sub.subAccountId);
		};
	}

	// ---------------- interaction metadata ----------------

	function metadata(family) {
		return (ctx) => {
			const g = guardSub(ctx, family === 'cx');
			if (g.response) return g.response;
			const p = body(ctx);
			if (p.response) return p.response;
			const b = p.body;
			const errs = [];
			const max = S.limits.get().metadataMaxSeconds;
			checkTime(errs, b, 'segmentEndTime');
			checkZone(errs, b);
			const ti = intOf(b.timeInterval);
			if (b.timeInterval === undefined || b.timeInterval === null) ve(errs, 'timeInterval', 'must not be null', null);
			else if (ti === null) ve(errs, 'timeInterval', 'must be an integer number of seconds', b.timeInterval);
			else if (ti < 1) ve(errs, 'timeInterval', 'must be greater than or equal to 1', b.timeInterval);
			else if (ti > max) ve(errs, 'timeInterval', `Maximum allowed length is ${max}`, b.timeInterval);
			if (errs.length) return invalid(ctx, errs);
			const startMs = tz.parseLocalToUtc(b.segmentEndTime, b.timeZone);
			const endMs = startMs + ti * 1000;
			notInFuture(errs, 'segmentEndTime', endMs, b.segmentEndTime);
			if (errs.length) return invalid(ctx, errs);
			return json(200, truth.segments(g.sub.subAccountId, startMs, endMs, { visibleAt: S.clock.now(), family }));
		};
	}

	// ---------------- recordings and transcripts (CX) ----------------

	function findSegment(ctx, g) {
		const found = truth.findSegment(g.sub.subAccountId, decodeURIComponent(ctx.params.dialogId), decodeURIComponent(ctx.params.segmentId));
		return found && found.seg.recorded ? found : null;
	}

	function recording(ctx) {
		const g = guardSub(ctx, true, 'admin');
		if (g.response) return g.response;
		const found = findSegment(ctx, g);
		if (!found || S.clock.now() < found.seg.endMs) return errors(ctx, 404, { details: 'Recording not found' });
		if (media.isBrowser(ctx.headers['user-agent'])) return binary(200, media.mp3(found.seg.segmentId), 'audio/mpeg');
		return binary(200, media.wav(found.seg.segmentId), 'audio/wav');
	}

	const LINES = [
		['contact', 'Hi, I am calling about my last invoice.'],
		['agent', 'Sure, let me pull up your account.'],
		['contact', 'yes sir'],
		['agent', 'I can see the charge, I will correct it today.'],
		['contact', 'ok'],
		['agent', 'Is there anything else I can help you with?'],
	];

	function transcript(ctx) {
		const g = guardSub(ctx, true, 'admin');
		if (g.response) return g.response;
		const found = findSegment(ctx, g);
		if (!found || S.clock.now() < found.seg.endMs + TRANSCRIPT_DELAY_MS) {
			return errorCode(ctx, 404, 'transcript.not.found', 'The resource you have requested does not exist');
		}
		const { call, seg } = found;
		const r = rng(S.world.seed, 'transcript', seg.segmentId);
		const n = r.int(3, LINES.length);
		const step = Math.max(1, Math.floor(seg.durationSec / (n + 1)));
		const hexId = call.dialogId.split('-')[2];
		return json(200, {
			channelClass: call.channelClass,
			errorCode: null,
			errorMessage: null,
			transcript: LINES.slice(0, n).map(([who, message], i) => ({
				participantId: who === 'agent' ? `p-${hexId}-${seg.agentId}` : `d-${hexId}-contact`,
				rcUserId: who === 'agent' ? String(seg.rcUserId) : null,
				participantName: who === 'agent' ? seg.agentName : null,
				participantType: who,
				timestamp: String(seg.startMs + (i + 1) * step * 1000),
				message,
			})),
		});
	}

	// ---------------- classic recording links ----------------

	function classicRecordingFile(ctx) {
		if (S.variants().recordingAuth === 'basic') {
			const m = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization || '');
			const ok = m && Buffer.from(m[1], 'base64').toString('utf8') === `${S.secrets.username}:${S.secrets.password}`;
			if (!ok) return text(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="recordings"' });
		}
		const file = String(ctx.query.file || '');
		const m = /^(\d+)\/\d{6}\/\d{2}\/(\d+)-(\d+)\.WAV$/.exec(file);
		const sub = m && S.world.subAccounts.find((s) => s.subAccountId === m[1]);
		const found = sub ? truth.findClassicSegment(m[1], m[2], m[3]) : null;
		if (!found || !found.seg.recorded || S.clock.now() < found.seg.endMs + CLASSIC_RECORDING_DELAY_MS) return text(404, 'Not Found');
		if (media.isBrowser(ctx.headers['user-agent'])) return binary(200, media.mp3(found.seg.segmentId), 'audio/mpeg');
		return binary(200, media.wav(found.seg.segmentId), 'audio/wav');
	}

	return {
		cxAggregate,
		classicAggregate,
		metadata,
		recording,
		transcript,
		classicRecordingFile,
	};
}

module.exports = { createReports, NOT_IN_FUTURE_MS, CX_INTERVALS, CLASSIC_INTERVALS };
