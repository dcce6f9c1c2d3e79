import type { IDataObject } from 'n8n-workflow';

/*
 * Where each credential's requests go (API doc §1): the one place that turns the credential's host
 * fields into URLs. The sign-in flows, the credential tests and the node's transport all use it.
 * Credential test requests are n8n expressions and cannot call this module; their expressions are
 * built here, next to the functions they mirror, and a unit test keeps both in step.
 */

export const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Engage hosts of the RingCentral JWT and Engage Login credentials. */
export const ENGAGE_HOSTS = [
	{ name: 'RingCX (ringcx.ringcentral.com)', value: 'https://ringcx.ringcentral.com' },
	{ name: 'Engage (engage.ringcentral.com)', value: 'https://engage.ringcentral.com' },
	{ name: 'Custom URL', value: 'custom' },
];

/**
 * API roots of the API Token credential. The legacy portals serve the same paths without the
 * /voice prefix: their root already ends in /api.
 */
export const TOKEN_HOSTS = [
	{ name: 'RingCX (ringcx.ringcentral.com)', value: 'https://ringcx.ringcentral.com/voice/api' },
	{ name: 'Engage (engage.ringcentral.com)', value: 'https://engage.ringcentral.com/voice/api' },
	{ name: 'Legacy Portal (portal.vacd.biz)', value: 'https://portal.vacd.biz/api' },
	{ name: 'Legacy Portal (portal.virtualacd.biz)', value: 'https://portal.virtualacd.biz/api' },
	{ name: 'Custom Current Host', value: 'customCurrent' },
	{ name: 'Custom Legacy Host', value: 'customLegacy' },
];

/** Which host fields a credential has: `engageHost` (JWT, login) or `host` (API token). */
export type HostFields = 'engage' | 'token';

/**
 * Why a URL field cannot be used, naming the field; undefined when it can. `path` says what the
 * field may hold after the host: nothing (a host), or a path ending in /api (a legacy portal).
 */
export function urlFieldProblem(field: string, value: string, path: 'none' | 'api' = 'none'): string | undefined {
	const example = path === 'api' ? 'https://portal.vacd.biz/api' : 'https://ringcx.example.com';
	if (!value) return `"${field}" is empty: enter a URL such as ${example}`;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `"${field}" is not a URL: "${value.slice(0, 80)}" — enter it with https://, e.g. ${example}`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `"${field}" must start with https:// (or http://), got "${value.slice(0, 80)}"`;
	}
	if (url.username || url.password) return `"${field}" must not contain a user name or password`;
	if (url.search || url.hash) return `"${field}" must not contain a query (?…) or a fragment (#…): enter ${url.origin}`;
	const extra = trimSlash(url.pathname);
	if (path === 'none' && extra) {
		return `"${field}" must be the host only, without the path "${extra}": enter ${url.origin} (the package adds /voice/api and the rest itself)`;
	}
	if (path === 'api' && (!/\/api$/.test(extra) || /\/voice\/api$/.test(extra))) {
		return `"${field}" of a legacy host must be the URL that ends in /api (without /voice), e.g. ${example}; for a current host choose "Custom Current Host" and enter only ${url.origin}`;
	}
	return undefined;
}

/** The Engage host (scheme + host, no path) of a JWT or login credential, as entered. */
export function engageHostOf(credentials: IDataObject): string {
	const host =
		credentials.engageHost === 'custom'
			? String(credentials.customEngageHost ?? '')
			: String(credentials.engageHost ?? '');
	return trimSlash(host.trim());
}

export interface ApiRoot {
	/** `https://host/voice/api` (current hosts) or `https://portal.vacd.biz/api` (legacy). */
	apiRoot: string;
	legacy: boolean;
}

/** The API root every Voice API path is appended to. */
export function apiRootOf(fields: HostFields, credentials: IDataObject): ApiRoot {
	if (fields === 'token') {
		const host = String(credentials.host ?? '');
		const custom = trimSlash(String(credentials.customHost ?? '').trim());
		if (host === 'customCurrent') return { apiRoot: `${custom}/voice/api`, legacy: false };
		if (host === 'customLegacy') return { apiRoot: custom, legacy: true };
		return { apiRoot: trimSlash(host), legacy: !host.endsWith('/voice/api') };
	}
	return { apiRoot: `${engageHostOf(credentials)}/voice/api`, legacy: false };
}

/** Why the credential's host fields cannot be used (naming the field to correct); undefined when they can. */
export function hostProblem(fields: HostFields, credentials: IDataObject): string | undefined {
	if (fields === 'token') {
		const host = String(credentials.host ?? '');
		const custom = trimSlash(String(credentials.customHost ?? '').trim());
		if (host === 'customCurrent') return urlFieldProblem('Custom Host', custom);
		if (host === 'customLegacy') return urlFieldProblem('Custom Host', custom, 'api');
		return TOKEN_HOSTS.some((known) => known.value === host)
			? undefined
			: `"Host" has an unknown value "${host.slice(0, 80)}": choose a host from the list, or Custom Current Host or Custom Legacy Host`;
	}
	const field = credentials.engageHost === 'custom' ? 'Custom Engage Host' : 'Engage Host';
	return urlFieldProblem(field, engageHostOf(credentials));
}

/**
 * The one origin (scheme://host:port) a credential's tokens may be sent to: its Engage host, or
 * the host of its API root. Undefined while the host fields are unusable.
 */
export function allowedOriginOf(fields: HostFields, credentials: IDataObject): string | undefined {
	if (hostProblem(fields, credentials)) return undefined;
	return new URL(apiRootOf(fields, credentials).apiRoot).origin;
}

/** `apiRootOf('engage', $credentials)` as an n8n expression (credential test requests). */
export const ENGAGE_API_ROOT_EXPRESSION =
	"={{($credentials.engageHost === 'custom' ? $credentials.customEngageHost : $credentials.engageHost).trim().replace(/\\/+$/, '')}}/voice/api";

/** `apiRootOf('token', $credentials)` as an n8n expression (credential test requests). */
export const TOKEN_API_ROOT_EXPRESSION =
	"={{($credentials.host === 'customCurrent' ? $credentials.customHost.trim().replace(/\\/+$/, '') + '/voice/api' : $credentials.host === 'customLegacy' ? $credentials.customHost.trim().replace(/\\/+$/, '') : $credentials.host.replace(/\\/+$/, ''))}}";
