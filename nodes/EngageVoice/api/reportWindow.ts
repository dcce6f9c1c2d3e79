import type { IAllExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NodeContext } from '../parameters/validate';
import type { AnswerTime } from './answerTime';
import { answerTime } from './answerTime';

import type {
	ApiFamily,
	ClassicOutputFormat,
	NormalisedRow,
	ReportFileFormat,
	PlanWindowsInput,
	ReportName,
	ReportRows,
	ReportWindow,
	WindowPlan,
} from '../reports';
import {
	buildReportRequestBody,
	detectReportFormat,
	planWindows,
	readReportRows,
	ReportParseError,
	reportDefinition,
	windowFileStamp,
	WindowPlanError,
} from '../reports';
import type { EngageConnection, TransportOptions } from '../transport';
import { classicReportPrefix, cxPrefix, engageRequest } from '../transport';

/*
 * A report range, end to end: the window plan, then each window: request body → budgeted request
 * (transport) → parse → normalise. The Report operations and the trigger both plan and fetch
 * through here, window by window, so they share the planner, the rate budget, the parsers and the
 * normaliser.
 */

/**
 * The window planner for a node: a range the planner refuses becomes a NodeOperationError that
 * says which parameters to check.
 */
export function planReportWindows(
	ctx: NodeContext,
	input: PlanWindowsInput,
	fix: { itemIndex?: number; parameters: string },
): WindowPlan {
	try {
		return planWindows(input);
	} catch (error) {
		if (error instanceof WindowPlanError) {
			throw new NodeOperationError(ctx.getNode(), error.message, {
				itemIndex: fix.itemIndex,
				description: `Check ${fix.parameters}.`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: fix.itemIndex });
	}
}

export interface ReportFetch {
	report: ReportName;
	family: ApiFamily;
	subAccountId: string;
	/** Required for the CX family. */
	rcAccountId?: string;
	/** Statistics: 15, 30, 45 or 60. */
	intervalMinutes?: number;
	/** Classic statistics files: CSV (default) or XML. */
	outputFormat?: ClassicOutputFormat;
	/** Zone of the ISO timestamps in the output rows. */
	outputTimeZone: string;
	includeRaw?: boolean;
	spreadsheetSafe?: boolean;
	/**
	 * false: return only the file (no rows), so that a file the readers cannot parse still comes
	 * back as the API sent it. Default true.
	 */
	parse?: boolean;
	itemIndex?: number;
}

export interface ReportFile {
	/** The body exactly as the API sent it. */
	data: Buffer;
	format: ReportFileFormat;
	mimeType: string;
	fileName: string;
}

export interface WindowResult {
	window: ReportWindow;
	rows: NormalisedRow[];
	file: ReportFile;
	/** Columns the normaliser did not recognise (kept only in the raw row). */
	unmappedColumns: string[];
	/** When the API answered, by its clock and by n8n's (the trigger plans on the API's clock). */
	answeredAt?: AnswerTime;
}

const MIME_TYPES: Record<ReportFileFormat, string> = {
	csv: 'text/csv',
	xml: 'application/xml',
	json: 'application/json',
};

/** The API path of a report for one sub-account (API doc §3). */
export function reportPath(fetch: Pick<ReportFetch, 'report' | 'family' | 'subAccountId' | 'rcAccountId'>): string {
	const definition = reportDefinition(fetch.report);
	if (fetch.family === 'cx') {
		return `${cxPrefix(fetch.rcAccountId ?? '', fetch.subAccountId)}/${definition.cxPath}`;
	}
	return `${classicReportPrefix(definition.classic.apiVersion, fetch.subAccountId)}/${definition.classic.path}`;
}

export function reportFileName(
	fetch: Pick<ReportFetch, 'report' | 'subAccountId'>,
	window: ReportWindow,
	format: ReportFileFormat,
) {
	return `${fetch.report}_${fetch.subAccountId}_${windowFileStamp(window)}.${format}`;
}

/** Fetches, parses and normalises one planned window. Throws NodeApiError / NodeOperationError. */
export async function fetchReportWindow(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	fetch: ReportFetch,
	window: ReportWindow,
	transport: TransportOptions = {},
): Promise<WindowResult> {
	const definition = reportDefinition(fetch.report);
	const progress = `window ${window.index} of ${window.count}: ${window.label}`;
	ctx.logger.info(`Engage Voice ${definition.displayName}, sub-account ${fetch.subAccountId}: ${progress}`);

	const response = await engageRequest.call(
		ctx,
		connection,
		{
			method: 'POST',
			path: reportPath(fetch),
			body: buildReportRequestBody(fetch.report, fetch.family, window, {
				intervalMinutes: fetch.intervalMinutes,
				outputFormat: fetch.outputFormat,
			}) as unknown as Record<string, string | number>,
			endpointClass: 'report',
			budgetScope: fetch.subAccountId,
			// A report request reads: sending it again after a 5xx cannot change anything.
			idempotent: true,
			// The bytes as sent, for the file output; the readers get them decoded as UTF-8.
			response: 'binary',
			itemIndex: fetch.itemIndex,
			context: progress,
		},
		transport,
	);

	const answeredAt = answerTime(response.headers, Date.now());
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''), 'utf8');
	const text = data.toString('utf8');
	const format = detectReportFormat(text, response.contentType);
	const file: ReportFile = {
		data,
		format,
		mimeType: MIME_TYPES[format],
		fileName: reportFileName(fetch, window, format),
	};
	if (fetch.parse === false) return { window, rows: [], file, unmappedColumns: [], answeredAt };

	let read: ReportRows;
	try {
		read = await readReportRows(text, {
			report: fetch.report,
			windowLabel: window.label,
			format,
			context: {
				family: fetch.family,
				requestTimeZone: window.requestTimeZone,
				outputTimeZone: fetch.outputTimeZone,
				subAccountId: fetch.subAccountId,
				window,
				intervalMinutes: fetch.intervalMinutes,
				spreadsheetSafe: fetch.spreadsheetSafe,
			},
			includeRaw: fetch.includeRaw,
		});
	} catch (error) {
		if (error instanceof ReportParseError) {
			throw new NodeOperationError(ctx.getNode(), error.message, {
				itemIndex: fetch.itemIndex,
				description: `The ${definition.displayName} file for ${progress} could not be read as ${format.toUpperCase()}. The Report operation with Options › Output "One File per Window" returns the file exactly as the API sent it; for classic reports, try the other output format.`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: fetch.itemIndex });
	}

	return { window, rows: read.rows, file, unmappedColumns: read.unmappedColumns, answeredAt };
}
