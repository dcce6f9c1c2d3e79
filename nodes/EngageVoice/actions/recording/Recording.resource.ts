import type { INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as getTranscript from './getTranscript.operation';

export const operations = { download: download.execute, getTranscript: getTranscript.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description:
					'Download the recording of one agent segment as a binary file (WAV, or MP3), by dialog and segment ID or by classic recording URL',
				action: 'Download a recording',
			},
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				description:
					'Get the transcript of one agent segment (RingCX) by dialog and segment ID, as lines and as plain text',
				action: 'Get a transcript',
			},
		],
		default: 'download',
	},
	...download.description,
	...getTranscript.description,
];
