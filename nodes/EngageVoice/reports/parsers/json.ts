import { fieldTooLarge, ReportParseError } from '../errors';
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

/**
 * V8's JSON.parse messages quote up to ten characters around the error (`Unexpected token 'x',
 * "…"... is not valid JSON`), which could be part of a token: the quote is left out.
 */
function withoutQuote(message: string): string {
	return message.replace(/^(Unexpected token .*?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '$1');
}

function syntaxError(text: string, error: unknown, windowLabel: string): ReportParseError {
	const message = withoutQuote(error instanceof Error ? error.message : String(error));
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

/**
 * How the rows were found: a bare array, under a known envelope key, as the only array of an
 * object (a guess), or nowhere (null or no body).
 */
export type JsonRowsFound = 'array' | 'envelope' | 'guessed' | 'none';

function rowsOf(value: unknown): { rows: unknown[]; found: JsonRowsFound } | undefined {
	if (Array.isArray(value)) return { rows: value, found: 'array' };
	if (!isObject(value)) return undefined;
	for (const key of ENVELOPE_KEYS) {
		if (Array.isArray(value[key])) return { rows: value[key] as unknown[], found: 'envelope' };
	}
	const arrays = Object.values(value).filter(Array.isArray);
	return arrays.length === 1 ? { rows: arrays[0] as unknown[], found: 'guessed' } : undefined;
}

export interface JsonReport {
	rows: JsonRecord[];
	found: JsonRowsFound;
}

/** Rows of a JSON body and how they were found; given as text or already parsed. */
export function readJsonReport(body: unknown, options: ParseReportOptions): JsonReport {
	let value = body;
	if (typeof body === 'string') {
		const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
		if (text.trim() === '') return { rows: [], found: 'none' };
		try {
			value = JSON.parse(text) as unknown;
		} catch (error) {
			throw syntaxError(text, error, options.windowLabel);
		}
	}
	if (value === null || value === undefined) return { rows: [], found: 'none' };
	const found = rowsOf(value);
	if (!found) {
		throw new ReportParseError(
			`The JSON report of window ${options.windowLabel} is not a list of rows (expected an array, or an object holding one)`,
			{ format: 'json', windowLabel: options.windowLabel },
		);
	}
	const bad = found.rows.findIndex((row) => !isObject(row));
	if (bad >= 0) {
		throw new ReportParseError(
			`The JSON report of window ${options.windowLabel} has a row that is not an object (row ${bad + 1})`,
			{ format: 'json', windowLabel: options.windowLabel },
		);
	}
	const rows = found.rows as JsonRecord[];
	const max = options.maxFieldChars;
	if (max !== undefined) {
		for (let r = 0; r < rows.length; r++) {
			const chars = longestString(rows[r], 0);
			if (chars > max) throw fieldTooLarge('json', options.windowLabel, chars, max, { row: r + 1 });
		}
	}
	return { rows, found: found.found };
}

/** The longest string in a row (names too), its nested values (segmentEvents) included. */
function longestString(value: unknown, depth: number): number {
	if (typeof value === 'string') return value.length;
	if (value === null || typeof value !== 'object' || depth > 4) return 0;
	let longest = 0;
	if (Array.isArray(value)) {
		for (const item of value) longest = Math.max(longest, longestString(item, depth + 1));
		return longest;
	}
	for (const [name, item] of Object.entries(value)) {
		longest = Math.max(longest, name.length, longestString(item, depth + 1));
	}
	return longest;
}

/** Rows of a JSON body, given as text or already parsed (the HTTP helper may have parsed it). */
export function parseJsonReport(body: unknown, options: ParseReportOptions): JsonRecord[] {
	return readJsonReport(body, options).rows;
}
