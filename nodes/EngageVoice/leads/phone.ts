/*
 * The key a phone number is compared by: the primary number (the first of a `|` list, API doc
 * §10.4), digits only, a leading US country code dropped. The API finds duplicates by the primary
 * `leadPhone`; the node uses the same key to keep such leads in one load request, to predict which
 * rows a load drops, and to keep only matching rows when a search may have ignored a phone filter.
 */
export function phoneKey(value: unknown): string {
	if (value === undefined || value === null) return '';
	const primary = String(value).split('|')[0];
	const digits = primary.replace(/\D/g, '');
	return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Every number of a `|` list, as keys. */
export function phoneKeys(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	return String(value).split('|').map(phoneKey).filter(Boolean);
}
