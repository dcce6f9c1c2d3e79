'use strict';
// What the simulator POSTs to receivers: agent-state notifications of subscriptions (API doc §6.5,
// no documented schema: WFM-style by default, camelCase as a variant) and the WFM "Generic HTTP"
// push (§6.6): agent events and END-CALL events. WFM values are strings or null, as in the docs'
// examples; `date_time`/`call_start` are `YYYY-MM-DD HH:mm:ss` (zone per variant, UTC by default).

const tz = require('./timezone');

function agentExtras(agent) {
	const n = agent.agentId % 10000;
	return {
		agentPhone: `1650555${String(n).padStart(4, '0')}*${n}@RC_SOFTPHONE`,
		sourceIp: `10.${(agent.agentId >> 16) & 255}.${(agent.agentId >> 8) & 255}.${agent.agentId & 255}`,
		username: agent.engageUserName,
	};
}

function createPayloads({ world, variants }) {
	const agentById = new Map(world.agents.map((a) => [a.agentId, a]));
	const zoneOf = () => (variants().wfmTimeZone === 'home' ? world.homeTimeZone : 'UTC');
	const wfmTime = (ms) => tz.formatLocal(zoneOf(), ms, 'YYYY-MM-DD HH:mm:ss');
	/** The state name on the wire (variant breakState for ON BREAK). */
	const wireState = (state) => (state === 'ON BREAK' ? variants().breakState : state);

	/** One agent event in the WFM Generic HTTP shape (§6.6): login/logout fields, plus state fields. */
	function wfmAgentEvent(ev) {
		const agent = agentById.get(ev.agentId);
		const x = agentExtras(agent);
		const base = {
			agent_id: String(ev.agentId),
			external_agent_id: null,
			duration: String(ev.durationSec),
			agent_login_id: ev.loginId,
			account_id: ev.subAccountId,
			event_type: wireState(ev.state),
			date_time: wfmTime(ev.atMs),
			agent_phone: x.agentPhone,
			username: x.username,
			source_ip: x.sourceIp,
		};
		if (ev.state === 'LOGIN' || ev.state === 'LOGOUT') return base;
		// the docs' "Engaged Request Body" field order
		const out = {
			agent_id: base.agent_id,
			prev_state: wireState(ev.prevState),
			prev_aux_state: ev.prevAuxState ?? '',
			agent_phone: base.agent_phone,
			source_ip: base.source_ip,
			external_agent_id: null,
			duration: base.duration,
			agent_login_id: base.agent_login_id,
			account_id: base.account_id,
			event_type: base.event_type,
			event_aux_type: ev.auxState,
			date_time: base.date_time,
			pending_disp: ev.pendingDisposition ? '1' : '0',
			username: base.username,
		};
		if (ev.call) {
			out.call_id = ev.call.callId;
			out.call_source_id = ev.call.sourceId === null ? null : String(ev.call.sourceId);
			out.call_source_name = ev.call.sourceName;
			if (ev.call.callType === 'ACD') out.dnis = ev.call.dnis;
			out.call_type = ev.call.callType;
		}
		return out;
	}

	/** The camelCase variant: typed values, ISO time. */
	function camelAgentEvent(ev) {
		const agent = agentById.get(ev.agentId);
		const x = agentExtras(agent);
		return {
			agentId: ev.agentId,
			agentGroupId: ev.agentGroupId,
			mainAccountId: world.mainAccountId,
			subAccountId: ev.subAccountId,
			state: wireState(ev.state),
			previousState: wireState(ev.prevState),
			auxState: ev.auxState,
			previousAuxState: ev.prevAuxState,
			changedAt: new Date(ev.atMs).toISOString(),
			durationSeconds: ev.durationSec,
			pendingDisposition: ev.pendingDisposition,
			loginId: ev.loginId,
			username: x.username,
			call: ev.call ? { callId: ev.call.callId, callType: ev.call.callType, sourceId: ev.call.sourceId, sourceName: ev.call.sourceName, dnis: ev.call.dnis } : null,
		};
	}

	/** END-CALL (§6.6): ACD-CALL for inbound segments and abandoned queue calls, VPD-CALL for outbound. */
	function wfmEndCall(e) {
		const { call, seg, campaign } = e;
		const outbound = call.kind === 'outbound';
		const out = {
			recording_url: seg && seg.recorded ? e.recordingUrl : '',
			queue_duration: String(outbound ? 0 : call.waitSec),
			agent_disposition: seg ? seg.agentDisposition : '',
			gate_name: outbound ? (campaign ? campaign.campaignName : '') : call.queueName || '',
			call_state: call.abandoned ? 'ABANDON' : 'ANSWERED',
			call_duration: String(seg ? seg.durationSec : Math.round((call.endMs - call.startMs) / 1000)),
			call_id: call.interactionId,
			account_id: call.subAccountId,
			event_type: outbound ? 'VPD-CALL' : 'ACD-CALL',
			gate_id: outbound ? (campaign ? String(campaign.campaignId) : '') : call.queueId === null ? '' : String(call.queueId),
			call_start: wfmTime(call.startMs),
			dnis: call.dnis,
			ani: call.ani,
		};
		if (seg) {
			const agent = agentById.get(seg.agentId);
			out.agent_id = String(seg.agentId);
			out.external_agent_id = null;
			out.username = agent ? agent.engageUserName : null;
		}
		return out;
	}

	return { wfmAgentEvent, camelAgentEvent, wfmEndCall, wireState };
}

/** Form encoding of a flat WFM object (null → empty). */
function formEncode(obj) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(obj)) p.append(k, v === null || v === undefined ? '' : String(v));
	return p.toString();
}

module.exports = { createPayloads, formEncode };
