import { ReportParseError } from '../errors';
import type { ParseReportOptions } from './types';

/**
 * JSON report bodies: CX answers and classic v2 metadata are arrays of rows (§5.3–§5.7). An
 * envelope such as `{ data: [...] }` is unwrapped too, in case a gateway or a future version adds
 * one. Values keep their JSON types; the normaliser converts them.
 */

export type JsonRecord = Record<string, unknown>;

const ENVELOPE_KEYS = ['data', 'records', 'rows', 'items', 'results', 'content'];

function isObject(value: unknown): value is JsonRecord {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lineAt(text: string, position: number): number {
	return text.slice(0, position).split('\n').length;
}

function syntaxError(text: string, error: unknown, windowLabel: string): ReportParseError {
	const message = error instanceof Error ? error.message : String(error);
	const lineMatch = /line (\d+)/.exec(message);
	const positionMatch = /position (\d+)/.exec(message);
	const line = lineMatch
		? Number(lineMatch[1])
		: positionMatch
			? lineAt(text, Number(positionMatch[1]))
			: undefined;
	return new ReportParseError(
		`The JSON report of window ${windowLabel} is malformed${line ? ` at line ${line}` : ''}: ${message}`,
		{ format: 'json', windowLabel, line },
	);
}

function rowsOf(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (!isObject(value)) return undefined;
	for (const key of ENVELOPE_KEYS) {
		if (Array.isArray(value[key])) return value[key] as unknown[];
	}
	const arrays = Object.values(value).filter(Array.isArray);
	return arrays.length === 1 ? (arrays[0] as unknown[]) : undefined;
}

/** Rows of a JSON body, given as text or already parsed (the HTTP helper may have parsed it). */
export function parseJsonReport(body: unknown, options: ParseReportOptions): JsonRecord[] {
	let value = body;
	if (typeof body === 'string') {
		const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
		if (text.trim() === '') return [];
		try {
			value = JSON.parse(text) as unknown;
		} catch (error) {
			throw syntaxError(text, error, options.windowLabel);
		}
	}
	if (value === null || value === undefined) return [];
	const rows = rowsOf(value);
	if (!rows) {
		throw new ReportParseError(
			`The JSON report of window ${options.windowLabel} is not a list of rows (expected an array, or an object holding one)`,
			{ format: 'json', windowLabel: options.windowLabel },
		);
	}
	const bad = rows.findIndex((row) => !isObject(row));
	if (bad >= 0) {
		throw new ReportParseError(
			`The JSON report of window ${options.windowLabel} has a row that is not an object (row ${bad + 1})`,
			{ format: 'json', windowLabel: options.windowLabel },
		);
	}
	return rows as JsonRecord[];
}
