import type { INodeProperties } from 'n8n-workflow';

import type { ReportName } from '../../reports';
import { reportDefinition } from '../../reports/definitions';
import {
	apiFamily,
	classicOutputFormatOption,
	interval,
	maxBudgetWaitOption,
	maxRetriesOption,
	maxRetryAfterOption,
	maxToolCallOption,
	maxWindowsOption,
	metadataWindowLengthOption,
	rcAccountIdOption,
	reportBudgetOptions,
	reportSizeOptions,
	retryBackoffOption,
	returnAllOrLimit,
	subAccountLocator,
	timeoutOption,
	timeZone,
} from '../../parameters/properties';

/*
 * The parameters of a Report operation, built from what its operation file says is particular to
 * its report (ReportOperation); the rest is the same for every report.
 */

export type RowFilter = 'queue' | 'agentId';

/** What one Report operation says about its report. */
export interface ReportOperation {
	report: ReportName;
	/** The API Family description: which endpoint each family asks. */
	familyText: string;
	/** Fields its rows can be filtered by (the API always returns all queues and agents). */
	filters: RowFilter[];
}

export const OUTPUTS = ['both', 'files', 'items'] as const;
export type OutputMode = (typeof OUTPUTS)[number];

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

const filterFields: Record<RowFilter, INodeProperties> = {
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
	if (statistics) fields.push(classicOutputFormatOption);
	fields.push(
		{
			displayName: 'Include Raw Row',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to add the row as the API sent it (original column names) under "raw"',
		},
		maxBudgetWaitOption,
		maxWindowsOption,
		...reportSizeOptions,
		maxRetriesOption,
		maxRetryAfterOption,
		maxToolCallOption,
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
		timeoutOption,
	);
	if (!statistics) {
		fields.push(metadataWindowLengthOption);
	}
	return fields;
}

/** The parameters of one Report operation (without display options; the operation file adds them). */
export function reportProperties(operation: ReportOperation): INodeProperties[] {
	const statistics = reportDefinition(operation.report).kind === 'statistics';
	const properties: INodeProperties[] = [
		subAccountLocator,
		{ ...apiFamily, description: operation.familyText },
		...rangeParameters(statistics),
		timeZone,
	];
	if (statistics) properties.push(interval);
	else properties.push(...returnAllOrLimit);
	if (operation.filters.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: operation.filters
				.map((field) => filterFields[field])
				.sort((a, b) => (a.displayName < b.displayName ? -1 : 1)),
		});
	}
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: optionFields(operation.report),
	});
	return properties;
}
