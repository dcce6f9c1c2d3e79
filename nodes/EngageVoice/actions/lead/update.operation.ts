import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { campaignLocator, subAccountLocator } from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { leadIdProperty } from './common';
import { extendedLeadDataProperty, leadFieldsCollection } from './leadFields';
import { writeOptions } from './write';

const properties: INodeProperties[] = [
	subAccountLocator,
	campaignLocator,
	leadIdProperty,
	leadFieldsCollection('updateFields', 'Update Fields', 'Only these fields change; a text field left empty is cleared'),
	extendedLeadDataProperty,
	writeOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, properties);

/** `PATCH …/campaignLeads/{leadId}` (decision 11): only the fields given change. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start
	const { readLeadFields } = await import('./leadFieldsReader');
	const { writeLeadFromParameters } = await import('./writeFromParameters');
	return await writeLeadFromParameters(this, context, 'PATCH', (params) => {
		const body = readLeadFields(params, 'updateFields', 'clear');
		if (!Object.keys(body).length) {
			context.fail('Nothing to update', 'Add at least one field under "Update Fields" or "Extended Lead Data".');
		}
		return body;
	});
}
