import type { IAllExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listLeadStates } from '../../api/onDemand';
import type { LeadCall } from '../../api/leads';
import { formatLeadDate } from '../../leads/leadDate';
import { phoneKey, phoneKeys } from '../../leads/phone';
import type { ParameterReader } from '../../parameters/reader';
import { byDisplayName } from '../../parameters/properties';
import {
	requireDateInput,
	requireIntegerInRange,
	requireNumericId,
	requireNumericIdList,
	requireOneOf,
} from '../../parameters/validate';

/*
 * Lead search criteria (`CampaignLeadSearchCriteria`, API doc §10.5) as node parameters, shared
 * by Lead › Search and Lead › Action: the Filters collection, its reader, the client-side check of
 * a filter the API may ignore (decision 10) and the lead states in the API's own spelling.
 */

const OPERATORS = [
	{ name: 'Equals', value: 'EQUALS' },
	{ name: 'Greater Than', value: 'GREATER_THAN' },
	{ name: 'Less Than', value: 'LESS_THAN' },
];

/** Lead time-zone names the search takes (old docs, §10.5). */
const LEAD_TIME_ZONES = [
	'ADT',
	'AKDT',
	'AKST',
	'AST',
	'CDT',
	'CST',
	'EDT',
	'EST',
	'HADT',
	'HAST',
	'MDT',
	'MST',
	'NDT',
	'NST',
	'PDT',
	'PMDT',
	'PMST',
	'PST',
	'WSDT',
	'WSST',
];

function textFilter(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', description };
}

function listFilter(name: string, displayName: string, description: string, placeholder: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description: `${description}, separated by commas (an expression may also give an array)`,
	};
}

function timeCondition(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		description,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATORS, default: 'GREATER_THAN' },
					{ displayName: 'Date and Time', name: 'value', type: 'dateTime', default: '' },
				],
			},
		],
	};
}

export const leadFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Leads must match every filter given. Dates without an offset are read in the chosen time zone.',
	options: (<INodeProperties[]>[
		textFilter('address1', 'Address 1', 'Exact first address line'),
		textFilter('address2', 'Address 2', 'Exact second address line'),
		listFilter(
			'agentDispositions',
			'Agent Dispositions',
			'Agent disposition names of the last pass',
			'e.g. Interested, Call Back',
		),
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'string',
			default: '',
			description: 'Agent of the last pass (numeric agent ID)',
		},
		...[1, 2, 3, 4, 5].map((n) => textFilter(`auxData${n}`, `Aux Data ${n}`, `Exact value of custom field ${n}`)),
		textFilter('callerId', 'Caller ID', 'Exact caller ID of the lead'),
		textFilter('city', 'City', 'Exact city'),
		textFilter('emailAddress', 'Email', 'Exact email address'),
		listFilter('externIds', 'External IDs', 'Your IDs of the contacts', 'e.g. crm-10042, crm-10043'),
		textFilter('firstName', 'First Name', 'Exact first name'),
		timeCondition('lastPassTime', 'Last Pass Time', 'When the lead was last dialed'),
		textFilter('lastName', 'Last Name', 'Exact last name'),
		listFilter('leadIds', 'Lead IDs', 'Lead IDs', 'e.g. 100000, 100001'),
		{
			displayName: 'Lead Passes',
			name: 'leadPasses',
			type: 'fixedCollection',
			default: {},
			description: 'How often the lead was dialed',
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATORS, default: 'EQUALS' },
						{ displayName: 'Passes', name: 'value', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
					],
				},
			],
		},
		{
			displayName: 'Lead State Names or IDs',
			name: 'leadStates',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getLeadStates', loadOptionsDependsOn: ['subAccount.value'] },
			default: [],
			description:
				'Lead states as the API lists them (e.g. READY, PAUSED, AGENT-CALLBACK). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Lead Time Zones',
			name: 'leadTimezones',
			type: 'multiOptions',
			options: LEAD_TIME_ZONES.map((zone) => ({ name: zone, value: zone })),
			default: [],
			description: 'Time zones the API assigned to the leads',
		},
		listFilter('listIds', 'List IDs', 'Lead list IDs', 'e.g. 2222, 2223'),
		{
			displayName: 'Loaded After',
			name: 'loadedDtsStart',
			type: 'dateTime',
			default: '',
			description: 'Loaded at or after this time',
		},
		{
			displayName: 'Loaded Before',
			name: 'loadedDtsEnd',
			type: 'dateTime',
			default: '',
			description: 'Loaded at or before this time',
		},
		timeCondition('nextDialTime', 'Next Dial Time', 'When the lead is due to be dialed next'),
		{
			displayName: 'Orphaned Leads Only',
			name: 'orphanedLeadsOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to match only leads that belong to no list',
		},
		{
			displayName: 'Pending Agent ID',
			name: 'pendingAgentId',
			type: 'string',
			default: '',
			description: 'Agent the lead is reserved for or has a callback with (numeric agent ID)',
		},
		listFilter('leadPhoneNumbers', 'Phone Numbers', 'Phone numbers of the leads', 'e.g. 4155550100, 4155550101'),
		listFilter('physicalStates', 'Physical States', 'US states or Canadian provinces', 'e.g. CA, NY'),
		{
			displayName: 'Suppressed',
			name: 'suppressed',
			type: 'options',
			default: 'ALL',
			description: 'Whether to match suppressed leads',
			options: [
				{ name: 'All', value: 'ALL' },
				{ name: 'Only Suppressed', value: 'ONLY_SUPPRESSED' },
				{ name: 'Only Unsuppressed', value: 'ONLY_UNSUPPRESSED' },
			],
		},
		{
			displayName: 'System Disposition Names or IDs',
			name: 'systemDispositions',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getSystemDispositions', loadOptionsDependsOn: ['subAccount.value'] },
			default: [],
			description:
				'System dispositions of the last pass (e.g. ANSWER, BUSY). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		textFilter('zip', 'Zip', 'Exact postal code'),
	]).sort(byDisplayName),
};

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
