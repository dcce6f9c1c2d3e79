import type { INodeProperties } from 'n8n-workflow';

import {
	INTERVAL_MINUTES,
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	METADATA_MIN_WINDOW_SECONDS,
} from '../reports/windowSizes';

/**
 * Parameters the action node's operations and the triggers share; each adds them to its own
 * description (with its own display options or description where it differs). ./common.ts reads them.
 */

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const subAccountLocator: INodeProperties = {
	displayName: 'Sub-Account',
	name: 'subAccount',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Engage sub-account (numeric ID) to read from',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSubAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 99990001',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A sub-account ID is a number, e.g. 99990001' },
				},
			],
		},
	],
};

export const apiFamily: INodeProperties = {
	displayName: 'API Family',
	name: 'apiFamily',
	type: 'options',
	noDataExpression: true,
	default: 'cx',
	description:
		'RingCX (CX) is the current integration API; Classic is the older /voice/api/integration API that some accounts still use',
	options: [
		{ name: 'Classic', value: 'classic' },
		{ name: 'RingCX (CX)', value: 'cx' },
	],
};

/** Reports and report triggers: the zone of the range, the windows and the output timestamps. */
export const timeZone: INodeProperties = {
	displayName: 'Time Zone Name or ID',
	name: 'timeZone',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTimeZones' },
	default: '',
	description:
		'Start and End without an offset are read in this zone, the API is asked in it and output timestamps carry its offset; by default the workflow\'s time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Statistics reports: the length of one interval. */
export const interval: INodeProperties = {
	displayName: 'Interval',
	name: 'interval',
	type: 'options',
	default: 30,
	description: 'Length of one statistics interval (one row per queue or agent and interval)',
	options: INTERVAL_MINUTES.map((minutes) => ({ name: `${minutes} Minutes`, value: minutes })),
};

/** Classic statistics reports: the file format asked for. */
export const classicOutputFormatOption: INodeProperties = {
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
};

function idLocator(
	name: string,
	displayName: string,
	searchListMethod: string,
	description: string,
	example: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `An ID is a number, e.g. ${example}` },
					},
				],
			},
		],
	};
}

export const agentGroupLocator = idLocator(
	'agentGroup',
	'Agent Group',
	'searchAgentGroups',
	'The agent group (team) of the chosen sub-account, by numeric ID',
	'1009',
);

export const queueGroupLocator = idLocator(
	'queueGroup',
	'Queue Group',
	'searchQueueGroups',
	'The queue group (classic: gate group) of the chosen sub-account, by numeric ID',
	'1009',
);

export const dialGroupLocator = idLocator(
	'dialGroup',
	'Dial Group',
	'searchDialGroups',
	'The dial group (outbound dialer) of the chosen sub-account, by numeric ID',
	'115793',
);

export const campaignLocator = idLocator(
	'campaign',
	'Campaign',
	'searchCampaigns',
	'The outbound campaign of the chosen sub-account (any dial group), by numeric ID',
	'136785',
);

export const agentLocator = idLocator(
	'agent',
	'Agent',
	'searchAgents',
	'The RingCX agent of the chosen sub-account, by numeric agent ID',
	'9001',
);

/** Options-collection fields; each operation lists the ones it supports, in alphabetical order. */
export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 3,
	description: 'How many times to repeat a request after a server error, a dropped connection or a rate limit (429)',
};

/** Interaction Metadata, in the report and the trigger's segments: the length of one request window. */
export const metadataWindowLengthOption: INodeProperties = {
	displayName: 'Window Length (Seconds)',
	name: 'windowSeconds',
	type: 'number',
	typeOptions: { minValue: METADATA_MIN_WINDOW_SECONDS, maxValue: METADATA_MAX_WINDOW_SECONDS },
	default: METADATA_DEFAULT_WINDOW_SECONDS,
	description:
		'Length of one API request window. The API documents 3600 s (1 hour) as its maximum; raise it (up to 10800) only if your account accepts longer windows.',
};

/*
 * The bounds on waits. Their defaults are the transport's and the planner's (DEFAULT_TIMEOUT_MS,
 * DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_MAX_BUDGET_WAIT_MS, DEFAULT_MAX_WINDOWS,
 * DEFAULT_MAX_TOOL_CALL_MS), written out because n8n's lint wants literal defaults; a unit test
 * keeps them equal.
 */

/** Every operation: the longest one request may take (transport/options.ts reads it). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 60,
	description:
		'The longest one request may take, its retries after server errors and dropped connections included (not the wait for the rate budget); past it the node fails with "timed out after N s"',
};

export const maxRetryAfterOption: INodeProperties = {
	displayName: 'Max Retry-After Wait (Seconds)',
	name: 'maxRetryAfterSeconds',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 300,
	description:
		'The longest wait a 429 answer (too many requests) is obeyed for. A longer Retry-After fails at once and says when the API asked to be retried; other requests to the sub-account hold back for at most this long because of it.',
};

/** Report operations: bounds on the waits and the work of one run. */
export const maxBudgetWaitOption: INodeProperties = {
	displayName: 'Max Rate Budget Wait (Seconds)',
	name: 'maxBudgetWaitSeconds',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1200,
	description:
		'The longest one request waits in total for the report rate budget, Retry-After waits included; past it the node fails and says how long the wait would have been',
};

export const maxWindowsOption: INodeProperties = {
	displayName: 'Max Request Windows',
	name: 'maxWindows',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10000 },
	default: 1000,
	description:
		'The most API requests (windows) one run may send. A longer range fails at once with the number of requests it needs, how long they would take at the rate budget, and how to split it.',
};

export const maxToolCallOption: INodeProperties = {
	displayName: 'Max Tool Call Duration (Seconds)',
	name: 'maxToolCallSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 40,
	description:
		'Only when an AI agent uses this node as a tool: the longest a report call may take (MCP clients give up after 60 s). A call that would take longer answers at once with how many requests it needs, how long they take and a narrower range that fits.',
};

export const retryBackoffOption: INodeProperties = {
	displayName: 'Retry Backoff (Seconds)',
	name: 'retryBackoffSeconds',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1,
	description: 'Wait before the first retry; the wait doubles with each further retry',
};

export const rcAccountIdOption: INodeProperties = {
	displayName: 'RingCentral Account ID',
	name: 'rcAccountId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 138885004',
	description:
		'RingCentral account ID for RingCX (CX) calls; by default the one the credential signed in with or stores',
};

export const mainAccountIdOption: INodeProperties = {
	displayName: 'Main Account ID',
	name: 'mainAccountId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 99990000',
	description: 'Main account to list; by default the one the credential signed in to',
};

export const resolveSupervisorNamesOption: INodeProperties = {
	displayName: 'Resolve Supervisor Names',
	name: 'resolveSupervisorNames',
	type: 'boolean',
	default: false,
	description:
		'Whether to add supervisorNames and superviseeNames (same order as the ID arrays) looked up among the agents this node read; IDs outside those agents get null, so read all groups to resolve every name',
};

const budgetText =
	'Rate budget for report requests per sub-account, shared by every Engage Voice node of this n8n instance. Raise it only if your account allows more; values you set replace the defaults (2 per minute and 9 per 15 minutes) as a whole';

/** The report rate budget (transport/options.ts reads these), alphabetical like every option list. */
export const reportBudgetOptions: INodeProperties[] = [
	{
		displayName: 'Processes Sharing the Budget',
		name: 'processesSharingBudget',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description:
			'In queue mode, how many n8n processes (main and workers) may send report requests for the same sub-account at once; each keeps to its share of the rate budget (e.g. 2 → 1 per minute and 4 per 15 minutes each)',
	},
	{
		displayName: 'Report Requests per 15 Minutes',
		name: 'reportRequestsPer15Minutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 9,
		description: budgetText,
	},
	{
		displayName: 'Report Requests per Minute',
		name: 'reportRequestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		description: budgetText,
	},
	{
		displayName: 'Report Requests per Second',
		name: 'reportRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: `${budgetText}; use it for accounts (or test servers) with a high limit`,
	},
];

/**
 * Alphabetical order of display names for the lists n8n shows. Not localeCompare: its first call
 * sets up ICU collation (about 10 ms of CPU), and these lists are sorted while n8n loads the
 * package. For our ASCII display names the order is the same (test/unit/loading.test.ts checks it).
 */
export function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
	const left = a.displayName.toLowerCase();
	const right = b.displayName.toLowerCase();
	if (left !== right) return left < right ? -1 : 1;
	return a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0;
}

/** An operation's Options collection: its own options and the retry options, in alphabetical order. */
export function optionsCollection(...options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, maxRetriesOption, retryBackoffOption].sort(byDisplayName),
	};
}

/** The Filters collection of a list operation, holding the filters it offers (in display order). */
export function filtersCollection(...filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	};
}

/** Filters › Active Only, for lists whose rows carry an active flag. */
export function activeOnlyFilter(rows: string): INodeProperties {
	return {
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: `Whether to return only ${rows} marked active`,
	};
}

/** Options › Fail If Not Found, for look-ups that may find nothing. */
export function failIfNotFoundOption(nothingFound: string): INodeProperties {
	return {
		displayName: 'Fail If Not Found',
		name: 'failIfNotFound',
		type: 'boolean',
		default: true,
		description: `Whether to stop with an error when ${nothingFound}; when off, the node returns an item with found: false instead`,
	};
}

/** Default bounds of one report answer and of one field in it (issue 9 item 14). */
export const DEFAULT_MAX_ANSWER_MEGABYTES = 100;
export const DEFAULT_MAX_FIELD_KILOBYTES = 1024;

/** The bounds of a report answer (parameters/common.ts reads them), alphabetical. */
export const reportSizeOptions: INodeProperties[] = [
	{
		displayName: 'Max Answer Size (MB)',
		name: 'maxAnswerMegabytes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 2048 },
		default: DEFAULT_MAX_ANSWER_MEGABYTES,
		description:
			'Largest report answer (one request window) accepted; reading stops and the node fails as soon as an answer passes it. Narrow the windows for larger reports.',
	},
	{
		displayName: 'Max Field Size (KB)',
		name: 'maxFieldKilobytes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1048576 },
		default: DEFAULT_MAX_FIELD_KILOBYTES,
		description: 'Longest single field (cell) of a report accepted, in thousands of characters; a longer one fails the node',
	},
];
