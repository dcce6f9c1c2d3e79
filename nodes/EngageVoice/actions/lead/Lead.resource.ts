import type { INodeProperties } from 'n8n-workflow';

import * as action from './action.operation';
import * as get from './get.operation';
import * as getStates from './getStates.operation';
import * as getSystemDispositions from './getSystemDispositions.operation';
import * as load from './load.operation';
import * as replace from './replace.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export const operations = {
	action: action.execute,
	get: get.execute,
	getStates: getStates.execute,
	getSystemDispositions: getSystemDispositions.execute,
	replace: replace.execute,
	search: search.execute,
	update: update.execute,
};

/** Operations that take all input items at once. */
export const batchOperations = { load: load.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Action',
				value: 'action',
				description:
					'Call back, pause, cancel, reset, delete, move, suppress, … the leads of a campaign that match filters; actions that remove leads from dialing need leads named or an explicit "apply to all"',
				action: 'Perform an action on leads',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Find a lead of a campaign by lead ID, external ID or phone, waiting briefly for a lead just loaded',
				action: 'Get a lead',
			},
			{
				name: 'Get States',
				value: 'getStates',
				description: 'List the lead states of the account (READY, PAUSED, AGENT-CALLBACK, …)',
				action: 'Get lead states',
			},
			{
				name: 'Get System Dispositions',
				value: 'getSystemDispositions',
				description: 'List the system dispositions of dialing passes (ANSWER, BUSY, MACHINE, …)',
				action: 'Get system dispositions',
			},
			{
				name: 'Load',
				value: 'load',
				description:
					'Load contacts into an outbound campaign, many per request; each item says inserted, duplicate or rejected',
				action: 'Load leads into a campaign',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Overwrite a whole lead: fields not given are cleared (use Update to change some fields)',
				action: 'Replace a lead',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Search the leads of one, several or all campaigns by state, disposition, phone, dates, agent and more',
				action: 'Search leads',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a lead, keeping the others',
				action: 'Update a lead',
			},
		],
		default: 'get',
	},
	...action.description,
	...get.description,
	...getStates.description,
	...getSystemDispositions.description,
	...load.description,
	...replace.description,
	...search.description,
	...update.description,
];
