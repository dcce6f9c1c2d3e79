import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { EngageConnection, TransportOptions } from '../transport';
import { connectionSecrets, getConnection, redactEmittedError, redactError, transportOptionsFrom } from '../transport';
import type { BatchContext, BatchOperationHandler, OperationContext } from './operationContext';
import { batchOperations, operations } from './operations';
import { PartialResultError } from './partialResult';

function optionalParameter<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	try {
		return ctx.getNodeParameter(name, itemIndex, fallback) as T;
	} catch {
		return fallback;
	}
}

/** Budget and retry settings from the operation's Options, when it offers them. */
function transportOptions(ctx: IExecuteFunctions, itemIndex: number): TransportOptions {
	return transportOptionsFrom(optionalParameter<IDataObject>(ctx, 'options', itemIndex, {}));
}

/** The item continueOnFail emits for a failed input item (the error output, or the main output). */
function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, ...(error.description ? { details: error.description } : {}) },
		error: error as NodeApiError | NodeOperationError,
		pairedItem: { item: itemIndex },
	};
}

/** An error as the node throws it: n8n's error types keep their item index. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** An operation that takes every input item at once (e.g. Lead › Load, which batches them). */
async function runBatch(this: IExecuteFunctions, handler: BatchOperationHandler) {
	const itemCount = this.getInputData().length;
	let connection: EngageConnection;
	try {
		connection = await getConnection(this);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this, error, 0);
		return [Array.from({ length: itemCount }, (_, i) => errorItem(error as Error, i))];
	}
	const context: BatchContext = {
		itemCount,
		connection,
		transport: (i) => transportOptions(this, i),
		continueOnFail: this.continueOnFail(),
		errorItem: (error, i) => errorItem(asNodeError(this, error, i), i),
	};
	let output: INodeExecutionData[];
	try {
		output = await handler.call(this, context);
	} catch (error) {
		await redactEmittedError(this, error, connection);
		throw asNodeError(this, error, 0);
	}
	// the same last net as the per-item loop: no error item carries a secret
	if (output.some((item) => item.error)) {
		const secrets = await connectionSecrets(this, connection);
		for (const item of output) {
			if (!item.error) continue;
			redactError(item.error, secrets);
			item.json = redactError(item.json, secrets);
		}
	}
	return [output];
}

/** The per-item loop: dispatch, pairedItem, continueOnFail (incl. the error output). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const batchHandler = batchOperations[resource]?.[operation];
	if (batchHandler) return await runBatch.call(this, batchHandler);
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	let connection: EngageConnection | undefined;

	for (let i = 0; i < items.length; i++) {
		try {
			connection ??= await getConnection(this);
			const context: OperationContext = {
				itemIndex: i,
				connection,
				transport: transportOptions(this, i),
				fail: (message, description) => {
					throw new NodeOperationError(this.getNode(), message, { itemIndex: i, description });
				},
				limitItems: (list) => {
					const returnAll = optionalParameter(this, 'returnAll', i, true);
					return returnAll ? list : list.slice(0, optionalParameter(this, 'limit', i, 50));
				},
			};
			const output = await handler.call(this, context);
			for (const item of output) returnData.push({ ...item, pairedItem: { item: i } });
		} catch (error) {
			// nothing reaches an error item, the execution or a log with a secret in it
			await redactEmittedError(this, error instanceof PartialResultError ? error.cause : error, connection);
			if (this.continueOnFail()) {
				if (error instanceof PartialResultError) {
					for (const item of error.items) returnData.push({ ...item, pairedItem: { item: i } });
				}
				returnData.push(errorItem(error instanceof PartialResultError ? error.cause : error, i));
				continue;
			}
			throw asNodeError(this, error instanceof PartialResultError ? error.cause : error, i);
		}
	}
	return [returnData];
}
