import type { IDataObject } from 'n8n-workflow';

/*
 * The lead actions of `performLeadAction` (API doc §10.7) and the guard of decision 12: the actions
 * that delete, cancel, pause, reset or move leads run only when the criteria name leads (ids,
 * external ids, phones or lists), or when the user turned on "Apply to All Matching Leads".
 */

export interface LeadActionDefinition {
	value: string;
	name: string;
	description: string;
	destructive: boolean;
}

export const LEAD_ACTIONS: LeadActionDefinition[] = [
	{
		value: 'AGENT_RESERVATION',
		name: 'Agent Reservation',
		description: 'Reserve the matching leads for an agent, or clear the reservation',
		destructive: false,
	},
	{
		value: 'CALLBACK_LEADS',
		name: 'Callback',
		description: 'Book an agent callback at a date and time, cancel callbacks, or reset them to ready',
		destructive: false,
	},
	{
		value: 'CANCEL_LEADS',
		name: 'Cancel',
		description: 'Set the matching leads to CANCELLED; their earlier state cannot be restored',
		destructive: true,
	},
	{
		value: 'DELETE_LEADS',
		name: 'Delete',
		description: 'Delete the matching leads (their call history is kept)',
		destructive: true,
	},
	{
		value: 'DIALER_REFRESH',
		name: 'Dialer Refresh',
		description: 'Refresh the dialer cache of the matching campaigns',
		destructive: false,
	},
	{
		value: 'EMAIL_LEADS',
		name: 'Email',
		description: 'Email the matching leads as a ZIP file (the download link expires within 24 hours)',
		destructive: false,
	},
	{
		value: 'MANUAL_LEADS',
		name: 'Manual Pass',
		description: 'Add one manual pass with an agent disposition (optionally requeue, or mark do-not-call)',
		destructive: false,
	},
	{
		value: 'MOVE_TO_CAMPAIGN',
		name: 'Move to Campaign',
		description: 'Move or copy the matching leads to another campaign and list',
		destructive: true,
	},
	{ value: 'PAUSE_LEADS', name: 'Pause', description: 'Set the matching leads to PAUSED', destructive: true },
	{
		value: 'READY_LEADS',
		name: 'Ready',
		description: 'Set the matching leads to READY (pass count and next dial time unchanged)',
		destructive: false,
	},
	{
		value: 'RESET_LEADS',
		name: 'Reset',
		description: 'Reset passes to zero, state to READY and the next dial time to now',
		destructive: true,
	},
	{
		value: 'SUPPRESS_LEADS',
		name: 'Suppress',
		description: 'Stop dialing the matching leads (their state is kept)',
		destructive: false,
	},
	{ value: 'UNSUPPRESS_LEADS', name: 'Unsuppress', description: 'Undo a suppression', destructive: false },
];

export const DESTRUCTIVE_LEAD_ACTIONS = LEAD_ACTIONS.filter((action) => action.destructive).map(
	(action) => action.value,
);

/** Criteria that name leads (decision 12). */
export const NARROWING_CRITERIA = ['leadIds', 'externIds', 'leadPhoneNumbers', 'leadPhoneNum', 'listIds'] as const;

/** Whether the criteria name leads by id, external id, phone or list. */
export function narrowsLeads(criteria: IDataObject): boolean {
	return NARROWING_CRITERIA.some((key) => {
		const value = criteria[key];
		return Array.isArray(value)
			? value.length > 0
			: value !== undefined && value !== null && String(value).trim() !== '';
	});
}
