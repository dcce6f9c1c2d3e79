import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import type { OperationContext } from '../operationContext';
import type { ReportOperation } from './properties';
import { reportProperties } from './properties';

/*
 * Queue statistics: per queue and interval, offered, answered and abandoned calls, wait, talk and
 * wrap-up time, service level (API doc §5.4). The API returns every queue; Queue IDs filters them.
 */
const operation: ReportOperation = {
	report: 'queueStats',
	familyText:
		'RingCX (CX) asks agg-queue-stats (JSON); Classic asks the v1 aggQueueStats file report (CSV or XML). Rows come out in the same shape',
	filters: ['queue'],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['queueStats'] } },
	reportProperties(operation),
);

export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const { executeReport } = await import('./execute'); // loads on first use, not with the description
	return await executeReport.call(this, context, operation);
}
