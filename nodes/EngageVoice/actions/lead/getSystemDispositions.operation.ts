import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { listSystemDispositions } from '../../api/onDemand';
import type { OperationContext } from '../operationContext';
import { enumListProperties } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getSystemDispositions'] } },
	enumListProperties,
);

/** `GET …/campaignLeads/systemDispositions`: one item per system disposition (ANSWER, BUSY, …). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId } = await import('../../parameters/common');
	const subAccountId = readSubAccountId(itemParameters(this, context.itemIndex));
	return (await listSystemDispositions(this, context, subAccountId)).map((systemDisposition) => ({
		json: { systemDisposition },
	}));
}
