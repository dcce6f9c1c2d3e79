import type { IDataObject } from 'n8n-workflow';

import type { AgentStateFields } from './agentState';
import { AGENT_STATE_NAMES, agentStateFields } from './agentState';
import { firstValue, hasAny, idField, numberField, textField, timeField } from './fields';

/*
 * What RingCX admin pushes to the URL the trigger shows (decision 15): the WFM Generic HTTP push's
 * END-CALL and agent events (§6.6) and Web Services calls (§6.7, fields as the admin templated
 * them). Everything stays in `raw` as received; the fields below are added where recognised.
 */

export interface CallFields {
	callId: string | null;
	dialogId: string | null;
	segmentId: string | null;
	agentId: number | string | null;
	username: string | null;
	recordingUrl: string | null;
	disposition: string | null;
	/** Seconds the agent segment (or, for an abandoned call, the call) lasted. */
	durationSeconds: number | null;
	/** Seconds the caller waited in the queue. */
	queueDurationSeconds: number | null;
	/** ANSWERED, ABANDON, DEFLECTED, MACHINE…, as sent. */
	callState: string | null;
	/** `inbound` for ACD-CALL, `outbound` for VPD-CALL. */
	direction: 'inbound' | 'outbound' | null;
	/** ISO 8601 with the offset of the event time zone. */
	callStart: string | null;
	/** The queue (inbound) or campaign (outbound): RingCX's `gate_id` / `gate_name`. */
	gateId: number | string | null;
	gateName: string | null;
	ani: string | null;
	dnis: string | null;
	subAccountId: string | null;
}

const CALL_NAMES = {
	event: ['event_type', 'eventType', 'event'],
	callId: ['call_id', 'callId', 'uii', 'interactionId'],
	dialogId: ['dialog_id', 'dialogId'],
	segmentId: ['segment_id', 'segmentId'],
	agentId: ['agent_id', 'agentId'],
	username: ['username', 'agent_username', 'agentUsername'],
	recordingUrl: ['recording_url', 'recordingUrl', 'sess_agent_perspective_recording_url'],
	disposition: ['agent_disposition', 'agentDisposition', 'disposition'],
	durationSeconds: ['call_duration', 'callDuration', 'duration'],
	queueDurationSeconds: ['queue_duration', 'queueDuration'],
	callState: ['call_state', 'callState'],
	callStart: ['call_start', 'callStart'],
	gateId: ['gate_id', 'gateId'],
	gateName: ['gate_name', 'gateName'],
	ani: ['ani'],
	dnis: ['dnis'],
	subAccountId: ['account_id', 'subAccountId', 'accountId'],
} as const;

/** Fields only WFM agent events carry (§6.6): such a payload is an agent event, not a call. */
const AGENT_EVENT_MARKERS = ['prev_state', 'event_aux_type', 'agent_login_id', 'pending_disp', 'previousState'];
const AGENT_ONLY_TYPES = new Set(['LOGIN', 'LOGOUT']);

export type CallEventItem =
	| ({ event: string | null; kind: 'call' } & CallFields)
	| ({ event: string | null; kind: 'agentState' } & AgentStateFields);

function direction(event: string | null, callType: unknown): CallFields['direction'] {
	const text = `${event ?? ''} ${typeof callType === 'string' ? callType : ''}`.toUpperCase();
	if (/\bVPD\b|VPD-CALL/.test(text)) return 'outbound';
	if (/\bACD\b|ACD-CALL/.test(text)) return 'inbound';
	return null;
}

/** One pushed event, recognised as an agent event or a call. */
export function callEventFields(raw: IDataObject, timeZone: string): CallEventItem {
	const n = CALL_NAMES;
	const event = textField(raw, n.event);
	const isAgentEvent =
		hasAny(raw, AGENT_EVENT_MARKERS) || (event !== null && AGENT_ONLY_TYPES.has(event.trim().toUpperCase()));
	if (isAgentEvent && !hasAny(raw, ['call_state', 'callState', 'recording_url'])) {
		return { event, kind: 'agentState', ...agentStateFields(raw, timeZone) };
	}
	return {
		event,
		kind: 'call',
		callId: textField(raw, n.callId),
		dialogId: textField(raw, n.dialogId),
		segmentId: textField(raw, n.segmentId),
		agentId: idField(raw, n.agentId),
		username: textField(raw, n.username),
		recordingUrl: textField(raw, n.recordingUrl),
		disposition: textField(raw, n.disposition),
		durationSeconds: numberField(raw, n.durationSeconds),
		queueDurationSeconds: numberField(raw, n.queueDurationSeconds),
		callState: textField(raw, n.callState),
		direction: direction(event, firstValue(raw, [...AGENT_STATE_NAMES.callType])),
		callStart: timeField(raw, n.callStart, timeZone),
		gateId: idField(raw, n.gateId),
		gateName: textField(raw, n.gateName),
		ani: textField(raw, n.ani),
		dnis: textField(raw, n.dnis),
		subAccountId: textField(raw, n.subAccountId),
	};
}
