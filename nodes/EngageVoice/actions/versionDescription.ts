import type { INodeProperties } from 'n8n-workflow';

import { authentication } from '../parameters/authentication';

import * as agent from './agent/Agent.resource';
import * as agentGroup from './agentGroup/AgentGroup.resource';
import * as campaign from './campaign/Campaign.resource';
import * as dialGroup from './dialGroup/DialGroup.resource';
import * as lead from './lead/Lead.resource';
import * as queueGroup from './queueGroup/QueueGroup.resource';
import * as recording from './recording/Recording.resource';
import * as report from './report/Report.resource';
import * as subAccount from './subAccount/SubAccount.resource';
import * as user from './user/User.resource';

export const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Agent',
			value: 'agent',
			description: 'RingCX agents with their RingCentral user IDs, groups, supervisors and supervisees',
		},
		{ name: 'Agent Group', value: 'agentGroup', description: 'Teams of agents in a sub-account' },
		{
			name: 'Campaign',
			value: 'campaign',
			description: 'Outbound campaigns of the dial groups, which leads are loaded into',
		},
		{ name: 'Dial Group', value: 'dialGroup', description: 'Outbound dialers of a sub-account, which hold campaigns' },
		{
			name: 'Lead',
			value: 'lead',
			description: 'Campaign leads: load contacts, find, update, replace, call back, pause, remove and more',
		},
		{
			name: 'Queue Group',
			value: 'queueGroup',
			description: 'Groups of inbound queues, and the queues with their assigned agents',
		},
		{
			name: 'Recording',
			value: 'recording',
			description: 'Call recordings (binary audio) and transcripts of agent segments',
		},
		{
			name: 'Report',
			value: 'report',
			description: 'Queue and agent interval statistics and interaction (agent segment) metadata over any date range',
		},
		{ name: 'Sub-Account', value: 'subAccount', description: 'Sub-accounts of the main account' },
		{ name: 'User', value: 'user', description: 'Admin users of the main account' },
	],
	default: 'subAccount',
};

export const nodeProperties: INodeProperties[] = [
	authentication,
	resource,
	...agent.description,
	...agentGroup.description,
	...campaign.description,
	...dialGroup.description,
	...lead.description,
	...queueGroup.description,
	...recording.description,
	...report.description,
	...subAccount.description,
	...user.description,
];
