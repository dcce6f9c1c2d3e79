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
import { receiveEvents } from './eventsTrigger/receive';
import { pushCredentialFrom, pushCredentialProblem } from './eventsTrigger/secrets';
import { readEvent, readEventsSettings } from './eventsTrigger/settings';
import { createOrUpdateSubscription, deleteNodeSubscription, subscriptionExists } from './eventsTrigger/subscription';
import { listSearch, loadOptions } from './methods';
import { nodeParameters } from './parameters/reader';

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
				const problem = pushCredentialProblem(pushCredentialFrom(credential.data ?? {}));
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'Set the same value in RingCX admin (a custom header, or the web service parameter)' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const params = nodeParameters(this);
				// a mistake in the parameters or the credential fails the activation, not the first delivery
				const settings = readEventsSettings(params);
				if (settings.verification === 'pushReceiverCredential') {
					const problem = pushCredentialProblem(pushCredentialFrom(await this.getCredentials('engageVoicePushReceiverApi')));
					if (problem) {
						throw new NodeOperationError(this.getNode(), `The Push Receiver credential is not usable: ${problem}`, {
							description: 'Open the credential, correct it and use its Test button.',
						});
					}
				}
				if (settings.event !== 'agentStateChanged') return true;
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (readEvent(nodeParameters(this)) !== 'agentStateChanged') return true;
				return await createOrUpdateSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteNodeSubscription(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveEvents.call(this);
	}
}
