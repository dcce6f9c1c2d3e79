import type { IDataObject } from 'n8n-workflow';

/*
 * Secrets never reach an item: a payload is searched for the values of the secrets the trigger
 * knows (its subscription secret, the push credential's) and each occurrence is replaced, at any
 * depth, in keys' values and in longer texts alike (redaction by value, not by field name).
 */

export const REDACTED = '[redacted]';

function redactText(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	return out;
}

function redactValue(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as IDataObject).map(([k, v]) => [k, redactValue(v, secrets)]));
	}
	return value;
}

/** A copy of `payload` with every occurrence of a secret replaced; secrets shorter than 8 characters are ignored. */
export function redactSecrets(payload: IDataObject, secrets: Array<string | undefined>): IDataObject {
	const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
	return known.length ? (redactValue(payload, known) as IDataObject) : payload;
}
