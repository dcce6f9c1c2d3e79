import { reportDefinition, type ApiFamily, type ReportName } from './definitions';
import type { ReportWindow } from './windowPlanner';
import { isIntervalMinutes } from './windowSizes';

/**
 * The JSON body of one report request for one planned window (API doc §5.2, §5.7; decisions 3, 4).
 * The window already holds the wall times and zone to send; this only picks the body shape.
 */

export type ClassicOutputFormat = 'CSV' | 'XML';

export interface RequestBodyOptions {
	/** Statistics: 15, 30, 45 or 60 (the UI unit). */
	intervalMinutes?: number;
	/** Classic v1 file reports only; default CSV. */
	outputFormat?: ClassicOutputFormat;
}

export interface CxAggregateBody {
	startDate: string;
	endDate: string;
	/** Seconds: the current spec's unit for CX (decision 3). */
	timeInterval: number;
	timeZone: string;
}

export interface ClassicAggregateBody {
	startDate: string;
	endDate: string;
	/** Minutes: the classic enum 15/30/45/60 (decision 3). */
	timeInterval: number;
	timeZone: string;
	reportType: 'WEM';
	outputFormat: ClassicOutputFormat;
}

export interface MetadataBody {
	/** Despite the name, the START of the window: the API searches forward from it. */
	segmentEndTime: string;
	/** Window length in seconds. */
	timeInterval: number;
	timeZone: string;
}

export type ReportRequestBody = CxAggregateBody | ClassicAggregateBody | MetadataBody;

type BodyWindow = Pick<ReportWindow, 'startMs' | 'endMs' | 'startWall' | 'endWall' | 'requestTimeZone'>;

export function buildReportRequestBody(
	report: ReportName,
	family: ApiFamily,
	window: BodyWindow,
	options: RequestBodyOptions = {},
): ReportRequestBody {
	const definition = reportDefinition(report);
	if (definition.kind === 'metadata') {
		// Same body for CX and classic v2.
		return {
			segmentEndTime: window.startWall,
			timeInterval: Math.round((window.endMs - window.startMs) / 1000),
			timeZone: window.requestTimeZone,
		};
	}
	const minutes = options.intervalMinutes;
	if (!isIntervalMinutes(minutes)) {
		throw new RangeError(`The interval must be 15, 30, 45 or 60 minutes (got ${String(minutes)})`);
	}
	if (family === 'cx') {
		// No outputFormat: CX answers JSON whatever is asked (§5.2).
		return {
			startDate: window.startWall,
			endDate: window.endWall,
			timeInterval: minutes * 60,
			timeZone: window.requestTimeZone,
		};
	}
	// The classic body has no documented endDate; it is sent anyway (decision 4) and rows are
	// also filtered to the window on our side (withinWindow).
	return {
		startDate: window.startWall,
		endDate: window.endWall,
		timeInterval: minutes,
		timeZone: window.requestTimeZone,
		reportType: 'WEM',
		outputFormat: options.outputFormat ?? 'CSV',
	};
}
