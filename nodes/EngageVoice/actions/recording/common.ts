import type { INodeProperties } from 'n8n-workflow';

import { subAccountLocator } from '../../parameters/properties';

/* What Download and Get Transcript share: the CX segment they address (API doc §5.8); ./segmentTarget reads it. */

export const segmentParameters: INodeProperties[] = [
	subAccountLocator,
	{
		displayName: 'Dialog ID',
		name: 'dialogId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. s-v-93bd0e6f0f0a479ea8025fe8f8ec3e1d-1721690897808',
		description: 'The dialogId of the call, as in Interaction Metadata rows',
	},
	{
		displayName: 'Segment ID',
		name: 'segmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. p-v-93bd0e6f0f0a479ea8025fe8f8ec3e1d-1721690897808-190dcc63d90ab',
		description: 'The segmentId of the agent segment, as in Interaction Metadata rows',
	},
];
