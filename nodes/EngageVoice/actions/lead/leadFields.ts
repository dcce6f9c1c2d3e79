import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../../parameters/reader';
import { byDisplayName } from '../../parameters/properties';
import { requireIntegerInRange, requireNumericId } from '../../parameters/validate';

/*
 * The writable fields of a campaign lead (`CampaignLead`, API doc §10.4) as node parameters, and
 * the one reader that turns them into the lead the API gets, for Load, Update and Replace. Values
 * are sent as strings (decision 9), except the two the spec types as int32 and the suppressed flag.
 */

interface LeadField {
	name: string;
	displayName: string;
	description: string;
	kind?: 'string' | 'number' | 'boolean';
	placeholder?: string;
}

const FIELDS: LeadField[] = [
	{ name: 'address1', displayName: 'Address 1', description: 'First address line' },
	{ name: 'address2', displayName: 'Address 2', description: 'Second address line' },
	...[1, 2, 3, 4, 5].map((n) => ({
		name: `auxData${n}`,
		displayName: `Aux Data ${n}`,
		description: `Custom field ${n} of the lead (the campaign may label it, e.g. "Tier")`,
	})),
	{
		name: 'auxExternalUrl',
		displayName: 'Aux External URL',
		description: 'A link shown to the agent, e.g. the CRM record',
	},
	{ name: 'auxGreeting', displayName: 'Aux Greeting', description: 'Greeting text for the agent' },
	{ name: 'auxPhone', displayName: 'Aux Phone', description: 'Another phone number of the contact' },
	{
		name: 'callerId',
		displayName: 'Caller ID',
		description: 'Caller ID for this lead, when the campaign supports lead-level caller ID',
	},
	{ name: 'city', displayName: 'City', description: 'City' },
	{ name: 'email', displayName: 'Email', description: 'Email address of the contact', placeholder: 'name@email.com' },
	{ name: 'externId', displayName: 'External ID', description: 'Your ID of the contact (e.g. the CRM record ID)' },
	{ name: 'firstName', displayName: 'First Name', description: 'First name' },
	{ name: 'gateKeeper', displayName: 'Gatekeeper', description: 'Gatekeeper (e.g. an assistant) of the contact' },
	{ name: 'lastName', displayName: 'Last Name', description: 'Last name' },
	{
		name: 'leadPriority',
		displayName: 'Lead Priority',
		description: 'Dialing priority, used when the campaign prioritises leads',
		kind: 'number',
	},
	{
		name: 'leadTimezone',
		displayName: 'Lead Time Zone',
		description: 'The lead\'s time zone, used when Time Zone Option is "Explicit" (e.g. EST)',
	},
	{
		name: 'liveAnswerMessage',
		displayName: 'Live Answer Message',
		description: 'Message played when a person answers',
	},
	{
		name: 'machAnswerMessage',
		displayName: 'Machine Answer Message',
		description: 'Message left on an answering machine',
	},
	{ name: 'maxPasses', displayName: 'Max Passes', description: 'Most dialing passes for this lead', kind: 'number' },
	{ name: 'midName', displayName: 'Middle Name', description: 'Middle name' },
	{
		name: 'leadPhone',
		displayName: 'Phone',
		description: 'Primary phone number (US: 10 digits with area code; several numbers separated by |)',
		placeholder: 'e.g. 4155550100',
	},
	{
		name: 'leadPhoneE164',
		displayName: 'Phone (E.164)',
		description: 'The phone in E.164 form, needed when the account uses international numbers',
		placeholder: 'e.g. +14155550100',
	},
	{
		name: 'reserveAgent',
		displayName: 'Reserve for Agent ID',
		description:
			'Agent ID to reserve the lead for; an unknown agent is counted in failedAgentAssignment, the lead is still loaded',
	},
	{ name: 'state', displayName: 'State', description: 'US state or Canadian province, e.g. CA' },
	{ name: 'suffix', displayName: 'Suffix', description: 'Name suffix, e.g. Jr.' },
	{
		name: 'suppressed',
		displayName: 'Suppressed',
		description: 'Whether the lead is kept from being dialed',
		kind: 'boolean',
	},
	{ name: 'title', displayName: 'Title', description: 'Title, e.g. Dr.' },
	{ name: 'zip', displayName: 'Zip', description: 'Postal code' },
];

const FIELD_BY_NAME = new Map(FIELDS.map((field) => [field.name, field]));

function fieldProperty(field: LeadField): INodeProperties {
	const type = field.kind ?? 'string';
	return {
		displayName: field.displayName,
		name: field.name,
		type,
		default: type === 'number' ? 0 : type === 'boolean' ? false : '',
		description: field.description,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(type === 'number' ? { typeOptions: { minValue: 0 } } : {}),
	};
}

/** A collection of lead fields; `without` leaves out fields the operation asks for on their own. */
export function leadFieldsCollection(
	name: string,
	displayName: string,
	description: string,
	without: string[] = [],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options: FIELDS.filter((field) => !without.includes(field.name))
			.map(fieldProperty)
			.sort(byDisplayName),
	};
}

export const extendedLeadDataProperty: INodeProperties = {
	displayName: 'Extended Lead Data',
	name: 'extendedLeadData',
	type: 'fixedCollection',
	placeholder: 'Add Field',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'Custom name–value pairs stored with the lead (extendedLeadData); values are sent as text',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. dealStage' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export type EmptyFields = 'omit' | 'clear';

/**
 * The lead fields of a collection (and extended lead data) as the API gets them: text as strings,
 * Lead Priority and Max Passes as whole numbers, Suppressed as a boolean. An empty text field is
 * left out (`omit`) or sent as null, which clears it on a PATCH (`clear`).
 */
export function readLeadFields(params: ParameterReader, collection: string, empty: EmptyFields): IDataObject {
	const given = params.get<IDataObject>(collection, {}) ?? {};
	const lead: IDataObject = {};
	for (const [name, value] of Object.entries(given)) {
		const field = FIELD_BY_NAME.get(name);
		if (!field) continue;
		if (field.kind === 'number') {
			lead[name] = requireIntegerInRange(params, value, field.displayName, 0, 2_147_483_647, params.itemIndex);
		} else if (field.kind === 'boolean') {
			lead[name] = value === true || String(value).toLowerCase() === 'true';
		} else {
			const text = value === undefined || value === null ? '' : String(value).trim();
			if (text === '') {
				if (empty === 'clear') lead[name] = null;
				continue;
			}
			lead[name] = name === 'reserveAgent' ? requireNumericId(params, text, field.displayName, params.itemIndex) : text;
		}
	}
	const extended = readExtendedLeadData(params);
	if (extended) lead.extendedLeadData = extended;
	return lead;
}

function readExtendedLeadData(params: ParameterReader): IDataObject | undefined {
	const rows = (params.get<IDataObject>('extendedLeadData', {}) ?? {}).field;
	if (!Array.isArray(rows) || !rows.length) return undefined;
	const data: IDataObject = {};
	for (const row of rows as IDataObject[]) {
		const name = String(row.name ?? '').trim();
		if (!name) {
			throw new NodeOperationError(params.getNode(), '"Extended Lead Data" has a field without a name', {
				itemIndex: params.itemIndex,
				description: 'Give every Extended Lead Data field a name, or remove it.',
			});
		}
		const value = row.value;
		data[name] =
			value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return data;
}

/** The phone and external ID every loaded or replaced lead needs (decision 9), read from their own parameters. */
export function readLeadIdentity(params: ParameterReader): IDataObject {
	const phone = String(params.get('leadPhone', '') ?? '').trim();
	const externId = String(params.get('externId', '') ?? '').trim();
	const identity: IDataObject = {};
	if (externId) identity.externId = externId;
	if (phone) identity.leadPhone = phone;
	return identity;
}

/** Checks that a lead has an external ID and a phone (or an E.164 phone). */
export function requireLeadIdentity(params: ParameterReader, lead: IDataObject) {
	if (!lead.externId) {
		throw new NodeOperationError(params.getNode(), '"External ID" is empty', {
			itemIndex: params.itemIndex,
			description:
				'Every lead needs your ID of the contact (e.g. the CRM record ID) in "External ID": it is how the lead is found again.',
		});
	}
	if (!lead.leadPhone && !lead.leadPhoneE164) {
		throw new NodeOperationError(params.getNode(), '"Phone" is empty', {
			itemIndex: params.itemIndex,
			description: 'Every lead needs a phone number in "Phone" (or "Phone (E.164)" under Additional Fields).',
		});
	}
}

export const phoneProperty: INodeProperties = {
	displayName: 'Phone',
	name: 'leadPhone',
	type: 'string',
	default: '',
	placeholder: 'e.g. 4155550100',
	description: 'Primary phone number of the lead (US: 10 digits with area code). Duplicates are found by this number.',
};

export const externIdProperty: INodeProperties = {
	displayName: 'External ID',
	name: 'externId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. crm-10042',
	description: 'Your ID of the contact (e.g. the CRM record ID); the node finds the lead again by it',
};
