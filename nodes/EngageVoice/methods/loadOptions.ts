import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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
