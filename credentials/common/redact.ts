import type { IDataObject } from 'n8n-workflow';

/*
 * Redaction by value. A server may echo anything we sent — the token in "Invalid token …", the JWT
 * in an OAuth error_description, the password in a login error — in words no pattern foresees. So
 * every text the package builds from a server's answer is cleaned of the actual values: every
 * secret of the credential, and every token issued by a sign-in of this process (including those
 * never stored, such as the RingCentral access token the RingCX token is exchanged for). The
 * pattern scrubber (errorText.ts) stays as a second net.
 */

/** Shorter values would garble messages ("abc" is in many words); every real token is far longer. */
const MIN_SECRET_LENGTH = 4;

const SECRET_FIELDS = ['clientSecret', 'jwt', 'password', 'apiToken', 'engageToken', 'refreshToken'];

// Tokens issued by sign-ins in this process, newest last; bounded, since a process lives long.
const MAX_ISSUED = 200;
const issued: string[] = [];

/** Remembers tokens a sign-in was just given, so that any later text can be cleaned of them. */
export function rememberIssuedSecrets(...values: unknown[]) {
	for (const value of values) {
		const text = typeof value === 'string' ? value : '';
		if (text.length < MIN_SECRET_LENGTH || issued.includes(text)) continue;
		issued.push(text);
		if (issued.length > MAX_ISSUED) issued.shift();
	}
}

/**
 * The secrets of a credential, as stored and as sent (Basic `id:secret`, in clear and base64),
 * plus every token issued by a sign-in of this process.
 */
export function secretsOf(...credentials: Array<IDataObject | undefined>): string[] {
	const values: string[] = [...issued];
	for (const data of credentials) {
		if (!data) continue;
		for (const field of SECRET_FIELDS) values.push(String(data[field] ?? ''));
		for (const [user, secret] of [
			['clientId', 'clientSecret'],
			['username', 'password'],
		]) {
			if (!data[secret]) continue;
			const pair = `${String(data[user] ?? '')}:${String(data[secret])}`;
			values.push(pair, Buffer.from(pair).toString('base64'));
		}
	}
	return values;
}

/** The ways a value shows up in a server's text: as sent, URL- or form-encoded, JSON-escaped. */
function formsOf(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ v: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
	];
}

/** `text` with every form of every secret replaced by `[redacted]` (longest first). */
export function redactValues(text: string, secrets: Iterable<string>): string {
	const forms = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(formsOf))]
		.filter((form) => form.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	let result = text;
	for (const form of forms) {
		if (result.includes(form)) result = result.split(form).join('[redacted]');
	}
	return result;
}
