import type { IAllExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	isEmptyBody,
	planWindows,
	readReportRows,
	ReportParseError,
	reportDefinition,
	toIsoWithOffset,
	TooManyWindowsError,
	windowFileStamp,
	WindowPlanError,
} from '../reports';
import type { EngageConnection, RateLimit, TransportOptions } from '../transport';
import {
	classicReportPrefix,
	connectionSecrets,
	cxPrefix,
	describeLimits,
	engageRequest,
	minimumDurationMs,
	toNodeApiError,
} from '../transport';

/*
 * A report range, end to end: the window plan, then each window: request body → budgeted request
 * (transport) → parse → normalise. The Report operations and the trigger both plan and fetch
 * through here, window by window, so they share the planner, the rate budget, the parsers and the
 * normaliser.
 */

/** A duration in words: "38 s", "12 min", "6 h 40 min", "171 days". */
export function describeDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 90) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 90) return `${minutes} min`;
	if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
	return `${Math.round(minutes / 1440).toLocaleString('en-US')} days`;
}

/** What a refusal of a range too long for one run says: the count, the time it takes, how to split it. */
function tooManyWindows(
	ctx: NodeContext,
	error: TooManyWindowsError,
	fix: { itemIndex?: number; timeZone: string; limits: RateLimit[] },
): NodeOperationError {
	const count = `${error.exact ? '' : 'at least '}${error.count.toLocaleString('en-US')}`;
	const chunkMs = error.maxWindows * error.windowMs;
	const firstEnd = Math.min(error.startMs + chunkMs, error.endMs);
	return new NodeOperationError(ctx.getNode(), `${error.message} (Options › Max Request Windows)`, {
		itemIndex: fix.itemIndex,
		description: `At the report rate budget (${describeLimits(fix.limits)}) ${count} requests would take about ${describeDuration(
			minimumDurationMs(error.count, fix.limits),
		)}. Split the range into runs of at most ${error.maxWindows.toLocaleString('en-US')} windows (about ${describeDuration(chunkMs)} each): for example Start ${toIsoWithOffset(
			error.startMs,
			fix.timeZone,
		)}, End ${toIsoWithOffset(firstEnd, fix.timeZone)}, then continue from that End.`,
	});
}

/**
 * The window planner for a node: a range the planner refuses becomes a NodeOperationError that
 * says which parameters to check (and, for a range too long for one run, how to split it).
 */
export function planReportWindows(
	ctx: NodeContext,
	input: PlanWindowsInput,
	fix: { itemIndex?: number; parameters: string; limits?: RateLimit[] },
): WindowPlan {
	try {
		return planWindows(input);
	} catch (error) {
		if (error instanceof TooManyWindowsError && fix.limits) {
			throw tooManyWindows(ctx, error, { itemIndex: fix.itemIndex, timeZone: input.timeZone, limits: fix.limits });
		}
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
	 * false: return only the file (no rows). The answer is still checked to be the report (a CSV up
	 * to its header), so that no page or notice is saved as a report file. Default true.
	 */
	parse?: boolean;
	/** Longest field of a report accepted, in characters (Options › Max Field Size). */
	maxFieldChars?: number;
	/** Largest answer accepted, in bytes (Options › Max Answer Size); reading stops past it. */
	maxAnswerBytes?: number;
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
	/** The API answered with no body at all (not even a header): no rows, said in a hint. */
	emptyBody: boolean;
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

/**
 * The format a report answer must have: what was asked for, never what the Content-Type says
 * (classic statistics: the Output Format, CSV by default; everything else answers JSON).
 */
export function requestedFormat(fetch: Pick<ReportFetch, 'report' | 'family' | 'outputFormat'>): ReportFileFormat {
	if (fetch.family === 'classic' && reportDefinition(fetch.report).kind === 'statistics') {
		return fetch.outputFormat === 'XML' ? 'xml' : 'csv';
	}
	return 'json';
}

export function reportFileName(fetch: Pick<ReportFetch, 'report' | 'subAccountId'>, window: ReportWindow, format: ReportFileFormat) {
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
			maxAnswerBytes: fetch.maxAnswerBytes,
			itemIndex: fetch.itemIndex,
			context: progress,
		},
		transport,
	);

	const answeredAt = answerTime(response.headers, Date.now());
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''), 'utf8');
	const text = data.toString('utf8');
	const format = requestedFormat(fetch);
	const file: ReportFile = {
		data,
		format,
		mimeType: MIME_TYPES[format],
		fileName: reportFileName(fetch, window, format),
	};
	if (isEmptyBody(text)) return { window, rows: [], file, unmappedColumns: [], emptyBody: true, answeredAt };

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
			checkShape: true,
			checkOnly: fetch.parse === false,
			maxFieldChars: fetch.maxFieldChars,
		});
	} catch (error) {
		if (error instanceof ReportParseError) {
			throw await notTheReport(ctx, connection, fetch, error, { text, contentType: response.contentType, format, progress });
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: fetch.itemIndex });
	}

	return { window, rows: read.rows, file, unmappedColumns: read.unmappedColumns, emptyBody: false, answeredAt };
}

/**
 * The NodeApiError of an answer that is not the report asked for (issue 9 item 10): the reader's
 * words and the answer's start, both cleaned of the credential's secrets by value.
 */
async function notTheReport(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	fetch: ReportFetch,
	error: ReportParseError,
	answer: { text: string; contentType: string; format: ReportFileFormat; progress: string },
): Promise<NodeApiError> {
	const definition = reportDefinition(fetch.report);
	return toNodeApiError(ctx.getNode(), {
		method: 'POST',
		path: reportPath(fetch),
		statusCode: 200,
		contentType: answer.contentType,
		bodyText: answer.text,
		itemIndex: fetch.itemIndex,
		context: answer.progress,
		secrets: await connectionSecrets(ctx, connection),
		notAsAsked: { problem: error.message, expected: `the ${definition.displayName} report in ${answer.format.toUpperCase()}` },
	});
}
