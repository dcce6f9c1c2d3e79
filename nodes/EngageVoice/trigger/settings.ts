import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from '../helpers/directoryApi';
import type { ClassicOutputFormat, ReportKind, ReportName } from '../reports';
import {
	INTERVAL_MINUTES,
	isValidTimeZone,
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	parseDateInput,
	STATISTICS_MAX_WINDOW_SECONDS,
	STATISTICS_SAFETY_LAG_MS,
} from '../reports';
import type { TransportOptions } from '../transport';
import { transportOptionsFrom } from '../transport';
import { requireIntegerInRange, requireNumericId } from '../helpers/validate';
import { pollIntervalMs } from './budget';
import { digest, stableJson } from './digest';
import type { TriggerEvent } from './description';
import {
	DEFAULT_LOOKBACK_INTERVALS,
	DEFAULT_SEGMENT_LAG_MINUTES,
	DEFAULT_SEGMENT_LOOKBACK_MINUTES,
	EVENTS,
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
	emitUpdates: boolean;
	/** Which rows the state is about: a change starts over. */
	stream: string;
	/** How they are asked for: a change keeps the cursor, not the memory. */
	variant: string;
}

export interface RosterSettings extends CommonSettings {
	event: 'rosterChanged';
	stream: string;
}

export type TriggerSettings = ReportSettings | RosterSettings;

function fail(ctx: IPollFunctions, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

function parameter<T>(ctx: IPollFunctions, name: string, fallback: T, extractValue = false): T {
	try {
		return ctx.getNodeParameter(name, fallback, extractValue ? { extractValue: true } : undefined) as T;
	} catch {
		return fallback;
	}
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const event = String(parameter(ctx, 'event', 'newInteractionSegments')) as TriggerEvent;
	if (!(EVENTS as readonly string[]).includes(event)) {
		fail(ctx, `Unknown event "${event.slice(0, 40)}"`, `Choose one of: ${EVENTS.join(', ')}.`);
	}
	const subAccountId = requireNumericId(ctx, parameter(ctx, 'subAccount', '', true), 'Sub-Account');
	const options = parameter<IDataObject>(ctx, 'options', {});
	const common: CommonSettings = {
		subAccountId,
		transport: transportOptionsFrom(options),
		maxPollMs: requireIntegerInRange(ctx, options.maxPollSeconds ?? 0, 'Max Poll Duration (Seconds)', 0, 86_400) * 1000,
		pollIntervalMs: pollIntervalMs(parameter(ctx, 'pollTimes', undefined)),
	};
	if (event === 'rosterChanged') {
		return { ...common, event, stream: digest(stableJson([event, subAccountId]), 8) };
	}

	const family = String(parameter(ctx, 'apiFamily', 'cx')) as ApiFamily;
	if (family !== 'cx' && family !== 'classic')
		fail(ctx, `Unknown API family "${family}"`, 'Choose RingCX (CX) or Classic.');
	const rcOverride =
		family === 'cx' && String(options.rcAccountId ?? '').trim()
			? requireNumericId(ctx, options.rcAccountId, 'RingCentral Account ID')
			: undefined;
	const zone = String(parameter(ctx, 'timeZone', '') ?? '').trim() || ctx.getTimezone();
	if (!isValidTimeZone(zone)) {
		fail(
			ctx,
			`"Time Zone" is not a known time zone: "${zone.slice(0, 60)}"`,
			'Pick a time zone from the list, or enter a tz name such as US/Eastern.',
		);
	}
	const startText = parameter<unknown>(ctx, 'startFrom', '');
	let startFromMs: number | undefined;
	if (startText !== '' && startText !== null && startText !== undefined) {
		startFromMs = parseDateInput(startText, zone);
		if (startFromMs === undefined) {
			fail(
				ctx,
				`"Start From" is not a valid date and time: "${String(startText).slice(0, 60)}"`,
				`Use a date and time such as 2026-03-02T09:00:00 (read in ${zone}), or leave it empty to start at activation.`,
			);
		}
	}
	const emitUpdates = options.emitUpdates !== false;

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
			emitUpdates,
			stream: digest(stableJson([event, 'interactionMetadata', subAccountId]), 8),
			// The time zone changes only the `window` field, which is not compared.
			variant: digest(stableJson([family]), 8),
		};
	}

	const report = String(parameter(ctx, 'report', 'queueStats')) as ReportName;
	if (!(STATISTICS_REPORTS as readonly string[]).includes(report)) {
		fail(ctx, `Unknown statistics report "${report}"`, `Choose one of: ${STATISTICS_REPORTS.join(', ')}.`);
	}
	const intervalMinutes = Number(parameter(ctx, 'interval', 15));
	if (!(INTERVAL_MINUTES as readonly number[]).includes(intervalMinutes)) {
		fail(
			ctx,
			`"Interval" must be 15, 30, 45 or 60 minutes, got "${intervalMinutes}"`,
			'Choose an interval from the list.',
		);
	}
	const maxLookback = STATISTICS_MAX_WINDOW_SECONDS / 60 / intervalMinutes - 1;
	const lookbackIntervals = requireIntegerInRange(
		ctx,
		options.lookbackIntervals ?? Math.min(DEFAULT_LOOKBACK_INTERVALS, maxLookback),
		'Lookback (Intervals)',
		0,
		maxLookback,
	);
	const outputFormat =
		family === 'classic' ? (String(options.outputFormat ?? 'CSV') as ClassicOutputFormat) : undefined;
	if (outputFormat !== undefined && outputFormat !== 'CSV' && outputFormat !== 'XML') {
		fail(ctx, `"Classic Output Format" must be CSV or XML, got "${String(outputFormat)}"`, 'Choose CSV or XML.');
	}
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
		emitUpdates,
		stream: digest(stableJson([event, report, subAccountId, intervalMinutes]), 8),
		variant: digest(stableJson([family, zone]), 8),
	};
}
