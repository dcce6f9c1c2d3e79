import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Ids are checked before any request is sent, so a typo fails with the parameter's name rather
 * than with whatever the API makes of it.
 */
export function requireNumericId(
	ctx: IExecuteFunctions,
	value: unknown,
	parameterName: string,
	itemIndex: number,
): string {
	const raw =
		value && typeof value === 'object' && 'value' in (value as INodeParameterResourceLocator)
			? (value as INodeParameterResourceLocator).value
			: value;
	const id = String(raw ?? '').trim();
	if (!id) {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" is empty`, {
			itemIndex,
			description: `Pick a value from the list or enter the numeric ID in "${parameterName}".`,
		});
	}
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" must be a numeric ID, got "${id.slice(0, 40)}"`, {
			itemIndex,
			description: `Engage Voice ids are numbers (e.g. 99990001). Remove any slash, space or name from "${parameterName}".`,
		});
	}
	return id;
}

export function numericIdParameter(
	ctx: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	return requireNumericId(ctx, ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: true }), displayName, itemIndex);
}
