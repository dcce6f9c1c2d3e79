import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import type { LeadCall, LeadLoadSettings } from '../../api/leads';
import { loadLeads, searchLeads } from '../../api/onDemand';
import type { DuplicateHandling, LeadLoadAnswer } from '../../leads/loadOutcome';
import type { PlannedLead } from '../../leads/loadPlan';
import { campaignLocator, optionsCollection, subAccountLocator } from '../../parameters/properties';
import type { TransportOptions } from '../../transport';
import type { BatchContext } from '../operationContext';
import { extendedLeadDataProperty, externIdProperty, leadFieldsCollection, phoneProperty } from './leadFields';

const DUPLICATE_HANDLING: readonly DuplicateHandling[] = ['RETAIN_ALL', 'REMOVE_ALL_EXISTING', 'REMOVE_FROM_LIST'];
const TIME_ZONE_OPTIONS = ['NPA_NXX', 'ZIPCODE', 'EXPLICIT', 'COUNTRY', 'NOT_APPLICABLE'] as const;
const DIAL_PRIORITIES = ['NORMAL', 'IMMEDIATE'] as const;
export const DEFAULT_BATCH_SIZE = 1000;
const MAX_BATCH_SIZE = 10_000;

const properties: INodeProperties[] = [
	subAccountLocator,
	{ ...campaignLocator, description: 'The outbound campaign to load the leads into' },
	{ ...phoneProperty, description: `${phoneProperty.description} Required unless Phone (E.164) is given.` },
	externIdProperty,
	{
		displayName: 'Duplicate Handling',
		name: 'duplicateHandling',
		type: 'options',
		default: 'RETAIN_ALL',
		description:
			'What the API does with a lead whose primary phone it has seen (as the current RingCX docs describe the values)',
		options: [
			{
				name: 'Keep All (Retain All)',
				value: 'RETAIN_ALL',
				description: 'Load every lead, duplicates too (the API default)',
			},
			{
				name: 'Keep the Existing Lead (Remove All Existing)',
				value: 'REMOVE_ALL_EXISTING',
				description: 'Do not load a lead whose phone is already in the campaign; the result says "duplicate"',
			},
			{
				name: 'Skip Repeats in This Load (Remove From List)',
				value: 'REMOVE_FROM_LIST',
				description: 'Load each phone once per load; leads already in the campaign are not looked at',
			},
		],
	},
	{
		displayName: 'Time Zone Option',
		name: 'timeZoneOption',
		type: 'options',
		// decision 9: the API has no default and the node takes none; the user chooses
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
		default: '',
		required: true,
		description:
			"How RingCX sets each lead's time zone (which decides when it may be dialed). The API has no default: choose one.",
		options: [
			{ name: 'By Area Code (NPA-NXX)', value: 'NPA_NXX' },
			{ name: 'By Country', value: 'COUNTRY' },
			{ name: 'By Zip Code', value: 'ZIPCODE' },
			{ name: 'Explicit (Lead Time Zone Field)', value: 'EXPLICIT' },
			{ name: 'Not Applicable', value: 'NOT_APPLICABLE' },
		],
	},
	leadFieldsCollection(
		'additionalFields',
		'Additional Fields',
		'More fields of the lead, usually mapped from the input item',
		['leadPhone', 'externId'],
	),
	extendedLeadDataProperty,
	optionsCollection(
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
			default: DEFAULT_BATCH_SIZE,
			description:
				'Most leads per load request; input items with the same campaign and settings share requests (read from the first item)',
		},
		{
			displayName: 'Dial Priority',
			name: 'dialPriority',
			type: 'options',
			default: 'NORMAL',
			options: [
				{ name: 'Immediate', value: 'IMMEDIATE', description: 'Put the leads at the top of the dialer queue' },
				{ name: 'Normal', value: 'NORMAL' },
			],
		},
		{
			displayName: 'Look Up Existing Phones',
			name: 'checkExistingPhones',
			type: 'boolean',
			default: true,
			description:
				'Whether to search the campaign for the phones of a request before loading it, so that each lead can be told inserted or duplicate (one search per request of two or more leads)',
			displayOptions: { show: { '/duplicateHandling': ['REMOVE_ALL_EXISTING'] } },
		},
		{
			displayName: 'List Description',
			name: 'listDescription',
			type: 'string',
			default: '',
			placeholder: 'e.g. Web form leads',
			description: 'Name of the lead list the load creates; by default "n8n: " and the workflow name',
		},
	),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['load'] } }, properties);

interface LeadToLoad {
	subAccountId: string;
	campaignId: string;
	request: LeadLoadSettings;
	lead: IDataObject;
	checkExistingPhones: boolean;
	batchSize: number;
	transport: TransportOptions;
}

/**
 * The reader of one input item → the lead and its request settings, checked before anything is
 * sent. Its readers load once per run (on the first run, not with the description n8n loads at
 * start), not once per item.
 */
async function leadToLoadReader() {
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId } = await import('../../parameters/common');
	const { requireIntegerInRange, requireOneOf } = await import('../../parameters/validate');
	const { readCampaignId } = await import('./commonReaders');
	const { readLeadFields, readLeadIdentity, requireLeadIdentity } = await import('./leadFieldsReader');
	return (ctx: IExecuteFunctions, itemIndex: number, transport: TransportOptions): LeadToLoad => {
		const params = itemParameters(ctx, itemIndex);
		const subAccountId = readSubAccountId(params);
		const campaignId = readCampaignId(params);
		const duplicateHandling = requireOneOf(
			params,
			params.get('duplicateHandling', 'RETAIN_ALL'),
			'Duplicate Handling',
			DUPLICATE_HANDLING,
			itemIndex,
		);
		const zoneOption = String(params.get('timeZoneOption', '') ?? '');
		if (!zoneOption) {
			throw new NodeOperationError(ctx.getNode(), '"Time Zone Option" is not chosen', {
				itemIndex,
				description:
					"Choose how RingCX sets the leads' time zones (by area code, zip code, explicitly, …): the API has no default.",
			});
		}
		const options = params.get<IDataObject>('options', {}) ?? {};
		const lead = { ...readLeadIdentity(params), ...readLeadFields(params, 'additionalFields', 'omit') };
		requireLeadIdentity(params, lead);
		const listDescription = String(options.listDescription ?? '').trim();
		return {
			subAccountId,
			campaignId,
			request: {
				description: listDescription || `n8n: ${ctx.getWorkflow().name ?? 'workflow'}`,
				dialPriority: requireOneOf(
					params,
					options.dialPriority ?? 'NORMAL',
					'Dial Priority',
					DIAL_PRIORITIES,
					itemIndex,
				),
				duplicateHandling,
				listState: 'ACTIVE',
				timeZoneOption: requireOneOf(params, zoneOption, 'Time Zone Option', TIME_ZONE_OPTIONS, itemIndex),
			},
			lead,
			checkExistingPhones: options.checkExistingPhones !== false,
			batchSize: requireIntegerInRange(
				params,
				options.batchSize ?? DEFAULT_BATCH_SIZE,
				'Batch Size',
				1,
				MAX_BATCH_SIZE,
				itemIndex,
			),
			transport,
		};
	};
}

/** The primary phones of `leads` the campaign already has (for REMOVE_ALL_EXISTING). */
async function existingPhones(ctx: IExecuteFunctions, call: LeadCall, campaignId: string, leads: IDataObject[]) {
	const { campaignCriteria, matchingRows } = await import('./criteriaReader');
	const { phoneKey } = await import('../../leads/phone');
	const phones = [
		...new Set(leads.map((lead) => String(lead.leadPhone ?? lead.leadPhoneE164 ?? '').split('|')[0]).filter(Boolean)),
	];
	const criteria = { ...campaignCriteria(campaignId), leadPhoneNumbers: phones };
	const rows = await searchLeads(ctx, call, criteria, { pageSize: 1000, keep: matchingRows(criteria) });
	return new Set(rows.map((row) => phoneKey(row.leadPhone)));
}

/**
 * Lead › Load: every input item is one lead; leads with the same sub-account, campaign and load
 * settings share `leadLoader/direct` requests of up to Batch Size leads (decision 9). Each input
 * item gets one output item with its result (see leads/loadOutcome.ts for what can be known).
 */
export async function execute(this: IExecuteFunctions, batch: BatchContext): Promise<INodeExecutionData[]> {
	const { loadFailure, loadOutcomes } = await import('../../leads/loadOutcome');
	const { planLoadRequests } = await import('../../leads/loadPlan');
	const { phoneKey } = await import('../../leads/phone');
	const readLeadToLoad = await leadToLoadReader();
	const outputs: INodeExecutionData[][] = Array.from({ length: batch.itemCount }, () => []);
	const planned: Array<PlannedLead<LeadToLoad>> = [];
	for (let i = 0; i < batch.itemCount; i++) {
		try {
			const lead = readLeadToLoad(this, i, batch.transport(i));
			planned.push({
				itemIndex: i,
				requestKey: JSON.stringify([lead.subAccountId, lead.campaignId, lead.request]),
				phone: phoneKey(lead.lead.leadPhone ?? lead.lead.leadPhoneE164),
				lead,
			});
		} catch (error) {
			// bad input fails before any request is sent (the readers throw NodeOperationErrors)
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (!batch.continueOnFail) throw error;
			outputs[i] = [batch.errorItem(error as Error, i)];
		}
	}

	const requests = planLoadRequests(planned, planned[0]?.lead.batchSize ?? DEFAULT_BATCH_SIZE);
	let loadedLeads = 0;
	for (let r = 0; r < requests.length; r++) {
		const request = requests[r];
		const first = request[0];
		const { subAccountId, campaignId } = first.lead;
		const handling = first.lead.request.duplicateHandling as DuplicateHandling;
		const leads = request.map((entry) => entry.lead.lead);
		const label = `load ${r + 1} of ${requests.length}: ${leads.length} lead${leads.length === 1 ? '' : 's'} into campaign ${campaignId}`;
		const call: LeadCall = {
			connection: batch.connection,
			itemIndex: first.itemIndex,
			transport: first.lead.transport,
			subAccountId,
		};

		let known: Set<string> | undefined;
		if (handling === 'REMOVE_ALL_EXISTING' && first.lead.checkExistingPhones && leads.length > 1) {
			try {
				known = await existingPhones(this, call, campaignId, leads);
			} catch (error) {
				// the look-up only sharpens the results; without it the load still runs
				this.logger.warn(
					`Engage Voice: could not look up existing phones before ${label}: ${(error as Error).message}`,
				);
			}
		}

		let answer: LeadLoadAnswer | undefined;
		let failure: NodeApiError | NodeOperationError | undefined;
		try {
			answer = await loadLeads(this, call, campaignId, first.lead.request, leads, label);
			const failed = answer && loadFailure(answer, leads.length);
			if (answer && failed) {
				const { leadLoadFailed } = await import('../../api/leads');
				failure = leadLoadFailed(this, answer, failed, first.itemIndex, label);
			}
		} catch (error) {
			if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: first.itemIndex });
			}
			failure = error;
			if (
				error instanceof NodeApiError &&
				(error.httpCode === null || error.httpCode === undefined || Number(error.httpCode) >= 500)
			) {
				error.description =
					`${error.description ?? ''} The load may have happened although no answer came back: check with Lead › Search before loading these leads again.`.trim();
			}
		}

		if (failure) {
			if (!batch.continueOnFail) {
				const later = requests.slice(r + 1).reduce((sum, next) => sum + next.length, 0);
				failure.description =
					`${failure.description ?? ''} ${r} earlier request${r === 1 ? '' : 's'} (${loadedLeads} leads) had been sent; ${later} later lead${later === 1 ? ' was' : 's were'} not sent.`.trim();
				throw failure;
			}
			// one error item per lead, carrying its own rejection reason when the API gave one
			const reasons = answer ? loadOutcomes(leads, answer, handling).outcomes : [];
			request.forEach((entry, k) => {
				const reason = reasons[k]?.result === 'rejected' ? reasons[k].reason : undefined;
				const error = new NodeApiError(this.getNode(), { reason: reason ?? null } as JsonObject, {
					message: reason ? `${failure.message}; this lead: ${reason}` : failure.message,
					description: failure.description ?? undefined,
					httpCode: failure instanceof NodeApiError ? (failure.httpCode ?? undefined) : undefined,
					itemIndex: entry.itemIndex,
				});
				outputs[entry.itemIndex] = [batch.errorItem(error, entry.itemIndex)];
			});
			continue;
		}

		loadedLeads += leads.length;
		const { outcomes, summary } = loadOutcomes(leads, answer, handling, known);
		request.forEach((entry, k) => {
			const lead = entry.lead.lead;
			outputs[entry.itemIndex] = [
				{
					json: {
						result: outcomes[k].result,
						...(outcomes[k].reason ? { reason: outcomes[k].reason } : {}),
						externId: (lead.externId as string) ?? null,
						leadPhone: (lead.leadPhone as string) ?? (lead.leadPhoneE164 as string) ?? null,
						campaignId: Number(campaignId),
						subAccountId,
						request: { number: r + 1, of: requests.length, ...summary } as unknown as IDataObject,
					},
					pairedItem: { item: entry.itemIndex },
				},
			];
		});
	}
	return outputs.flat();
}
