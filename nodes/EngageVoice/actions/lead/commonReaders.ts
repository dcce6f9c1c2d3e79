import type { IDataObject } from 'n8n-workflow';

import type { LeadCall } from '../../api/leads';
import type { ParameterReader } from '../../parameters/reader';
import { requireIntegerInRange, requireNumericId } from '../../parameters/validate';
import type { OperationContext } from '../operationContext';

/*
 * What the Lead operations share at run time besides lead fields and criteria: the campaign, lead
 * ID and page size read and checked, and the call's context. Apart from ./common.ts because n8n
 * loads descriptions at start: the operations load this on their first run.
 */

export function leadCall(
	context: Pick<OperationContext, 'connection' | 'itemIndex' | 'transport'>,
	subAccountId: string,
): LeadCall {
	return { connection: context.connection, itemIndex: context.itemIndex, transport: context.transport, subAccountId };
}

export function readCampaignId(params: ParameterReader, name = 'campaign', displayName = 'Campaign'): string {
	return requireNumericId(params, params.get(name, '', { extractValue: true }), displayName, params.itemIndex);
}

export function readLeadId(params: ParameterReader): string {
	return requireNumericId(params, params.get('leadId', ''), 'Lead ID', params.itemIndex);
}

export function readPageSize(params: ParameterReader, options: IDataObject): number {
	return requireIntegerInRange(params, options.pageSize ?? 100, 'Page Size', 1, 1000, params.itemIndex);
}
