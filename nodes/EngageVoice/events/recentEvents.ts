import type { IDataObject } from 'n8n-workflow';

import { digest, stableJson } from '../trigger/digest';

/*
 * RingCX retries a delivery it thinks failed, and receivers "must be idempotent" (API doc §6.2): a
 * retry of an event that was delivered already (our 200 lost on the way back, a duplicated send)
 * carries the same payload. The trigger remembers the ids of the events it emitted for a while and
 * drops a repeat. The memory lives in the node's static data (n8n saves it after each delivery), is
 * bounded in count and age, and is best effort: two deliveries handled at the same moment each save
 * their own copy, and the later save wins.
 */

/** How many event ids are kept at most (about 20 characters each in static data). */
export const RECENT_EVENTS_MAX = 1000;
/** How long an id is kept: longer than RingCX's retries last (10 retries of the simulator's schedule: ~27 min). */
export const RECENT_EVENTS_TTL_MS = 2 * 60 * 60_000;

/**
 * The id of an event: a digest of its payload as received, independent of key order, so that a
 * JSON and a form-encoded delivery of the same fields get the same id. 16 base64url characters
 * (96 bits): two different events colliding is not a concern.
 */
export function eventId(raw: IDataObject): string {
	return digest(stableJson(raw), 16);
}

interface Entry {
	id: string;
	atMs: number;
}

function read(list: unknown): Entry[] {
	if (!Array.isArray(list)) return [];
	return list
		.map((text) => {
			const [id, at] = String(text).split('.');
			return { id, atMs: parseInt(at, 36) };
		})
		.filter((e) => e.id && Number.isFinite(e.atMs));
}

/**
 * Which of `ids` were not seen within the TTL (repeats inside `ids` count too), and the memory to
 * store: the old entries still young enough plus the new ones, newest last, at most RECENT_EVENTS_MAX.
 */
export function rememberEvents(stored: unknown, ids: string[], nowMs: number): { fresh: boolean[]; stored: string[] } {
	const entries = read(stored).filter((e) => e.atMs > nowMs - RECENT_EVENTS_TTL_MS && e.atMs <= nowMs + 60_000);
	const seen = new Set(entries.map((e) => e.id));
	const fresh = ids.map((id) => {
		if (seen.has(id)) return false;
		seen.add(id);
		entries.push({ id, atMs: nowMs });
		return true;
	});
	return { fresh, stored: entries.slice(-RECENT_EVENTS_MAX).map((e) => `${e.id}.${e.atMs.toString(36)}`) };
}
