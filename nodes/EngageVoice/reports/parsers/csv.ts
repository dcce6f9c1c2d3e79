import { ReportParseError } from '../errors';
import { papaparse } from './libraries';
import type { ParseReportOptions, ReportRecord } from './types';

/**
 * Classic CSV report files (API doc §5.6). The header is the first row; delimiter and quoting
 * are undocumented, so the delimiter is detected from the header (comma, semicolon, tab, pipe)
 * and quoting follows RFC 4180 (quoted delimiters and newlines, `""` escapes). A BOM, CRLF and
 * blank lines are tolerated; anything else malformed throws, naming the window and the first
 * bad line, because a shifted column would silently put numbers in the wrong fields.
 */

const DELIMITERS = [',', ';', '\t', '|'] as const;

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first physical record (quote-aware, though headers rarely quote newlines). */
function headerLine(text: string): string {
	let inQuotes = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (char === '\n' || char === '\r')) return text.slice(0, i);
	}
	return text;
}

/** The candidate that occurs most often outside quotes in the header; comma on a tie or none. */
export function detectDelimiter(header: string): string {
	const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
	let inQuotes = false;
	for (const char of header) {
		if (char === '"') inQuotes = !inQuotes;
		else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
	}
	let best: string = DELIMITERS[0];
	for (const delimiter of DELIMITERS) {
		if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
	}
	return best;
}

/** 1-based line on which record `recordIndex` (0 = header) starts. Only used to word errors. */
function lineOfRecord(text: string, recordIndex: number, linebreak: string): number {
	let line = 1;
	let record = 0;
	let inQuotes = false;
	for (let i = 0; i < text.length && record < recordIndex; i++) {
		if (text[i] === '"') {
			inQuotes = !inQuotes;
		} else if (text.startsWith(linebreak, i)) {
			line++;
			if (!inQuotes) record++;
			i += linebreak.length - 1;
		}
	}
	return line;
}

function isBlank(row: string[]): boolean {
	return row.every((cell) => cell.trim() === '');
}

/** Header cells → record keys: trimmed; unnamed columns get `columnN`; repeats get `_2`, `_3`. */
function recordKeys(header: string[]): string[] {
	const seen = new Map<string, number>();
	return header.map((cell, i) => {
		const name = cell.trim() || `column${i + 1}`;
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name}_${count}`;
	});
}

export function parseCsvReport(text: string, options: ParseReportOptions): ReportRecord[] {
	const body = stripBom(text);
	if (body.trim() === '') return [];
	const delimiter = detectDelimiter(headerLine(body));
	const result = papaparse().parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
	const linebreak = result.meta.linebreak || '\n';
	const fail = (recordIndex: number, problem: string): never => {
		const line = lineOfRecord(body, recordIndex, linebreak);
		throw new ReportParseError(
			`The CSV report of window ${options.windowLabel} is malformed at line ${line}: ${problem}`,
			{ format: 'csv', windowLabel: options.windowLabel, line },
		);
	};

	const rows = result.data;
	const keys = recordKeys(rows[0] ?? []);
	const quoteError = result.errors.find((error) => error.type === 'Quotes');
	const quoteRow = quoteError?.row ?? Infinity;
	const records: ReportRecord[] = [];
	for (let r = 1; r < rows.length; r++) {
		// A quote error swallows what follows it: report it where it starts, unless a row before it is bad.
		if (r >= quoteRow) break;
		const row = rows[r];
		if (isBlank(row)) continue;
		if (row.length !== keys.length) {
			fail(r, `${row.length} fields where the header has ${keys.length}`);
		}
		const record: ReportRecord = {};
		for (let c = 0; c < keys.length; c++) record[keys[c]] = row[c];
		records.push(record);
	}
	if (quoteError) {
		fail(quoteError.row ?? 0, quoteError.code === 'MissingQuotes' ? 'a quoted field is not closed' : quoteError.message);
	}
	return records;
}
