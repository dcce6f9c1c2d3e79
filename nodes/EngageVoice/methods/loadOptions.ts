import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listLeadStates, listSystemDispositions } from '../api/dialer';
import { readChosenSubAccount } from '../parameters/common';
import { editedParameters } from '../parameters/reader';
import { getConnection } from '../transport';

/*
 * Time zones for the report parameters. The API's own examples use the old US names
 * (`US/Eastern`), which Intl lists only as aliases, so they come first; then every canonical IANA
 * name this runtime knows.
 */
const US_NAMES = ['US/Alaska', 'US/Arizona', 'US/Central', 'US/Eastern', 'US/Hawaii', 'US/Mountain', 'US/Pacific'];

function canonicalZones(): string[] {
	const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
	return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let workflowZone = '';
	try {
		workflowZone = this.getTimezone();
	} catch {
		workflowZone = '';
	}
	const zones = [...new Set([...US_NAMES, 'UTC', ...canonicalZones()])];
	return [
		{
			name: workflowZone ? `Workflow Time Zone (${workflowZone})` : 'Workflow Time Zone',
			value: '',
			description: "The time zone in the workflow's settings",
		},
		...zones.map((zone) => ({ name: zone, value: zone })),
	];
}

const chosenSubAccount = (ctx: ILoadOptionsFunctions) => readChosenSubAccount(editedParameters(ctx));

/** Lead states as the API spells them (decision 10: the values are sent as loaded). */
export async function getLeadStates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const subAccountId = chosenSubAccount(this);
	const states = await listLeadStates(this, { connection: await getConnection(this) }, subAccountId);
	return states.map((state) => ({ name: state, value: state }));
}

export async function getSystemDispositions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const subAccountId = chosenSubAccount(this);
	const dispositions = await listSystemDispositions(this, { connection: await getConnection(this) }, subAccountId);
	return dispositions.map((disposition) => ({ name: disposition, value: disposition }));
}
