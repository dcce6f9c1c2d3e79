import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import type { OperationContext } from '../operationContext';
import type { ReportOperation } from './properties';
import { reportProperties } from './properties';

/*
 * Agent statistics: per agent and interval, available, working, paused, waiting and admin time and
 * direct calls (API doc §5.5).
 */
const operation: ReportOperation = {
	report: 'agentStats',
	familyText:
		'RingCX (CX) asks agg-agent-stats (JSON); Classic asks the v1 aggAgentStats file report (CSV or XML). Rows come out in the same shape',
	filters: ['agentId'],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['agentStats'] } },
	reportProperties(operation),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const { executeReport } = await import('./execute'); // loads on first use, not with the description
	return await executeReport.call(this, context, operation);
}
