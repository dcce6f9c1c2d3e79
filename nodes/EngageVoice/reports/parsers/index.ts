import type { ReportFileFormat } from '../errors';
import { parseCsvReport } from './csv';
import { parseJsonReport, type JsonRecord } from './json';
import type { ParseReportOptions } from './types';
import { parseXmlReport } from './xml';

export { csvRecordMaker, detectDelimiter, parseCsvReport, readCsvReport, type CsvRowSink } from './csv';
export { parseJsonReport, readJsonReport, type JsonRecord, type JsonReport, type JsonRowsFound } from './json';
export { parseXmlReport, readXmlReport, type XmlReport } from './xml';
export type { ParseReportOptions, ReportRecord } from './types';

/**
 * The format of a report body: from the Content-Type when it says, else from the first
 * character. CX may answer a non-JSON body (§5.2), which is then read like a classic file.
 */
export function detectReportFormat(body: string, contentType?: string): ReportFileFormat {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('json')) return 'json';
	if (type.includes('xml')) return 'xml';
	if (type.includes('csv')) return 'csv';
	const first = body.replace(/^\uFEFF/, '').trimStart()[0];
	if (first === '[' || first === '{') return 'json';
	if (first === '<') return 'xml';
	return 'csv';
}

export interface ParseReportBodyOptions extends ParseReportOptions {
	format?: ReportFileFormat;
	contentType?: string;
}

/** Rows of a report body in whichever format it came. */
export async function parseReportBody(body: string, options: ParseReportBodyOptions): Promise<JsonRecord[]> {
	const format = options.format ?? detectReportFormat(body, options.contentType);
	if (format === 'json') return parseJsonReport(body, options);
	if (format === 'xml') return await parseXmlReport(body, options);
	return parseCsvReport(body, options);
}
