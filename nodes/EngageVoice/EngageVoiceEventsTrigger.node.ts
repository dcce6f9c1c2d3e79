import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventsTriggerProperties, signInCredential } from './eventsTrigger/description';
import { listSearch, loadOptions } from './methods';

export class EngageVoiceEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engage Voice Events Trigger',
		name: 'engageVoiceEventsTrigger',
		icon: { light: 'file:../../icons/engage-voice.svg', dark: 'file:../../icons/engage-voice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "callEvent" ? "Call Event" : "Agent State Changed"}}',
		description:
			'Starts a workflow when a RingCentral Engage Voice (RingCX) agent changes state, or when RingCX pushes a call event',
		defaults: { name: 'Engage Voice Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// one literal per credential: n8n's lint reads this array
			{ ...signInCredential('apiToken') },
			{ ...signInCredential('engageLogin') },
			{ ...signInCredential('ringCentralJwt') },
			{
				name: 'engageVoicePushReceiverApi',
				required: true,
				testedBy: 'pushReceiverCredentialTest',
				displayOptions: { show: { event: ['callEvent'], verification: ['pushReceiverCredential'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$parameter["event"] === "callEvent" ? $parameter["httpMethod"] : "POST"}}',
				responseMode: 'onReceived',
				path: 'engage-voice',
			},
		],
		properties: eventsTriggerProperties,
	};

	methods = {
		listSearch,
		loadOptions,
		credentialTest: {
			async pushReceiverCredentialTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const { pushCredentialFrom, pushCredentialProblem } = await import('./eventsTrigger/secrets');
				const problem = pushCredentialProblem(pushCredentialFrom(credential.data ?? {}));
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'Set the same value in RingCX admin (a custom header, or the web service parameter)' };
			},
		},
	};

	// The code of the methods, the webhook and the subscription loads on first use (await import),
	// not when n8n loads the package: n8n needs only the description then.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { nodeParameters } = await import('./parameters/reader');
				const { readEventsSettings } = await import('./eventsTrigger/settings');
				const params = nodeParameters(this);
				// a mistake in the parameters or the credential fails the activation, not the first delivery
				const settings = readEventsSettings(params);
				if (settings.verification === 'pushReceiverCredential') {
					const { pushCredentialFrom, pushCredentialProblem } = await import('./eventsTrigger/secrets');
					const problem = pushCredentialProblem(pushCredentialFrom(await this.getCredentials('engageVoicePushReceiverApi')));
					if (problem) {
						throw new NodeOperationError(this.getNode(), `The Push Receiver credential is not usable: ${problem}`, {
							description: 'Open the credential, correct it and use its Test button.',
						});
					}
				}
				if (settings.event !== 'agentStateChanged') return true;
				const { subscriptionExists } = await import('./eventsTrigger/subscription');
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { nodeParameters } = await import('./parameters/reader');
				const { readEvent } = await import('./eventsTrigger/settings');
				if (readEvent(nodeParameters(this)) !== 'agentStateChanged') return true;
				// RingCX validates the URL with a request that must be answered within 3 s: the receiver's
				// code is loaded before the subscription is asked for, not by that request
				await import('./eventsTrigger/receive');
				const { createOrUpdateSubscription } = await import('./eventsTrigger/subscription');
				return await createOrUpdateSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { deleteNodeSubscription } = await import('./eventsTrigger/subscription');
				return await deleteNodeSubscription(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { receiveEvents } = await import('./eventsTrigger/receive');
		return await receiveEvents.call(this);
	}
}
