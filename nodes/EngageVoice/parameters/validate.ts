import type { IExecuteFunctions, INode, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseDateInput } from '../reports/dateInput';
import { canonicalTimeZone } from '../reports/timeZone';

/** Any n8n context that knows its node: the action node, the trigger, a list search. */
export interface NodeContext {
	getNode(): INode;
}

/*
 * Ids are checked before any request is sent, so a typo fails with the parameter's name rather
 * than with whatever the API makes of it.
 */
export function requireNumericId(ctx: NodeContext, value: unknown, parameterName: string, itemIndex?: number): string {
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
	return requireNumericId(
		ctx,
		ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: true }),
		displayName,
		itemIndex,
	);
}

/** An optional numeric id (e.g. an override in Options): empty → undefined. */
export function optionalNumericId(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	itemIndex?: number,
): string | undefined {
	const text = String(value ?? '').trim();
	return text ? requireNumericId(ctx, text, parameterName, itemIndex) : undefined;
}

/**
 * Several numeric ids, given as a list (array from an expression) or as text separated by commas,
 * semicolons or spaces; duplicates are dropped, order kept.
 */
export function requireNumericIdList(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	itemIndex?: number,
): string[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(/[,;\s]+/))
		.map((part) => String(part ?? '').trim())
		.filter(Boolean);
	if (!parts.length) {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" is empty`, {
			itemIndex,
			description: `Enter one or more numeric IDs in "${parameterName}", separated by commas (e.g. 1009, 1010).`,
		});
	}
	return [...new Set(parts.map((part) => requireNumericId(ctx, part, parameterName, itemIndex)))];
}

/** A choice parameter whose value may come from an expression or an edited workflow file. */
export function requireOneOf<T extends string>(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	allowed: readonly T[],
	itemIndex?: number,
): T {
	const text = String(value ?? '');
	if (!(allowed as readonly string[]).includes(text)) {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" has an unknown value "${text.slice(0, 40)}"`, {
			itemIndex,
			description: `Choose one of: ${allowed.join(', ')}.`,
		});
	}
	return text as T;
}

/**
 * A tz name the runtime knows (`US/Eastern`, `Europe/Berlin`, `UTC`), in the spelling the API
 * expects: whatever case it was typed in, the canonical name is what goes out.
 */
export function requireTimeZone(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	itemIndex?: number,
): string {
	const zone = String(value ?? '').trim();
	const canonical = canonicalTimeZone(zone);
	if (!canonical) {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" is not a known time zone: "${zone.slice(0, 60)}"`, {
			itemIndex,
			description: `Pick a time zone from the list, or enter a tz name such as US/Eastern or Europe/Berlin.`,
		});
	}
	return canonical;
}

/** A start or end of a report range → instant (ms); see reports/dateInput.ts for what is read. */
export function requireDateInput(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	timeZone: string,
	itemIndex?: number,
): number {
	const shown = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (value === undefined || value === null || shown === '') {
		throw new NodeOperationError(ctx.getNode(), `"${parameterName}" is empty`, {
			itemIndex,
			description: `Choose a date and time for "${parameterName}", e.g. 2026-03-02T09:00:00.`,
		});
	}
	const ms = parseDateInput(value, timeZone);
	if (ms === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${parameterName}" is not a valid date and time: "${shown.slice(0, 60)}"`,
			{
				itemIndex,
				description: `Use a date and time such as 2026-03-02T09:00:00 (read in the chosen time zone, ${timeZone}) or with an offset such as 2026-03-02T09:00:00-05:00.`,
			},
		);
	}
	return ms;
}

/** A whole number within [min, max] (numbers from expressions may arrive as text). */
export function requireIntegerInRange(
	ctx: NodeContext,
	value: unknown,
	parameterName: string,
	min: number,
	max: number,
	itemIndex?: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${parameterName}" must be a whole number from ${min} to ${max}, got "${String(value).slice(0, 40)}"`,
			{ itemIndex, description: `Enter a value from ${min} to ${max} in "${parameterName}".` },
		);
	}
	return number;
}
