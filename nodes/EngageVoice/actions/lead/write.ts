import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/properties';

/*
 * The options Update (PATCH) and Replace (PUT) of one lead share (API doc §10.6, decision 11);
 * the write itself is ./writeFromParameters.ts.
 */

export const writeOptions: INodeProperties = optionsCollection(
	{
		displayName: 'Move to List ID',
		name: 'listId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2222',
		description: 'Put the lead into this list of the campaign',
	},
	{
		displayName: 'Recompute Time Zone',
		name: 'timezoneOption',
		type: 'options',
		default: 'NPA_NXX',
		description: "Set the lead's time zone again from this source (the update's timezoneOption)",
		options: [
			{ name: 'By Area Code (NPA-NXX)', value: 'NPA_NXX' },
			{ name: 'By Zip Code', value: 'ZIPCODE' },
			{ name: 'Explicit (Lead Time Zone Field)', value: 'EXPLICIT' },
			{ name: 'Not Applicable', value: 'NOT_APPLICABLE' },
		],
	},
);
