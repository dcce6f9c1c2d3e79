import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationContext } from '../router';
import { executeReport, reportProperties } from './common';

/** Agent statistics per agent and interval, over any date range (parameters and execute in ./common). */
export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['agentStats'] } },
	reportProperties('agentStats'),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	return await executeReport.call(this, context, 'agentStats');
}
