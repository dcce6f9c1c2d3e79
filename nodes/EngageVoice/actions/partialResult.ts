import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Thrown by an operation that produced some items before failing (e.g. report windows that
 * succeeded before one failed): with "continue on fail" the router keeps those items.
 */
export class PartialResultError extends NodeOperationError {
	constructor(
		readonly cause: NodeApiError | NodeOperationError,
		readonly items: INodeExecutionData[],
	) {
		// The message, not the cause itself: NodeOperationError's constructor returns a
		// NodeOperationError it is given, and this object (with the items) would be lost.
		super(cause.node, cause.message, { itemIndex: (cause.context?.itemIndex as number | undefined) ?? undefined });
		this.message = cause.message;
		this.description = cause.description;
	}
}
