import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { agentGroupIdsOf, listAgentsOfGroups } from '../../api/directory';
import { normalizeAgent, simplifyAgent } from '../../reports/directoryRows';
import type { EngageConnection } from '../../transport';
import { STATE_VERSION } from '../cursor';
import type { Fingerprint } from '../rosterFingerprint';
import { agentFingerprint, diffRoster, fingerprintFields, readFingerprints } from '../rosterFingerprint';
import type { RosterSettings } from '../settings';

/*
 * Roster Changed: every poll reads all agent groups of the sub-account (THE directory helpers and
 * agent normalisation), fingerprints each agent (fingerprint.ts) and compares with the previous
 * poll's fingerprints. The first poll (or a new sub-account) only records the roster.
 */

/** Agents per Fetch Test Event. */
export const ROSTER_SAMPLE_SIZE = 5;

async function currentRoster(ctx: IPollFunctions, settings: RosterSettings, connection: EngageConnection) {
	const call = { connection, transport: settings.transport };
	const groupIds = await agentGroupIdsOf(ctx, call, settings.subAccountId);
	const agents = new Map<string, IDataObject>();
	for (const raw of await listAgentsOfGroups(ctx, call, settings.subAccountId, groupIds)) {
		const agent = normalizeAgent(raw);
		const id = String(agent.agentId ?? '').trim();
		// an agent listed in two groups counts once, as the first group lists it
		if (id && !agents.has(id)) agents.set(id, agent);
	}
	return agents;
}

function agentIdValue(agentId: string): number | string {
	return /^\d+$/.test(agentId) && Number.isSafeInteger(Number(agentId)) ? Number(agentId) : agentId;
}

export interface RosterPollResult {
	items: INodeExecutionData[];
	/** The static data to keep, or undefined when nothing changed. */
	state?: IDataObject;
}

export async function pollRosterChanged(
	ctx: IPollFunctions,
	settings: RosterSettings,
	connection: EngageConnection,
	stored: IDataObject,
): Promise<RosterPollResult> {
	const agents = await currentRoster(ctx, settings, connection);
	const current: Record<string, Fingerprint> = {};
	for (const [id, agent] of agents) current[id] = agentFingerprint(agent);
	const state = { v: STATE_VERSION, stream: settings.stream, agents: current };

	const previous = stored.v === STATE_VERSION && stored.stream === settings.stream ? readFingerprints(stored.agents) : undefined;
	if (!previous) {
		ctx.logger.info(`Engage Voice Trigger: recorded the roster of ${agents.size} agents; changes are delivered from the next poll`);
		return { items: [], state };
	}
	const changes = diffRoster(previous, current);
	const items = changes.map((change) => {
		const agent = agents.get(change.agentId);
		return {
			json: {
				changeType: change.changeType,
				agentId: agentIdValue(change.agentId),
				changedFields: change.changedFields,
				changes: change.changes,
				agent: agent ? simplifyAgent(agent) : { agentId: agentIdValue(change.agentId), ...fingerprintFields(previous[change.agentId]) },
			} as IDataObject,
		};
	});
	return { items, state: items.length ? state : undefined };
}

/** Fetch Test Event: a few current agents shaped like "added" events; static data is not read or written. */
export async function sampleRosterChanged(
	ctx: IPollFunctions,
	settings: RosterSettings,
	connection: EngageConnection,
): Promise<INodeExecutionData[]> {
	const agents = [...(await currentRoster(ctx, settings, connection)).entries()].slice(0, ROSTER_SAMPLE_SIZE);
	return agents.map(([id, agent]) => ({
		json: { changeType: 'added', agentId: agentIdValue(id), changedFields: [], changes: {}, agent: simplifyAgent(agent) },
	}));
}
