import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LeadCall } from '../../api/leads';
import { optionsCollection, subAccountLocator, timeZone } from '../../parameters/properties';
import type { ParameterReader } from '../../parameters/reader';
import { requireIntegerInRange, requireNumericId } from '../../parameters/validate';
import type { OperationContext } from '../operationContext';

/* What the Lead operations share besides lead fields and criteria: campaign, time zone, paging. */

export function leadCall(
	context: Pick<OperationContext, 'connection' | 'itemIndex' | 'transport'>,
	subAccountId: string,
): LeadCall {
	return { connection: context.connection, itemIndex: context.itemIndex, transport: context.transport, subAccountId };
}

export function readCampaignId(params: ParameterReader, name = 'campaign', displayName = 'Campaign'): string {
	return requireNumericId(params, params.get(name, '', { extractValue: true }), displayName, params.itemIndex);
}

export const leadIdProperty: INodeProperties = {
	displayName: 'Lead ID',
	name: 'leadId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 100000',
	description: 'The lead ID RingCX assigned (from Lead › Get or Search; a load does not return it)',
};

export function readLeadId(params: ParameterReader): string {
	return requireNumericId(params, params.get('leadId', ''), 'Lead ID', params.itemIndex);
}

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

export function readPageSize(params: ParameterReader, options: IDataObject): number {
	return requireIntegerInRange(params, options.pageSize ?? 100, 'Page Size', 1, 1000, params.itemIndex);
}

/** The parameters of the two enum lists (Get States, Get System Dispositions). */
export const enumListProperties: INodeProperties[] = [subAccountLocator, optionsCollection()];
