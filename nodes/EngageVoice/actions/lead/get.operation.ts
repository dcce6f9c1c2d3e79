import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { findLeads } from '../../api/onDemand';
import {
	campaignLocator,
	failIfNotFoundOption,
	optionsCollection,
	simplify,
	subAccountLocator,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { leadIdProperty } from './common';
import { externIdProperty, phoneProperty } from './leadFields';

const LOOK_UPS = ['leadId', 'externId', 'phone'] as const;

const properties: INodeProperties[] = [
	subAccountLocator,
	campaignLocator,
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		default: 'externId',
		description: 'What identifies the lead. External IDs and phones need not be unique: every match is returned.',
		options: [
			{ name: 'External ID', value: 'externId', description: 'Your ID of the contact, as loaded' },
			{ name: 'Lead ID', value: 'leadId', description: 'The ID RingCX assigned' },
			{ name: 'Phone', value: 'phone', description: "Any of the lead's phone numbers" },
		],
	},
	{ ...leadIdProperty, displayOptions: { show: { findBy: ['leadId'] } } },
	{ ...externIdProperty, displayOptions: { show: { findBy: ['externId'] } } },
	{
		...phoneProperty,
		required: true,
		description: 'Phone number of the lead',
		displayOptions: { show: { findBy: ['phone'] } },
	},
	simplify,
	optionsCollection(
		failIfNotFoundOption('no lead matches'),
		{
			displayName: 'Not-Found Retries',
			name: 'notFoundRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5 },
			default: 2,
			description:
				'How many times to search again when nothing is found: a lead loaded a moment ago may not be searchable yet',
		},
		{
			displayName: 'Not-Found Wait (Seconds)',
			name: 'notFoundWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 30 },
			default: 2,
			description: 'Wait before the first repeated search; it doubles for each further one (2 s, then 4 s), up to 30 s',
		},
	),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, properties);

/** One lead (or every lead) by lead ID, external ID or phone in a campaign (decision 10). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run, not with the description n8n loads at start
	const { itemParameters } = await import('../../parameters/reader');
	const { readSubAccountId } = await import('../../parameters/common');
	const { requireIntegerInRange, requireOneOf } = await import('../../parameters/validate');
	const { leadCall, readCampaignId, readLeadId } = await import('./commonReaders');
	const { campaignCriteria, matchingRows } = await import('./criteriaReader');
	const { simplifyLead } = await import('../../leads/dialerRows');
	const params = itemParameters(this, context.itemIndex);
	const i = context.itemIndex;
	const subAccountId = readSubAccountId(params);
	const campaignId = readCampaignId(params);
	const findBy = requireOneOf(params, params.get('findBy', 'externId'), 'Find By', LOOK_UPS, i);
	const options = params.get<IDataObject>('options', {}) ?? {};
	const criteria = campaignCriteria(campaignId);
	let value: string;
	if (findBy === 'leadId') {
		value = readLeadId(params);
		criteria.leadIds = [Number(value)];
	} else {
		const name = findBy === 'externId' ? 'externId' : 'leadPhone';
		value = String(params.get(name, '') ?? '').trim();
		if (!value)
			context.fail(
				`"${findBy === 'externId' ? 'External ID' : 'Phone'}" is empty`,
				'Enter the value to find the lead by.',
			);
		if (findBy === 'externId') criteria.externIds = [value];
		else criteria.leadPhoneNumbers = [value];
	}
	const retries = requireIntegerInRange(params, options.notFoundRetries ?? 2, 'Not-Found Retries', 0, 5, i);
	const waitSeconds = Number(options.notFoundWaitSeconds ?? 2);
	const matchLeadId = (row: IDataObject) => findBy !== 'leadId' || String(row.leadId) === value;
	const keep = matchingRows(criteria) ?? matchLeadId;

	const { rows, searches } = await findLeads(
		this,
		leadCall(context, subAccountId),
		criteria,
		{ pageSize: 100, keep },
		{ retries, firstWaitMs: Math.max(0, waitSeconds) * 1000 },
	);
	if (!rows.length) {
		if (options.failIfNotFound !== false) {
			context.fail(
				`No lead with ${findBy === 'leadId' ? 'lead ID' : findBy === 'externId' ? 'external ID' : 'phone'} ${value} in campaign ${campaignId}`,
				`Searched ${searches} time${searches === 1 ? '' : 's'}. Check the value and the campaign; a lead loaded moments ago may need more time (Options › Not-Found Retries). Turn off "Fail If Not Found" to get an item with found: false instead.`,
			);
		}
		return [{ json: { found: false, findBy, value, campaignId: Number(campaignId), subAccountId, searches } }];
	}
	const simple = params.get('simplify', true);
	return rows.map((row) => ({ json: { found: true, ...(simple ? simplifyLead(row) : row) } }));
}
