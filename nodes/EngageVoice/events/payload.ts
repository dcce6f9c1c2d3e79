import type { IDataObject } from 'n8n-workflow';

/*
 * A pushed request → the events it carries, each as received (decision 14: `raw`): a JSON object
 * (or an array of them), form fields in the body (`application/x-www-form-urlencoded`), or form
 * fields in the query string (the WFM push's URL-encoded mode "puts the details in the URI", §6.6).
 * n8n has parsed JSON and form bodies already; a body it left alone (no or another content type)
 * is read here from its raw bytes.
 */

export interface PushedRequest {
	/** What n8n's body parser made of the body: an object, a string (text/plain) or {}. */
	body: unknown;
	rawBody?: Buffer | string;
	query?: IDataObject;
}

export type DecodedPayload = { events: IDataObject[] } | { error: string };

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function formFields(text: string): IDataObject {
	const fields: IDataObject = {};
	for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
	return fields;
}

type Parsed = { value: unknown } | { error: string } | undefined;

/** A body n8n did not parse: JSON if it looks like JSON, else form fields; undefined if empty. */
function fromText(text: string): Parsed {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (!trimmed) return undefined;
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return { value: JSON.parse(trimmed) as unknown };
		} catch {
			return { error: 'the body looks like JSON but does not parse' };
		}
	}
	if (/^[^=&\s]+=/.test(trimmed)) return { value: formFields(trimmed) };
	return { error: 'the body is neither JSON nor form fields' };
}

function parsedBody(request: PushedRequest): Parsed {
	const body = request.body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return fromText(body.toString());
	const empty = body === undefined || body === null || (isObject(body) && Object.keys(body).length === 0);
	if (empty) return request.rawBody === undefined ? undefined : fromText(request.rawBody.toString());
	return { value: body };
}

export function decodePayload(request: PushedRequest): DecodedPayload {
	const parsed = parsedBody(request);
	if (parsed && 'error' in parsed) return { error: parsed.error };
	const body = parsed?.value;
	const query = isObject(request.query) ? request.query : {};
	if (Array.isArray(body)) {
		const events = body.filter(isObject);
		if (events.length !== body.length) return { error: 'the JSON array holds something other than objects' };
		return events.length ? { events } : { error: 'the JSON array is empty' };
	}
	if (body !== undefined && !isObject(body)) return { error: 'the body is not a JSON object' };
	// fields in the query string and in the body are one event; the body wins on a clash
	const event = { ...query, ...(body ?? {}) };
	return Object.keys(event).length ? { events: [event] } : { error: 'the request carries no event fields' };
}
