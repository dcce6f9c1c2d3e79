import { columnPlan, unmappedColumns, type ColumnPlan } from './columnMapping';
import { reportDefinition, type ReportName } from './definitions';
import type { ReportFileFormat } from './errors';
import {
	normaliseCells,
	normaliseRow,
	spreadsheetSafe,
	withinWindow,
	type NormaliseContext,
	type NormalisedRow,
} from './normalise';
import {
	csvRecordMaker,
	detectReportFormat,
	readCsvReport,
	readJsonReport,
	readXmlReport,
	type ParseReportOptions,
	type ReportRecord,
} from './parsers';
import { checkCsvHeader, checkJsonReport, checkXmlReport } from './reportShape';

export interface ReadReportRowsOptions {
	report: ReportName;
	/** The planner's window label: every parse error names the window it came from. */
	windowLabel: string;
	format?: ReportFileFormat;
	contentType?: string;
	context: NormaliseContext;
	/** Add each row as the API sent it (original names) under `raw`. */
	includeRaw?: boolean;
	/**
	 * Hold the body against the report's required fields (reportShape.ts): a page, a notice or a
	 * header cut short throws a NotAReportError instead of giving no rows. (An empty body is the
	 * caller's to judge, see isEmptyBody.) The node always asks for it.
	 */
	checkShape?: boolean;
	/** Longest field accepted (characters): a longer one throws a FieldTooLargeError. */
	maxFieldChars?: number;
	/**
	 * Only check that the body is the report (with `checkShape`) and return no rows: a CSV is read
	 * up to its header, XML and JSON whole (for the files output, which needs no rows).
	 */
	checkOnly?: boolean;
}

export interface ReportRows {
	rows: NormalisedRow[];
	/** Columns of the body that feed no field (kept only in the raw row). */
	unmappedColumns: string[];
}

/**
 * A report body → its normalised rows: parse, normalise, keep only statistics rows whose interval
 * starts inside the window (classic files may send more: no documented end date), add the raw row
 * on request. CSV rows go from the parser's cells straight into the normaliser, one at a time,
 * with the header's column plan worked out once: no record object per row unless raw is asked for.
 */
export async function readReportRows(body: string, options: ReadReportRowsOptions): Promise<ReportRows> {
	const { report, context } = options;
	const statistics = reportDefinition(report).kind === 'statistics';
	const rows: NormalisedRow[] = [];
	const keep = (row: NormalisedRow, raw: (() => Record<string, unknown>) | undefined): void => {
		if (statistics && !withinWindow(row, context.window)) return;
		if (raw) {
			const record = raw();
			row.raw = context.spreadsheetSafe ? spreadsheetSafe(record) : record;
		}
		rows.push(row);
	};

	const format = options.format ?? detectReportFormat(body, options.contentType);
	const parsing: ParseReportOptions = { windowLabel: options.windowLabel, maxFieldChars: options.maxFieldChars };
	if (format === 'csv') {
		let plan: ColumnPlan | undefined;
		let toRecord: (cells: readonly string[]) => ReportRecord = () => ({});
		let first: ReportRecord | undefined;
		readCsvReport(body, parsing, {
			header: (keys) => {
				if (options.checkShape) checkCsvHeader(report, keys, options.windowLabel);
				if (options.checkOnly) return false;
				plan = columnPlan(report, keys);
				toRecord = csvRecordMaker(keys);
				return undefined;
			},
			row: (cells) => {
				first ??= toRecord(cells);
				const row = normaliseCells(report, plan as ColumnPlan, cells, context);
				keep(row, options.includeRaw ? () => toRecord(cells) : undefined);
			},
		});
		return { rows, unmappedColumns: first ? unmappedColumns(report, Object.keys(first)) : [] };
	}

	let records: Array<Record<string, unknown>>;
	if (format === 'xml') {
		const document = await readXmlReport(body, parsing);
		if (options.checkShape) checkXmlReport(report, document, options.windowLabel);
		records = document.records;
	} else {
		const json = readJsonReport(body, parsing);
		if (options.checkShape) checkJsonReport(report, json, options.windowLabel);
		records = json.rows;
	}
	if (options.checkOnly) return { rows, unmappedColumns: [] };
	for (const raw of records) {
		keep(normaliseRow(report, raw, context), options.includeRaw ? () => raw : undefined);
	}
	return { rows, unmappedColumns: records.length ? unmappedColumns(report, Object.keys(records[0])) : [] };
}
