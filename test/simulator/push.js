'use strict';
// The WFM "Generic HTTP" push (API doc §6.6), which RingCX admins configure in the UI: while it runs,
// the simulator POSTs the agent events (login, logout, state changes) of one sub-account to the
// Agent Event URL and an END-CALL event for every finished call segment (and every abandoned queue
// call) to the Call Event URL, URL-encoded (default: the fields in the query string, "puts the
// details in the URI"; variant pushFormPlacement 'body' sends them as a form body) or as JSON, with
// the configured custom headers. One attempt per event (no retry policy is documented). END-CALL
// goes out 2 s of sim time after the segment ends (the docs: recording_url is sent 1–3 s after the
// call). Digital (chat/email) segments send no END-CALL.

const { formEncode } = require('./payloads');
const { parseTime } = require('./clock');

const END_CALL_DELAY_MS = 2000;
const USER_AGENT = 'RingCX-WFM-Push/sim';
const DEFAULT_EVENTS = () => ({ login: true, logout: true, agentStates: true, endCall: true });

function createPush(S) {
	let config = null;
	let running = false;
	let startedAtMs = null;
	let agentCursor = 0;
	let callCursor = 0;

	function validConfig(c, previous) {
		if (!c || typeof c !== 'object') throw new Error('push config must be an object');
		const next = { subAccountId: S.world.mainSubAccountId, agentEventUrl: null, callEventUrl: null, format: 'form', headers: {}, events: DEFAULT_EVENTS(), ...(previous || {}) };
		for (const [k, x] of Object.entries(c)) {
			if (x === undefined) continue;
			if (k === 'subAccountId') {
				if (!S.world.subAccounts.some((s) => s.subAccountId === String(x))) throw new Error(`push.subAccountId: unknown sub-account ${x}`);
				next.subAccountId = String(x);
			} else if (k === 'agentEventUrl' || k === 'callEventUrl') {
				if (x !== null) {
					let u;
					try {
						u = new URL(String(x));
					} catch {
						throw new Error(`push.${k} must be an http(s) URL`);
					}
					if (!['http:', 'https:'].includes(u.protocol)) throw new Error(`push.${k} must be an http(s) URL`);
				}
				next[k] = x === null ? null : String(x);
			} else if (k === 'format') {
				if (!['form', 'json'].includes(x)) throw new Error("push.format must be 'form' or 'json'");
				next.format = x;
			} else if (k === 'headers') {
				if (x === null || typeof x !== 'object' || Array.isArray(x)) throw new Error('push.headers must be an object');
				next.headers = Object.fromEntries(Object.entries(x).map(([h, y]) => [h, String(y)]));
			} else if (k === 'events') {
				if (x === null || typeof x !== 'object') throw new Error('push.events must be an object');
				for (const [e, on] of Object.entries(x)) {
					if (!(e in DEFAULT_EVENTS())) throw new Error(`push.events: unknown event ${e} (login, logout, agentStates, endCall)`);
					next.events = { ...next.events, [e]: !!on };
				}
			} else throw new Error(`unknown push setting: ${k}`);
		}
		return next;
	}

	function set(c) {
		config = validConfig(c, config);
		return get();
	}

	function start(from) {
		if (!config) config = validConfig({});
		running = true;
		startedAtMs = from === undefined ? S.clock.now() : parseTime(from);
		agentCursor = startedAtMs;
		callCursor = startedAtMs;
		return get();
	}

	function stop() {
		running = false;
		return get();
	}

	function get() {
		return { config: config ? JSON.parse(JSON.stringify(config)) : null, running, startedAtMs };
	}

	function reset() {
		config = null;
		running = false;
		startedAtMs = null;
	}

	function message(url, payload, kind, eventId, eventAtMs) {
		const headers = { 'User-Agent': USER_AGENT, ...config.headers };
		let target = url;
		let body = '';
		if (config.format === 'json') {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(payload);
		} else if (S.variants().pushFormPlacement === 'body') {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = formEncode(payload);
		} else {
			target = `${url}${url.includes('?') ? '&' : '?'}${formEncode(payload)}`;
		}
		const gen = startedAtMs;
		S.deliveries.enqueue({
			channel: 'push',
			targetId: `push:${kind === 'endCall' ? 'call' : 'agent'}`,
			url: target,
			headers,
			body,
			payload,
			kind,
			eventId,
			eventAtMs,
			maxRetries: 0,
			stillWanted: () => running && startedAtMs === gen,
		});
	}

	/** END-CALL events (internal: { atMs, id, call, seg, campaign, recordingUrl }) of a sub-account in (from, to]. */
	function callEvents(subAccountId, fromMs, toMs) {
		const out = [];
		for (const call of S.calls.callsTouching(String(subAccountId), fromMs - END_CALL_DELAY_MS, toMs)) {
			if (call.channelClass !== 'VOICE') continue;
			const campaign = call.kind === 'outbound' ? S.leadStore.campaignOfCall(call) : null;
			if (call.abandoned) {
				const atMs = call.endMs + END_CALL_DELAY_MS;
				if (atMs > fromMs && atMs <= toMs) out.push({ atMs, id: `${call.dialogId}:abandon`, call, seg: null, campaign, recordingUrl: '' });
				continue;
			}
			for (const seg of call.segments) {
				const atMs = seg.endMs + END_CALL_DELAY_MS;
				if (atMs > fromMs && atMs <= toMs) out.push({ atMs, id: `${call.dialogId}:${seg.segmentId}`, call, seg, campaign, recordingUrl: S.truth.classicRecordingUrl(call, seg) });
			}
		}
		return out.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : 1));
	}

	/** Delivery source: new events since the cursors. */
	function source() {
		if (!running) return;
		const now = S.clock.now();
		const sub = config.subAccountId;
		if (config.agentEventUrl && now > agentCursor) {
			for (const ev of S.truth.agentStates(sub, agentCursor, now)) {
				const on = ev.state === 'LOGIN' ? config.events.login : ev.state === 'LOGOUT' ? config.events.logout : config.events.agentStates;
				if (on) message(config.agentEventUrl, S.payloads.wfmAgentEvent(ev), 'agentEvent', ev.id, ev.atMs);
			}
		}
		agentCursor = Math.max(agentCursor, now);
		if (config.callEventUrl && config.events.endCall && now > callCursor) {
			for (const e of callEvents(sub, callCursor, now)) message(config.callEventUrl, S.payloads.wfmEndCall(e), 'endCall', e.id, e.atMs);
		}
		callCursor = Math.max(callCursor, now);
	}

	return { set, start, stop, get, reset, source, callEvents };
}

module.exports = { createPush, END_CALL_DELAY_MS };
