import type { IAllExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listLeadStates } from '../../api/onDemand';
import type { LeadCall } from '../../api/leads';
import { formatLeadDate } from '../../leads/leadDate';
import { phoneKey, phoneKeys } from '../../leads/phone';
import type { ParameterReader } from '../../parameters/reader';
import {
	requireDateInput,
	requireIntegerInRange,
	requireNumericId,
	requireNumericIdList,
	requireOneOf,
} from '../../parameters/validate';
import { leadFilters } from './criteria';

/*
 * Lead search criteria at run time, for Lead › Search, Get, Load and Action: the Filters
 * collection (./criteria.ts) read into criteria, the client-side check of a filter the API may
 * ignore (decision 10) and the lead states in the API's own spelling. Apart from the description
 * because n8n loads descriptions at start: the operations load this on their first run.
 */

const TEXT_CRITERIA = [
	'address1',
	'address2',
	'auxData1',
	'auxData2',
	'auxData3',
	'auxData4',
	'auxData5',
	'callerId',
	'city',
	'emailAddress',
	'firstName',
	'lastName',
	'zip',
];

const DISPLAY_NAMES: Record<string, string> = Object.fromEntries(
	(leadFilters.options as INodeProperties[]).map((option) => [option.name, option.displayName]),
);

/** A list given as an array (expression) or as text separated by commas or semicolons. */
function textList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[,;]/);
	return [...new Set(parts.map((part) => String(part ?? '').trim()).filter(Boolean))];
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (Array.isArray(value) ? value.length === 0 : String(value).trim() === '')
	);
}

/**
 * The Filters collection → criteria fields (without the campaign). Ids become numbers, dates UTC
 * in the docs' form (decision 12), read in `timeZone` when they have no offset.
 */
export function readFilterCriteria(params: ParameterReader, timeZone: string): IDataObject {
	const filters = params.get<IDataObject>('filters', {}) ?? {};
	const criteria: IDataObject = {};
	const i = params.itemIndex;
	const name = (key: string) => DISPLAY_NAMES[key] ?? key;
	for (const key of ['leadIds', 'listIds']) {
		if (!isEmpty(filters[key])) criteria[key] = requireNumericIdList(params, filters[key], name(key), i).map(Number);
	}
	for (const key of ['externIds', 'agentDispositions', 'physicalStates']) {
		if (!isEmpty(filters[key])) criteria[key] = textList(filters[key]);
	}
	if (!isEmpty(filters.leadPhoneNumbers)) criteria.leadPhoneNumbers = textList(filters.leadPhoneNumbers);
	for (const key of ['agentId', 'pendingAgentId']) {
		if (!isEmpty(filters[key])) criteria[key] = Number(requireNumericId(params, filters[key], name(key), i));
	}
	for (const key of ['leadStates', 'systemDispositions']) {
		if (!isEmpty(filters[key])) criteria[key] = textList(filters[key]);
	}
	if (!isEmpty(filters.leadTimezones))
		criteria.leadTimezones = textList(filters.leadTimezones).map((zone) => ({ name: zone }));
	if (!isEmpty(filters.suppressed)) {
		criteria.suppressed = requireOneOf(
			params,
			filters.suppressed,
			name('suppressed'),
			['ALL', 'ONLY_SUPPRESSED', 'ONLY_UNSUPPRESSED'],
			i,
		);
	}
	if (filters.orphanedLeadsOnly === true) criteria.orphanedLeadsOnly = true;
	for (const key of TEXT_CRITERIA) {
		if (!isEmpty(filters[key])) criteria[key] = String(filters[key]).trim();
	}
	const passes = (filters.leadPasses as IDataObject | undefined)?.condition as IDataObject | undefined;
	if (passes) {
		criteria.leadPassesCriteria = {
			operator: requireOneOf(
				params,
				passes.operator,
				'Lead Passes › Operator',
				['EQUALS', 'GREATER_THAN', 'LESS_THAN'],
				i,
			),
			value: requireIntegerInRange(params, passes.value, 'Lead Passes', 0, 1_000_000, i),
		};
	}
	for (const [key, field] of [
		['lastPassTime', 'lastPassTimeCriteria'],
		['nextDialTime', 'nextDialTimeCriteria'],
	]) {
		const condition = (filters[key] as IDataObject | undefined)?.condition as IDataObject | undefined;
		if (!condition) continue;
		criteria[field] = {
			operator: requireOneOf(
				params,
				condition.operator,
				`${name(key)} › Operator`,
				['EQUALS', 'GREATER_THAN', 'LESS_THAN'],
				i,
			),
			value: formatLeadDate(requireDateInput(params, condition.value, name(key), timeZone, i)),
		};
	}
	for (const key of ['loadedDtsStart', 'loadedDtsEnd']) {
		if (!isEmpty(filters[key]))
			criteria[key] = formatLeadDate(requireDateInput(params, filters[key], name(key), timeZone, i));
	}
	return criteria;
}

/** One campaign as criteria: `campaignId` and `campaignIds` both, as every docs example sends them (decision 10). */
export function campaignCriteria(campaignId: string): IDataObject {
	return { campaignId: Number(campaignId), campaignIds: [Number(campaignId)] };
}

/**
 * Decision 10: a search by external ID or phone keeps only rows that match, in case the API
 * ignored the filter. Undefined when the criteria have neither.
 */
export function matchingRows(criteria: IDataObject): ((row: IDataObject) => boolean) | undefined {
	const externIds = Array.isArray(criteria.externIds) ? new Set(criteria.externIds.map(String)) : undefined;
	const phones = [
		...(Array.isArray(criteria.leadPhoneNumbers) ? criteria.leadPhoneNumbers : []),
		...(criteria.leadPhoneNum ? [criteria.leadPhoneNum] : []),
	].map(phoneKey);
	const phoneSet = phones.length ? new Set(phones) : undefined;
	if (!externIds && !phoneSet) return undefined;
	return (row) =>
		(!externIds || externIds.has(String(row.externId ?? ''))) &&
		(!phoneSet || phoneKeys(row.leadPhone).some((phone) => phoneSet.has(phone)));
}

/*
 * Lead states are sent in the API's own spelling (decision 10, open question 28): the list the API
 * gives is read once per node run and sub-account, and a state typed with `-` or `_` is sent the
 * way the API spells it. An unknown state fails before the search.
 */
const stateCache = new WeakMap<object, Map<string, Promise<string[]>>>();

export async function inApiSpelling(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	params: ParameterReader,
	criteria: IDataObject,
): Promise<void> {
	const given = criteria.leadStates;
	if (!Array.isArray(given) || !given.length) return;
	let perRun = stateCache.get(ctx);
	if (!perRun) stateCache.set(ctx, (perRun = new Map()));
	const key = `${call.connection.apiRoot}|${call.subAccountId}`;
	let pending = perRun.get(key);
	if (!pending) {
		pending = listLeadStates(ctx, call, call.subAccountId);
		perRun.set(key, pending);
		pending.catch(() => perRun.delete(key));
	}
	const known = await pending;
	const canonical = (state: string) => state.trim().toUpperCase().replace(/_/g, '-');
	criteria.leadStates = given.map((state) => {
		const match = known.find((k) => canonical(k) === canonical(String(state)));
		if (!match) {
			throw new NodeOperationError(
				params.getNode(),
				`"Lead States" has an unknown state "${String(state).slice(0, 40)}"`,
				{
					itemIndex: params.itemIndex,
					description: `The API knows these states: ${known.join(', ')}.`,
				},
			);
		}
		return match;
	});
}
