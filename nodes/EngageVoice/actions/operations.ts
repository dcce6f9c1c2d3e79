import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationContext } from './router';
import * as subAccount from './subAccount/SubAccount.resource';

export type OperationHandler = (this: IExecuteFunctions, context: OperationContext) => Promise<INodeExecutionData[]>;

/** resource → operation → execute; the router looks operations up here. */
export const operations: Record<string, Record<string, OperationHandler>> = {
	subAccount: subAccount.operations,
};
