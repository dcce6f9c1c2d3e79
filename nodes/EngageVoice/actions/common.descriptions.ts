import type { INodeProperties } from 'n8n-workflow';

/** Parameters several operations share; each operation adds them to its own description. */

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
