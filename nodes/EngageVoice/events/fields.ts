import type { IDataObject } from 'n8n-workflow';

import { parseDateInput } from '../reports/dateInput';
import { toIsoWithOffset } from '../reports/timeZone';
import { convertValue } from '../reports/values';

/*
 * Reading the fields of a pushed event. No schema is published for these payloads (API doc §6.5);
 * the WFM Generic HTTP push uses snake_case strings (§6.6), Web Services whatever the admin
 * templated (§6.7), so each normalised field is looked up under every spelling the docs show.
 */

/** A Web Services `#tag#` placeholder that RingCX left unfilled (§6.7). */
const UNFILLED_TAG = /^#[A-Za-z0-9_]+#$/;

function at(raw: IDataObject, path: string): unknown {
	let current: unknown = raw;
	for (const key of path.split('.')) {
		if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function isBlank(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value !== 'string') return false;
	const text = value.trim();
	return text === '' || UNFILLED_TAG.test(text);
}

/** The first value present under one of `names` (dotted paths reach into objects); undefined if none. */
export function firstValue(raw: IDataObject, names: readonly string[]): unknown {
	for (const name of names) {
		const value = at(raw, name);
		if (!isBlank(value)) return value;
	}
	return undefined;
}

/** Whether any of `names` is present at all (even empty): tells what kind of payload this is. */
export function hasAny(raw: IDataObject, names: readonly string[]): boolean {
	return names.some((name) => at(raw, name) !== undefined);
}

/** Text as sent (a number becomes its digits), or null. State names are never mapped (decision 14). */
export function textField(raw: IDataObject, names: readonly string[]): string | null {
	const value = firstValue(raw, names);
	if (value === undefined || typeof value === 'object') return null;
	return String(value);
}

/** A numeric id as a number (like the report and directory rows), a long one as text, or null. */
export function idField(raw: IDataObject, names: readonly string[]): number | string | null {
	const value = firstValue(raw, names);
	if (value === undefined || typeof value === 'object') return null;
	const converted = convertValue(value, 'int');
	return typeof converted === 'number' && Number.isSafeInteger(converted) ? converted : String(value).trim();
}

/** A number of seconds (or other count), or null when absent or not a number. */
export function numberField(raw: IDataObject, names: readonly string[]): number | null {
	const value = firstValue(raw, names);
	const converted = value === undefined ? null : convertValue(value, 'int');
	return typeof converted === 'number' && Number.isFinite(converted) ? converted : null;
}

/** A flag sent as "1"/"0", "true"/"false" or a boolean, or null. */
export function booleanField(raw: IDataObject, names: readonly string[]): boolean | null {
	const value = firstValue(raw, names);
	const converted = value === undefined ? null : convertValue(value, 'boolean');
	return typeof converted === 'boolean' ? converted : null;
}

/**
 * A time as ISO 8601 with the offset of `timeZone`. WFM times (`2020-06-30 19:44:30`) and Web
 * Services times (`2020-04-22 00:00:00.0000`) carry no zone and are read in `timeZone`; ISO times
 * with an offset and epoch milliseconds are instants. Unreadable → null (the text stays in `raw`).
 */
export function timeField(raw: IDataObject, names: readonly string[], timeZone: string): string | null {
	const value = firstValue(raw, names);
	if (value === undefined) return null;
	const ms =
		typeof value === 'string' && /^\d{11,}$/.test(value.trim())
			? Number(value.trim())
			: parseDateInput(value, timeZone);
	return ms === undefined ? null : toIsoWithOffset(ms, timeZone);
}
