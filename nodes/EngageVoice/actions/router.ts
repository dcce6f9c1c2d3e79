import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { EngageConnection, TransportOptions } from '../transport';
import { getConnection, redactEmittedError, transportOptionsFrom } from '../transport';
import type { OperationContext } from './operationContext';
import { operations } from './operations';
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

/** The per-item loop: dispatch, pairedItem, continueOnFail (incl. the error output). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
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
				const cause = error instanceof PartialResultError ? error.cause : error;
				returnData.push({
					json: { error: cause.message, ...(cause.description ? { details: cause.description } : {}) },
					error: cause,
					pairedItem: { item: i },
				});
				continue;
			}
			const nodeError = error instanceof PartialResultError ? error.cause : error;
			if (nodeError instanceof NodeApiError || nodeError instanceof NodeOperationError) {
				if (nodeError.context) nodeError.context.itemIndex ??= i;
				throw nodeError;
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [returnData];
}
