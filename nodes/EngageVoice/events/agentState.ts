import type { IDataObject } from 'n8n-workflow';

import { booleanField, idField, numberField, textField, timeField } from './fields';

/*
 * One agent state change as an item (API doc §6.5, §6.6, decision 14): the normalised fields that
 * can be recognised, null for those that cannot. Two payload shapes are known: the WFM Generic HTTP
 * agent event (snake_case strings, the docs' only example, which subscriptions are said to follow)
 * and camelCase names. State names are passed on as sent: no source fixes their spelling
 * (`ON BREAK`? `BREAK`? open question 32).
 */

export interface AgentStateFields {
	agentId: number | string | null;
	state: string | null;
	previousState: string | null;
	/** The state name the agent sees (`event_aux_type`, e.g. "Available", "Lunch"). */
	auxState: string | null;
	previousAuxState: string | null;
	/** ISO 8601 with the offset of the event time zone. */
	changedAt: string | null;
	/** Seconds in the previous state (LOGOUT: time online). */
	durationSeconds: number | null;
	pendingDisposition: boolean | null;
	loginId: string | null;
	username: string | null;
	agentGroupId: number | string | null;
	subAccountId: string | null;
	/** On a call: the interaction id (interaction metadata's `interactionId`). */
	callId: string | null;
	/** `ACD` (inbound) or `VPD` (outbound), as sent. */
	callType: string | null;
	/** The queue (inbound) or campaign (outbound) of the call. */
	callSourceId: number | string | null;
	callSourceName: string | null;
	dnis: string | null;
}

/** Field names per normalised field, WFM first (§6.6), then the camelCase spellings. */
export const AGENT_STATE_NAMES = {
	agentId: ['agent_id', 'agentId'],
	state: ['event_type', 'state', 'agentState', 'eventType'],
	previousState: ['prev_state', 'previousState', 'prevState'],
	auxState: ['event_aux_type', 'auxState', 'agentAuxState'],
	previousAuxState: ['prev_aux_state', 'previousAuxState', 'prevAuxState'],
	changedAt: ['date_time', 'changedAt', 'dateTime', 'timestamp'],
	durationSeconds: ['duration', 'durationSeconds'],
	pendingDisposition: ['pending_disp', 'pendingDisposition', 'pendingDisp'],
	loginId: ['agent_login_id', 'loginId', 'agentLoginId'],
	username: ['username', 'agent_username', 'agentUsername', 'userName'],
	agentGroupId: ['agent_group_id', 'agentGroupId'],
	subAccountId: ['account_id', 'subAccountId', 'accountId'],
	callId: ['call_id', 'call.callId', 'callId', 'uii'],
	callType: ['call_type', 'call.callType', 'callType'],
	callSourceId: ['call_source_id', 'call.sourceId', 'callSourceId'],
	callSourceName: ['call_source_name', 'call.sourceName', 'callSourceName'],
	dnis: ['dnis', 'call.dnis'],
} as const;

export function agentStateFields(raw: IDataObject, timeZone: string): AgentStateFields {
	const n = AGENT_STATE_NAMES;
	return {
		agentId: idField(raw, n.agentId),
		state: textField(raw, n.state),
		previousState: textField(raw, n.previousState),
		auxState: textField(raw, n.auxState),
		previousAuxState: textField(raw, n.previousAuxState),
		changedAt: timeField(raw, n.changedAt, timeZone),
		durationSeconds: numberField(raw, n.durationSeconds),
		pendingDisposition: booleanField(raw, n.pendingDisposition),
		loginId: textField(raw, n.loginId),
		username: textField(raw, n.username),
		agentGroupId: idField(raw, n.agentGroupId),
		subAccountId: textField(raw, n.subAccountId),
		callId: textField(raw, n.callId),
		callType: textField(raw, n.callType),
		callSourceId: idField(raw, n.callSourceId),
		callSourceName: textField(raw, n.callSourceName),
		dnis: textField(raw, n.dnis),
	};
}
