import type { IDataObject } from 'n8n-workflow';

import { pick } from '../reports/directoryRows';

/*
 * Simplified rows of the outbound dialer (API doc §10.3, §10.5): the fields a workflow usually
 * needs, in a fixed order. Without Simplify the rows are passed on as the API sent them.
 */

export function simplifyDialGroup(row: IDataObject): IDataObject {
	const simple = pick(row, ['dialGroupId', 'dialGroupName', 'dialGroupDesc', 'dialMode', 'isActive']);
	if (Array.isArray(row.campaigns)) simple.campaigns = row.campaigns;
	return simple;
}

export function simplifyCampaign(row: IDataObject): IDataObject {
	const group = (row.dialGroup && typeof row.dialGroup === 'object' ? row.dialGroup : {}) as IDataObject;
	return {
		...pick(row, ['campaignId', 'campaignName', 'campaignDesc', 'isActive']),
		dialGroupId: row.dialGroupId ?? group.id ?? group.dialGroupId ?? null,
		dialGroupName: row.dialGroupName ?? group.description ?? group.dialGroupName ?? null,
		...pick(row, ['callerId', 'callingConfiguration', 'maxPasses', 'startDate', 'endDate']),
	};
}

const LEAD_SIMPLE_FIELDS = [
	'leadId',
	'externId',
	'campaignId',
	'campaignName',
	'listId',
	'listDesc',
	'leadPhone',
	'leadState',
	'leadPasses',
	'maxPasses',
	'suppressed',
	'firstName',
	'lastName',
	'email',
	'leadTimezone',
	'lastPassDisposition',
];

/** A search row (`CampaignLeadSearchResultsView`) or a `CampaignLead`, simplified. */
export function simplifyLead(row: IDataObject): IDataObject {
	const simple = pick(row, LEAD_SIMPLE_FIELDS);
	// the search row spells it `agentDispostion` (sic, §10.5)
	simple.agentDisposition = row.agentDisposition ?? row.agentDispostion ?? null;
	simple.pendingAgentName = row.pendingAgentName ?? null;
	simple.nextDialTime = row.nextDialTime ?? null;
	simple.loadedDts = row.loadedDts ?? null;
	return simple;
}
