import type { INodeProperties } from 'n8n-workflow';

import {
	apiFamily,
	classicOutputFormatOption,
	interval,
	maxRetriesOption,
	maxRetryAfterOption,
	metadataWindowLengthOption,
	rcAccountIdOption,
	reportBudgetOptions,
	reportSizeOptions,
	retryBackoffOption,
	subAccountLocator,
	timeoutOption,
	timeZone,
} from '../parameters/properties';
import { authentication } from '../parameters/authentication';

/*
 * The trigger's parameters. n8n adds "Poll Times" (`pollTimes`) itself to every polling node.
 */

export const EVENTS = ['intervalStatisticsClosed', 'newInteractionSegments', 'rosterChanged'] as const;
export type TriggerEvent = (typeof EVENTS)[number];

export const STATISTICS_REPORTS = ['agentExtendedStats', 'agentStats', 'queueStats'] as const;

export const DEFAULT_SEGMENT_LOOKBACK_MINUTES = 30;
export const DEFAULT_LOOKBACK_INTERVALS = 2;
export const DEFAULT_SEGMENT_LAG_MINUTES = 15;
export const MIN_SAFETY_LAG_MINUTES = 5;
/** Full Roster Every (Hours): at most 30 days. */
export const MAX_FULL_ROSTER_HOURS = 720;

const reportEvents = ['intervalStatisticsClosed', 'newInteractionSegments'];
const showFor = (...events: string[]) => ({ show: { event: events } });
const optionFor = (...events: string[]) => ({ show: { '/event': events } });

const event: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'newInteractionSegments',
	options: [
		{
			name: 'Interval Statistics Closed',
			value: 'intervalStatisticsClosed',
			description:
				'One item per row of each newly closed interval of agent extended, agent or queue statistics (15, 30, 45 or 60 minutes)',
		},
		{
			name: 'New Interaction Segments',
			value: 'newInteractionSegments',
			description: 'One item per completed agent segment of a call or chat, shaped like the Interaction Metadata report',
		},
		{
			name: 'Roster Changed',
			value: 'rosterChanged',
			description: 'One item per agent added, removed or changed (which fields, old and new values)',
		},
	],
};

const budgetNotice: INodeProperties = {
	displayName:
		'Each poll asks the report API at least once (one request per window: an hour of segments, three hours of statistics, plus the lookback). The default budget of 2 report requests per minute and 9 per 15 minutes per sub-account keeps up with a poll every 2 minutes or less often; a poll that cannot fetch every window in time fetches the oldest, stops and continues on the next poll.',
	name: 'budgetNotice',
	type: 'notice',
	default: '',
	displayOptions: showFor(...reportEvents),
};

const everyMinuteText =
	'Polling every minute asks the report API more often than its default budget allows (9 requests per 15 minutes): polls will fall behind and catch up later. Poll every 2 minutes or less often, or raise the budget in Options if your account allows more.';

/** Shown only when the first Poll Times entry is "Every Minute" or every 1 minute. */
const everyMinuteNotices: INodeProperties[] = [
	{
		displayName: everyMinuteText,
		name: 'everyMinuteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: reportEvents, 'pollTimes.item[0].mode': ['everyMinute'] } },
	},
	{
		displayName: everyMinuteText,
		name: 'everyXMinuteNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: {
				event: reportEvents,
				'pollTimes.item[0].mode': ['everyX'],
				'pollTimes.item[0].unit': ['minutes'],
				'pollTimes.item[0].value': [{ _cnd: { lt: 2 } }],
			},
		},
	},
];

const rosterNotice: INodeProperties = {
	displayName:
		'Each poll reads every agent group of the sub-account (one request per group) and compares each agent with what the previous poll saw. The first poll only records the roster, unless "Full Roster Every" is set in Options.',
	name: 'rosterNotice',
	type: 'notice',
	default: '',
	displayOptions: showFor('rosterChanged'),
};

const statisticsReport: INodeProperties = {
	displayName: 'Statistics',
	name: 'report',
	type: 'options',
	default: 'queueStats',
	description: 'Which interval statistics to deliver',
	options: [
		{
			name: 'Agent Extended Statistics',
			value: 'agentExtendedStats',
			description: 'Per queue and agent: handle time, after-call work, answered and transferred',
		},
		{
			name: 'Agent Statistics',
			value: 'agentStats',
			description: 'Per agent: available, paused, waiting and direct call time',
		},
		{
			name: 'Queue Statistics',
			value: 'queueStats',
			description: 'Per queue: offered, answered, abandoned, service level, wait and talk time',
		},
	],
	displayOptions: showFor('intervalStatisticsClosed'),
};

const intervalChoice: INodeProperties = {
	...interval,
	default: 15,
	description: 'Length of one statistics interval; an interval is delivered once it has closed (plus 5 minutes)',
	displayOptions: showFor('intervalStatisticsClosed'),
};

const zone: INodeProperties = {
	...timeZone,
	description:
		'Intervals are aligned and the API is asked in this zone, output timestamps carry its offset, and Start From without an offset is read in it; by default the workflow\'s time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: showFor(...reportEvents),
};

const startFrom: INodeProperties = {
	displayName: 'Start From',
	name: 'startFrom',
	type: 'dateTime',
	default: '',
	description:
		'Leave empty to start at activation (nothing older is delivered). Set a past date to backfill from there: the trigger catches up poll by poll within the rate budget. Setting a new date later starts over from it. An expression (e.g. {{ $now.minus({ hours: 6 }) }}) is evaluated once, when the trigger starts from it; changing the expression starts over.',
	displayOptions: showFor(...reportEvents),
};

/** Options of every event; those of one event only carry display options. Alphabetical. */
const options: INodeProperties[] = [
	{
		...classicOutputFormatOption,
		description: 'File format the classic statistics report is asked for; rows come out the same either way',
		displayOptions: { show: { '/event': ['intervalStatisticsClosed'], '/apiFamily': ['classic'] } },
	},
	{
		displayName: 'Emit Updates',
		name: 'emitUpdates',
		type: 'boolean',
		default: true,
		description:
			'Whether to emit a row again, with changeType "updated" and the names of the changed fields, when it changed after it was first emitted (e.g. a recording link that arrived late)',
		displayOptions: optionFor(...reportEvents),
	},
	{
		displayName: 'Full Roster Every (Hours)',
		name: 'fullRosterHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_FULL_ROSTER_HOURS },
		default: 0,
		description:
			'Also emit every current agent, with changeType "snapshot", at the first poll and then every this many hours (0 = never). A workflow that replaces its copy of the roster with each full roster corrects what a poll whose state n8n could not save left behind.',
		displayOptions: optionFor('rosterChanged'),
	},
	{
		displayName: 'Lookback (Intervals)',
		name: 'lookbackIntervals',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 11 },
		default: DEFAULT_LOOKBACK_INTERVALS,
		description:
			'How many closed intervals each poll reads again to catch late rows; together with one interval it must fit in 3 hours',
		displayOptions: optionFor('intervalStatisticsClosed'),
	},
	{
		displayName: 'Lookback (Minutes)',
		name: 'lookbackMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 179 },
		default: DEFAULT_SEGMENT_LOOKBACK_MINUTES,
		description:
			'How far before the last fetched window each poll reads again, to catch late segments and recording links; shorter than the window length',
		displayOptions: optionFor('newInteractionSegments'),
	},
	...reportSizeOptions.map((option) => ({ ...option, displayOptions: optionFor(...reportEvents) })),
	{
		displayName: 'Max Poll Duration (Seconds)',
		name: 'maxPollSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Longest time one poll may take, every wait included (the rate budget, retries, each request's own time): it stops before a wait would pass it and leaves the rest to the next poll, and a request still unanswered at it fails the poll as timed out. 0 = 80% of the poll interval (50 seconds for custom schedules), always within n8n's own poll time limit.",
		displayOptions: optionFor(...reportEvents),
	},
	maxRetriesOption,
	maxRetryAfterOption,
	{ ...rcAccountIdOption, displayOptions: { show: { '/event': reportEvents, '/apiFamily': ['cx'] } } },
	...reportBudgetOptions.map((option) => ({ ...option, displayOptions: optionFor(...reportEvents) })),
	retryBackoffOption,
	{
		displayName: 'Safety Lag (Minutes)',
		name: 'safetyLagMinutes',
		type: 'number',
		typeOptions: { minValue: MIN_SAFETY_LAG_MINUTES, maxValue: 120 },
		default: DEFAULT_SEGMENT_LAG_MINUTES,
		description:
			'Segments are asked for only up to this long before now; the API needs at least 5 minutes and documents a processing delay of 15',
		displayOptions: optionFor('newInteractionSegments'),
	},
	timeoutOption,
	{ ...metadataWindowLengthOption, displayOptions: optionFor('newInteractionSegments') },
];

export const triggerProperties: INodeProperties[] = [
	authentication,
	event,
	budgetNotice,
	...everyMinuteNotices,
	rosterNotice,
	subAccountLocator,
	{
		...apiFamily,
		description:
			'RingCX (CX) is the current integration API; Classic is the older /voice/api/integration API (its segment rows are voice only and get recording links late). Rows come out in the same shape.',
		displayOptions: showFor(...reportEvents),
	},
	statisticsReport,
	intervalChoice,
	zone,
	startFrom,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	},
];
