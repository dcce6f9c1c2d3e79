import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readSubAccountId } from '../parameters/common';
import { editedParameters } from '../parameters/reader';

/** The sub-account the group lists depend on, checked like the operations check it. */
export function chosenSubAccount(ctx: ILoadOptionsFunctions): string {
	const params = editedParameters(ctx);
	if (!String(params.get('subAccount', '', { extractValue: true }) ?? '').trim()) {
		throw new NodeOperationError(ctx.getNode(), 'Choose a sub-account first', {
			description: 'The list depends on "Sub-Account": pick one from its list or enter its numeric ID.',
		});
	}
	return readSubAccountId(params);
}
