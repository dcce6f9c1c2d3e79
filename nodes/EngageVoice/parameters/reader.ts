import type { IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

/*
 * One way to read a node's parameters, whatever n8n context runs the code: an operation (per input
 * item), a poll or webhook (no items), a dropdown or list search (the parameters being edited). The
 * readers in ./common.ts and every validator work on this, so the action node and the triggers
 * share one parameter layer.
 */
export interface ParameterReader {
	getNode(): INode;
	/** The input item, for operations; errors carry it. */
	readonly itemIndex?: number;
	/** The parameter's value (expressions resolved), or `fallback` when it is not set. */
	get<T>(name: string, fallback: T, options?: { extractValue?: boolean }): T;
	/** The workflow's time zone. */
	workflowTimeZone(): string;
}

/** The parameters of one input item of an operation. */
export function itemParameters(ctx: IExecuteFunctions, itemIndex: number): ParameterReader {
	return {
		getNode: () => ctx.getNode(),
		itemIndex,
		get: <T>(name: string, fallback: T, options?: { extractValue?: boolean }) =>
			ctx.getNodeParameter(name, itemIndex, fallback as never, options) as T,
		workflowTimeZone: () => ctx.getTimezone(),
	};
}

/** Contexts without input items: polls, webhooks, activation hooks. */
interface ItemlessContext {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown, options?: { extractValue?: boolean }): unknown;
	getTimezone(): string;
}

/** The parameters of a trigger (poll, webhook or its activation hooks). */
export function nodeParameters(ctx: ItemlessContext): ParameterReader {
	return {
		getNode: () => ctx.getNode(),
		get: <T>(name: string, fallback: T, options?: { extractValue?: boolean }) =>
			ctx.getNodeParameter(name, fallback, options) as T,
		workflowTimeZone: () => ctx.getTimezone(),
	};
}

/** The parameters being edited, for dropdowns and list searches (unset or unresolvable → fallback). */
export function editedParameters(ctx: ILoadOptionsFunctions): ParameterReader {
	return {
		getNode: () => ctx.getNode(),
		get: <T>(name: string, fallback: T, options?: { extractValue?: boolean }) => {
			try {
				const value = ctx.getCurrentNodeParameter(name, options);
				return (value === undefined ? fallback : value) as T;
			} catch {
				// a half-typed expression in the editor: the list falls back rather than failing
				return fallback;
			}
		},
		workflowTimeZone: () => ctx.getTimezone(),
	};
}
