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

/** `apiRootOf('engage', $credentials)` as an n8n expression (credential test requests). */
export const ENGAGE_API_ROOT_EXPRESSION =
	"={{($credentials.engageHost === 'custom' ? $credentials.customEngageHost : $credentials.engageHost).trim().replace(/\\/+$/, '')}}/voice/api";

/** `apiRootOf('token', $credentials)` as an n8n expression (credential test requests). */
export const TOKEN_API_ROOT_EXPRESSION =
	"={{($credentials.host === 'customCurrent' ? $credentials.customHost.trim().replace(/\\/+$/, '') + '/voice/api' : $credentials.host === 'customLegacy' ? $credentials.customHost.trim().replace(/\\/+$/, '') : $credentials.host.replace(/\\/+$/, ''))}}";
