import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { agentGroupIdsOf, listAgentsOfGroups } from '../../api/directory';
import { normalizeAgent, simplifyAgent } from '../../reports/directoryRows';
import type { EngageConnection } from '../../transport';
import { STATE_VERSION } from '../cursor';
import type { Fingerprint } from '../rosterFingerprint';
import { agentFingerprint, compareAgentIds, diffRoster, fingerprintFields, readFingerprints } from '../rosterFingerprint';
import type { RosterSettings } from '../settings';

/*
 * Roster Changed: every poll reads all agent groups of the sub-account (THE directory helpers and
 * agent normalisation), fingerprints each agent (fingerprint.ts) and compares with the previous
 * poll's fingerprints. The first poll (or a new sub-account) only records the roster.
 *
 * A poll whose state n8n could not save has sent its changes, but the next poll compares with the
 * roster saved before it: a change undone in between is never sent back. "Full Roster Every" also
 * sends every current agent (changeType "snapshot") at the first poll and then on a schedule, so a
 * consumer that replaces its copy with each full roster converges.
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
	const nowMs = Date.now();
	const agents = await currentRoster(ctx, settings, connection);
	const current: Record<string, Fingerprint> = {};
	for (const [id, agent] of agents) current[id] = agentFingerprint(agent);

	const same = stored.v === STATE_VERSION && stored.stream === settings.stream;
	const previous = same ? readFingerprints(stored.agents) : undefined;
	const lastFullMs = same && typeof stored.fullRosterAt === 'string' ? Date.parse(stored.fullRosterAt) : NaN;
	const fullDue =
		settings.fullRosterEveryMs > 0 &&
		(!previous || Number.isNaN(lastFullMs) || nowMs - lastFullMs >= settings.fullRosterEveryMs || nowMs < lastFullMs);
	const fullRosterAt = fullDue ? new Date(nowMs).toISOString() : Number.isNaN(lastFullMs) ? undefined : new Date(lastFullMs).toISOString();
	const state: IDataObject = { v: STATE_VERSION, stream: settings.stream, agents: current, ...(fullRosterAt ? { fullRosterAt } : {}) };
	const full = fullDue ? fullRosterItems(agents, fullRosterAt!) : [];

	if (!previous) {
		ctx.logger.info(`Engage Voice Trigger: recorded the roster of ${agents.size} agents; changes are delivered from the next poll`);
		return { items: full, state };
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
	items.push(...full);
	return { items, state: items.length ? state : undefined };
}

/** Every current agent, marked as one full roster (when, and how many agents it holds). */
function fullRosterItems(agents: Map<string, IDataObject>, at: string): INodeExecutionData[] {
	const ids = [...agents.keys()].sort(compareAgentIds);
	return ids.map((id) => ({
		json: {
			changeType: 'snapshot',
			agentId: agentIdValue(id),
			changedFields: [],
			changes: {},
			agent: simplifyAgent(agents.get(id)!),
			snapshotAt: at,
			snapshotSize: ids.length,
		},
	}));
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
