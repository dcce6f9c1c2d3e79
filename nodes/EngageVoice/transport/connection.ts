import type { IAllExecuteFunctions, ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The node's `authentication` parameter → credential type. */
export const CREDENTIAL_TYPES = {
	ringCentralJwt: 'engageVoiceJwtApi',
	engageLogin: 'engageVoiceLoginApi',
	apiToken: 'engageVoiceTokenApi',
} as const;

export type Authentication = keyof typeof CREDENTIAL_TYPES;

export interface EngageConnection {
	authentication: Authentication;
	credentialType: string;
	/** `https://host/voice/api` (current hosts) or `https://portal.vacd.biz/api` (legacy). */
	apiRoot: string;
	legacy: boolean;
	skipSsl: boolean;
	credentials: ICredentialDataDecryptedObject;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function apiRootOf(authentication: Authentication, credentials: IDataObject): { apiRoot: string; legacy: boolean } {
	if (authentication === 'apiToken') {
		const host = String(credentials.host ?? '');
		if (host === 'customCurrent') return { apiRoot: `${trimSlash(String(credentials.customHost ?? ''))}/voice/api`, legacy: false };
		if (host === 'customLegacy') return { apiRoot: trimSlash(String(credentials.customHost ?? '')), legacy: true };
		return { apiRoot: trimSlash(host), legacy: !host.endsWith('/voice/api') };
	}
	const engageHost =
		credentials.engageHost === 'custom' ? String(credentials.customEngageHost ?? '') : String(credentials.engageHost ?? '');
	return { apiRoot: `${trimSlash(engageHost)}/voice/api`, legacy: false };
}

function readAuthentication(ctx: IAllExecuteFunctions): Authentication {
	let value: unknown;
	try {
		value = (ctx as { getNodeParameter: (name: string, index: number) => unknown }).getNodeParameter(
			'authentication',
			0,
		);
	} catch {
		value = undefined;
	}
	const auth = (value ?? 'ringCentralJwt') as Authentication;
	if (!(auth in CREDENTIAL_TYPES)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown authentication "${String(value)}"`, {
			description: 'Choose RingCentral JWT, Engage Login or API Token in the Authentication parameter.',
		});
	}
	return auth;
}

/** Reads the credential chosen by the node's Authentication parameter (fresh each call). */
export async function getConnection(ctx: IAllExecuteFunctions): Promise<EngageConnection> {
	const authentication = readAuthentication(ctx);
	const credentialType = CREDENTIAL_TYPES[authentication];
	const credentials = await ctx.getCredentials(credentialType);
	const { apiRoot, legacy } = apiRootOf(authentication, credentials);
	if (!/^https?:\/\/[^/]/i.test(apiRoot)) {
		throw new NodeOperationError(ctx.getNode(), `The credential's host "${apiRoot}" is not a URL`, {
			description: 'Open the credential and choose a host, or enter a custom URL starting with https://.',
		});
	}
	return {
		authentication,
		credentialType,
		apiRoot,
		legacy,
		skipSsl: credentials.ignoreSslIssues === true,
		credentials,
	};
}
