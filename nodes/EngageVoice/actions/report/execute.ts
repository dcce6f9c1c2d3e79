import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { familyTarget } from '../../api/accounts';
import type { ReportFetch, WindowResult } from '../../api/reportWindow';
import { describeDuration, fetchReportWindow, planReportWindows } from '../../api/reportWindow';
import type { ReportWindow, WindowPlan } from '../../reports';
import { DEFAULT_MAX_WINDOWS, reportDefinition, toIsoWithOffset } from '../../reports';
import type { RateLimit } from '../../transport';
import { budgetOf, callerOf, describeLimits, rateBudget, reportRunLimitsFrom, setCallBounds } from '../../transport';
import type { OperationContext } from '../operationContext';
import { PartialResultError } from '../partialResult';
import type { ReportInput } from './input';
import { readReportInput, rowFilter } from './input';
import type { ReportOperation } from './properties';

/*
 * The execute of every Report operation: read the inputs → plan the windows → fetch window by
 * window (api/reportWindow: budget, parse, normalise) → rows and/or one file per window.
 */

/** What the planner cut or moved, as execution hints (output pane) and log lines. */
function announcePlan(ctx: IExecuteFunctions, operation: ReportOperation, input: ReportInput, plan: WindowPlan) {
	const name = reportDefinition(operation.report).displayName;
	const messages: string[] = [];
	if (plan.clipped) {
		const cut = toIsoWithOffset(plan.clipped.effectiveEndMs, input.timeZone);
		const why =
			plan.clipped.reason === 'notYetAvailable' ? 'later data is not complete yet' : 'the rest is not a complete interval';
		messages.push(`${name}: the range was cut at ${cut} because ${why}.`);
	}
	messages.push(...plan.notes.map((note) => `${name}: ${note}`));
	for (const message of messages) ctx.logger.info(`Engage Voice ${message}`);
	if (messages.length) {
		ctx.addExecutionHints(...messages.map((message) => ({ message, location: 'outputPane' as const })));
	}
	ctx.logger.info(
		`Engage Voice ${name}, sub-account ${input.subAccountId}: ${plan.windows.length} request window(s) planned`,
	);
}

/** A pull whose budget wait alone is longer than this gets its estimate in the log. */
const LONG_PULL_MS = 60_000;
/** What one report request is assumed to take on top of its budget wait, for tool-call estimates. */
export const REQUEST_ALLOWANCE_MS = 3_000;

/**
 * Whether an AI agent runs the node as a tool: n8n runs the `engageVoiceTool` variant with a
 * context that says so (`isToolExecution`, n8n 2.x), or, through the engine's tool executor, as a
 * node whose type ends in "Tool".
 */
function runsAsTool(ctx: IExecuteFunctions): boolean {
	const asked = (ctx as { isToolExecution?: () => boolean }).isToolExecution;
	return (typeof asked === 'function' && asked.call(ctx) === true) || ctx.getNode().type.endsWith('Tool');
}

/**
 * A tool call must answer within its bound (MCP clients give up after 60 s): when the windows
 * would take longer at the current budget, the model gets at once what it can act on.
 */
function toolCallTooLong(
	ctx: IExecuteFunctions,
	input: ReportInput,
	plan: WindowPlan,
	schedule: number[],
	boundMs: number,
	limits: RateLimit[],
	itemIndex: number,
): NodeOperationError | undefined {
	const count = plan.windows.length;
	const takes = (requests: number) => schedule[requests - 1] + requests * REQUEST_ALLOWANCE_MS;
	if (takes(count) <= boundMs) return undefined;
	let fits = 0;
	while (fits < count && takes(fits + 1) <= boundMs) fits++;
	const budget = `the report rate budget (${describeLimits(limits)})`;
	const narrower = fits
		? `Ask for a narrower range that fits: Start ${toIsoWithOffset(plan.windows[0].startMs, input.timeZone)}, End ${toIsoWithOffset(
				plan.windows[fits - 1].endMs,
				input.timeZone,
			)} (${fits} request${fits > 1 ? 's' : ''}), then continue from that End.`
		: `The budget has no free request for the next ${describeDuration(schedule[0])}: ask again after that.`;
	return new NodeOperationError(
		ctx.getNode(),
		`This range needs ${count} report request${count === 1 ? '' : 's'}, about ${describeDuration(takes(count))} with ${budget}, longer than the ${describeDuration(boundMs)} a tool call may take. ${narrower}`,
		{
			itemIndex,
			description: 'Options › Max Tool Call Duration sets the bound; nothing was requested.',
		},
	);
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

async function fileItem(
	ctx: IExecuteFunctions,
	operation: ReportOperation,
	input: ReportInput,
	result: WindowResult,
	rowCount: number | null,
): Promise<INodeExecutionData> {
	const { window, file } = result;
	const binary = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
	return {
		json: {
			report: operation.report,
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

/** One input item → rows and/or files of every planned window of the operation's report. */
export async function executeReport(
	this: IExecuteFunctions,
	context: OperationContext,
	operation: ReportOperation,
): Promise<INodeExecutionData[]> {
	const i = context.itemIndex;
	const input = readReportInput(this, i, operation);
	const statistics = reportDefinition(operation.report).kind === 'statistics';
	const limits = reportRunLimitsFrom(this.getNodeParameter('options', i, {}) as IDataObject);
	const budget = budgetOf(context.connection, 'report', input.subAccountId, context.transport);
	const startedMs = Date.now();
	const plan = planReportWindows(
		this,
		{
			startMs: input.startMs,
			endMs: input.endMs,
			nowMs: startedMs,
			timeZone: input.timeZone,
			kind: statistics ? 'statistics' : 'metadata',
			intervalMinutes: input.intervalMinutes,
			maxWindowSeconds: input.windowSeconds,
			maxWindows: limits.maxWindows ?? DEFAULT_MAX_WINDOWS,
		},
		{ itemIndex: i, parameters: 'Start, End, Time Zone and the interval or window length', limits: budget.limits },
	);
	announcePlan(this, operation, input, plan);
	if (!plan.windows.length) return [];

	const caller = callerOf(this);
	const schedule = rateBudget.scheduleMs(budget.key, budget.limits, plan.windows.length, startedMs, caller);
	const budgetMs = schedule[schedule.length - 1];
	if (budgetMs > LONG_PULL_MS) {
		this.logger.info(
			`Engage Voice ${reportDefinition(operation.report).displayName}, sub-account ${input.subAccountId}: ${plan.windows.length} request windows take about ${describeDuration(budgetMs)} at the report rate budget (${describeLimits(budget.limits)})`,
		);
	}
	if (runsAsTool(this)) {
		const refusal = toolCallTooLong(this, input, plan, schedule, limits.maxToolCallMs, budget.limits, i);
		if (refusal) throw refusal;
		// the estimate may be beaten by others on the same sub-account: the call still ends in time
		setCallBounds(this, { deadlineMs: startedMs + limits.maxToolCallMs, deadlineName: 'the Max Tool Call Duration', caller });
	}

	const target = await familyTarget(this, context, input.family, input.rcOverride);
	const fetch: ReportFetch = {
		report: operation.report,
		family: input.family,
		subAccountId: input.subAccountId,
		rcAccountId: target.rcAccountId,
		intervalMinutes: input.intervalMinutes,
		outputFormat: input.outputFormat,
		outputTimeZone: input.timeZone,
		includeRaw: input.includeRaw,
		spreadsheetSafe: input.spreadsheetSafe,
		parse: input.output !== 'files',
		maxFieldChars: input.maxFieldChars,
		maxAnswerBytes: input.maxAnswerBytes,
		itemIndex: i,
	};
	const keep = rowFilter(input);
	const rowsWanted = input.output !== 'files';
	const filesWanted = input.output !== 'items';

	const items: INodeExecutionData[] = [];
	const unmapped = new Set<string>();
	const emptyWindows: string[] = [];
	let rowCount = 0;
	for (const window of plan.windows) {
		let result: WindowResult;
		try {
			result = await fetchReportWindow(this, context.connection, fetch, window, context.transport);
		} catch (error) {
			const cause = windowError(this, error, window, input, i);
			// A NodeOperationError that also carries the items of the windows that succeeded.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new PartialResultError(cause, items);
		}
		if (result.emptyBody) emptyWindows.push(window.label);
		for (const column of result.unmappedColumns) unmapped.add(column);
		let rows = result.rows.filter(keep);
		if (input.limit !== undefined) rows = rows.slice(0, input.limit - rowCount);
		rowCount += rows.length;
		if (rowsWanted) for (const row of rows) items.push({ json: row as IDataObject });
		if (filesWanted) items.push(await fileItem(this, operation, input, result, fetch.parse ? result.rows.length : null));
		if (input.limit !== undefined && rowCount >= input.limit) break;
	}
	const name = reportDefinition(operation.report).displayName;
	if (emptyWindows.length) {
		// an empty body is not an empty report (that has its header): say so, it may be a fault
		const shown = emptyWindows.slice(0, 3).join('; ') + (emptyWindows.length > 3 ? `; and ${emptyWindows.length - 3} more` : '');
		const message = `${name}: the API answered ${emptyWindows.length} of ${plan.windows.length} window(s) with an empty body (no rows, not even a header): ${shown}`;
		this.logger.warn(`Engage Voice ${message}`);
		this.addExecutionHints({ message, location: 'outputPane' });
	}
	if (unmapped.size) {
		this.addExecutionHints({
			message: input.includeRaw
				? `${name}: columns not in the documented schema are kept only in "raw": ${[...unmapped].join(', ')}`
				: `${name}: the API sent columns not in the documented schema (${[...unmapped].join(', ')}); turn on Options › Include Raw Row to see them`,
			location: 'outputPane',
		});
	}
	return items;
}
