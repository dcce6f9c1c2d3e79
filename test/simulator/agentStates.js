'use strict';
// Agent states in simulated time, in the WFM vocabulary of API doc §6.5/§6.6: LOGIN, AVAILABLE,
// TRANSITION, ENGAGED, WORKING, ON BREAK, LUNCH, TRAINING, AWAY, LOGOUT. A pure function of the seed
// and the generated calls, so it agrees with the reports: an agent is ENGAGED exactly during its
// segments (call_id = the interactionId) and WORKING during their wrap-up.
//
// Per agent and local day (world.homeTimeZone):
//  - a shift on most weekdays (login 07:45–09:15, logout 16:30–18:30), on some weekend days
//    (10:00–16:00); a segment outside the shift gets its own short session around it; sessions
//    closer than a minute merge;
//  - a session: LOGIN, then AVAILABLE (prev LOGIN, aux "") and AVAILABLE (aux "Available") one
//    second apart (the double event of §6.6), … , LOGOUT (duration = seconds online);
//  - a segment: TRANSITION 3 s before it (when the agent was AVAILABLE), ENGAGED at its start,
//    WORKING at its end while wrap-up lasts (pending disposition), AVAILABLE after; a segment that
//    starts while the agent is still busy goes straight to ENGAGED (ENGAGED → ENGAGED);
//  - breaks where the agent has no segment: ON BREAK (mid-morning, some afternoons), LUNCH, and
//    TRAINING or AWAY on some afternoons, each followed by AVAILABLE.
// Events of one agent are strictly increasing in time (whole seconds). The timeline of a day is
// computed from the calls in [day − 2 h, day + 26 h), so it does not depend on other days.

const { rng, hash } = require('./prng');
const tz = require('./timezone');
const { MAX_CALL_MS } = require('./calls');

const DAY_MARGIN_MS = 2 * 3600 * 1000;
const MERGE_GAP_MS = 60 * 1000;
const SEC = 1000;
const MIN = 60 * SEC;
/** The aux label the agent sees for each base state (configure-wfm.md UI labels). */
const BREAKS = {
	'ON BREAK': 'On Break',
	LUNCH: 'Lunch',
	TRAINING: 'Training',
	AWAY: 'Away',
};

function createAgentStates({ world, calls, campaignOfCall }) {
	const zone = world.homeTimeZone;
	const cache = new Map();

	function dayKeyOf(ms) {
		const p = tz.localParts(zone, ms);
		return { year: p.year, month: p.month, day: p.day, key: `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}` };
	}

	const localMs = (d, hour, minute) => tz.localToUtc(zone, d.year, d.month, d.day, hour, minute, 0);

	function nextDay(d) {
		const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
		return dayKeyOf(tz.localToUtc(zone, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), 12, 0, 0));
	}

	function callInfo(call) {
		if (call.kind === 'outbound') {
			const c = campaignOfCall(call);
			return { callType: 'VPD', sourceId: c ? c.campaignId : null, sourceName: c ? c.campaignName : null, dnis: null };
		}
		return { callType: 'ACD', sourceId: call.queueId, sourceName: call.queueName, dnis: call.dnis };
	}

	function callOf(call, seg) {
		return { callId: call.interactionId, dialogId: call.dialogId, segmentId: seg.segmentId, ...callInfo(call) };
	}

	/** All events of the agents of `subAccountId` during local day `d`, by time. */
	function dayEvents(subAccountId, d) {
		const ck = `${subAccountId}|${d.key}`;
		if (cache.has(ck)) return cache.get(ck);
		const dayStart = localMs(d, 0, 0);
		const dayEnd = localMs(nextDay(d), 0, 0);
		const winStart = dayStart - DAY_MARGIN_MS;
		const winEnd = dayEnd + DAY_MARGIN_MS;
		const byAgent = new Map();
		for (const c of calls.callsStartingBetween(subAccountId, winStart - MAX_CALL_MS, winEnd)) {
			for (const s of c.segments) {
				if (s.startMs < winStart || s.startMs >= winEnd) continue;
				if (!byAgent.has(s.agentId)) byAgent.set(s.agentId, []);
				byAgent.get(s.agentId).push({ call: c, seg: s, start: s.startMs, engagedEnd: s.endMs, busyEnd: s.endMs + s.wrapSec * SEC });
			}
		}
		const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
		const workday = weekday >= 1 && weekday <= 5;
		const out = [];
		for (const agent of world.agents) {
			if (agent.subAccountId !== subAccountId || !agent.isActive) continue;
			const segs = (byAgent.get(agent.agentId) || []).sort((a, b) => a.start - b.start || (a.seg.segmentId < b.seg.segmentId ? -1 : 1));
			for (const ev of agentDay(agent, d, workday, segs)) if (ev.atMs >= dayStart && ev.atMs < dayEnd) out.push(ev);
		}
		out.sort((a, b) => a.atMs - b.atMs || a.agentId - b.agentId);
		if (cache.size > 256) cache.clear();
		cache.set(ck, out);
		return out;
	}

	function agentDay(agent, d, workday, segs) {
		const r = rng(world.seed, 'shift', agent.agentId, d.key);
		const sessions = [];
		let shift = null;
		const works = workday ? r.chance(0.92) : r.chance(0.35);
		if (works) {
			shift = workday
				? { start: localMs(d, 7, 45) + r.int(0, 90) * MIN, end: localMs(d, 16, 30) + r.int(0, 120) * MIN }
				: { start: localMs(d, 10, 0) + r.int(0, 60) * MIN, end: localMs(d, 15, 0) + r.int(0, 60) * MIN };
			sessions.push({ ...shift });
		}
		for (const b of segs) {
			if (shift && b.start >= shift.start + 30 * SEC && b.busyEnd <= shift.end - 30 * SEC) continue;
			const ra = rng(world.seed, 'adhoc', b.seg.segmentId);
			sessions.push({ start: b.start - (60 + ra.int(0, 120)) * SEC, end: b.busyEnd + (60 + ra.int(0, 240)) * SEC });
		}
		sessions.sort((a, b) => a.start - b.start);
		const merged = [];
		for (const s of sessions) {
			const last = merged[merged.length - 1];
			if (last && s.start <= last.end + MERGE_GAP_MS) last.end = Math.max(last.end, s.end);
			else merged.push({ ...s });
		}
		// breaks inside the shift, away from every segment (± 1 min)
		const breaks = [];
		if (shift) {
			const candidates = workday
				? [
						{ state: 'ON BREAK', at: localMs(d, 10, 0) + r.int(0, 45) * MIN, len: 15 * MIN },
						{ state: 'LUNCH', at: localMs(d, 12, 0) + r.int(0, 90) * MIN, len: (30 + r.int(0, 15)) * MIN },
						r.chance(0.6) ? (r.chance(0.5) ? { state: 'TRAINING', at: localMs(d, 14, 0) + r.int(0, 60) * MIN, len: 30 * MIN } : { state: 'AWAY', at: localMs(d, 14, 0) + r.int(0, 60) * MIN, len: 10 * MIN }) : null,
						r.chance(0.5) ? { state: 'ON BREAK', at: localMs(d, 15, 30) + r.int(0, 30) * MIN, len: 15 * MIN } : null,
					]
				: [{ state: 'LUNCH', at: localMs(d, 12, 0) + r.int(0, 60) * MIN, len: 30 * MIN }];
			const free = (a, b) => !segs.some((s) => s.start < b + MIN && s.busyEnd > a - MIN) && !breaks.some((x) => x.at < b + MIN && x.at + x.len > a - MIN);
			for (const c of candidates) {
				if (!c) continue;
				for (let k = 0; k < 4; k++) {
					const at = c.at + k * 10 * MIN;
					const session = merged.find((s) => s.start + 5 * MIN <= at && at + c.len <= s.end - 5 * MIN);
					if (session && free(at, at + c.len)) {
						breaks.push({ ...c, at });
						break;
					}
				}
			}
		}
		const events = [];
		for (const s of merged) events.push(...sessionEvents(agent, s, segs.filter((b) => b.start >= s.start && b.start < s.end), breaks.filter((b) => b.at >= s.start && b.at < s.end)));
		return events;
	}

	function sessionEvents(agent, session, segs, breaks) {
		const events = [];
		const loginId = String(hash(world.seed, 'login', agent.agentId, session.start) % 1000000000).padStart(9, '0');
		let last = null;
		const emit = (at, state, auxState, call = null, pendingDisposition = false) => {
			const atMs = last ? Math.max(at, last.atMs + SEC) : at;
			const ev = {
				id: `${agent.subAccountId}:${agent.agentId}:${atMs}`,
				atMs,
				subAccountId: agent.subAccountId,
				agentId: agent.agentId,
				agentGroupId: agent.agentGroupId,
				state,
				prevState: last ? last.state : null,
				auxState,
				prevAuxState: last ? last.auxState : null,
				durationSec: state === 'LOGOUT' ? Math.floor((atMs - session.start) / SEC) : last ? Math.floor((atMs - last.atMs) / SEC) : 0,
				pendingDisposition,
				loginId,
				call,
			};
			events.push(ev);
			last = ev;
		};
		emit(session.start, 'LOGIN', '');
		emit(session.start + SEC, 'AVAILABLE', '');
		emit(session.start + 2 * SEC, 'AVAILABLE', 'Available');
		let pending = [];
		let busy = null; // { engagedEnd, busyEnd, item } while ENGAGED/WORKING
		const flush = (until, room) => {
			while (pending.length && pending[0].at < until) {
				const p = pending[0];
				if (p.state === 'AVAILABLE' && p.at > until - room - SEC) {
					pending = [];
					return;
				}
				pending.shift();
				emit(p.at, p.state, p.aux, p.call, p.state === 'WORKING');
				if (p.state === 'AVAILABLE') busy = null;
			}
		};
		const plan = () => {
			pending = [];
			if (busy.busyEnd > busy.engagedEnd) pending.push({ at: busy.engagedEnd, state: 'WORKING', aux: '', call: busy.call });
			pending.push({ at: busy.busyEnd, state: 'AVAILABLE', aux: 'Available', call: null });
		};
		const items = [...segs.map((b) => ({ kind: 'seg', at: b.start, b })), ...breaks.map((x) => ({ kind: 'break', at: x.at, x }))].sort((a, b) => a.at - b.at);
		for (const it of items) {
			if (it.kind === 'break') {
				flush(it.at, 0);
				emit(it.at, it.x.state, BREAKS[it.x.state]);
				emit(it.at + it.x.len, 'AVAILABLE', 'Available');
				continue;
			}
			const b = it.b;
			const call = callOf(b.call, b.seg);
			flush(b.start, 4 * SEC);
			if (!pending.length && (last.state === 'AVAILABLE' || !busy)) {
				emit(b.start - 3 * SEC, 'TRANSITION', '', call);
				emit(b.start, 'ENGAGED', '', call);
				busy = { engagedEnd: b.engagedEnd, busyEnd: b.busyEnd, call };
			} else {
				// still busy with another call (or no time to become available): straight to the next call
				emit(b.start, 'ENGAGED', '', call);
				const prev = busy || { engagedEnd: 0, busyEnd: 0, call };
				busy = {
					engagedEnd: Math.max(prev.engagedEnd, b.engagedEnd),
					busyEnd: Math.max(prev.busyEnd, b.busyEnd),
					call: b.engagedEnd >= prev.engagedEnd ? call : prev.call,
				};
			}
			plan();
		}
		flush(session.end, 0);
		emit(session.end, 'LOGOUT', '');
		return events;
	}

	/** State changes of the agents of a sub-account with from < atMs ≤ to, by time. */
	function changes(subAccountId, fromMs, toMs) {
		subAccountId = String(subAccountId);
		if (!world.subAccounts.some((s) => s.subAccountId === subAccountId)) throw new Error(`unknown sub-account ${subAccountId}`);
		if (!(toMs > fromMs)) return [];
		const out = [];
		let d = dayKeyOf(fromMs);
		for (let guard = 0; guard < 400; guard++) {
			for (const ev of dayEvents(subAccountId, d)) if (ev.atMs > fromMs && ev.atMs <= toMs) out.push(ev);
			const next = nextDay(d);
			if (localMs(next, 0, 0) > toMs) break;
			d = next;
		}
		return out.sort((a, b) => a.atMs - b.atMs || a.agentId - b.agentId);
	}

	return { changes, clearCache: () => cache.clear(), BREAK_STATES: Object.keys(BREAKS) };
}

module.exports = { createAgentStates, BREAKS };
