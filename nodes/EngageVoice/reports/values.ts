import type { FieldType } from './definitions';

/**
 * Converting raw values (JSON values, or the strings of CSV and XML files) to a field's type.
 * Missing and empty values become null, so every normalised row has every field. A value that
 * does not fit the type is kept as it came rather than lost.
 */

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const NUMBER_TEXT = /^\s*[-+]?\d+(\.\d+)?\s*$/;

/** Plain digits (most cells of a classic file) read without a regular expression; else undefined. */
function digitsValue(text: string): number | undefined {
	// 15 digits or fewer are exact as a double.
	if (text.length === 0 || text.length > 15) return undefined;
	let value = 0;
	for (let i = 0; i < text.length; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return undefined;
		value = value * 10 + digit;
	}
	return value;
}

function toNumber(value: unknown): unknown {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') {
		const digits = digitsValue(value);
		if (digits !== undefined) return digits;
		if (NUMBER_TEXT.test(value)) return Number(value);
	}
	return value;
}

function toText(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return value;
}

const TRUE_TEXT = new Set(['true', '1', 'yes', 'y']);
const FALSE_TEXT = new Set(['false', '0', 'no', 'n']);

function toBoolean(value: unknown): unknown {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (TRUE_TEXT.has(text)) return true;
		if (FALSE_TEXT.has(text)) return false;
	}
	return value;
}

// Epoch milliseconds (13 digits today); fewer digits would be seconds or something else.
const EPOCH_MS_TEXT = /^\s*\d{11,}\s*$/;

function toTimestamp(value: unknown): unknown {
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
	if (typeof value === 'string' && EPOCH_MS_TEXT.test(value)) return new Date(Number(value)).toISOString();
	return value;
}

function toEvents(value: unknown): unknown {
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			return JSON.parse(value) as unknown;
		} catch {
			return value;
		}
	}
	return value;
}

/** `value` as `type`, multiplied by `scale` when it is a number (unit conversion). */
export function convertValue(value: unknown, type: FieldType, scale = 1): unknown {
	if (isBlank(value)) return null;
	switch (type) {
		case 'int': {
			const number = toNumber(value);
			return typeof number === 'number' && scale !== 1 ? number * scale : number;
		}
		case 'string':
			return toText(value);
		case 'boolean':
			return toBoolean(value);
		case 'timestamp':
			return toTimestamp(value);
		case 'events':
			return toEvents(value);
		default:
			return value;
	}
}

export { isBlank };
