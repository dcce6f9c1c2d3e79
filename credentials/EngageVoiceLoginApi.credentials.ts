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
import { engageTestRequest, hiddenSessionFields } from './common/sessionFields';

export class EngageVoiceLoginApi implements ICredentialType {
	name = 'engageVoiceLoginApi';

	displayName = 'Engage Voice (Engage Login) API';

	icon: Icon = { light: 'file:../icons/engage-voice.svg', dark: 'file:../icons/engage-voice.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/engage/voice/guide/authentication/auth-engage';

	properties: INodeProperties[] = [
		{
			displayName:
				'RingCentral has deprecated the direct Engage login; prefer the RingCentral JWT credential for new setups',
			name: 'deprecationNotice',
			type: 'notice',
			default: '',
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
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. admin@example.com',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Platform ID',
			name: 'platformId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Engage platform ID of the admin user',
		},
		{
			displayName: 'RingCentral Account ID',
			name: 'rcAccountId',
			type: 'string',
			default: '',
			description:
				'Needed only for RingCX (CX) API calls such as queue groups and reports; found in the RingCentral admin portal',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		...hiddenSessionFields,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// the sign-in code loads when a session is needed, not when n8n loads the package
		const { signInWithEngageLogin } = await import('./common/engageSignIn');
		return await signInWithEngageLogin(this, credentials);
	}

	// Bearer token of the session, only to the Engage host and only while the session matches
	authenticate = signWithSession('engageLogin');

	test: ICredentialTestRequest = engageTestRequest;
}
