import type { IDataObject } from 'n8n-workflow';

/*
 * Normalisation of directory rows (API doc §4), in one place: both API families and every
 * spelling the docs show become one shape per resource, so a workflow does not change when the
 * family or the API's field variant does. Fields the API sends beyond the documented ones pass
 * through unchanged (API doc §4.1, §4.3 decisions).
 */

/** The documented maximum of `with-agents` (API doc §4.6); exactly this many rows may be cut off. */
export const QUEUES_WITH_AGENTS_CAP = 2000;

export const AGENT_TYPES = ['AGENT', 'SUPERVISOR', 'MULTI_USER', 'MULTI_SUPERVISOR'] as const;

/** An id as a number when it is numeric (the API declares int32/int64), else as given. */
function toId(value: unknown): number | string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') return value;
	const text = String(value).trim();
	return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

function sortIds(ids: Array<number | string>): Array<number | string> {
	return ids.sort((a, b) =>
		typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
	);
}

/** Unique, non-empty ids in ascending order, so both supervision variants give equal arrays. */
function idList(values: unknown[]): Array<number | string> {
	const seen = new Set<string>();
	const out: Array<number | string> = [];
	for (const value of values) {
		const id = toId(value);
		if (id === null || seen.has(String(id))) continue;
		seen.add(String(id));
		out.push(id);
	}
	return sortIds(out);
}

function asArray(value: unknown): unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

/** One supervision relation, as `{agentId, supervisorId}` or, tolerantly, a bare id. */
function relationId(entry: unknown, key: 'agentId' | 'supervisorId'): unknown {
	if (entry === null || typeof entry !== 'object') return entry;
	const relation = entry as IDataObject;
	if (key === 'agentId') return relation.agentId ?? relation.superviseeId ?? relation.superviseeAgentId;
	return relation.supervisorId ?? relation.supervisorAgentId;
}

/**
 * Supervision in both forms the API uses (API doc §4.4, project decision 2):
 * - `supervisorAgentIds` / `superviseeAgentIds` id arrays (example, 2021–2024 docs);
 * - `whereSupervisee: [{agentId, supervisorId}]` (relations where this agent is supervised:
 *   the supervisors are the `supervisorId`s) and `whereSupervisor` (relations where this agent
 *   supervises: the supervisees are the `agentId`s).
 * The arrays win when present; otherwise they are derived from the relations.
 */
export function supervisionIds(row: IDataObject): { supervisorAgentIds: Array<number | string>; superviseeAgentIds: Array<number | string> } {
	const self = toId(row.agentId);
	const notSelf = (id: unknown) => self === null || String(toId(id)) !== String(self);

	const supervisorArray = asArray(row.supervisorAgentIds);
	const superviseeArray = asArray(row.superviseeAgentIds);
	const supervisors =
		supervisorArray ??
		(asArray(row.whereSupervisee) ?? []).map((r) => relationId(r, 'supervisorId')).filter(notSelf);
	const supervisees =
		superviseeArray ?? (asArray(row.whereSupervisor) ?? []).map((r) => relationId(r, 'agentId')).filter(notSelf);
	return { supervisorAgentIds: idList(supervisors), superviseeAgentIds: idList(supervisees) };
}

/** "First Last", else the API's own display names. */
export function agentDisplayName(row: IDataObject): string | null {
	const full = [row.firstName, row.lastName]
		.filter((part) => part !== undefined && part !== null && String(part).trim() !== '')
		.join(' ')
		.trim();
	if (full) return full;
	for (const key of ['agentName', 'fullName', 'userName', 'engageUserName']) {
		if (row[key]) return String(row[key]);
	}
	return null;
}

/** An agent row (classic `getIntegrationAgentList`) with supervision as id arrays. */
export function normalizeAgent(raw: IDataObject): IDataObject {
	const { supervisorAgentIds, superviseeAgentIds } = supervisionIds(raw);
	const row: IDataObject = { ...raw, supervisorAgentIds, superviseeAgentIds };
	for (const key of ['agentId', 'rcUserId', 'agentGroupId']) {
		if (key in raw) row[key] = toId(raw[key]);
	}
	return row;
}

const AGENT_SIMPLE_FIELDS = [
	'agentId',
	'rcUserId',
	'firstName',
	'lastName',
	'email',
	'agentType',
	'isActive',
	'agentGroupId',
	'supervisorAgentIds',
	'superviseeAgentIds',
];

export function simplifyAgent(row: IDataObject): IDataObject {
	const simple = pick(row, AGENT_SIMPLE_FIELDS);
	// Names resolved on request are part of what the user asked for: keep them.
	if ('supervisorNames' in row) simple.supervisorNames = row.supervisorNames;
	if ('superviseeNames' in row) simple.superviseeNames = row.superviseeNames;
	if ('found' in row) simple.found = row.found;
	return simple;
}

/**
 * Adds `supervisorNames` / `superviseeNames`, aligned with the id arrays, from the agents of the
 * same request set; an id outside that set gets `null`.
 */
export function addSupervisionNames(rows: IDataObject[], known: IDataObject[] = rows): IDataObject[] {
	const names = new Map<string, string | null>();
	for (const agent of known) {
		if (agent.agentId !== undefined && agent.agentId !== null) names.set(String(agent.agentId), agentDisplayName(agent));
	}
	const lookup = (ids: unknown) => (Array.isArray(ids) ? ids.map((id) => names.get(String(id)) ?? null) : []);
	return rows.map((row) => ({
		...row,
		supervisorNames: lookup(row.supervisorAgentIds),
		superviseeNames: lookup(row.superviseeAgentIds),
	}));
}

const USER_SIMPLE_FIELDS = ['userId', 'rcUserId', 'firstName', 'lastName', 'userName', 'engageUserName', 'email', 'envID'];

export function normalizeUser(raw: IDataObject): IDataObject {
	const row: IDataObject = { ...raw };
	for (const key of ['userId', 'rcUserId']) if (key in raw) row[key] = toId(raw[key]);
	return row;
}

export function simplifyUser(row: IDataObject): IDataObject {
	return pick(row, USER_SIMPLE_FIELDS);
}

export function normalizeAgentGroup(raw: IDataObject): IDataObject {
	const row: IDataObject = { ...raw };
	if ('agentGroupId' in raw) row.agentGroupId = toId(raw.agentGroupId);
	return row;
}

export function simplifyAgentGroup(row: IDataObject): IDataObject {
	return pick(row, ['agentGroupId', 'groupName', 'isDefault']);
}

/**
 * A queue group of either family (API doc §4.5): the classic gate group's `gateGroupId` is renamed
 * `queueGroupId`, and classic gate groups, which are inbound voice queues, get `queueGroupType: VOICE`.
 */
export function normalizeQueueGroup(raw: IDataObject): IDataObject {
	const { gateGroupId, ...rest } = raw;
	return { ...rest, queueGroupId: toId(raw.queueGroupId ?? gateGroupId), queueGroupType: raw.queueGroupType ?? 'VOICE' };
}

export function simplifyQueueGroup(row: IDataObject): IDataObject {
	return pick(row, ['queueGroupId', 'groupName', 'queueGroupType']);
}

/**
 * A queue with its assigned agents, either family (API doc §4.6): `gateGroupId` renamed `queueGroupId`,
 * `agentIds` with the classic example's `agentId` as a fallback, `queueType` defaulting to VOICE.
 */
export function normalizeQueueWithAgents(raw: IDataObject, queueGroupId: string): IDataObject {
	const { gateGroupId, agentId, ...rest } = raw;
	const ids = asArray(raw.agentIds) ?? asArray(agentId) ?? (agentId !== undefined && agentId !== null ? [agentId] : []);
	return {
		...rest,
		queueId: toId(raw.queueId),
		queueGroupId: toId(raw.queueGroupId ?? gateGroupId ?? queueGroupId),
		queueType: raw.queueType ?? 'VOICE',
		agentIds: idList(ids),
	};
}

/** One row per queue and assigned agent (for spreadsheets); a queue without agents keeps one row. */
export function splitQueueByAgent(queue: IDataObject): IDataObject[] {
	const { agentIds, ...rest } = queue;
	const ids = Array.isArray(agentIds) ? agentIds : [];
	if (!ids.length) return [{ ...rest, agentId: null }];
	return ids.map((agentId) => ({ ...rest, agentId }));
}

/** The given keys of a row, in that order (those it has). */
export function pick(row: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (key in row) out[key] = row[key];
	return out;
}

/**
 * The list inside a list response: a JSON array, or an array under a wrapper key (lead searches:
 * the shape is undocumented, decision 10, so `records` and Spring's page `content` are read too).
 */
export function listFromBody(body: unknown): IDataObject[] | undefined {
	if (Array.isArray(body)) return body.filter((x) => x && typeof x === 'object') as IDataObject[];
	if (body && typeof body === 'object') {
		for (const key of ['data', 'items', 'content', 'results', 'records', 'leads']) {
			const inner = (body as IDataObject)[key];
			if (Array.isArray(inner)) return inner.filter((x) => x && typeof x === 'object') as IDataObject[];
		}
	}
	return undefined;
}
