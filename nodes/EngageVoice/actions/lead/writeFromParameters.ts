import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { writeLead } from '../../api/onDemand';
import { readSubAccountId } from '../../parameters/common';
import type { ParameterReader } from '../../parameters/reader';
import { itemParameters } from '../../parameters/reader';
import { optionalNumericId, requireOneOf } from '../../parameters/validate';
import type { OperationContext } from '../operationContext';
import { leadCall, readCampaignId, readLeadId } from './commonReaders';

/*
 * What Update (PATCH) and Replace (PUT) of one lead share at run time (API doc §10.6, decision 11).
 * Apart from their options (./write.ts) because n8n loads descriptions at start: the operations
 * load this on their first run.
 */

const TIME_ZONE_OPTIONS = ['NPA_NXX', 'ZIPCODE', 'EXPLICIT', 'NOT_APPLICABLE'] as const;

/**
 * Sends the lead `body` with PATCH or PUT (campaignId is a required query parameter) and returns
 * the lead the API answers, or, for a 2xx without a body, what was sent.
 */
export async function writeLeadFromParameters(
	ctx: IExecuteFunctions,
	context: OperationContext,
	method: 'PATCH' | 'PUT',
	readBody: (params: ParameterReader) => IDataObject,
): Promise<INodeExecutionData[]> {
	const params = itemParameters(ctx, context.itemIndex);
	const i = context.itemIndex;
	const subAccountId = readSubAccountId(params);
	const campaignId = readCampaignId(params);
	const leadId = readLeadId(params);
	const body = readBody(params);
	const options = params.get<IDataObject>('options', {}) ?? {};
	const query: IDataObject = { campaignId: Number(campaignId) };
	const listId = optionalNumericId(params, options.listId, 'Move to List ID', i);
	if (listId) query.listId = Number(listId);
	if (options.timezoneOption !== undefined) {
		query.timezoneOption = requireOneOf(params, options.timezoneOption, 'Recompute Time Zone', TIME_ZONE_OPTIONS, i);
	}
	const lead = await writeLead(ctx, leadCall(context, subAccountId), method, leadId, query, body);
	if (lead) return [{ json: lead }];
	return [
		{
			json: {
				leadId: Number(leadId),
				campaignId: Number(campaignId),
				[method === 'PATCH' ? 'updated' : 'replaced']: true,
				sent: body,
				note: 'The API answered without a body; "sent" holds the fields the node sent.',
			},
		},
	];
}
