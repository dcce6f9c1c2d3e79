import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/*
 * A shared secret for what RingCX admin pushes to the Engage Voice Events Trigger (WFM Generic
 * HTTP push, Web Services; API doc §6.6, §6.7). Nothing is sent with it: the trigger checks that
 * each pushed request carries it, the way the admin set it up in RingCX (a custom header, Basic
 * auth, or a fixed parameter of a web service). The node's credential test checks the entries.
 */
export class EngageVoicePushReceiverApi implements ICredentialType {
	name = 'engageVoicePushReceiverApi';

	displayName = 'Engage Voice (Push Receiver) API';

	icon: Icon = { light: 'file:../icons/engage-voice.svg', dark: 'file:../icons/engage-voice.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/engage/voice/guide/notifications/wfm/configure-wfm';

	properties: INodeProperties[] = [
		{
			displayName: 'Verify By',
			name: 'verifyBy',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basicAuth',
					description: 'The push sends an Authorization: Basic header (a WFM push custom header)',
				},
				{
					name: 'Header',
					value: 'header',
					description: 'The push sends a header with a secret value (a WFM push custom header)',
				},
				{
					name: 'Parameter',
					value: 'parameter',
					description: 'The push sends a fixed parameter with a secret value (a web service parameter)',
				},
			],
			default: 'header',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Engage-Voice-Push-Secret',
			displayOptions: { show: { verifyBy: ['header'] } },
		},
		{
			displayName: 'Header Value',
			name: 'headerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A long random value (at least 16 characters), the same as in RingCX admin',
			displayOptions: { show: { verifyBy: ['header'] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { verifyBy: ['basicAuth'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A long random value (at least 16 characters)',
			displayOptions: { show: { verifyBy: ['basicAuth'] } },
		},
		{
			displayName: 'Parameter Name',
			name: 'parameterName',
			type: 'string',
			default: 'pushSecret',
			description: 'A body or query parameter; it is removed from the items',
			displayOptions: { show: { verifyBy: ['parameter'] } },
		},
		{
			displayName: 'Parameter Value',
			name: 'parameterSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A long random value (at least 16 characters), the same as in the web service',
			displayOptions: { show: { verifyBy: ['parameter'] } },
		},
	];
}
