import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationContext } from '../router';
import { executeReport, reportProperties } from './common';

/** Interaction (agent segment) metadata: one row per agent segment, over any date range (parameters and execute in ./common). */
export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['interactionMetadata'] } },
	reportProperties('interactionMetadata'),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	return await executeReport.call(this, context, 'interactionMetadata');
}
