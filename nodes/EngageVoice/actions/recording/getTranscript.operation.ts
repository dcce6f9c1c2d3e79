import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { engageRequest, familyTarget } from '../../api/onDemand';
import {
	maxRetriesOption,
	maxRetryAfterOption,
	rcAccountIdOption,
	retryBackoffOption,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { segmentParameters } from './common';

const properties: INodeProperties[] = [
	...segmentParameters,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxRetriesOption, maxRetryAfterOption, retryBackoffOption, rcAccountIdOption, timeoutOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['getTranscript'] } },
	properties,
);

interface TranscriptLine {
	participantType?: string | null;
	participantName?: string | null;
	message?: string | null;
	timestamp?: string | number | null;
}

/** The lines as plain text, "agent: …" / "contact: …", for a summary or an AI step. */
function transcriptText(lines: TranscriptLine[]): string {
	return lines
		.map((line) => {
			const who = line.participantType || line.participantName || 'unknown';
			return `${who}: ${line.message ?? ''}`;
		})
		.join('\n');
}

/** The transcript of one CX agent segment (API doc §5.8); RingCX family only. */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { rcOverrideOf, readSegment, segmentPath } = await import('./segmentTarget');
	const i = context.itemIndex;
	const segment = readSegment(this, context);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const target = await familyTarget(this, context, 'cx', rcOverrideOf(this, options, i));
	let body: IDataObject;
	try {
		const response = await engageRequest.call(
			this,
			context.connection,
			{
				method: 'GET',
				path: segmentPath('transcripts', target.rcAccountId ?? '', segment),
				endpointClass: 'recording',
				budgetScope: segment.subAccountId,
				itemIndex: i,
				context: `transcript of dialog ${segment.dialogId}, segment ${segment.segmentId}`,
			},
			context.transport,
		);
		body = (response.body ?? {}) as IDataObject;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeApiError(
				this.getNode(),
				{ httpCode: '404', response: error.message },
				{
					message: `The transcript of segment ${segment.segmentId} is not available (yet)`,
					description:
						'A transcript is usually ready about 5–15 minutes after the segment ends; until then the API answers 404. Run the node again later (e.g. after a Wait node). If it stays missing, check the dialog and segment IDs and that the segment has hasTranscript true.',
					httpCode: '404',
					itemIndex: i,
				},
			);
		}
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new NodeOperationError(
			this.getNode(),
			'Engage Voice answered the transcript request with something other than an object',
			{
				itemIndex: i,
				description: 'Check the host in the credential: the transcript endpoint returns a JSON object.',
			},
		);
	}
	const lines = (Array.isArray(body.transcript) ? body.transcript : []) as TranscriptLine[];
	return [
		{
			json: {
				...segment,
				channelClass: body.channelClass ?? null,
				errorCode: body.errorCode ?? null,
				errorMessage: body.errorMessage ?? null,
				transcript: lines as unknown as IDataObject[],
				text: transcriptText(lines),
			},
		},
	];
}
