import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { ENGAGE_API_ROOT_EXPRESSION } from './hosts';

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
	// Which host, client and secrets issued the session (common/session.ts). Not a password field:
	// n8n's editor then saves it as it loaded it, together with mainAccountId, so an edit that
	// changes the account also ends the session those ids came from.
	{ displayName: 'Session Binding', name: 'sessionBinding', type: 'hidden', default: '' },
];

/*
 * n8n resolves the test request's URL before it signs in, so the URL may not use the ids the
 * sign-in fills (main account id): the test lists the admin accounts, which needs only the token.
 * The sign-in itself checks the client, the JWT, ReadAccounts, the host and WEM access, each with
 * its own message (engageSignIn.ts).
 */
export const engageTestRequest: ICredentialTestRequest = {
	request: {
		baseURL: ENGAGE_API_ROOT_EXPRESSION,
		url: '/v1/admin/accounts',
		method: 'GET',
		skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
	},
	rules: [
		{
			type: 'responseCode',
			properties: {
				value: 404,
				message:
					'Signed in, but the Engage host does not serve the Voice API here: check the Engage host in the credential',
			},
		},
	],
};
