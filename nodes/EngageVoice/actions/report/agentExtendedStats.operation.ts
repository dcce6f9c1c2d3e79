import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import type { OperationContext } from '../operationContext';
import type { ReportOperation } from './properties';
import { reportProperties } from './properties';

/*
 * Agent extended statistics: per agent, queue and interval, handle time, after-call work, answered
 * and transferred calls (API doc §5.3).
 */
const operation: ReportOperation = {
	report: 'agentExtendedStats',
	familyText:
		'RingCX (CX) asks agg-agent-extended-stats (JSON); Classic asks the v1 aggAgentExtendedStats file report (CSV or XML). Rows come out in the same shape',
	filters: ['queue', 'agentId'],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['agentExtendedStats'] } },
	reportProperties(operation),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const { executeReport } = await import('./execute'); // loads on first use, not with the description
	return await executeReport.call(this, context, operation);
}
