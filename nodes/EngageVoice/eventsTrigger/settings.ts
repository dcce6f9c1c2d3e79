import type { IDataObject } from 'n8n-workflow';

import { stateFilter } from '../events/filter';
import { readRcAccountOverride, readSubAccountId } from '../parameters/common';
import type { ParameterReader } from '../parameters/reader';
import { requireIntegerInRange, requireNumericIdList, requireOneOf, requireTimeZone } from '../parameters/validate';
import type { EventName } from './description';
import { EVENTS } from './description';

/*
 * The trigger's parameters, read and checked the same way in the activation hooks (so a mistake
 * fails the activation with the parameter's name) and in the webhook.
 */

/** The longest expiry the node sets: a year (RingCX states no maximum). */
const MAX_EXPIRY_HOURS = 24 * 366;

export interface EventsSettings {
	event: EventName;
	timeZone: string;
	agentIds: string[];
	agentGroupIds: string[];
	/** Matchable state names (agent states) or event types (call events); undefined = all. */
	states?: Set<string>;
	verification: 'none' | 'pushReceiverCredential';
}

export interface SubscriptionSettings {
	subAccountId: string;
	rcOverride?: string;
	retryCount: number;
	/** 0 = never expires. */
	expiresAfterHours: number;
}

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v ?? '').trim()).filter(Boolean);
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

export function readEvent(params: ParameterReader): EventName {
	return requireOneOf(params, params.get('event', 'agentStateChanged'), 'Event', EVENTS);
}

function idList(params: ParameterReader, value: unknown, parameterName: string): string[] {
	return list(value).length ? requireNumericIdList(params, value, parameterName) : [];
}

export function readEventsSettings(params: ParameterReader): EventsSettings {
	const event = readEvent(params);
	const filters = params.get<IDataObject>('filters', {}) ?? {};
	const options = params.get<IDataObject>('options', {}) ?? {};
	const zone = String(options.timeZone ?? 'UTC').trim();
	const agentState = event === 'agentStateChanged';
	return {
		event,
		timeZone: requireTimeZone(params, zone || params.workflowTimeZone(), 'Event Time Zone'),
		agentIds: idList(params, filters.agentIds, 'Agent IDs'),
		agentGroupIds: agentState ? idList(params, filters.agentGroupIds, 'Agent Group Names or IDs') : [],
		states: stateFilter(list(agentState ? filters.states : filters.eventTypes)),
		verification: agentState
			? 'none'
			: requireOneOf(params, params.get('verification', 'none'), 'Verification', ['none', 'pushReceiverCredential'] as const),
	};
}

export function readSubscriptionSettings(params: ParameterReader): SubscriptionSettings {
	const options = params.get<IDataObject>('options', {}) ?? {};
	return {
		subAccountId: readSubAccountId(params),
		rcOverride: readRcAccountOverride(params, 'cx', options),
		retryCount: requireIntegerInRange(params, options.retryCount ?? 3, 'Delivery Retries', 0, 10),
		expiresAfterHours: requireIntegerInRange(params, options.expiresAfterHours ?? 0, 'Expire After (Hours)', 0, MAX_EXPIRY_HOURS),
	};
}
