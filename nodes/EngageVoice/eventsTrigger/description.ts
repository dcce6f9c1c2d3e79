import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { authentication, nodeCredentials } from '../parameters/authentication';
import { rcAccountIdOption, subAccountLocator } from '../parameters/properties';
import type { Authentication } from '../transport';
import { CREDENTIAL_TYPES } from '../transport/credentialTypes';

/*
 * The parameters of the Engage Voice Events Trigger. ./settings.ts reads them (one reader for the
 * activation hooks and the webhook).
 */

export const EVENTS = ['agentStateChanged', 'callEvent'] as const;
export type EventName = (typeof EVENTS)[number];

const agentStates = { show: { event: ['agentStateChanged'] } };
const callEvents = { show: { event: ['callEvent'] } };

/**
 * The sign-in credential of an Authentication value (the transport's table): it serves the
 * subscription calls, so only Agent State Changed asks for one.
 */
export function signInCredential(authentication: Authentication): INodeCredentialDescription {
	const credential = nodeCredentials.find((c) => c.name === CREDENTIAL_TYPES[authentication])!;
	return { ...credential, displayOptions: { show: { ...credential.displayOptions?.show, event: ['agentStateChanged'] } } };
}

const event: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'agentStateChanged',
	options: [
		{
			name: 'Agent State Changed',
			value: 'agentStateChanged',
			description:
				'An agent logs in or out, becomes available, takes a call, goes on break… (a RingCX agent-state subscription the node creates)',
		},
		{
			name: 'Call Event',
			value: 'callEvent',
			description:
				'What RingCX admin pushes to this URL: WFM Generic HTTP end-of-call and agent events, or a web service',
		},
	],
};

const agentStateNotice: INodeProperties = {
	displayName:
		"On activation the node subscribes to the sub-account's agent states in RingCX (RingCX only; the user needs the WFO_ACCESS role and the account RTA subscription access). RingCX calls n8n's Production URL, so n8n must be reachable from the internet over https (set N8N_WEBHOOK_URL when n8n runs behind a proxy). Deactivating the workflow deletes the subscription.",
	name: 'agentStateNotice',
	type: 'notice',
	default: '',
	displayOptions: agentStates,
};

const callEventNotice: INodeProperties = {
	displayName:
		'Copy the Production URL above into RingCX admin: Integrations → Generic HTTP (WFM) as Call Event URL and/or Agent Event URL, or a web service of a queue or campaign. The node only receives; it configures nothing in RingCX. The URL must be reachable from the internet over https.',
	name: 'callEventNotice',
	type: 'notice',
	default: '',
	displayOptions: callEvents,
};

const httpMethod: INodeProperties = {
	displayName: 'HTTP Method',
	name: 'httpMethod',
	type: 'options',
	default: 'POST',
	description: 'The method RingCX uses for this push (a web service lets the admin choose it)',
	options: [
		{ name: 'GET', value: 'GET' },
		{ name: 'POST', value: 'POST' },
	],
	displayOptions: callEvents,
};

const verification: INodeProperties = {
	displayName: 'Verification',
	name: 'verification',
	type: 'options',
	default: 'none',
	description:
		'Whether each push must carry a secret (a custom header, Basic auth or a parameter set in RingCX admin); pushes without it get 401 and start nothing',
	options: [
		{ name: 'None', value: 'none', description: 'Anyone who knows the URL can start the workflow' },
		{
			name: 'Push Receiver Credential',
			value: 'pushReceiverCredential',
			description: 'The secret in an Engage Voice (Push Receiver) credential',
		},
	],
	displayOptions: callEvents,
};

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Events that do not match start no execution',
	options: [
		{
			displayName: 'Agent Group Names or IDs',
			name: 'agentGroupIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getAgentGroups', loadOptionsDependsOn: ['subAccount.value'] },
			default: [],
			description:
				'Only agents of these groups (read when the workflow is activated). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show: { '/event': ['agentStateChanged'] } },
		},
		{
			displayName: 'Agent IDs',
			name: 'agentIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1369310, 1369311',
			description: 'Only these agents (with agent groups: these agents and the members of the groups)',
		},
		{
			displayName: 'Event Types',
			name: 'eventTypes',
			type: 'string',
			default: '',
			placeholder: 'e.g. ACD-CALL, VPD-CALL',
			description:
				'Only these event_type values, e.g. ACD-CALL and VPD-CALL (end of call) or AVAILABLE, LOGIN (agent events); case, spaces, underscores and hyphens are not told apart',
			displayOptions: { show: { '/event': ['callEvent'] } },
		},
		{
			displayName: 'States',
			name: 'states',
			type: 'string',
			default: '',
			placeholder: 'e.g. ON BREAK, LUNCH, AWAY',
			description:
				'Only changes into these states, as RingCX names them (LOGIN, AVAILABLE, ENGAGED, ON BREAK…); case, spaces, underscores and hyphens are not told apart',
			displayOptions: { show: { '/event': ['agentStateChanged'] } },
		},
	],
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Delivery Retries',
			name: 'retryCount',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How many times RingCX sends a notification again when n8n did not accept it (0–10; RingCX gives up after that)',
			displayOptions: { show: { '/event': ['agentStateChanged'] } },
		},
		{
			displayName: 'Event Time Zone Name or ID',
			name: 'timeZone',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTimeZones' },
			default: 'UTC',
			description:
				'RingCX sends WFM times (date_time, call_start) without a zone and its docs do not say which; they are read in this zone and changedAt / callStart carry its offset. Compare one event with the real time and change it if they differ. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Expire After (Hours)',
			name: 'expiresAfterHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Let the subscription expire this long after it was created or last renewed (0 = never). The node renews it when the workflow is activated or n8n starts, and on a notification that arrives in the second half of its life.',
			displayOptions: { show: { '/event': ['agentStateChanged'] } },
		},
		{
			...rcAccountIdOption,
			displayOptions: { show: { '/event': ['agentStateChanged'] } },
		},
	],
};

export const eventsTriggerProperties: INodeProperties[] = [
	{ ...authentication, displayOptions: agentStates },
	event,
	agentStateNotice,
	{ ...subAccountLocator, description: 'The sub-account whose agents are watched', displayOptions: agentStates },
	callEventNotice,
	httpMethod,
	verification,
	filters,
	options,
];
