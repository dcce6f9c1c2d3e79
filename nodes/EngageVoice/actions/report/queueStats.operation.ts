import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationContext } from '../router';
import { executeReport, reportProperties } from './common';

/** Queue statistics per queue and interval, over any date range (parameters and execute in ./common). */
export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['queueStats'] } },
	reportProperties('queueStats'),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	return await executeReport.call(this, context, 'queueStats');
}
