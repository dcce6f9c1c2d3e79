/*
 * The node's `authentication` parameter → credential type. A module of its own: the node
 * descriptions list the credentials, and n8n reads them when it loads the package; the connection
 * code (./connection.ts) loads with the first request.
 */
export const CREDENTIAL_TYPES = {
	ringCentralJwt: 'engageVoiceJwtApi',
	engageLogin: 'engageVoiceLoginApi',
	apiToken: 'engageVoiceTokenApi',
} as const;

export type Authentication = keyof typeof CREDENTIAL_TYPES;
