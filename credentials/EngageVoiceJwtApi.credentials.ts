import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signWithSession } from './common/signRequests';
import { ENGAGE_HOSTS } from './common/hosts';
import { hiddenSessionFields, engageTestRequest } from './common/sessionFields';

export class EngageVoiceJwtApi implements ICredentialType {
	name = 'engageVoiceJwtApi';

	displayName = 'Engage Voice (RingCentral JWT) API';

	icon: Icon = { light: 'file:../icons/engage-voice.svg', dark: 'file:../icons/engage-voice.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/engage/voice/guide/authentication/auth-ringcentral';

	properties: INodeProperties[] = [
		{
			displayName: 'RingCentral Server',
			name: 'ringCentralServer',
			type: 'string',
			default: 'https://platform.ringcentral.com',
			description: 'The RingCentral platform that issues the access token',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID of a private REST API app with the JWT auth flow and the ReadAccounts scope',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// The JWT signs in as a RingCX admin: it is a secret, whatever its name suggests.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'JWT',
			name: 'jwt',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'JWT credential of a RingCX admin user, created in the RingCentral developer console',
		},
		{
			displayName: 'Engage Host',
			name: 'engageHost',
			type: 'options',
			options: ENGAGE_HOSTS,
			default: 'https://ringcx.ringcentral.com',
		},
		{
			displayName: 'Custom Engage Host',
			name: 'customEngageHost',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://ringcx.example.com',
			displayOptions: { show: { engageHost: ['custom'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		...hiddenSessionFields,
		// filled by the sign-in (GET /restapi/v1.0/account/~); RingCX (CX) paths need it
		{ displayName: 'RingCentral Account ID', name: 'rcAccountId', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// the sign-in code loads when a session is needed, not when n8n loads the package
		const { signInWithRingCentralJwt } = await import('./common/engageSignIn');
		return await signInWithRingCentralJwt(this, credentials);
	}

	// Bearer token of the session, only to the Engage host and only while the session matches
	authenticate = signWithSession('ringCentralJwt');

	test: ICredentialTestRequest = engageTestRequest;
}
