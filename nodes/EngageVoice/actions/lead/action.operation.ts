import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { performLeadAction, searchLeads } from '../../api/onDemand';
import { DESTRUCTIVE_LEAD_ACTIONS, LEAD_ACTIONS, narrowsLeads } from '../../leads/leadActions';
import { agentLocator, campaignLocator, optionsCollection, subAccountLocator } from '../../parameters/properties';
import type { ParameterReader } from '../../parameters/reader';
import type { OperationContext } from '../operationContext';
import { leadTimeZone } from './common';
import { leadFilters } from './criteria';

const ACTION_VALUES = LEAD_ACTIONS.map((action) => action.value);
const only = (...leadAction: string[]) => ({ show: { leadAction } });

const properties: INodeProperties[] = [
	subAccountLocator,
	{ ...campaignLocator, description: 'The campaign whose leads the action changes' },
	{
		displayName: 'Action',
		name: 'leadAction',
		type: 'options',
		default: 'CALLBACK_LEADS',
		description: 'What to do with every lead that matches the filters',
		options: LEAD_ACTIONS.map(({ name, value, description }) => ({ name, value, description })),
	},
	{
		displayName:
			'This action changes every lead of the campaign that matches the filters. It runs only when the filters name leads (Lead IDs, External IDs, Phone Numbers or List IDs), or when "Apply to All Matching Leads" is on.',
		name: 'destructiveNotice',
		type: 'notice',
		default: '',
		displayOptions: only(...DESTRUCTIVE_LEAD_ACTIONS),
	},
	// Callback
	{
		displayName: 'Callback Type',
		name: 'callbackType',
		type: 'options',
		default: 'AGENT',
		options: [
			{
				name: 'Agent Callback',
				value: 'AGENT',
				description: 'An agent calls the leads back, at a date and time or now',
			},
			{ name: 'Cancel Callbacks', value: 'CANCEL', description: 'Cancel the callbacks of the leads' },
			{ name: 'Reset to Ready', value: 'RESET', description: 'Clear the callback state and make the leads ready' },
		],
		displayOptions: only('CALLBACK_LEADS'),
	},
	{
		...agentLocator,
		description: 'The agent who calls back',
		displayOptions: { show: { leadAction: ['CALLBACK_LEADS'], callbackType: ['AGENT'] } },
	},
	{
		displayName: 'Callback Date and Time',
		name: 'callbackDate',
		type: 'dateTime',
		default: '',
		description:
			'When the agent should call back, read in the chosen time zone unless it has an offset, sent in UTC; empty means the callback is due now',
		displayOptions: { show: { leadAction: ['CALLBACK_LEADS'], callbackType: ['AGENT'] } },
	},
	// Agent reservation
	{
		displayName: 'Clear Reservation',
		name: 'clearReservation',
		type: 'boolean',
		default: false,
		description: "Whether to remove the leads' agent reservation instead of setting one",
		displayOptions: only('AGENT_RESERVATION'),
	},
	{
		...agentLocator,
		description: 'The agent to reserve the leads for',
		displayOptions: { show: { leadAction: ['AGENT_RESERVATION'], clearReservation: [false] } },
	},
	// Move to campaign
	{
		...campaignLocator,
		name: 'targetCampaign',
		displayName: 'Target Campaign',
		description: 'The campaign to move or copy the leads to',
		displayOptions: only('MOVE_TO_CAMPAIGN'),
	},
	{
		displayName: 'Target List',
		name: 'targetList',
		type: 'options',
		default: 'new',
		options: [
			{ name: 'New List', value: 'new', description: 'A new list of the target campaign, named below' },
			{ name: 'Existing List', value: 'existing', description: 'A list of the target campaign, by ID' },
		],
		displayOptions: only('MOVE_TO_CAMPAIGN'),
	},
	{
		displayName: 'New List Name',
		name: 'listName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { leadAction: ['MOVE_TO_CAMPAIGN'], targetList: ['new'] } },
	},
	{
		displayName: 'List ID',
		name: 'listId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2222',
		displayOptions: { show: { leadAction: ['MOVE_TO_CAMPAIGN'], targetList: ['existing'] } },
	},
	{
		displayName: 'Move or Copy',
		name: 'copySetting',
		type: 'options',
		default: 'false',
		options: [
			{ name: 'Copy', value: 'true', description: 'Copies get new lead IDs; the originals stay' },
			{ name: 'Move', value: 'false', description: 'The leads keep their IDs and leave this campaign' },
			{ name: 'Transition Copy', value: 'TRANSITION', description: 'Copy, and set the originals to TRANSITIONED' },
		],
		displayOptions: only('MOVE_TO_CAMPAIGN'),
	},
	{
		displayName: 'If the Target Has the Phone',
		name: 'duplicateAction',
		type: 'options',
		default: 'MOVE',
		options: [
			{ name: 'Move or Copy Anyway', value: 'MOVE' },
			{ name: 'Skip the Lead', value: 'IGNORE' },
		],
		displayOptions: only('MOVE_TO_CAMPAIGN'),
	},
	// Manual pass
	{
		displayName: 'Agent Disposition',
		name: 'passDisposition',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Closed Won',
		description: 'The disposition text of the manual pass',
		displayOptions: only('MANUAL_LEADS'),
	},
	{
		displayName: 'Requeue',
		name: 'requeue',
		type: 'boolean',
		default: false,
		description: 'Whether to make the leads ready again after the pass delay',
		displayOptions: only('MANUAL_LEADS'),
	},
	{
		displayName: 'Pass Delay (Minutes)',
		name: 'passDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Minutes until a requeued lead is dialed again',
		displayOptions: only('MANUAL_LEADS'),
	},
	{
		displayName: 'Do Not Call',
		name: 'doNotCall',
		type: 'boolean',
		default: false,
		description: 'Whether to mark the leads do-not-call and add their numbers to the DNC list',
		displayOptions: only('MANUAL_LEADS'),
	},
	{
		displayName: 'Merge Into Original',
		name: 'mergeOriginal',
		type: 'boolean',
		default: false,
		description: 'Whether to merge the pass into the original lead of a copied or transitioned lead',
		displayOptions: only('MANUAL_LEADS'),
	},
	// Email
	{
		displayName: 'Email To',
		name: 'emailTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ops@example.com, lead@example.com',
		description: 'Addresses that get the leads as a ZIP download link, separated by commas',
		displayOptions: only('EMAIL_LEADS'),
	},
	// Dialer refresh
	{
		displayName: 'Force Refresh',
		name: 'forceRefresh',
		type: 'boolean',
		default: false,
		description: 'Whether to force the dialer cache refresh',
		displayOptions: only('DIALER_REFRESH'),
	},
	leadFilters,
	{
		displayName: 'Apply to All Matching Leads',
		name: 'applyToAll',
		type: 'boolean',
		default: false,
		description:
			'Whether to run the action although the filters name no lead (by ID, external ID, phone or list): it then hits every lead of the campaign that the other filters match',
		displayOptions: only(...DESTRUCTIVE_LEAD_ACTIONS),
	},
	{ ...leadTimeZone, displayOptions: { show: { leadAction: ACTION_VALUES } } },
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['action'] } }, properties);

/**
 * The action's `paramMap` (API doc §10.7), typed as the current docs' examples (decision 12): ids
 * and minutes as numbers, flags as booleans, CREATE_COPY_SETTING as a string. Also the callback
 * instant, for the output.
 */
async function readParamMap(
	params: ParameterReader,
	leadAction: string,
	timeZone: string,
	fail: (message: string) => never,
) {
	const { requireDateInput, requireIntegerInRange, requireNumericId, requireOneOf } = await import(
		'../../parameters/validate'
	);
	const { formatLeadDate } = await import('../../leads/leadDate');
	const { toIsoWithOffset } = await import('../../reports/timeZone');
	const i = params.itemIndex;
	const readAgentId = () =>
		Number(requireNumericId(params, params.get('agent', '', { extractValue: true }), 'Agent', i));
	const paramMap: IDataObject = {};
	let callbackMs: number | undefined;
	switch (leadAction) {
		case 'CALLBACK_LEADS': {
			const type = requireOneOf(
				params,
				params.get('callbackType', 'AGENT'),
				'Callback Type',
				['AGENT', 'CANCEL', 'RESET'],
				i,
			);
			paramMap.ACTION_TYPE = type;
			if (type === 'AGENT') {
				paramMap.RESERVATION_AGENT_ID = readAgentId();
				const date = params.get<unknown>('callbackDate', '');
				if (date !== undefined && date !== null && String(date).trim() !== '') {
					callbackMs = requireDateInput(params, date, 'Callback Date and Time', timeZone, i);
					if (callbackMs <= Date.now()) {
						fail(`"Callback Date and Time" is in the past: ${toIsoWithOffset(callbackMs, timeZone)}`);
					}
					paramMap.CALLBACK_DATE = formatLeadDate(callbackMs);
				}
			}
			break;
		}
		case 'AGENT_RESERVATION':
			paramMap.RESERVATION_AGENT_ID = params.get<boolean>('clearReservation', false) === true ? 0 : readAgentId();
			break;
		case 'MOVE_TO_CAMPAIGN': {
			paramMap.CAMPAIGN_ID = Number(
				requireNumericId(params, params.get('targetCampaign', '', { extractValue: true }), 'Target Campaign', i),
			);
			if (requireOneOf(params, params.get('targetList', 'new'), 'Target List', ['new', 'existing'], i) === 'new') {
				const name = String(params.get('listName', '') ?? '').trim();
				if (!name) fail('"New List Name" is empty');
				paramMap.LIST_ID = 0;
				paramMap.LIST_NAME = name;
			} else {
				paramMap.LIST_ID = Number(requireNumericId(params, params.get('listId', ''), 'List ID', i));
			}
			paramMap.CREATE_COPY_SETTING = requireOneOf(
				params,
				params.get('copySetting', 'false'),
				'Move or Copy',
				['false', 'true', 'TRANSITION'],
				i,
			);
			paramMap.DUPLICATE_ACTION_SETTING = requireOneOf(
				params,
				params.get('duplicateAction', 'MOVE'),
				'If the Target Has the Phone',
				['MOVE', 'IGNORE'],
				i,
			);
			break;
		}
		case 'MANUAL_LEADS': {
			const disposition = String(params.get('passDisposition', '') ?? '').trim();
			if (!disposition) fail('"Agent Disposition" is empty');
			paramMap.PASS_DISPOSITION = disposition;
			paramMap.REQUEUE = params.get<boolean>('requeue', false) === true;
			paramMap.PASS_DELAY = requireIntegerInRange(
				params,
				params.get('passDelay', 0),
				'Pass Delay (Minutes)',
				0,
				525_600,
				i,
			);
			paramMap.DO_NOT_CALL = params.get<boolean>('doNotCall', false) === true;
			paramMap.MERGE_ORIGINAL = params.get<boolean>('mergeOriginal', false) === true;
			break;
		}
		case 'EMAIL_LEADS': {
			const addresses = String(params.get('emailTo', '') ?? '')
				.split(/[,;]/)
				.map((address) => address.trim())
				.filter(Boolean);
			const bad = addresses.find((address) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address));
			if (!addresses.length || bad !== undefined)
				fail(`"Email To" needs email addresses${bad ? `; "${bad.slice(0, 60)}" is not one` : ''}`);
			paramMap.EMAIL_TO = addresses.join(',');
			break;
		}
		case 'DIALER_REFRESH':
			paramMap.force_dialer_cache_refresh = params.get<boolean>('forceRefresh', false) === true;
			break;
		default:
			break;
	}
	return { paramMap, callbackMs };
}

/** `performLeadAction` on the leads of one campaign that match the filters, behind the guard of decision 12. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId, readTimeZone } = await import('../../parameters/common');
	const { requireOneOf } = await import('../../parameters/validate');
	const { toIsoWithOffset } = await import('../../reports/timeZone');
	const { leadCall, readCampaignId } = await import('./commonReaders');
	const { campaignCriteria, inApiSpelling, matchingRows, readFilterCriteria } = await import('./criteriaReader');
	const params = itemParameters(this, context.itemIndex);
	const i = context.itemIndex;
	const subAccountId = readSubAccountId(params);
	const campaignId = readCampaignId(params);
	const leadAction = requireOneOf(params, params.get('leadAction', ''), 'Action', ACTION_VALUES, i);
	const definition = LEAD_ACTIONS.find((action) => action.value === leadAction)!;
	const timeZone = readTimeZone(params);
	const criteria: IDataObject = { ...campaignCriteria(campaignId), ...readFilterCriteria(params, timeZone) };

	if (definition.destructive && !narrowsLeads(criteria) && params.get<boolean>('applyToAll', false) !== true) {
		context.fail(
			`"${definition.name}" refused: no lead is named`,
			`"${definition.name}" changes every lead of campaign ${campaignId} that the filters match. Add Lead IDs, External IDs, Phone Numbers or List IDs under Filters, or turn on "Apply to All Matching Leads" if every matching lead is meant.`,
		);
	}
	const { paramMap, callbackMs } = await readParamMap(params, leadAction, timeZone, (message) =>
		context.fail(message, `Correct the fields of the "${definition.name}" action.`),
	);
	const call = leadCall(context, subAccountId);
	await inApiSpelling(this, call, params, criteria);

	// External IDs and phones may be ignored as criteria (decision 10, open question 24): the node
	// finds the matching leads itself and names them by lead ID as well, so an ignored filter can
	// never widen the action to the whole campaign.
	const match = matchingRows(criteria);
	let resolvedLeadIds: number[] | undefined;
	if (match) {
		const rows = await searchLeads(this, call, criteria, { pageSize: 1000, keep: match });
		resolvedLeadIds = [...new Set(rows.map((row) => Number(row.leadId)).filter(Number.isSafeInteger))];
		if (!resolvedLeadIds.length) {
			return [
				{
					json: {
						leadAction,
						sent: false,
						matchedLeads: 0,
						reason: 'No lead of the campaign matches the external IDs or phone numbers, so no action was sent',
						criteria,
					},
				},
			];
		}
		criteria.leadIds = resolvedLeadIds;
	}

	const result = await performLeadAction(this, call, leadAction, criteria, paramMap);
	return [
		{
			json: {
				leadAction,
				sent: true,
				...(result ?? {
					success: null,
					note: 'The API answered without a body: the action was accepted, without counts',
				}),
				...(resolvedLeadIds ? { matchedLeads: resolvedLeadIds.length } : {}),
				...(callbackMs !== undefined ? { callbackAt: toIsoWithOffset(callbackMs, timeZone) } : {}),
				criteria,
				paramMap: paramMap,
			},
		},
	];
}
