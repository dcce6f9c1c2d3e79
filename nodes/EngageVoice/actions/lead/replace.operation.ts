import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { campaignLocator, subAccountLocator } from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { leadIdProperty } from './common';
import { extendedLeadDataProperty, externIdProperty, leadFieldsCollection, phoneProperty } from './leadFields';
import { writeOptions } from './write';

const properties: INodeProperties[] = [
	{
		displayName:
			'Replace overwrites the whole lead: every field not given below is cleared (names, address, custom fields, extended data, reservation). To change some fields only, use Update.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
	},
	subAccountLocator,
	campaignLocator,
	leadIdProperty,
	{ ...phoneProperty, required: true },
	externIdProperty,
	leadFieldsCollection(
		'additionalFields',
		'Additional Fields',
		'Every field of the lead besides phone and external ID; what is not given here is cleared',
		['leadPhone', 'externId'],
	),
	extendedLeadDataProperty,
	writeOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['replace'] } }, properties);

/**
 * `PUT …/campaignLeads/{leadId}` (decision 11): the lead becomes exactly what is sent. Phone and
 * external ID are required so that a replace cannot clear them by accident.
 */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start
	const { readLeadFields, readLeadIdentity, requireLeadIdentity } = await import('./leadFieldsReader');
	const { writeLeadFromParameters } = await import('./writeFromParameters');
	return await writeLeadFromParameters(this, context, 'PUT', (params) => {
		const lead = { ...readLeadFields(params, 'additionalFields', 'omit'), ...readLeadIdentity(params) };
		requireLeadIdentity(params, lead);
		return lead;
	});
}
