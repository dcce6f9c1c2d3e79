import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	readApiFamily,
	readClassicOutputFormat,
	readIntervalMinutes,
	readRcAccountOverride,
	readReportSizeBounds,
	readSubAccountId,
	readTimeZone,
} from '../../parameters/common';
import { itemParameters } from '../../parameters/reader';
import {
	requireDateInput,
	requireIntegerInRange,
	requireNumericIdList,
	requireOneOf,
} from '../../parameters/validate';
import type { ApiFamily, ClassicOutputFormat, NormalisedRow } from '../../reports';
import {
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	METADATA_MIN_WINDOW_SECONDS,
	reportDefinition,
	toIsoWithOffset,
} from '../../reports';
import type { OutputMode, ReportOperation } from './properties';
import { OUTPUTS } from './properties';

/** A Report operation's parameters for one input item, every one checked before any request. */
export interface ReportInput {
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
	/** Options › Max Answer Size and Max Field Size. */
	maxAnswerBytes: number;
	maxFieldChars: number;
}

function idSet(ctx: IExecuteFunctions, value: unknown, name: string, itemIndex: number): Set<string> | undefined {
	const empty =
		value === undefined || value === null || (Array.isArray(value) ? !value.length : String(value).trim() === '');
	return empty ? undefined : new Set(requireNumericIdList(ctx, value, name, itemIndex));
}

export function readReportInput(ctx: IExecuteFunctions, itemIndex: number, operation: ReportOperation): ReportInput {
	const i = itemIndex;
	const params = itemParameters(ctx, i);
	const statistics = reportDefinition(operation.report).kind === 'statistics';
	const subAccountId = readSubAccountId(params);
	const family = readApiFamily(params);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const timeZone = readTimeZone(params);
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
		rcOverride: readRcAccountOverride(params, family, options),
		timeZone,
		startMs,
		endMs,
		output: requireOneOf(ctx, options.output ?? 'items', 'Output', OUTPUTS, i),
		binaryPropertyName: String(options.binaryPropertyName ?? 'data').trim() || 'data',
		includeRaw: options.includeRaw === true,
		spreadsheetSafe: options.spreadsheetSafe === true,
		...readReportSizeBounds(params, options),
	};
	if (statistics) {
		input.intervalMinutes = readIntervalMinutes(params, 30);
		input.outputFormat = readClassicOutputFormat(params, family, options);
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
	const filters = operation.filters.length ? (ctx.getNodeParameter('filters', i, {}) as IDataObject) : {};
	input.queueIds = idSet(ctx, filters.queueIds, 'Queue IDs', i);
	input.agentIds = idSet(ctx, filters.agentIds, 'Agent IDs', i);
	return input;
}

/** The Filters as a row predicate. */
export function rowFilter(input: ReportInput): (row: NormalisedRow) => boolean {
	const { queueIds, agentIds } = input;
	return (row) =>
		(!queueIds || queueIds.has(String(row.queue ?? ''))) && (!agentIds || agentIds.has(String(row.agentId ?? '')));
}
