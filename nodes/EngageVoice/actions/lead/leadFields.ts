import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName } from '../../parameters/properties';

/*
 * The writable fields of a campaign lead (`CampaignLead`, API doc §10.4) as node parameters, for
 * Load, Update and Replace. The reader that turns them into the lead the API gets is
 * ./leadFieldsReader.ts.
 */

export interface LeadField {
	name: string;
	displayName: string;
	description: string;
	kind?: 'string' | 'number' | 'boolean';
	placeholder?: string;
}

export const LEAD_FIELDS: LeadField[] = [
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
		options: LEAD_FIELDS.filter((field) => !without.includes(field.name))
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
