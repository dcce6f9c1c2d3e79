/*
 * The lead operations as an AI tool (engageVoiceTool) through n8n-core's tool machinery, with the
 * arguments a model supplies through $fromAI; destructive actions stay behind the same guard.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EngageVoice } from '../../nodes/EngageVoice/EngageVoice.node';
import type { TestCredentialsHelper } from '../helpers/harness';
import { PACKAGE, registerNodeType, runWorkflow } from '../helpers/harness';
import { byId, campaignNamed, leadParameters } from '../helpers/leads';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';
import { AgentStandIn, toolVariantOf } from '../helpers/toolVariant';

registerNodeType(`${PACKAGE}.engageVoiceTool`, toolVariantOf(new EngageVoice()));
registerNodeType('test.agentStandIn', new AgentStandIn());

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 16 }, (s) => ({ sim, creds } = s));

const fromAI = (key: string, description: string, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

/** Start → agent stand-in, with the Engage Voice tool attached; the stand-in calls the tool with `args`. */
async function callTool(toolName: string, parameters: IDataObject, args: IDataObject) {
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify([args]) } },
				{ id: 'a', name: 'Agent', type: 'test.agentStandIn', typeVersion: 1, position: [200, 0], parameters: {} },
				{
					id: 't',
					name: toolName,
					type: `${PACKAGE}.engageVoiceTool`,
					typeVersion: 1,
					position: [200, 200],
					parameters: { authentication: 'ringCentralJwt', ...parameters } as any,
					credentials: { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
				[toolName]: { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
			},
		},
		creds,
	);
	expect(result.error).toBeUndefined();
	const [answer] = result.output('Agent');
	return { name: String(answer.json.toolName), description: String(answer.json.toolDescription), answer: String(answer.json.answer) };
}

const renewal = () => campaignNamed(sim, 'Renewal Outreach');

describe('Lead operations as an AI tool', () => {
	it('Lead › Load: the model fills the contact, the lead is in the campaign', async () => {
		const tool = await callTool(
			'Add a lead to the renewal campaign',
			leadParameters(sim, 'load', {
				campaign: byId(renewal().campaignId),
				leadPhone: fromAI('phone', 'The contact phone number, 10 digits'),
				externId: fromAI('crmId', 'The CRM record ID of the contact'),
				timeZoneOption: 'NPA_NXX',
				additionalFields: { firstName: fromAI('firstName', 'First name'), lastName: fromAI('lastName', 'Last name') },
			}),
			{ phone: '6175550142', crmId: 'crm-ai-1', firstName: 'Grace', lastName: 'Hopper' },
		);
		expect(tool.name).toBe('Add_a_lead_to_the_renewal_campaign');
		expect(JSON.parse(tool.answer)).toEqual([expect.objectContaining({ result: 'inserted', externId: 'crm-ai-1', leadPhone: '6175550142' })]);
		expect(sim.truth.leads({ campaignId: renewal().campaignId }).find((l: any) => l.externId === 'crm-ai-1')).toMatchObject({
			firstName: 'Grace',
			lastName: 'Hopper',
			leadTimezone: 'EST',
		});
	});

	it('Lead › Get: the model looks a contact up by external ID', async () => {
		const lead = sim.truth.leads({ campaignId: renewal().campaignId })[30];
		const tool = await callTool(
			'Find a lead',
			leadParameters(sim, 'get', { campaign: byId(renewal().campaignId), findBy: 'externId', externId: fromAI('crmId', 'The CRM record ID'), options: { failIfNotFound: false } }),
			{ crmId: lead.externId },
		);
		expect(JSON.parse(tool.answer)).toEqual([expect.objectContaining({ found: true, leadId: lead.leadId, leadState: lead.leadState })]);
		const missing = await callTool(
			'Find a lead',
			leadParameters(sim, 'get', {
				campaign: byId(renewal().campaignId),
				findBy: 'externId',
				externId: fromAI('crmId', 'The CRM record ID'),
				options: { failIfNotFound: false, notFoundRetries: 0 },
			}),
			{ crmId: 'nobody' },
		);
		expect(JSON.parse(missing.answer)).toEqual([expect.objectContaining({ found: false, value: 'nobody' })]);
	});

	it('Lead › Action: the model books a callback in the contact\'s time zone', async () => {
		const lead = sim.truth.leads({ campaignId: renewal().campaignId }).find((l: any) => l.leadState === 'READY');
		const agent = sim.world.agents.find((a: any) => a.subAccountId === sim.world.mainSubAccountId && a.isActive);
		const year = new Date().getUTCFullYear() + 1;
		const tool = await callTool(
			'Book a callback',
			leadParameters(sim, 'action', {
				campaign: byId(renewal().campaignId),
				leadAction: 'CALLBACK_LEADS',
				agent: byId(agent.agentId),
				callbackDate: fromAI('when', 'Local date and time of the callback, e.g. 2026-07-24T09:00:00'),
				timeZone: fromAI('timeZone', 'IANA time zone of the contact'),
				filters: { leadIds: fromAI('leadId', 'The lead ID', 'number') },
			}),
			{ when: `${year}-07-24T09:00:00`, timeZone: 'America/Chicago', leadId: lead.leadId },
		);
		expect(JSON.parse(tool.answer)).toEqual([expect.objectContaining({ success: true, leadUpdateCount: 1, callbackAt: `${year}-07-24T09:00:00-05:00` })]);
		expect(sim.truth.leadActions()[0].paramMap.CALLBACK_DATE).toBe(`${year}-07-24T14:00:00.000+0000`);
	});

	it('Lead › Action: a destructive action the model calls without naming leads is refused, and the model is told why', async () => {
		const before = sim.truth.leads({ campaignId: renewal().campaignId });
		const tool = await callTool(
			'Pause leads',
			leadParameters(sim, 'action', {
				campaign: byId(renewal().campaignId),
				leadAction: 'PAUSE_LEADS',
				filters: { leadIds: fromAI('leadIds', 'Comma-separated lead IDs to pause'), leadStates: ['READY'] },
			}),
			{ leadIds: '' },
		);
		expect(tool.answer).toMatch(/^ERROR: "Pause" refused: no lead is named/);
		expect(sim.truth.leadActions()).toHaveLength(0);
		expect(sim.truth.leads({ campaignId: renewal().campaignId })).toEqual(before);

		const lead = before.find((l: any) => l.leadState === 'READY');
		const named = await callTool(
			'Pause leads',
			leadParameters(sim, 'action', {
				campaign: byId(renewal().campaignId),
				leadAction: 'PAUSE_LEADS',
				filters: { leadIds: fromAI('leadIds', 'Comma-separated lead IDs to pause'), leadStates: ['READY'] },
			}),
			{ leadIds: String(lead.leadId) },
		);
		expect(JSON.parse(named.answer)).toEqual([expect.objectContaining({ success: true, leadUpdateCount: 1 })]);
	});

	it('Lead › Search: the model searches by state with a limit', async () => {
		const tool = await callTool(
			'Search leads',
			leadParameters(sim, 'search', {
				campaign: byId(renewal().campaignId),
				returnAll: false,
				limit: fromAI('limit', 'How many leads at most', 'number'),
				filters: { leadStates: fromAI('states', 'Lead states, e.g. ["PAUSED"]', 'json') },
			}),
			{ limit: 5, states: ['PAUSED'] },
		);
		const rows = JSON.parse(tool.answer) as IDataObject[];
		expect(rows.map((r) => r.leadId)).toEqual(
			sim.truth
				.leads({ campaignId: renewal().campaignId })
				.filter((l: any) => l.leadState === 'PAUSED')
				.slice(0, 5)
				.map((l: any) => l.leadId),
		);
	});
});
