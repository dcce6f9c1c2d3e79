import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { Authentication } from '../transport/credentialTypes';
import { CREDENTIAL_TYPES } from '../transport/credentialTypes';

/** The sign-in a node uses; every Engage Voice node (action and triggers) shows it first. */
export const authentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'API Token', value: 'apiToken' },
		{ name: 'Engage Login (Deprecated)', value: 'engageLogin' },
		{ name: 'RingCentral JWT', value: 'ringCentralJwt' },
	],
	default: 'ringCentralJwt',
};

/** One credential per Authentication value (the transport's table), shown for that value only. */
export const nodeCredentials: INodeCredentialDescription[] = (
	Object.entries(CREDENTIAL_TYPES) as Array<[Authentication, string]>
).map(([value, name]) => ({ name, required: true, displayOptions: { show: { authentication: [value] } } }));
