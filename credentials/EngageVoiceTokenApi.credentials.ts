import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { signWithApiToken } from './common/signRequests';
import { TOKEN_API_ROOT_EXPRESSION, TOKEN_HOSTS } from './common/hosts';

/*
 * Permanent API token sent as X-Auth-Token (API doc §2.5). The legacy portals serve the same
 * paths without the /voice prefix (common/hosts.ts).
 */
export class EngageVoiceTokenApi implements ICredentialType {
	name = 'engageVoiceTokenApi';

	displayName = 'Engage Voice (API Token) API';

	icon: Icon = { light: 'file:../icons/engage-voice.svg', dark: 'file:../icons/engage-voice.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/engage/voice/guide/authentication/auth-legacy';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'options',
			options: TOKEN_HOSTS,
			default: 'https://ringcx.ringcentral.com/voice/api',
		},
		{
			displayName: 'Custom Host',
			name: 'customHost',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://ringcx.example.com',
			description:
				'Base URL of the host, without /voice/api (current) — for a legacy host, the URL that ends in /api',
			displayOptions: { show: { host: ['customCurrent', 'customLegacy'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A permanent token created with POST /voice/api/v1/admin/token, sent as X-Auth-Token',
		},
		{
			displayName: 'Main Account ID',
			name: 'mainAccountId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Engage main account ID (lists of sub-accounts and users are read per main account)',
		},
		{
			displayName: 'RingCentral Account ID',
			name: 'rcAccountId',
			type: 'string',
			default: '',
			description: 'Needed only for RingCX (CX) API calls such as queue groups and reports',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
	];

	// a function, not generic headers: it checks the host fields first (common/authenticate.ts)
	authenticate = signWithApiToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: TOKEN_API_ROOT_EXPRESSION,
			url: '=/integration/v1/admin/accounts/{{encodeURIComponent($credentials.mainAccountId)}}/subaccounts',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The API token was rejected: create a new one (POST /voice/api/v1/admin/token) or check the host',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works, but the account has no WEM access or the user lacks the WFO_ACCESS role: ask RingCentral to enable WEM Access',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The main account ID is unknown on this host: check the main account ID and the host',
				},
			},
		],
	};
}
