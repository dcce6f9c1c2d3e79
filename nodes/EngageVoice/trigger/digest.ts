import { createHash } from 'crypto';

/** The first `length` base64url characters (6 bits each) of the SHA-1 of `text`. */
export function digest(text: string, length: number): string {
	return createHash('sha1').update(text).digest('base64url').slice(0, length);
}

/** A JSON text that does not depend on key order (for config fingerprints). */
export function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}
