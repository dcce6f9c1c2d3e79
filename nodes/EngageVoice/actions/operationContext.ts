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

/** What the router hands an operation that takes all input items at once (Lead › Load). */
export interface BatchContext {
	itemCount: number;
	connection: EngageConnection;
	/** The transport settings of one item (its Options). */
	transport(itemIndex: number): TransportOptions;
	continueOnFail: boolean;
	/** The error item the router would emit for this input item (continueOnFail). */
	errorItem(error: Error, itemIndex: number): INodeExecutionData;
}

/**
 * An operation over all input items: it returns every output item with its pairedItem, error items
 * included when `continueOnFail`, and throws otherwise.
 */
export type BatchOperationHandler = (this: IExecuteFunctions, context: BatchContext) => Promise<INodeExecutionData[]>;
