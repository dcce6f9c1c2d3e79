import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EngageConnection, TransportOptions } from '../transport';

/** What the router hands each operation for one input item. */
export interface OperationContext {
	itemIndex: number;
	connection: EngageConnection;
	transport: TransportOptions;
	/** Throws a NodeOperationError for this item (bad input, found before any request). */
	fail(message: string, description: string): never;
	/** Applies Return All / Limit, when the operation has them. */
	limitItems<T>(items: T[]): T[];
}

/** An operation's execute: one input item in, its output items out (the router adds pairedItem). */
export type OperationHandler = (this: IExecuteFunctions, context: OperationContext) => Promise<INodeExecutionData[]>;
