import type { IDataObject } from 'n8n-workflow';

import { redactValues } from './redact';

/*
 * How the package reads what a server said when something went wrong: error bodies (Engage's JSON
 * shapes, RingCentral OAuth errors, text/plain, HTML pages), network error codes and Retry-After.
 * Shared by the credentials' sign-in and the node's error mapper, so both say the same thing the
 * same way. Nothing here sends requests.
 */

/** Removes anything that looks like a credential from text we may show (the second net). */
export function scrubSecrets(text: string): string {
	return text
		// a credential has a digit, a symbol or a lower-upper case change inside; words do not
		// ("Basic authentication"), so the flag is not `i`: [a-z][A-Z] must keep its case
		.replace(/([Bb]earer|[Bb]asic|BEARER|BASIC)\s+(?=[A-Za-z0-9._~+/=-]*(?:[0-9._~+/=-]|[a-z][A-Z]))[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]')
		.replace(
			/((?:access_?token|refresh_?token|rcAccessToken|password|client_?secret|assertion|apiToken|authToken|x-auth-token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
			'$1[redacted]',
		);
}

/** Text cleaned of the given secrets by value (redact.ts), then of anything that looks like one. */
export function redactText(text: string, secrets: Iterable<string> = []): string {
	return scrubSecrets(redactValues(text, secrets));
}

interface ErrorBody {
	generalMessage?: string;
	developerMessage?: string;
	message?: string;
	details?: string;
	errorCode?: string;
	validationErrors?: Array<{ attributeName?: string; message?: string; value?: unknown }>;
	// RingCentral OAuth shape
	error?: string;
	error_description?: string;
	errors?: Array<{ message?: string }>;
}

function parseJson(text: string): ErrorBody | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as ErrorBody) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The server's own words for what went wrong (API doc §7.2 "Handling"; RingCentral OAuth errors
 * too), cleaned of `secrets` before anything is picked out or cut short.
 */
export function describeBody(bodyText: string | undefined, contentType = '', secrets: Iterable<string> = []): string {
	const text = redactValues((bodyText ?? '').trim(), secrets);
	if (!text) return '';
	const json = parseJson(text);
	if (json) {
		const main =
			json.generalMessage ||
			json.message ||
			json.developerMessage ||
			json.details ||
			json.error_description ||
			json.errors?.[0]?.message ||
			json.error ||
			'';
		const parts = [main];
		if (json.errorCode) parts.push(`code ${json.errorCode}`);
		const validation = (json.validationErrors ?? [])
			.map((v) => `${v.attributeName ?? 'field'}: ${v.message ?? 'invalid'}`)
			.join('; ');
		if (validation) parts.push(validation);
		return scrubSecrets(parts.filter(Boolean).join(' — '));
	}
	if (/html/i.test(contentType) || /^<!doctype html|^<html/i.test(text)) {
		const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1>([^<]*)<\/h1>/i.exec(text)?.[1];
		return title ? `an HTML page: "${scrubSecrets(title.trim())}"` : 'an HTML page';
	}
	return scrubSecrets(text.slice(0, 200));
}

const RETRYABLE_NETWORK = 'ECONNRESET ECONNREFUSED ECONNABORTED ETIMEDOUT EPIPE ENETUNREACH EHOSTUNREACH EAI_AGAIN';

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return !!code && RETRYABLE_NETWORK.split(' ').includes(code);
}

// https:// to a server that answers plain http (or another protocol) on that port
const TLS_NOT_SPOKEN = ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'];

// OpenSSL's verification codes, as Node reports them
const TLS_CERTIFICATE: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed issuer',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer unknown',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer unknown',
	CERT_HAS_EXPIRED: 'expired',
	CERT_NOT_YET_VALID: 'not valid yet',
	ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another host name',
};

/** A code of a request that got no HTTP answer: a network or TLS failure. */
export function isNetworkCode(code: string | undefined): boolean {
	return !!code && (/^E[A-Z_]+$/.test(code) || code in TLS_CERTIFICATE);
}

// NodeApiError swaps any message containing a raw code like ECONNRESET for generic text: use words.
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'connection reset',
	ECONNREFUSED: 'connection refused',
	ECONNABORTED: 'connection aborted',
	ETIMEDOUT: 'timed out',
	EPIPE: 'connection closed',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
};

export function describeNetworkCode(code: string | undefined): string {
	if (!code) return 'network error';
	if (TLS_NOT_SPOKEN.includes(code)) return 'TLS handshake failed: the server does not answer https on this port';
	if (code in TLS_CERTIFICATE) return `its TLS certificate is not trusted: ${TLS_CERTIFICATE[code]}`;
	return NETWORK_WORDS[code] || 'network error';
}

/** What to do about a TLS failure; undefined for other network failures. */
export function networkAdvice(code: string | undefined): string | undefined {
	if (code && TLS_NOT_SPOKEN.includes(code)) {
		return 'The URL says https://, but the server on that port does not speak TLS. If it serves plain http, enter the URL with http:// in the credential; otherwise check the port.';
	}
	if (code && code in TLS_CERTIFICATE) {
		return "The server's certificate could not be verified. Use the host's proper name and certificate, or, for a server you trust (e.g. a test system), turn on Ignore SSL Issues in the credential.";
	}
	return undefined;
}

/** A response header, whatever the case of its name; the first value of a repeated header. */
export function headerValue(headers: IDataObject | undefined, name: string): string {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers![key];
	return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? '' : String(value);
}

/** Retry-After (seconds or an HTTP date) as ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(headers: IDataObject | undefined, now = Date.now()): number | undefined {
	const value = headerValue(headers, 'retry-after').trim();
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
