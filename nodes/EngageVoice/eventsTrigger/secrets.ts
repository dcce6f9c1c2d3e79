import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/*
 * The secrets a delivery must carry. Agent-state subscriptions: a random value the trigger makes at
 * activation, keeps in the node's static data and asks RingCX to send back as a custom header on
 * every notification (API doc §6.1 `customHeaders`). Pushes set up in RingCX admin: what the user
 * put in the Push Receiver credential. Both are compared in constant time.
 */

/** The custom header of the trigger's subscriptions. */
export const SUBSCRIPTION_SECRET_HEADER = 'X-Engage-Voice-Secret';

/** 256 random bits, hex: not derived from anything that could be guessed (workflow or node ids). */
export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/** Equal in constant time; also for different lengths (the digests are compared). */
export function sameSecret(given: unknown, expected: unknown): boolean {
	if (typeof expected !== 'string' || expected === '') return false;
	const actual = typeof given === 'string' ? given : '';
	const a = createHash('sha256').update(actual).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/** A request header by name, whatever its case (Node lowercases them); the first of repeated ones. */
export function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** A header value inside a subscription's customHeaders, whatever the case of its name. */
export function customHeaderOf(headers: Record<string, string>, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : headers[key];
}

export interface PushCredential {
	verifyBy: 'header' | 'basicAuth' | 'parameter';
	headerName: string;
	headerValue: string;
	username: string;
	password: string;
	parameterName: string;
	parameterValue: string;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MIN_SECRET_LENGTH = 16;

export function pushCredentialFrom(data: IDataObject): PushCredential {
	const text = (key: string) => (data[key] === undefined || data[key] === null ? '' : String(data[key]));
	const verifyBy = text('verifyBy') || 'header';
	return {
		verifyBy: (['header', 'basicAuth', 'parameter'].includes(verifyBy) ? verifyBy : 'header') as PushCredential['verifyBy'],
		headerName: text('headerName').trim(),
		headerValue: text('headerSecret'),
		username: text('username'),
		password: text('password'),
		parameterName: text('parameterName').trim(),
		parameterValue: text('parameterSecret'),
	};
}

/** What is wrong with the credential, or undefined. Shared by the credential test and the trigger. */
export function pushCredentialProblem(credential: PushCredential): string | undefined {
	const short = (value: string, what: string) =>
		value.length < MIN_SECRET_LENGTH ? `${what} is shorter than ${MIN_SECRET_LENGTH} characters: use a long random value` : undefined;
	switch (credential.verifyBy) {
		case 'header':
			if (!HEADER_NAME.test(credential.headerName)) return `"${credential.headerName}" is not a valid header name`;
			if (/^(host|content-length|content-type|transfer-encoding|connection)$/i.test(credential.headerName)) {
				return `"${credential.headerName}" is set by HTTP itself: choose another header name`;
			}
			return short(credential.headerValue, 'The header value');
		case 'basicAuth':
			if (!credential.username || credential.username.includes(':')) return 'The username is empty or contains ":"';
			return short(credential.password, 'The password');
		default:
			if (!credential.parameterName) return 'The parameter name is empty';
			return short(credential.parameterValue, 'The parameter value');
	}
}

export interface PushedRequestParts {
	headers: Record<string, unknown>;
	body: unknown;
	query: unknown;
}

function parameterOf(request: PushedRequestParts, name: string): unknown {
	for (const source of [request.body, request.query]) {
		if (source && typeof source === 'object' && !Array.isArray(source) && name in (source as IDataObject)) {
			return (source as IDataObject)[name];
		}
	}
	return undefined;
}

/** Whether a pushed request carries the credential's secret. */
export function carriesPushSecret(credential: PushCredential, request: PushedRequestParts): boolean {
	switch (credential.verifyBy) {
		case 'header':
			return sameSecret(headerOf(request.headers, credential.headerName), credential.headerValue);
		case 'basicAuth': {
			const auth = headerOf(request.headers, 'authorization') ?? '';
			const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
			const given = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
			return sameSecret(given, `${credential.username}:${credential.password}`);
		}
		default:
			return sameSecret(parameterOf(request, credential.parameterName), credential.parameterValue);
	}
}

/** The secret values of a push credential, for redaction by value. */
export function pushSecretValues(credential: PushCredential): string[] {
	switch (credential.verifyBy) {
		case 'header':
			return [credential.headerValue];
		case 'basicAuth':
			return [credential.password];
		default:
			return [credential.parameterValue];
	}
}
