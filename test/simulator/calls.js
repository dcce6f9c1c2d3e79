'use strict';
// Calls are a pure function of (seed, sub-account, 5-minute bucket): any date range can be
// answered without precomputing anything. Each bucket gets 0..n calls; a call arrives in a queue
// (or is a direct inbound / outbound call), waits, is answered or abandoned, and is handled in 1–3
// agent segments (transfers keep the same dialogId/interactionId, the agent changes).

const { rng } = require('./prng');
const { localParts } = require('./timezone');
const { parseTime } = require('./clock');

const BUCKET_MS = 5 * 60 * 1000;
/** No call lasts longer than this (arrival → end of last segment), so a lookback this long finds all. */
const MAX_CALL_MS = 80 * 60 * 1000;
const SERVICE_LEVEL_SEC = 20;
const ABANDON_SHORT_SEC = 5;

const DISPOSITIONS = ['Success', 'Resolved', 'Callback Requested', 'No Sale', 'Escalated', 'Voicemail'];
const NOTES = ['', '', 'customer asked for a callback', 'requeue to others', 'billing question', 'sent follow-up email', ''];
const DIGITAL_TYPES = { 'Web Chat': 'ENGAGE_MESSAGING', Email: 'EMAIL', SMS: 'SMS' };

function pad(n, w = 2) {
	return String(n).padStart(w, '0');
}

function utcStamp(ms) {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** A busy day: `callsPerBucket` calls in every 5-minute bucket of [fromMs, toMs) of the named sub-accounts. */
function validBusy(world, opts) {
	if (opts === null || opts === undefined || opts === false) return null;
	if (typeof opts !== 'object') throw new Error('busyDay must be { callsPerBucket, from?, to?, subAccountIds? } or null');
	const n = Number(opts.callsPerBucket);
	if (!Number.isInteger(n) || n < 1 || n > 2000) throw new Error('busyDay.callsPerBucket must be 1..2000');
	const fromMs = opts.from === undefined || opts.from === null ? -Infinity : parseTime(opts.from);
	const toMs = opts.to === undefined || opts.to === null ? Infinity : parseTime(opts.to);
	if (!(toMs > fromMs)) throw new Error('busyDay: to must be after from');
	const ids = opts.subAccountIds === undefined || opts.subAccountIds === null ? [world.mainSubAccountId] : opts.subAccountIds.map(String);
	for (const id of ids) if (!world.subAccounts.some((s) => s.subAccountId === id)) throw new Error(`busyDay: unknown sub-account ${id}`);
	return { callsPerBucket: n, fromMs, toMs, subAccountIds: ids };
}

function createCalls(world) {
	const seed = world.seed;
	const cache = new Map();
	const subInfo = new Map();
	let busy = null;

	for (const sub of world.subAccounts) {
		const agentsById = new Map(world.agents.filter((a) => a.subAccountId === sub.subAccountId).map((a) => [a.agentId, a]));
		const queues = world.queues
			.filter((q) => q.subAccountId === sub.subAccountId && q.isActive)
			.map((q) => ({ queue: q, agents: q.agentIds.map((id) => agentsById.get(id)).filter((a) => a && a.isActive) }))
			.filter((x) => x.agents.length > 0);
		const weighted = [];
		for (const x of queues) for (let i = 0; i < (x.queue.queueType === 'VOICE' ? 3 : 1); i++) weighted.push(x);
		const active = [...agentsById.values()].filter((a) => a.isActive);
		const mainDnis = queues.find((x) => x.queue.dnis)?.queue.dnis || '8005550100';
		subInfo.set(sub.subAccountId, { weighted, active, mainDnis, partner: sub.subAccountId !== world.mainSubAccountId });
	}

	function generate(subAccountId, bucket) {
		const info = subInfo.get(subAccountId);
		if (!info || info.weighted.length === 0) return [];
		const r = rng(seed, 'calls', subAccountId, bucket);
		const t = bucket * BUCKET_MS;
		const lp = localParts(world.homeTimeZone, t);
		const weekday = new Date(Date.UTC(lp.year, lp.month - 1, lp.day)).getUTCDay();
		const workday = weekday >= 1 && weekday <= 5;
		let load;
		if (workday && lp.hour >= 8 && lp.hour < 20) load = 'day';
		else if (lp.hour >= 10 && lp.hour < 16) load = 'light';
		else load = 'night';
		let pEmpty = { day: 0.2, light: 0.55, night: 0.85 }[load];
		if (info.partner) pEmpty = Math.min(0.95, pEmpty + 0.25);
		const isBusy = busy !== null && busy.subAccountIds.includes(subAccountId) && t >= busy.fromMs && t < busy.toMs;
		if (!isBusy && r.chance(pEmpty)) return [];
		const n = isBusy ? busy.callsPerBucket : load === 'day' ? r.int(1, 4) : r.int(1, 2);
		const calls = [];
		for (let i = 0; i < n; i++) {
			const start = t + r.int(0, 299) * 1000;
			const kindRoll = r.next();
			const kind = kindRoll < 0.08 ? 'outbound' : kindRoll < 0.12 ? 'direct' : 'queue';
			const qx = kind === 'queue' ? r.pick(info.weighted) : null;
			const queue = qx ? qx.queue : null;
			const channelClass = queue && queue.queueType === 'DIGITAL' ? 'DIGITAL' : 'VOICE';
			const voice = channelClass === 'VOICE';
			const hexId = r.hex(32);
			const dialogId = `s-${voice ? 'v' : 'd'}-${hexId}-${start}`;
			const interactionId = `${utcStamp(start)}${r.digits(16)}`;
			const ani = voice ? `${r.int(2, 9)}${r.digits(9)}` : `visitor-${r.hex(8)}`;
			const dnis = queue ? queue.dnis || queue.queueName.toLowerCase().replace(/\s+/g, '-') : info.mainDnis;
			const wait = kind !== 'queue' ? 0 : voice ? r.int(2, 150) : r.int(5, 400);
			const abandoned = kind === 'queue' && r.chance(0.1);
			const call = {
				subAccountId,
				bucket,
				index: i,
				kind,
				dialogId,
				interactionId,
				channelClass,
				channelType: voice ? 'VOICE' : DIGITAL_TYPES[queue.queueName] || 'ENGAGE_MESSAGING',
				dialogOrigination: kind === 'outbound' ? 'OUTBOUND' : 'INBOUND',
				queueId: queue ? queue.queueId : null,
				queueName: queue ? queue.queueName : null,
				channelId: voice ? dnis : hexId.slice(0, 8) + '-' + hexId.slice(8, 12) + '-' + hexId.slice(12, 16) + '-' + hexId.slice(16, 20) + '-' + hexId.slice(20),
				ani: kind === 'outbound' ? dnis : ani,
				dnis: kind === 'outbound' ? ani : dnis,
				startMs: start,
				waitSec: abandoned ? r.int(1, 90) : wait,
				abandoned,
				segments: [],
				endMs: 0,
			};
			if (abandoned) {
				call.endMs = start + call.waitSec * 1000;
				calls.push(call);
				continue;
			}
			const nSeg = kind === 'queue' && r.chance(0.18) ? (r.chance(0.3) ? 3 : 2) : 1;
			const pool = kind === 'queue' ? qx.agents : info.active;
			const used = new Set();
			let segStart = start + wait * 1000;
			for (let s = 0; s < nSeg; s++) {
				const candidates = pool.filter((a) => !used.has(a.agentId));
				if (candidates.length === 0) break;
				const agent = r.pick(candidates);
				used.add(agent.agentId);
				const duration = voice ? r.int(30, 900) : r.int(60, 1200);
				const hold = voice && r.chance(0.25) ? Math.min(r.int(10, 120), duration - 5) : 0;
				const recorded = voice && (queue ? queue.recording : true);
				const seg = {
					seq: s + 2,
					segmentId: `p-${voice ? 'v' : 'd'}-${hexId}-${start}-${segStart.toString(16)}`,
					agentId: agent.agentId,
					agentGroupId: agent.agentGroupId,
					rcUserId: agent.rcUserId,
					agentName: agent.agentName,
					startMs: segStart,
					endMs: segStart + duration * 1000,
					durationSec: duration,
					wrapSec: r.int(0, 60),
					holdSec: hold,
					recorded,
					systemDisposition: voice ? 'ANSWER' : null,
					agentDisposition: r.pick(DISPOSITIONS),
					agentNotes: r.pick(NOTES),
					transferredOut: false,
				};
				if (call.segments.length) call.segments[call.segments.length - 1].transferredOut = true;
				call.segments.push(seg);
				segStart = seg.endMs + r.int(2, 20) * 1000;
			}
			call.endMs = call.segments.length ? call.segments[call.segments.length - 1].endMs : start;
			calls.push(call);
		}
		return calls;
	}

	function bucketCalls(subAccountId, bucket) {
		const key = `${subAccountId}:${bucket}`;
		let calls = cache.get(key);
		if (!calls) {
			if (cache.size > 50000) cache.clear();
			calls = generate(subAccountId, bucket);
			cache.set(key, calls);
		}
		return calls;
	}

	/** Calls whose arrival is in [fromMs, toMs). */
	function callsStartingBetween(subAccountId, fromMs, toMs) {
		const out = [];
		for (let b = Math.floor(fromMs / BUCKET_MS); b * BUCKET_MS < toMs; b++) {
			for (const c of bucketCalls(subAccountId, b)) if (c.startMs >= fromMs && c.startMs < toMs) out.push(c);
		}
		return out;
	}

	/** Calls that might have a segment ending in [fromMs, toMs). */
	function callsTouching(subAccountId, fromMs, toMs) {
		return callsStartingBetween(subAccountId, fromMs - MAX_CALL_MS, toMs);
	}

	function findByDialog(subAccountId, dialogId) {
		const m = /-(\d{10,})$/.exec(String(dialogId));
		if (!m) return null;
		const start = Number(m[1]);
		return bucketCalls(subAccountId, Math.floor(start / BUCKET_MS)).find((c) => c.dialogId === dialogId) || null;
	}

	function findByInteraction(subAccountId, interactionId) {
		const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d+$/.exec(String(interactionId));
		if (!m) return null;
		const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
		const start = Date.UTC(y, mo - 1, d, h, mi, s);
		return bucketCalls(subAccountId, Math.floor(start / BUCKET_MS)).find((c) => c.interactionId === interactionId) || null;
	}

	/** Turns the busy day on (spec) or off (null); the generated calls of the affected buckets change. */
	function setBusy(opts) {
		busy = validBusy(world, opts);
		cache.clear();
		return getBusy();
	}

	function getBusy() {
		if (!busy) return null;
		const iso = (ms) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
		return { callsPerBucket: busy.callsPerBucket, from: iso(busy.fromMs), to: iso(busy.toMs), subAccountIds: [...busy.subAccountIds] };
	}

	return { bucketCalls, callsStartingBetween, callsTouching, findByDialog, findByInteraction, setBusy, getBusy, BUCKET_MS };
}

module.exports = { createCalls, BUCKET_MS, MAX_CALL_MS, SERVICE_LEVEL_SEC, ABANDON_SHORT_SEC };
