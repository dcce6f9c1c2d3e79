import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, subAccountLocator, timeZone } from '../../parameters/properties';

/*
 * The parameters the Lead operations share besides lead fields and criteria: lead ID, time zone,
 * paging. Reading them is ./commonReaders.ts.
 */

export const leadIdProperty: INodeProperties = {
	displayName: 'Lead ID',
	name: 'leadId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 100000',
	description: 'The lead ID RingCX assigned (from Lead › Get or Search; a load does not return it)',
};

/** The zone dates without an offset are read in (filters, callbacks); the API gets them in UTC. */
export const leadTimeZone: INodeProperties = {
	...timeZone,
	description:
		'Dates and times without an offset are read in this zone and sent to the API in UTC; by default the workflow\'s time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 100,
	description: 'Leads asked for per search request (maxRows); the node reads page after page',
};

/** The parameters of the two enum lists (Get States, Get System Dispositions). */
export const enumListProperties: INodeProperties[] = [subAccountLocator, optionsCollection()];
