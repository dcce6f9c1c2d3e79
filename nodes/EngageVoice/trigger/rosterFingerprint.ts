import type { IDataObject } from 'n8n-workflow';

/*
 * Roster Changed keeps one compact fingerprint per agent: the values of the watched fields only,
 * as a JSON array in a fixed order (not the whole record), so that a change can be reported with
 * its old and new values. Pure; unit-tested.
 */

/** The fields Roster Changed watches, in fingerprint order. */
export const ROSTER_FIELDS = [
	'agentGroupId',
	'rcUserId',
	'firstName',
	'lastName',
	'email',
	'agentType',
	'isActive',
	'supervisorAgentIds',
	'superviseeAgentIds',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

export type Fingerprint = Array<string | number | boolean | null | Array<string | number>>;

function compactValue(field: RosterField, value: unknown): Fingerprint[number] {
	if (value === undefined || value === null) return null;
	if (field === 'supervisorAgentIds' || field === 'superviseeAgentIds') {
		return Array.isArray(value) ? value.map((id) => (typeof id === 'number' ? id : String(id))) : [];
	}
	if (field === 'isActive') return value === true || value === 'true' ? 1 : value === false || value === 'false' ? 0 : null;
	return typeof value === 'number' ? value : String(value);
}

/** A normalised agent (helpers/directoryRows normalizeAgent) → its fingerprint. */
export function agentFingerprint(agent: IDataObject): Fingerprint {
	return ROSTER_FIELDS.map((field) => compactValue(field, agent[field]));
}

/** The watched fields of a fingerprint, as output values. */
export function fingerprintFields(fingerprint: Fingerprint): IDataObject {
	const out: IDataObject = {};
	ROSTER_FIELDS.forEach((field, i) => {
		const value = fingerprint[i] ?? null;
		out[field] = field === 'isActive' ? (value === null ? null : value === 1) : (value as IDataObject[keyof IDataObject]);
	});
	return out;
}

export interface RosterChange {
	changeType: 'added' | 'removed' | 'changed';
	agentId: string;
	changedFields: RosterField[];
	changes: Record<string, { old: unknown; new: unknown }>;
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Agent ids in the order items come out: numerically, text ids by text. */
export function compareAgentIds(a: string, b: string): number {
	return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b);
}

/** Added, removed and changed agents between two fingerprint maps (agentId → fingerprint), by agent id. */
export function diffRoster(previous: Record<string, Fingerprint>, current: Record<string, Fingerprint>): RosterChange[] {
	const changes: RosterChange[] = [];
	const ids = [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort(compareAgentIds);
	for (const agentId of ids) {
		const before = previous[agentId];
		const now = current[agentId];
		if (!before) changes.push({ changeType: 'added', agentId, changedFields: [], changes: {} });
		else if (!now) changes.push({ changeType: 'removed', agentId, changedFields: [], changes: {} });
		else {
			const oldValues = fingerprintFields(before);
			const newValues = fingerprintFields(now);
			const changedFields = ROSTER_FIELDS.filter((field) => !same(oldValues[field], newValues[field]));
			if (!changedFields.length) continue;
			const detail: RosterChange['changes'] = {};
			for (const field of changedFields) detail[field] = { old: oldValues[field], new: newValues[field] };
			changes.push({ changeType: 'changed', agentId, changedFields, changes: detail });
		}
	}
	return changes;
}

/** Reads stored fingerprints, dropping anything that is not one (hand-edited static data). */
export function readFingerprints(value: unknown): Record<string, Fingerprint> | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const out: Record<string, Fingerprint> = {};
	for (const [agentId, fingerprint] of Object.entries(value as Record<string, unknown>)) {
		if (Array.isArray(fingerprint) && fingerprint.length === ROSTER_FIELDS.length) out[agentId] = fingerprint as Fingerprint;
	}
	return out;
}
