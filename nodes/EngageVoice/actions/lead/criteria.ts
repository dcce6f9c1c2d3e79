import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName } from '../../parameters/properties';

/*
 * Lead search criteria (`CampaignLeadSearchCriteria`, API doc §10.5) as node parameters, shared
 * by Lead › Search and Lead › Action: the Filters collection. Reading it is ./criteriaReader.ts.
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
