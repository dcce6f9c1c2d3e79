import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { numericIdParameter, optionalNumericId } from '../../parameters/validate';
import { apiPath, cxPrefix } from '../../transport/paths';
import type { OperationContext } from '../operationContext';

/*
 * The CX segment Download and Get Transcript address, read from the item and turned into a path.
 * Apart from ./common (the parameters) so that it loads on the first run, not when n8n loads the
 * descriptions at start.
 */

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
