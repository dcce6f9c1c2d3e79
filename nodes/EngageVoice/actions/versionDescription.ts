import type { INodeProperties } from 'n8n-workflow';

import * as subAccount from './subAccount/SubAccount.resource';

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

export const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Sub-Account', value: 'subAccount' }],
	default: 'subAccount',
};

export const nodeProperties: INodeProperties[] = [authentication, resource, ...subAccount.description];
