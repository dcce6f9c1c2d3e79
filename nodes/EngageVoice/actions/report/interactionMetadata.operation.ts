import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import type { OperationContext } from '../operationContext';
import type { ReportOperation } from './properties';
import { reportProperties } from './properties';

/*
 * Interaction metadata: one row per agent segment of each call or chat, over windows of up to an
 * hour (API doc §5.7); no row filters, Return All / Limit instead.
 */
const operation: ReportOperation = {
	report: 'interactionMetadata',
	familyText:
		'RingCX (CX) asks interaction-metadata; Classic asks the v2 interactionMetadata report (voice only). Rows come out in the same shape',
	filters: [],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['interactionMetadata'] } },
	reportProperties(operation),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const { executeReport } = await import('./execute'); // loads on first use, not with the description
	return await executeReport.call(this, context, operation);
}
