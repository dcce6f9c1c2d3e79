import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from '../../helpers/directoryApi';
import { familyTarget } from '../../helpers/directoryApi';
import type { ReportFetch, WindowResult } from '../../helpers/reportPipeline';
import { fetchReportWindow } from '../../helpers/reportPipeline';
import {
	numericIdParameter,
	optionalNumericId,
	requireDateInput,
	requireIntegerInRange,
	requireNumericIdList,
	requireOneOf,
	requireTimeZone,
} from '../../helpers/validate';
import type { ClassicOutputFormat, NormalisedRow, ReportName, ReportWindow, WindowPlan } from '../../reports';
import {
	INTERVAL_MINUTES,
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	planWindows,
	reportDefinition,
	toIsoWithOffset,
	WindowPlanError,
} from '../../reports';
import {
	apiFamily,
	maxRetriesOption,
	rcAccountIdOption,
	reportBudgetOptions,
	retryBackoffOption,
	returnAllOrLimit,
	subAccountLocator,
} from '../common.descriptions';
import type { OperationContext } from '../router';
import { PartialResultError } from '../router';

/*
 * What the four Report operations share: their parameters (built per report) and one execute:
 * validate every parameter → plan the windows → fetch window by window through the report
 * pipeline (budget, parse, normalise) → rows and/or one file per window.
 */

const API_FAMILIES: readonly ApiFamily[] = ['classic', 'cx'];
const OUTPUTS = ['both', 'files', 'items'] as const;
type OutputMode = (typeof OUTPUTS)[number];
const CLASSIC_FORMATS: readonly ClassicOutputFormat[] = ['CSV', 'XML'];
/** Shortest metadata window the node offers (the API would take 1 s). */
const METADATA_MIN_WINDOW_SECONDS = 60;

/** Per-report differences in the parameters. */
interface ReportUi {
	/** API Family description. */
	familyText: string;
	/** Rows can be filtered by these fields. */
	filters: Array<'queue' | 'agentId'>;
}

const UI: Record<ReportName, ReportUi> = {
	agentExtendedStats: {
		familyText:
			'RingCX (CX) asks agg-agent-extended-stats (JSON); Classic asks the v1 aggAgentExtendedStats file report (CSV or XML). Rows come out in the same shape',
		filters: ['queue', 'agentId'],
	},
	queueStats: {
		familyText:
			'RingCX (CX) asks agg-queue-stats (JSON); Classic asks the v1 aggQueueStats file report (CSV or XML). Rows come out in the same shape',
		filters: ['queue'],
	},
	agentStats: {
		familyText:
			'RingCX (CX) asks agg-agent-stats (JSON); Classic asks the v1 aggAgentStats file report (CSV or XML). Rows come out in the same shape',
		filters: ['agentId'],
	},
	interactionMetadata: {
		familyText:
			'RingCX (CX) asks interaction-metadata; Classic asks the v2 interactionMetadata report (voice only). Rows come out in the same shape',
		filters: [],
	},
};

const timeZoneParameter: INodeProperties = {
	displayName: 'Time Zone Name or ID',
	name: 'timeZone',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTimeZones' },
	default: '',
	description:
		'Start and End without an offset are read in this zone, the API is asked in it and output timestamps carry its offset; by default the workflow\'s time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const intervalOptions: INodePropertyOptions[] = INTERVAL_MINUTES.map((minutes) => ({
	name: `${minutes} Minutes`,
	value: minutes,
}));

function rangeParameters(statistics: boolean): INodeProperties[] {
	const what = statistics ? 'intervals' : 'segments';
	return [
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			default: '',
			required: true,
			description: `Start of the range (${what} from here on); without an offset it is read in the chosen time zone`,
		},
		{
			displayName: 'End',
			name: 'end',
			type: 'dateTime',
			default: '',
			required: true,
			description: `End of the range (exclusive). Any length works: it is split into API windows. What is not complete yet (${statistics ? 'the last 5 minutes' : 'the last 15 minutes'}) is left out and said so.`,
		},
	];
}

const filterFields: Record<'queue' | 'agentId', INodeProperties> = {
	agentId: {
		displayName: 'Agent IDs',
		name: 'agentIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1001, 1002',
		description:
			'Return only rows of these agents (numeric IDs separated by commas); the API always returns all agents',
	},
	queue: {
		displayName: 'Queue IDs',
		name: 'queueIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5682, 5686',
		description:
			'Return only rows of these queues (numeric IDs separated by commas); the API always returns all queues',
	},
};

function optionFields(report: ReportName): INodeProperties[] {
	const statistics = reportDefinition(report).kind === 'statistics';
	const fields: INodeProperties[] = [];
	if (statistics) {
		fields.push({
			displayName: 'Classic Output Format',
			name: 'outputFormat',
			type: 'options',
			default: 'CSV',
			description: 'File format the classic report is asked for; rows come out the same either way',
			options: [
				{ name: 'CSV', value: 'CSV' },
				{ name: 'XML', value: 'XML' },
			],
			displayOptions: { show: { '/apiFamily': ['classic'] } },
		});
	}
	fields.push(
		{
			displayName: 'Include Raw Row',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to add the row as the API sent it (original column names) under "raw"',
		},
		maxRetriesOption,
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'items',
			description: 'What to return for each request window',
			options: [
				{
					name: 'Both',
					value: 'both',
					description: 'The rows of each window, then its file',
				},
				{
					name: 'Items',
					value: 'items',
					description: 'One item per row, in one schema for both API families',
				},
				{
					name: 'One File per Window',
					value: 'files',
					description:
						'One item per request window with the file exactly as the API sent it (JSON, CSV or XML) as binary data; Limit and Filters do not apply',
				},
			],
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
			description: 'Used when Output returns files',
		},
		...reportBudgetOptions,
		retryBackoffOption,
		{ ...rcAccountIdOption, displayOptions: { show: { '/apiFamily': ['cx'] } } },
		{
			displayName: 'Spreadsheet-Safe Text',
			name: 'spreadsheetSafe',
			type: 'boolean',
			default: false,
			description:
				"Whether to prefix text starting with =, +, - or @ with ' so that a spreadsheet does not run it as a formula",
		},
	);
	if (!statistics) {
		fields.push({
			displayName: 'Window Length (Seconds)',
			name: 'windowSeconds',
			type: 'number',
			typeOptions: { minValue: METADATA_MIN_WINDOW_SECONDS, maxValue: METADATA_MAX_WINDOW_SECONDS },
			default: METADATA_DEFAULT_WINDOW_SECONDS,
			description:
				'Length of one API request window. The API documents 3600 s (1 hour) as its maximum; raise it (up to 10800) only if your account accepts longer windows.',
		});
	}
	return fields;
}

/** The parameters of one Report operation (without display options; the operation file adds them). */
export function reportProperties(report: ReportName): INodeProperties[] {
	const statistics = reportDefinition(report).kind === 'statistics';
	const ui = UI[report];
	const properties: INodeProperties[] = [
		subAccountLocator,
		{ ...apiFamily, description: ui.familyText },
		...rangeParameters(statistics),
		timeZoneParameter,
	];
	if (statistics) {
		properties.push({
			displayName: 'Interval',
			name: 'interval',
			type: 'options',
			default: 30,
			description: 'Length of one statistics interval (one row per queue or agent and interval)',
			options: intervalOptions,
		});
	} else {
		properties.push(...returnAllOrLimit);
	}
	if (ui.filters.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: ui.filters.map((field) => filterFields[field]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: optionFields(report),
	});
	return properties;
}

interface ReportInput {
	subAccountId: string;
	family: ApiFamily;
	rcOverride?: string;
	timeZone: string;
	startMs: number;
	endMs: number;
	intervalMinutes?: number;
	windowSeconds?: number;
	output: OutputMode;
	binaryPropertyName: string;
	includeRaw: boolean;
	spreadsheetSafe: boolean;
	outputFormat?: ClassicOutputFormat;
	queueIds?: Set<string>;
	agentIds?: Set<string>;
	/** Metadata rows only (not with Return All, nor when only files are returned). */
	limit?: number;
}

function idSet(ctx: IExecuteFunctions, value: unknown, name: string, itemIndex: number): Set<string> | undefined {
	const empty = value === undefined || value === null || (Array.isArray(value) ? !value.length : String(value).trim() === '');
	return empty ? undefined : new Set(requireNumericIdList(ctx, value, name, itemIndex));
}

/** Every parameter checked, before any request is sent. */
function readInput(ctx: IExecuteFunctions, context: OperationContext, report: ReportName): ReportInput {
	const i = context.itemIndex;
	const statistics = reportDefinition(report).kind === 'statistics';
	const subAccountId = numericIdParameter(ctx, 'subAccount', 'Sub-Account', i);
	const family = requireOneOf(ctx, ctx.getNodeParameter('apiFamily', i, 'cx'), 'API Family', API_FAMILIES, i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const rcOverride =
		family === 'cx' ? optionalNumericId(ctx, options.rcAccountId, 'RingCentral Account ID', i) : undefined;

	const chosenZone = String(ctx.getNodeParameter('timeZone', i, '') ?? '').trim();
	const timeZone = requireTimeZone(ctx, chosenZone || ctx.getTimezone(), 'Time Zone', i);
	const startMs = requireDateInput(ctx, ctx.getNodeParameter('start', i, ''), 'Start', timeZone, i);
	const endMs = requireDateInput(ctx, ctx.getNodeParameter('end', i, ''), 'End', timeZone, i);
	if (endMs <= startMs) {
		throw new NodeOperationError(ctx.getNode(), '"End" must be later than "Start"', {
			itemIndex: i,
			description: `The range runs from ${toIsoWithOffset(startMs, timeZone)} to ${toIsoWithOffset(endMs, timeZone)} (${timeZone}). Swap or correct the dates.`,
		});
	}

	const input: ReportInput = {
		subAccountId,
		family,
		rcOverride,
		timeZone,
		startMs,
		endMs,
		output: requireOneOf(ctx, options.output ?? 'items', 'Output', OUTPUTS, i),
		binaryPropertyName: String(options.binaryPropertyName ?? 'data').trim() || 'data',
		includeRaw: options.includeRaw === true,
		spreadsheetSafe: options.spreadsheetSafe === true,
	};
	if (statistics) {
		const interval = String(ctx.getNodeParameter('interval', i, 30));
		input.intervalMinutes = Number(requireOneOf(ctx, interval, 'Interval', INTERVAL_MINUTES.map(String), i));
		if (family === 'classic') {
			input.outputFormat = requireOneOf(ctx, options.outputFormat ?? 'CSV', 'Classic Output Format', CLASSIC_FORMATS, i);
		}
	} else {
		input.windowSeconds = requireIntegerInRange(
			ctx,
			options.windowSeconds ?? METADATA_DEFAULT_WINDOW_SECONDS,
			'Window Length (Seconds)',
			METADATA_MIN_WINDOW_SECONDS,
			METADATA_MAX_WINDOW_SECONDS,
			i,
		);
		// Limit counts rows: with files only, every window is fetched and returned as it came.
		if (input.output !== 'files' && !(ctx.getNodeParameter('returnAll', i, false) as boolean)) {
			input.limit = requireIntegerInRange(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', 1, Number.MAX_SAFE_INTEGER, i);
		}
	}
	const filters = UI[report].filters.length ? (ctx.getNodeParameter('filters', i, {}) as IDataObject) : {};
	input.queueIds = idSet(ctx, filters.queueIds, 'Queue IDs', i);
	input.agentIds = idSet(ctx, filters.agentIds, 'Agent IDs', i);
	return input;
}

function plan(ctx: IExecuteFunctions, report: ReportName, input: ReportInput, itemIndex: number): WindowPlan {
	const statistics = reportDefinition(report).kind === 'statistics';
	try {
		return planWindows({
			startMs: input.startMs,
			endMs: input.endMs,
			nowMs: Date.now(),
			timeZone: input.timeZone,
			kind: statistics ? 'statistics' : 'metadata',
			intervalMinutes: input.intervalMinutes,
			maxWindowSeconds: input.windowSeconds,
		});
	} catch (error) {
		if (error instanceof WindowPlanError) {
			throw new NodeOperationError(ctx.getNode(), error.message, {
				itemIndex,
				description: 'Check Start, End, Time Zone and the interval or window length.',
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

/** What the planner cut or moved, as execution hints (output pane) and log lines. */
function reportPlan(ctx: IExecuteFunctions, report: ReportName, input: ReportInput, windows: WindowPlan) {
	const name = reportDefinition(report).displayName;
	const messages: string[] = [];
	if (windows.clipped) {
		const cut = toIsoWithOffset(windows.clipped.effectiveEndMs, input.timeZone);
		const why =
			windows.clipped.reason === 'notYetAvailable'
				? 'later data is not complete yet'
				: 'the rest is not a complete interval';
		messages.push(`${name}: the range was cut at ${cut} because ${why}.`);
	}
	messages.push(...windows.notes.map((note) => `${name}: ${note}`));
	for (const message of messages) ctx.logger.info(`Engage Voice ${message}`);
	if (messages.length) {
		ctx.addExecutionHints(...messages.map((message) => ({ message, location: 'outputPane' as const })));
	}
	ctx.logger.info(
		`Engage Voice ${name}, sub-account ${input.subAccountId}: ${windows.windows.length} request window(s) planned`,
	);
}

function rowFilter(input: ReportInput): (row: NormalisedRow) => boolean {
	const { queueIds, agentIds } = input;
	return (row) =>
		(!queueIds || queueIds.has(String(row.queue ?? ''))) && (!agentIds || agentIds.has(String(row.agentId ?? '')));
}

async function fileItem(
	ctx: IExecuteFunctions,
	report: ReportName,
	input: ReportInput,
	result: WindowResult,
	rowCount: number | null,
): Promise<INodeExecutionData> {
	const { window, file } = result;
	const binary = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
	return {
		json: {
			report,
			subAccountId: input.subAccountId,
			window: windowJson(window, input.timeZone),
			fileName: file.fileName,
			mimeType: file.mimeType,
			format: file.format,
			fileSize: file.data.length,
			rowCount,
		},
		binary: { [input.binaryPropertyName]: binary },
	};
}

function windowJson(window: ReportWindow, timeZone: string): IDataObject {
	return {
		index: window.index,
		count: window.count,
		start: toIsoWithOffset(window.startMs, timeZone),
		end: toIsoWithOffset(window.endMs, timeZone),
		label: window.label,
	};
}

/**
 * The error of a failed window, saying which window it was and where to resume. (n8n keeps only
 * the message in the JSON of an error item, so the window goes into the message; the error's
 * description and context carry the rest.)
 */
function windowError(
	ctx: IExecuteFunctions,
	error: unknown,
	window: ReportWindow,
	input: ReportInput,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const cause =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	const tag = `window ${window.index} of ${window.count}`;
	if (!cause.message.includes(tag)) {
		cause.message = cause.message.includes(window.label)
			? `${cause.message} (${tag})`
			: `${cause.message} (${tag}: ${window.label})`;
	}
	const resumeFrom = toIsoWithOffset(window.startMs, input.timeZone);
	const done =
		window.index > 1
			? `${window.index - 1} of ${window.count} windows were read before this one (their rows are returned when the node is set to continue on error).`
			: `It was the first of ${window.count} windows.`;
	cause.description = [cause.description, `${done} To read the rest, run again with Start ${resumeFrom}.`]
		.filter(Boolean)
		.join(' ');
	cause.context.failedWindow = windowJson(window, input.timeZone);
	cause.context.resumeFrom = resumeFrom;
	return cause;
}

/** The Report operations' execute: one input item → rows and/or files of every planned window. */
export async function executeReport(
	this: IExecuteFunctions,
	context: OperationContext,
	report: ReportName,
): Promise<INodeExecutionData[]> {
	const i = context.itemIndex;
	const input = readInput(this, context, report);
	const windows = plan(this, report, input, i);
	reportPlan(this, report, input, windows);
	if (!windows.windows.length) return [];

	const target = await familyTarget(this, context, input.family, input.rcOverride);
	const fetch: ReportFetch = {
		report,
		family: input.family,
		subAccountId: input.subAccountId,
		rcAccountId: target.rcAccountId,
		intervalMinutes: input.intervalMinutes,
		outputFormat: input.outputFormat,
		outputTimeZone: input.timeZone,
		includeRaw: input.includeRaw,
		spreadsheetSafe: input.spreadsheetSafe,
		parse: input.output !== 'files',
		itemIndex: i,
	};
	const keep = rowFilter(input);
	const rowsWanted = input.output !== 'files';
	const filesWanted = input.output !== 'items';

	const items: INodeExecutionData[] = [];
	const unmapped = new Set<string>();
	let rowCount = 0;
	for (const window of windows.windows) {
		let result: WindowResult;
		try {
			result = await fetchReportWindow(this, context.connection, fetch, window, context.transport);
		} catch (error) {
			const cause = windowError(this, error, window, input, i);
			// A NodeOperationError that also carries the items of the windows that succeeded.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new PartialResultError(cause, items);
		}
		for (const column of result.unmappedColumns) unmapped.add(column);
		let rows = result.rows.filter(keep);
		if (input.limit !== undefined) rows = rows.slice(0, input.limit - rowCount);
		rowCount += rows.length;
		if (rowsWanted) for (const row of rows) items.push({ json: row as IDataObject });
		if (filesWanted) items.push(await fileItem(this, report, input, result, fetch.parse ? result.rows.length : null));
		if (input.limit !== undefined && rowCount >= input.limit) break;
	}
	if (unmapped.size && input.includeRaw) {
		this.addExecutionHints({
			message: `${reportDefinition(report).displayName}: columns not in the documented schema are kept only in "raw": ${[...unmapped].join(', ')}`,
			location: 'outputPane',
		});
	} else if (unmapped.size) {
		this.addExecutionHints({
			message: `${reportDefinition(report).displayName}: the API sent columns not in the documented schema (${[...unmapped].join(', ')}); turn on Options › Include Raw Row to see them`,
			location: 'outputPane',
		});
	}
	return items;
}
