import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { numericIdParameter, optionalNumericId } from '../../parameters/validate';
import { apiPath, cxPrefix } from '../../transport/paths';
import { subAccountLocator } from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

/* What Download and Get Transcript share: the CX segment they address (API doc §5.8). */

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

export interface SegmentTarget {
	subAccountId: string;
	dialogId: string;
	segmentId: string;
}

function requireText(ctx: IExecuteFunctions, name: string, displayName: string, itemIndex: number): string {
	const text = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!text) {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" is empty`, {
			itemIndex,
			description: `Enter the ${displayName} of the segment, e.g. {{ $json.${name} }} after an Interaction Metadata step.`,
		});
	}
	if (text.length > 300 || /[\s/?#]/.test(text)) {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" is not an ID: "${text.slice(0, 60)}"`, {
			itemIndex,
			description: `Engage ${displayName}s contain no spaces, slashes or question marks. Check the value mapped into "${displayName}".`,
		});
	}
	return text;
}

/** Sub-account, dialog and segment id, checked before any request. */
export function readSegment(ctx: IExecuteFunctions, context: OperationContext): SegmentTarget {
	const i = context.itemIndex;
	return {
		subAccountId: numericIdParameter(ctx, 'subAccount', 'Sub-Account', i),
		dialogId: requireText(ctx, 'dialogId', 'Dialog ID', i),
		segmentId: requireText(ctx, 'segmentId', 'Segment ID', i),
	};
}

export function rcOverrideOf(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): string | undefined {
	return optionalNumericId(ctx, options.rcAccountId, 'RingCentral Account ID', itemIndex);
}

/** `{cx}/{kind}/dialogs/{dialogId}/segments/{segmentId}`, every id one encoded path segment. */
export function segmentPath(kind: 'recordings' | 'transcripts', rcAccountId: string, target: SegmentTarget): string {
	return `${cxPrefix(rcAccountId, target.subAccountId)}/${kind}${apiPath`/dialogs/${target.dialogId}/segments/${target.segmentId}`}`;
}
