'use strict';
// The delivery queue shared by agent-state subscriptions and the WFM push: messages become due at a
// SIM time, are POSTed in real time, one at a time per target (so a receiver sees its events in
// order), and failed attempts are retried after a backoff in sim time:
//   retry n (1 … maxRetries) waits min(limits.deliveryRetryBaseMs × 2^(n−1), limits.deliveryRetryMaxMs)
//   of sim time after the failed attempt (defaults 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, …);
// a 2xx answer is a success; anything else, a connection error or no answer within
// limits.deliveryTimeoutMs (real ms) is a failure. After the last retry the message is given up.
// A message whose target went away (subscription deleted, inactive, expired; push stopped) is
// cancelled before its next attempt.
//
// Delivery faults (control.injectDeliveryFaults, matched on the target URL): 'fail' (the attempt
// fails without a request, as a network error would), 'delay' (wait delayMs real ms before sending),
// 'duplicate' (after a successful attempt the same request is sent once more).
//
// pump() moves due work along; a real-time timer calls it every 50 ms unless autoDeliver is off.
// flush() pumps until nothing due at the current sim time is left or in flight (for tests).

const { createFaults } = require('./faults');
const { REDACTED } = require('./log');

const DELIVERY_FAULT_KINDS = ['fail', 'delay', 'duplicate'];
const PUMP_MS = 50;
const SENSITIVE_HEADER = /authorization|secret|token|api[-_]?key|password|signature|cookie/i;

function redactHeaders(headers) {
	return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SENSITIVE_HEADER.test(k) ? REDACTED : v]));
}

function createDeliveries(S, { autoDeliver = true } = {}) {
	const faults = createFaults(S.world.seed, DELIVERY_FAULT_KINDS, 'deliveryFault');
	let messages = [];
	let attempts = [];
	let nextId = 1;
	let generation = 0;
	let inflight = 0;
	const busyTargets = new Set();
	const sources = [];
	let timer = null;
	let waiters = [];

	function backoffMs(n) {
		const base = S.limits.value('deliveryRetryBaseMs');
		const max = S.limits.value('deliveryRetryMaxMs');
		return Math.min(base * 2 ** (n - 1), max);
	}

	/**
	 * @param m { channel, targetId, url, headers, body, kind, eventId, eventAtMs, payload, maxRetries, stillWanted?() }
	 */
	function enqueue(m) {
		const msg = { id: nextId++, state: 'pending', attemptCount: 0, dueAtMs: m.eventAtMs, ...m };
		messages.push(msg);
		return msg;
	}

	/** A source adds due messages on each pump (subscriptions, push). */
	function addSource(fn) {
		sources.push(fn);
	}

	function pump() {
		for (const fn of sources) fn();
		const now = S.clock.now();
		const due = messages.filter((m) => m.state === 'pending' && m.dueAtMs <= now).sort((a, b) => a.dueAtMs - b.dueAtMs || a.id - b.id);
		for (const m of due) {
			if (busyTargets.has(m.targetId)) continue;
			if (m.stillWanted && !m.stillWanted()) {
				m.state = 'cancelled';
				continue;
			}
			busyTargets.add(m.targetId);
			attempt(m);
		}
		notify();
	}

	async function post(m, duplicate, gen) {
		const started = S.clock.now();
		const record = {
			messageId: m.id,
			attempt: m.attemptCount,
			duplicate,
			channel: m.channel,
			targetId: m.targetId,
			kind: m.kind,
			eventId: m.eventId,
			eventAtMs: m.eventAtMs,
			dueAtMs: m.dueAtMs,
			sentAtMs: started,
			url: m.url,
			requestHeaders: redactHeaders(m.headers),
			body: m.body,
			payload: m.payload,
			status: null,
			ok: false,
			error: null,
			elapsedMs: 0,
			responseBytes: 0,
		};
		const fault = faults.pick('POST', m.url);
		if (fault && fault.kind === 'fail') {
			record.error = 'injected failure';
		} else {
			if (fault && fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
			const res = await S.outbound.request(m.url, { method: 'POST', headers: m.headers, body: m.body, timeoutMs: S.limits.value('deliveryTimeoutMs') });
			Object.assign(record, { status: res.status, ok: res.ok, error: res.error, elapsedMs: res.elapsedMs, responseBytes: res.bytes });
		}
		if (gen === generation) attempts.push(record);
		return { ok: record.ok, duplicate: !!fault && fault.kind === 'duplicate' };
	}

	async function attempt(m) {
		const gen = generation;
		inflight++;
		m.state = 'inflight';
		m.attemptCount++;
		try {
			const r = await post(m, false, gen);
			if (gen !== generation) return;
			if (r.ok && r.duplicate) await post(m, true, gen);
			if (gen !== generation) return;
			if (r.ok) m.state = 'delivered';
			else if (m.attemptCount <= m.maxRetries) {
				m.state = 'pending';
				m.dueAtMs = S.clock.now() + backoffMs(m.attemptCount);
			} else m.state = 'failed';
		} finally {
			inflight--;
			busyTargets.delete(m.targetId);
			if (gen === generation) pump();
			notify();
		}
	}

	function idle() {
		const now = S.clock.now();
		return inflight === 0 && !messages.some((m) => m.state === 'pending' && m.dueAtMs <= now);
	}

	function notify() {
		if (!idle()) return;
		const w = waiters;
		waiters = [];
		for (const fn of w) fn();
	}

	/** Pumps until everything due now is delivered, retried later, given up or cancelled. */
	function flush() {
		pump();
		if (idle()) return Promise.resolve(summary());
		return new Promise((resolve) => waiters.push(() => resolve(summary()))).then((s) => (idle() ? s : flush()));
	}

	function summary() {
		const count = (st) => messages.filter((m) => m.state === st).length;
		return { delivered: count('delivered'), pending: count('pending'), failed: count('failed'), cancelled: count('cancelled'), attempts: attempts.length };
	}

	function setAuto(on) {
		if (timer) clearInterval(timer);
		timer = null;
		if (on) {
			timer = setInterval(pump, PUMP_MS);
			timer.unref();
		}
		return !!timer;
	}

	function reset() {
		generation++;
		messages = [];
		attempts = [];
		nextId = 1;
		busyTargets.clear();
		faults.clear();
		setAuto(autoDeliver);
		notify();
	}

	function close() {
		setAuto(false);
		generation++;
		S.outbound.abortAll();
	}

	setAuto(autoDeliver);

	const copy = (x) => JSON.parse(JSON.stringify(x));
	return {
		enqueue,
		addSource,
		pump,
		flush,
		reset,
		close,
		setAuto,
		auto: () => !!timer,
		attempts: (filter = {}) =>
			copy(attempts.filter((a) => (filter.channel === undefined || a.channel === filter.channel) && (filter.targetId === undefined || a.targetId === filter.targetId))),
		messages: () => copy(messages.map(({ stillWanted, ...m }) => m)),
		faults,
		backoffMs,
		DELIVERY_FAULT_KINDS,
	};
}

module.exports = { createDeliveries, DELIVERY_FAULT_KINDS };
