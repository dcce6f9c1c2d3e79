import { fieldTooLarge, ReportParseError } from '../errors';
import { papaparse } from './libraries';
import type { ParseReportOptions, ReportRecord } from './types';

/**
 * Classic CSV report files (API doc §5.6). The header is the first row; delimiter and quoting
 * are undocumented, so the delimiter is detected from the header (comma, semicolon, tab, pipe)
 * and quoting follows RFC 4180 (quoted delimiters and newlines, `""` escapes). A BOM, CRLF and
 * blank lines are tolerated; anything else malformed throws, naming the window and the first
 * bad line, because a shifted column would silently put numbers in the wrong fields.
 *
 * Rows are handed over one at a time as arrays of cells (papaparse's `step`), so a large file
 * never holds every row twice: the normaliser builds its rows straight from the cells.
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

function longestCell(cells: readonly string[]): number {
	let longest = 0;
	for (let c = 0; c < cells.length; c++) if (cells[c].length > longest) longest = cells[c].length;
	return longest;
}

function isBlank(cells: string[]): boolean {
	for (let c = 0; c < cells.length; c++) if (cells[c].trim() !== '') return false;
	return true;
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

/** Where the rows of a CSV report go as they are read (what a sink throws ends the reading). */
export interface CsvRowSink {
	/** The record keys, from the header: called once, before any row. Returning `false` ends the reading. */
	header(keys: readonly string[]): unknown;
	/** The cells of one data row, as many as keys, in their order (blank rows are skipped). */
	row(cells: readonly string[]): void;
}

/** Reads a CSV report row by row into `sink`; throws a ReportParseError on the first bad row. */
export function readCsvReport(text: string, options: ParseReportOptions, sink: CsvRowSink): void {
	const body = stripBom(text);
	if (body.trim() === '') return;
	const delimiter = detectDelimiter(headerLine(body));
	let keys: readonly string[] = [];
	let record = 0;
	let linebreak = '\n';
	let failure: { record: number; problem: string } | undefined;
	let tooLong: { record: number; chars: number } | undefined;
	const maxFieldChars = options.maxFieldChars;
	papaparse().parse<string[]>(body, {
		delimiter,
		header: false,
		skipEmptyLines: false,
		step: (result, parser) => {
			const index = record++;
			const cells = result.data;
			// A quote error swallows what follows it: report it where it starts (rows before it were checked).
			const quoteError = result.errors.length ? result.errors.find((error) => error.type === 'Quotes') : undefined;
			const longest = maxFieldChars === undefined ? 0 : longestCell(cells);
			if (quoteError) {
				failure = {
					record: index,
					problem: quoteError.code === 'MissingQuotes' ? 'a quoted field is not closed' : quoteError.message,
				};
			} else if (maxFieldChars !== undefined && longest > maxFieldChars) {
				tooLong = { record: index, chars: longest };
			} else if (index === 0) {
				linebreak = result.meta.linebreak || '\n';
				keys = recordKeys(cells);
				if (sink.header(keys) === false) parser.abort();
			} else if (isBlank(cells)) {
				return;
			} else if (cells.length !== keys.length) {
				failure = { record: index, problem: `${cells.length} fields where the header has ${keys.length}` };
			} else {
				sink.row(cells);
			}
			if (failure || tooLong) parser.abort();
		},
	});
	if (tooLong) {
		const line = lineOfRecord(body, tooLong.record, linebreak);
		throw fieldTooLarge('csv', options.windowLabel, tooLong.chars, maxFieldChars ?? 0, { line });
	}
	if (failure) {
		const line = lineOfRecord(body, failure.record, linebreak);
		throw new ReportParseError(
			`The CSV report of window ${options.windowLabel} is malformed at line ${line}: ${failure.problem}`,
			{ format: 'csv', windowLabel: options.windowLabel, line },
		);
	}
}

/**
 * Turns a row's cells into a record keyed by `keys`. Each record is a copy of one empty record of
 * that header (built key by computed key, an object of more than a dozen keys becomes a slow
 * dictionary; copies of the fast object Object.fromEntries builds are fast).
 */
export function csvRecordMaker(keys: readonly string[]): (cells: readonly string[]) => ReportRecord {
	// A column named __proto__ stays out, as it did when records were built by assignment.
	const empty: ReportRecord = Object.fromEntries(keys.filter((key) => key !== '__proto__').map((key) => [key, '']));
	return (cells) => {
		const record = { ...empty };
		for (let c = 0; c < keys.length; c++) record[keys[c]] = cells[c];
		return record;
	};
}

export function parseCsvReport(text: string, options: ParseReportOptions): ReportRecord[] {
	const records: ReportRecord[] = [];
	let toRecord: (cells: readonly string[]) => ReportRecord = () => ({});
	readCsvReport(text, options, {
		header: (keys) => {
			toRecord = csvRecordMaker(keys);
		},
		row: (cells) => {
			records.push(toRecord(cells));
		},
	});
	return records;
}
