import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { knownTimeZones } from '../reports';

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
