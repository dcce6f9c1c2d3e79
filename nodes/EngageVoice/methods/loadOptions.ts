import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listLeadStates, listSystemDispositions } from '../api/dialer';
import { listAgentGroups } from '../api/directory';
import { knownTimeZones } from '../reports';
import { getConnection } from '../transport';
import { chosenSubAccount } from './chosenSubAccount';

/* Time zones for the report parameters (reports/timeZone.ts says which, in which order). */

export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let workflowZone = '';
	try {
		workflowZone = this.getTimezone();
	} catch {
		workflowZone = '';
	}
	const zones = knownTimeZones();
	return [
		{
			name: workflowZone ? `Workflow Time Zone (${workflowZone})` : 'Workflow Time Zone',
			value: '',
			description: "The time zone in the workflow's settings",
		},
		...zones.map((zone) => ({ name: zone, value: zone })),
	];
}

/** Agent groups of the chosen sub-account, for multi-select filters. */
export async function getAgentGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groups = await listAgentGroups(this, { connection }, subAccountId);
	return groups
		.map((g) => ({ name: `${String(g.groupName ?? '')} (${String(g.agentGroupId)})`, value: String(g.agentGroupId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

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
