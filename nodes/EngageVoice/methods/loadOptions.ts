import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listAgentGroups } from '../api/directory';
import { getConnection } from '../transport';
import { chosenSubAccount } from './chosenSubAccount';

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

/** Agent groups of the chosen sub-account, for multi-select filters. */
export async function getAgentGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const subAccountId = chosenSubAccount(this);
	const connection = await getConnection(this);
	const groups = await listAgentGroups(this, { connection }, subAccountId);
	return groups
		.map((g) => ({ name: `${String(g.groupName ?? '')} (${String(g.agentGroupId)})`, value: String(g.agentGroupId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
