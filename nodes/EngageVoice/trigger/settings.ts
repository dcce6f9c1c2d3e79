import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	readAccountScope,
	readClassicOutputFormat,
	readReportSizeBounds,
	readIntervalMinutes,
	readSubAccountId,
	readTimeZone,
} from '../parameters/common';
import { nodeParameters } from '../parameters/reader';
import { requireDateInput, requireIntegerInRange, requireOneOf } from '../parameters/validate';
import type { ApiFamily, ClassicOutputFormat, ReportKind, ReportName } from '../reports';
import {
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	STATISTICS_MAX_WINDOW_SECONDS,
	STATISTICS_SAFETY_LAG_MS,
} from '../reports';
import type { TransportOptions } from '../transport';
import { transportOptionsFrom } from '../transport';
import { pollIntervalMs } from './pollDeadline';
import { digest, stableJson } from './digest';
import {
	DEFAULT_LOOKBACK_INTERVALS,
	DEFAULT_SEGMENT_LAG_MINUTES,
	DEFAULT_SEGMENT_LOOKBACK_MINUTES,
	EVENTS,
	MAX_FULL_ROSTER_HOURS,
	MIN_SAFETY_LAG_MINUTES,
	STATISTICS_REPORTS,
} from './description';

/*
 * The trigger's parameters, read and checked before any request, for the poll and for "Fetch Test
 * Event" alike.
 */

const MINUTE = 60_000;

interface CommonSettings {
	subAccountId: string;
	transport: TransportOptions;
	/** Max Poll Duration, ms (0 = automatic). */
	maxPollMs: number;
	/** From Poll Times, when it can be told. */
	pollIntervalMs?: number;
}

export interface ReportSettings extends CommonSettings {
	event: 'newInteractionSegments' | 'intervalStatisticsClosed';
	report: ReportName;
	kind: ReportKind;
	family: ApiFamily;
	rcOverride?: string;
	timeZone: string;
	intervalMinutes?: number;
	outputFormat?: ClassicOutputFormat;
	/** Length of one request window, s (metadata: the option; statistics: 3 h). */
	windowSeconds: number;
	safetyLagMs: number;
	lookbackMs: number;
	startFromMs?: number;
	/** Digest of Start From when it is an expression (evaluated only when the trigger starts from it). */
	startFromExpression?: string;
	emitUpdates: boolean;
	/** Which rows the state is about: a change starts over. */
	stream: string;
	/** How they are asked for: a change keeps the cursor, not the memory. */
	variant: string;
	/** Options › Max Answer Size and Max Field Size. */
	maxAnswerBytes: number;
	maxFieldChars: number;
}

export interface RosterSettings extends CommonSettings {
	event: 'rosterChanged';
	stream: string;
	/** Full Roster Every, ms (0 = never). */
	fullRosterEveryMs: number;
}

export type TriggerSettings = ReportSettings | RosterSettings;

function fail(ctx: IPollFunctions, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const params = nodeParameters(ctx);
	const event = requireOneOf(ctx, params.get('event', 'newInteractionSegments'), 'Event', EVENTS);
	const options = params.get<IDataObject>('options', {}) ?? {};
	const common: CommonSettings = {
		subAccountId: readSubAccountId(params),
		transport: transportOptionsFrom(options),
		maxPollMs: requireIntegerInRange(ctx, options.maxPollSeconds ?? 0, 'Max Poll Duration (Seconds)', 0, 86_400) * 1000,
		pollIntervalMs: pollIntervalMs(params.get('pollTimes', undefined)),
	};
	const subAccountId = common.subAccountId;
	if (event === 'rosterChanged') {
		const fullRosterHours = requireIntegerInRange(ctx, options.fullRosterHours ?? 0, 'Full Roster Every (Hours)', 0, MAX_FULL_ROSTER_HOURS);
		return {
			...common,
			event,
			stream: digest(stableJson([event, subAccountId]), 8),
			fullRosterEveryMs: fullRosterHours * 60 * MINUTE,
		};
	}

	const { family, rcOverride } = readAccountScope(params);
	const zone = readTimeZone(params);
	const startText = params.get<unknown>('startFrom', '');
	const startFromMs =
		startText === '' || startText === null || startText === undefined
			? undefined
			: requireDateInput(ctx, startText, 'Start From', zone);
	const startRaw = ctx.getNode().parameters.startFrom;
	const startFromExpression =
		startFromMs !== undefined && typeof startRaw === 'string' && startRaw.startsWith('=') ? digest(startRaw, 8) : undefined;
	const emitUpdates = options.emitUpdates !== false;
	const sizeBounds = readReportSizeBounds(params, options);

	if (event === 'newInteractionSegments') {
		const windowSeconds = requireIntegerInRange(
			ctx,
			options.windowSeconds ?? METADATA_DEFAULT_WINDOW_SECONDS,
			'Window Length (Seconds)',
			60,
			METADATA_MAX_WINDOW_SECONDS,
		);
		const lookbackMinutes = requireIntegerInRange(
			ctx,
			options.lookbackMinutes ?? DEFAULT_SEGMENT_LOOKBACK_MINUTES,
			'Lookback (Minutes)',
			0,
			179,
		);
		if (lookbackMinutes * 60 >= windowSeconds) {
			fail(
				ctx,
				`"Lookback (Minutes)" (${lookbackMinutes}) must be shorter than the window length (${windowSeconds / 60} minutes)`,
				'Each poll reads the lookback and the new data in one window where it can; a longer lookback could keep a poll from ever reaching new data. Shorten the lookback or lengthen "Window Length (Seconds)".',
			);
		}
		const lagMinutes = requireIntegerInRange(
			ctx,
			options.safetyLagMinutes ?? DEFAULT_SEGMENT_LAG_MINUTES,
			'Safety Lag (Minutes)',
			MIN_SAFETY_LAG_MINUTES,
			120,
		);
		return {
			...common,
			event,
			report: 'interactionMetadata',
			kind: 'metadata',
			family,
			rcOverride,
			timeZone: zone,
			windowSeconds,
			safetyLagMs: lagMinutes * MINUTE,
			lookbackMs: lookbackMinutes * MINUTE,
			startFromMs,
			startFromExpression,
			emitUpdates,
			...sizeBounds,
			stream: digest(stableJson([event, 'interactionMetadata', subAccountId]), 8),
			// The time zone changes only the `window` field, which is not compared.
			variant: digest(stableJson([family]), 8),
		};
	}

	const report: ReportName = requireOneOf(ctx, params.get('report', 'queueStats'), 'Statistics', STATISTICS_REPORTS);
	const intervalMinutes = readIntervalMinutes(params, 15);
	const maxLookback = STATISTICS_MAX_WINDOW_SECONDS / 60 / intervalMinutes - 1;
	const lookbackIntervals = requireIntegerInRange(
		ctx,
		options.lookbackIntervals ?? Math.min(DEFAULT_LOOKBACK_INTERVALS, maxLookback),
		'Lookback (Intervals)',
		0,
		maxLookback,
	);
	const outputFormat = readClassicOutputFormat(params, family, options);
	return {
		...common,
		event,
		report,
		kind: 'statistics',
		family,
		rcOverride,
		timeZone: zone,
		intervalMinutes,
		outputFormat,
		windowSeconds: STATISTICS_MAX_WINDOW_SECONDS,
		safetyLagMs: STATISTICS_SAFETY_LAG_MS,
		lookbackMs: lookbackIntervals * intervalMinutes * MINUTE,
		startFromMs,
		startFromExpression,
		emitUpdates,
		...sizeBounds,
		stream: digest(stableJson([event, report, subAccountId, intervalMinutes]), 8),
		variant: digest(stableJson([family, zone]), 8),
	};
}
