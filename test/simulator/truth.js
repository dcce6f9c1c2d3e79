'use strict';
// Ground truth: the rows the report endpoints return, computed from the same generated calls.
// The HTTP handlers (reports.js) render exactly these rows, so tests can compare a node's output
// with truth.* instead of hard-coding numbers.
//
// Attribution rules:
//  - queue statistics: a call counts in the interval that contains its ARRIVAL (all its numbers);
//  - agent extended statistics and agent statistics: a segment counts in the interval that contains
//    the segment START;
//  - interaction metadata: a segment belongs to the window that contains its END.
// Intervals start at the request's start and step by the interval length; the last one is cut at
// the request's end. Intervals (and queue/agent pairs) without traffic produce no rows.

const { rng } = require('./prng');
const { formatLocal } = require('./timezone');
const { SERVICE_LEVEL_SEC, ABANDON_SHORT_SEC } = require('./calls');

/** Segments become visible in interaction metadata this long after they end. */
const METADATA_VISIBLE_DELAY_MS = 2 * 60 * 1000;
/** Classic segmentRecordingURL stays empty until this long after the segment ends. */
const CLASSIC_RECORDING_DELAY_MS = 8 * 60 * 1000;
/** Transcripts answer 404 until this long after the segment ends. */
const TRANSCRIPT_DELAY_MS = 5 * 60 * 1000;

function intervals(fromMs, toMs, intervalMs) {
	const out = [];
	for (let s = fromMs; s < toMs; s += intervalMs) out.push({ start: s, end: Math.min(s + intervalMs, toMs) });
	return out;
}

const iso = (ms) => new Date(ms).toISOString();
const cxDateTimeFrom = (zone, ms) => formatLocal(zone, ms, 'MM-DD-YYYYTHH:mm:ss');

function createTruth({ world, calls, variants, baseUrl, now, metadataVisibleDelay = () => METADATA_VISIBLE_DELAY_MS, revisions = () => [] }) {
	const queueById = new Map(world.queues.map((q) => [q.queueId, q]));
	const agentById = new Map(world.agents.map((a) => [a.agentId, a]));

	/**
	 * Wrap-up of a segment as the statistics report it at sim time `asOf`: statistics revisions
	 * (control.reviseStatistics) add wrap-up to segments STARTING in their range once `asOf` ≥ their time.
	 */
	function wrapOf(call, seg, asOf) {
		let wrap = seg.wrapSec;
		for (const r of revisions()) {
			if (r.subAccountId === call.subAccountId && seg.startMs >= r.fromMs && seg.startMs < r.toMs && asOf >= r.atMs) wrap += r.wrapDeltaSec;
		}
		return wrap;
	}

	function checkArgs(subAccountId, fromMs, toMs, intervalMinutes) {
		if (!world.subAccounts.some((s) => s.subAccountId === String(subAccountId))) {
			throw new Error(`unknown sub-account ${subAccountId}`);
		}
		if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) throw new Error('invalid time range');
		if (intervalMinutes !== undefined && !(intervalMinutes > 0)) throw new Error('invalid interval');
	}

	// ---------- queue statistics ----------
	function queueStatsEntries(subAccountId, fromMs, toMs, intervalMinutes, { timeZone = 'UTC', asOf = now() } = {}) {
		subAccountId = String(subAccountId);
		checkArgs(subAccountId, fromMs, toMs, intervalMinutes);
		const spelling = variants().queueStatsSpelling === 'off' ? 'offDirectIxnCnt' : 'offdDirectIxnCnt';
		const out = [];
		for (const iv of intervals(fromMs, toMs, intervalMinutes * 60000)) {
			const byQueue = new Map();
			for (const c of calls.callsStartingBetween(subAccountId, iv.start, iv.end)) {
				if (c.queueId === null) continue;
				let a = byQueue.get(c.queueId);
				if (!a) {
					a = { offd: 0, answ: 0, aband: 0, abandShort: 0, abandSl: 0, ansSl: 0, qAnsw: 0, qAband: 0, longAnsw: 0, longAband: 0, talk: 0, wrap: 0, hold: 0, completed: 0 };
					byQueue.set(c.queueId, a);
				}
				a.offd++;
				if (c.abandoned) {
					a.aband++;
					if (c.waitSec < ABANDON_SHORT_SEC) a.abandShort++;
					if (c.waitSec <= SERVICE_LEVEL_SEC) a.abandSl++;
					a.qAband += c.waitSec;
					a.longAband = Math.max(a.longAband, c.waitSec);
				} else {
					a.answ++;
					a.completed++;
					if (c.waitSec <= SERVICE_LEVEL_SEC) a.ansSl++;
					a.qAnsw += c.waitSec;
					a.longAnsw = Math.max(a.longAnsw, c.waitSec);
					for (const s of c.segments) {
						a.talk += s.durationSec;
						a.wrap += wrapOf(c, s, asOf);
						if (c.channelClass === 'VOICE') a.hold += s.holdSec * 1000;
					}
				}
			}
			for (const queueId of [...byQueue.keys()].sort((x, y) => x - y)) {
				const a = byQueue.get(queueId);
				const row = {
					abandIxnCnt: a.aband,
					abandShortIxnCnt: a.abandShort,
					abandWithinSlCnt: a.abandSl,
					ansServicelevelCnt: a.ansSl,
					answIxnCnt: a.answ,
					completedContacts: a.completed,
					dateTimeFrom: cxDateTimeFrom(timeZone, iv.start),
					interval: intervalMinutes,
					[spelling]: a.offd,
					overflowInIxnCnt: 0,
					overflowOutIxnCnt: 0,
					queue: queueId,
					queuedAbandLongestQueDur: a.longAband,
					queuedAndAbandIxnDur: a.qAband,
					queuedAndAnswIxnDur: a.qAnsw,
					queuedAnswLongestQueDur: a.longAnsw,
					queueName: queueById.get(queueId).queueName,
					segmentHoldTime: a.hold,
					talkingIxnDur: a.talk,
					waitDur: a.qAnsw + a.qAband,
					wrapUpDur: a.wrap,
				};
				out.push({ start: iv.start, row });
			}
		}
		return out;
	}

	// ---------- agent extended statistics ----------
	function segmentsStartingIn(subAccountId, iv) {
		const out = [];
		for (const c of calls.callsTouching(subAccountId, iv.start, iv.end)) {
			for (const s of c.segments) if (s.startMs >= iv.start && s.startMs < iv.end) out.push({ call: c, seg: s });
		}
		return out;
	}

	function agentExtendedEntries(subAccountId, fromMs, toMs, intervalMinutes, { timeZone = 'UTC', asOf = now() } = {}) {
		subAccountId = String(subAccountId);
		checkArgs(subAccountId, fromMs, toMs, intervalMinutes);
		const out = [];
		for (const iv of intervals(fromMs, toMs, intervalMinutes * 60000)) {
			const groups = new Map();
			for (const { call, seg } of segmentsStartingIn(subAccountId, iv)) {
				if (call.queueId === null) continue;
				const key = `${call.queueId}:${seg.agentId}`;
				let a = groups.get(key);
				if (!a) {
					a = { queue: call.queueId, agentId: seg.agentId, talk: 0, wrap: 0, answ: 0, xfer: 0 };
					groups.set(key, a);
				}
				a.talk += seg.durationSec;
				a.wrap += wrapOf(call, seg, asOf);
				a.answ++;
				if (seg.transferredOut) a.xfer++;
			}
			const list = [...groups.values()].sort((x, y) => x.queue - y.queue || x.agentId - y.agentId);
			for (const a of list) {
				out.push({
					start: iv.start,
					row: {
						interval: intervalMinutes,
						dateTimeFrom: cxDateTimeFrom(timeZone, iv.start),
						agentId: a.agentId,
						agentName: agentById.get(a.agentId).agentName,
						queue: a.queue,
						queueName: queueById.get(a.queue).queueName,
						talkingIxnDur: a.talk,
						wrapUpDur: a.wrap,
						answIxnCnt: a.answ,
						transferOutIxnCnt: a.xfer,
					},
				});
			}
		}
		return out;
	}

	// ---------- agent statistics ----------
	function agentStatsEntries(subAccountId, fromMs, toMs, intervalMinutes, { timeZone = 'UTC', asOf = now() } = {}) {
		subAccountId = String(subAccountId);
		checkArgs(subAccountId, fromMs, toMs, intervalMinutes);
		const out = [];
		for (const iv of intervals(fromMs, toMs, intervalMinutes * 60000)) {
			const lenSec = Math.round((iv.end - iv.start) / 1000);
			const byAgent = new Map();
			for (const { call, seg } of segmentsStartingIn(subAccountId, iv)) {
				let a = byAgent.get(seg.agentId);
				if (!a) {
					a = { busy: 0, inCnt: 0, inDur: 0, outCnt: 0, outDur: 0 };
					byAgent.set(seg.agentId, a);
				}
				a.busy += seg.durationSec + wrapOf(call, seg, asOf);
				if (call.kind === 'direct') {
					a.inCnt++;
					a.inDur += seg.durationSec;
				} else if (call.kind === 'outbound') {
					a.outCnt++;
					a.outDur += seg.durationSec;
				}
			}
			for (const agentId of [...byAgent.keys()].sort((x, y) => x - y)) {
				const a = byAgent.get(agentId);
				const r = rng(world.seed, 'agentStats', subAccountId, agentId, iv.start, lenSec);
				const busy = Math.min(lenSec, a.busy);
				const avail = busy + Math.floor((0.3 + 0.7 * r.next()) * (lenSec - busy));
				const pause = Math.floor(r.next() * 0.5 * (lenSec - avail));
				const admin = Math.floor(r.next() * 0.2 * (lenSec - avail - pause));
				out.push({
					start: iv.start,
					row: {
						interval: intervalMinutes,
						dateTimeFrom: cxDateTimeFrom(timeZone, iv.start),
						agentId,
						agentName: agentById.get(agentId).agentName,
						availDur: avail,
						totWorkDur: avail,
						pauseDur: pause,
						waitDur: avail - busy,
						adminDur: admin,
						directOutIxnCnt: a.outCnt,
						directOutIxnDur: a.outDur,
						directInIxnCnt: a.inCnt,
						directInIxnDur: a.inDur,
					},
				});
			}
		}
		return out;
	}

	// ---------- interaction metadata ----------
	function cxSegmentRow(call, seg) {
		const voice = call.channelClass === 'VOICE';
		return {
			subAccountId: call.subAccountId,
			dialogId: call.dialogId,
			interactionId: call.interactionId,
			channelId: call.channelId,
			channelType: call.channelType,
			channelClass: call.channelClass,
			channelEndpointAddress: call.ani,
			contactEndpointAddress: call.dnis,
			dialogOrigination: call.dialogOrigination,
			dialogStartTimeMs: iso(call.startMs),
			dialogEndTimeMs: iso(call.endMs),
			dialogDurationMs: call.endMs - call.startMs,
			segmentId: seg.segmentId,
			segmentType: 'AGENT',
			segmentParticipantId: String(seg.agentId),
			segmentParticipantRcExtensionId: String(seg.rcUserId),
			segmentStartTimeMs: iso(seg.startMs),
			segmentEndTimeMs: iso(seg.endMs),
			segmentDurationMs: seg.endMs - seg.startMs,
			segmentAgentGroupId: String(seg.agentGroupId),
			systemDisposition: seg.systemDisposition,
			agentDisposition: seg.agentDisposition,
			agentNotes: variants().agentNotes === 'formula' ? formulaNote(seg) : seg.agentNotes,
			hasRecording: seg.recorded,
			hasTranscript: seg.recorded,
			segmentEvents: voice && seg.recorded ? recEvents(seg) : null,
		};
	}

	function formulaNote(seg) {
		if (!seg.agentNotes) return seg.agentNotes;
		const starts = ['=', '+', '-', '@'];
		return `${starts[seg.seq % starts.length]}${seg.agentNotes}`;
	}

	function recEvents(seg) {
		return [
			{ eventTimeMs: iso(seg.startMs), clientEventTimeMs: iso(seg.startMs), eventType: 'REC_START' },
			{ eventTimeMs: iso(seg.endMs), clientEventTimeMs: iso(seg.endMs), eventType: 'REC_STOP' },
		];
	}

	function classicRecordingUrl(call, seg) {
		const d = new Date(call.startMs);
		const ym = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
		const day = String(d.getUTCDate()).padStart(2, '0');
		const file = `${call.subAccountId}/${ym}/${day}/${call.interactionId}-${seg.seq}.WAV`;
		return `${baseUrl()}/recordings/api/v1/calls/recordings/?v=1&accountId=${call.subAccountId}&bucket=sim-recordings&region=us-east-1&compliance=false&file=${file}`;
	}

	function classicSegmentRow(call, seg, at) {
		const idKey = variants().segmentIdSpelling === 'segmentId' ? 'segmentId' : 'segmentID';
		return {
			interactionId: call.interactionId,
			interactionCallingAddress: call.ani,
			interactionCalledAddress: call.dnis,
			interactionDirection: call.dialogOrigination,
			interactionStartTimeMs: iso(call.startMs),
			interactionDurationMs: call.endMs - call.startMs,
			[idKey]: seg.seq,
			segmentAgentId: seg.agentId,
			segmentContactStartTimeMs: iso(seg.startMs),
			segmentContactEndTimeMs: iso(seg.endMs),
			segmentDuration: seg.durationSec,
			segmentAgentGroupId: String(seg.agentGroupId),
			segmentEvents: seg.recorded ? recEvents(seg) : [],
			segmentRecordingURL: seg.recorded && at >= seg.endMs + CLASSIC_RECORDING_DELAY_MS ? classicRecordingUrl(call, seg) : '',
		};
	}

	/**
	 * Metadata rows for segments ending in [fromMs, toMs) that are visible at `visibleAt`
	 * (default: sim now). family 'cx' (default) or 'classic' (voice only, classic field names).
	 */
	function segments(subAccountId, fromMs, toMs, { visibleAt, family = 'cx' } = {}) {
		subAccountId = String(subAccountId);
		checkArgs(subAccountId, fromMs, toMs);
		const at = visibleAt === undefined ? now() : visibleAt;
		const visibleDelay = metadataVisibleDelay();
		const found = [];
		for (const c of calls.callsTouching(subAccountId, fromMs, toMs)) {
			for (const s of c.segments) {
				if (s.endMs >= fromMs && s.endMs < toMs && at >= s.endMs + visibleDelay) found.push({ call: c, seg: s });
			}
		}
		found.sort((x, y) => x.seg.endMs - y.seg.endMs || (x.seg.segmentId < y.seg.segmentId ? -1 : 1));
		if (family === 'classic') {
			return found.filter((f) => f.call.channelClass === 'VOICE').map((f) => classicSegmentRow(f.call, f.seg, at));
		}
		return found.map((f) => cxSegmentRow(f.call, f.seg));
	}

	/** The generated calls (internal shape) arriving in [fromMs, toMs): for tests that need raw facts. */
	function callsBetween(subAccountId, fromMs, toMs) {
		checkArgs(String(subAccountId), fromMs, toMs);
		return calls.callsStartingBetween(String(subAccountId), fromMs, toMs);
	}

	const rowsOf = (entries) => entries.map((e) => e.row);
	return {
		queueStats: (...a) => rowsOf(queueStatsEntries(...a)),
		agentExtendedStats: (...a) => rowsOf(agentExtendedEntries(...a)),
		agentStats: (...a) => rowsOf(agentStatsEntries(...a)),
		segments,
		calls: callsBetween,
		findSegment(subAccountId, dialogId, segmentId) {
			const call = calls.findByDialog(String(subAccountId), dialogId);
			const seg = call && call.segments.find((s) => s.segmentId === segmentId);
			return seg ? { call, seg } : null;
		},
		findClassicSegment(subAccountId, interactionId, seq) {
			const call = calls.findByInteraction(String(subAccountId), interactionId);
			const seg = call && call.segments.find((s) => s.seq === Number(seq));
			return seg ? { call, seg } : null;
		},
		classicRecordingUrl,
		// internal, used by the report renderers
		_entries: { queueStats: queueStatsEntries, agentExtendedStats: agentExtendedEntries, agentStats: agentStatsEntries },
	};
}

module.exports = {
	createTruth,
	intervals,
	METADATA_VISIBLE_DELAY_MS,
	CLASSIC_RECORDING_DELAY_MS,
	TRANSCRIPT_DELAY_MS,
};
