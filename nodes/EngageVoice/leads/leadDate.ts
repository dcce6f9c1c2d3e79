/*
 * Lead dates on the wire (API doc §10.9, decision 12): `CALLBACK_DATE` and search date criteria are
 * sent in UTC as `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`, the only form the docs' examples show.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatLeadDate(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
	);
}
