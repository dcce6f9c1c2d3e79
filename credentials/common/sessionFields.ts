import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/*
 * Hidden fields that preAuthentication fills. `engageToken` is the expirable field: n8n signs in
 * again when it is empty, and once more (then retries the request) when a request gets a 401.
 */
export const hiddenSessionFields: INodeProperties[] = [
	{
		displayName: 'Engage Token',
		name: 'engageToken',
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
	},
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'hidden',
		typeOptions: { password: true },
		default: '',
	},
	{ displayName: 'Main Account ID', name: 'mainAccountId', type: 'hidden', default: '' },
	{ displayName: 'Default Sub-Account ID', name: 'defaultSubAccountId', type: 'hidden', default: '' },
	{ displayName: 'Token Issued At', name: 'tokenIssuedAt', type: 'hidden', default: '' },
];

const engageApiRoot =
	"={{($credentials.engageHost === 'custom' ? $credentials.customEngageHost : $credentials.engageHost).replace(/\\/+$/, '')}}/voice/api";

/** The cheapest authenticated call that needs WEM access: the main account's sub-accounts. */
export const engageTestRequest: ICredentialTestRequest = {
	request: {
		baseURL: engageApiRoot,
		url: '=/integration/v1/admin/accounts/{{encodeURIComponent($credentials.mainAccountId)}}/subaccounts',
		method: 'GET',
		skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
	},
	rules: [
		{
			type: 'responseCode',
			properties: {
				value: 403,
				message:
					'Signed in, but the account has no WEM access or the user lacks the WFO_ACCESS role: ask RingCentral to enable WEM Access and give the user the WFO_ACCESS role',
			},
		},
		{
			type: 'responseCode',
			properties: {
				value: 404,
				message:
					'Signed in, but the Engage host does not serve the integration API here: check the Engage host in the credential',
			},
		},
	],
};
