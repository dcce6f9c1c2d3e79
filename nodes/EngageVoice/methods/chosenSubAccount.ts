import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { readChosenSubAccount } from '../parameters/common';
import { editedParameters } from '../parameters/reader';

/** The sub-account the lists and dropdowns depend on, checked like the operations check it. */
export function chosenSubAccount(ctx: ILoadOptionsFunctions): string {
	return readChosenSubAccount(editedParameters(ctx));
}
