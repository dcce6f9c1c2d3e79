import { resolveColumn } from './columnMapping';
import { CLASSIC_DATE, CLASSIC_TIME, reportDefinition, type ReportName } from './definitions';
import { NotAReportError, type ReportFileFormat } from './errors';
import type { JsonReport, XmlReport } from './parsers';

/*
 * Whether an answer is the report that was asked for (issue 9 item 10, issue 14 item 1). A page, a
 * notice, a file cut inside its header or JSON of another shape reads without a parse error, as
 * rows of nulls or as no rows at all; in the trigger, no rows move the cursor past data for good.
 * So what was read is held against the report's required fields (definitions.ts `required`)
 * before it is believed. The parsers stay lenient; readReportRows applies this when asked to
 * (the node always does).
 */

/** The required fields of `report` that no name in `keys` feeds (through the column mapping). */
export function missingFields(report: ReportName, keys: Iterable<string>, which: 'row' | 'file'): string[] {
	const fed = new Set<string>();
	for (const key of keys) {
		const target = resolveColumn(report, key);
		if (target) fed.add(target.field);
	}
	const dateAndTime = fed.has(CLASSIC_DATE) && fed.has(CLASSIC_TIME);
	return reportDefinition(report).required[which].filter(
		(field) => !fed.has(field) && !(field === 'dateTimeFrom' && dateAndTime),
	);
}

/** Missing fields named as a user would look for them in a file: the documented column names. */
function columnList(report: ReportName, fields: readonly string[]): string {
	const columnOf = new Map(Object.entries(reportDefinition(report).classicColumns).map(([column, field]) => [field, column]));
	return fields
		.map((field) => (field === 'dateTimeFrom' ? 'date_from and time (H24:MI)' : (columnOf.get(field) ?? field)))
		.join(', ');
}

function notAReport(report: ReportName, format: ReportFileFormat, windowLabel: string, why: string): NotAReportError {
	const name = reportDefinition(report).displayName;
	return new NotAReportError(
		`The ${format.toUpperCase()} answer for window ${windowLabel} is not the ${name} report: ${why}`,
		{ format, windowLabel },
	);
}

/** A CSV header must have a column for every field the report's files carry. */
export function checkCsvHeader(report: ReportName, keys: readonly string[], windowLabel: string): void {
	const missing = missingFields(report, keys, 'file');
	if (missing.length) {
		throw notAReport(report, 'csv', windowLabel, `its first line has no column ${columnList(report, missing)}`);
	}
}

/**
 * An XML file must be records with the report's fields, or hold no text at all (an empty report:
 * its root, perhaps with attributes and empty groups). No example of the classic XML exists
 * (decision 8), so this is all that is assumed of its layout.
 */
export function checkXmlReport(report: ReportName, document: XmlReport, windowLabel: string): void {
	if (document.rootName?.toLowerCase() === 'html') throw notAReport(report, 'xml', windowLabel, 'it is an (X)HTML page');
	if (document.records.length) {
		const missing = missingFields(report, document.fieldNames, 'file');
		if (missing.length) {
			throw notAReport(report, 'xml', windowLabel, `its records have no ${columnList(report, missing)}`);
		}
	} else if (document.holdsText) {
		throw notAReport(report, 'xml', windowLabel, 'it holds text but no records');
	}
}

/**
 * JSON must be a list of rows (bare, or under a known envelope key such as `data`), and its first
 * row must carry what identifies a row of the report.
 */
export function checkJsonReport(report: ReportName, json: JsonReport, windowLabel: string): void {
	if (json.found === 'none') throw notAReport(report, 'json', windowLabel, 'it is null, not a list of rows');
	if (json.found === 'guessed') {
		throw notAReport(report, 'json', windowLabel, 'it is an object, not a list of rows (nor one under a key such as "data")');
	}
	if (json.rows.length) {
		const missing = missingFields(report, Object.keys(json.rows[0]), 'row');
		if (missing.length) throw notAReport(report, 'json', windowLabel, `its first row has no ${missing.join(', ')}`);
	}
}

/** A body with nothing in it but white space (or a byte-order mark): no report, not even a header. */
export function isEmptyBody(text: string): boolean {
	return text.replace(/^\uFEFF/, '').trim() === '';
}
