/*
 * Dial Group and Campaign › Get Many, Lead › Get States / Get System Dispositions, and the lists
 * behind the dial group, campaign and agent locators and the lead-state and disposition dropdowns,
 * against the simulator's seeded dialer.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { searchAgents, searchCampaigns, searchDialGroups } from '../../nodes/EngageVoice/methods/listSearch';
import { getLeadStates, getSystemDispositions } from '../../nodes/EngageVoice/methods/loadOptions';
import type { TestCredentialsHelper } from '../helpers/harness';
import { buildWorkflow, engageWorkflow } from '../helpers/harness';
import { byId, jsonOf, leadParameters, runLead } from '../helpers/leads';
import { runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 15 }, (s) => ({ sim, creds } = s));

const main = () => sim.world.mainSubAccountId;
const groupsOf = (sub: string) => sim.world.dialGroups.filter((g: any) => g.subAccountId === sub);
const campaignsOf = (sub: string) => sim.world.campaigns.filter((c: any) => c.subAccountId === sub);
const run = (resource: string, parameters: IDataObject = {}) => runEngage(creds, leadParameters(sim, 'getAll', parameters, resource));

describe('Dial Group › Get Many', () => {
	it('lists every dial group of the sub-account, simplified', async () => {
		const out = jsonOf((await run('dialGroup', { returnAll: true })).output('Engage Voice'));
		expect(out).toEqual(
			groupsOf(main()).map((g: any) => ({
				dialGroupId: g.dialGroupId,
				dialGroupName: g.dialGroupName,
				dialGroupDesc: g.dialGroupDesc,
				dialMode: g.dialMode,
				isActive: g.isActive,
			})),
		);
	});

	it('adds the campaigns from the same request and keeps only active groups when asked', async () => {
		const out = jsonOf(
			(await run('dialGroup', { returnAll: true, filters: { activeOnly: true }, options: { includeCampaigns: true } })).output('Engage Voice'),
		);
		const active = groupsOf(main()).filter((g: any) => g.isActive);
		expect(out.map((g) => g.dialGroupName)).toEqual(active.map((g: any) => g.dialGroupName));
		expect((out[0].campaigns as IDataObject[]).map((c) => c.campaignName)).toEqual(['Renewal Outreach', 'Win-back']);
		expect(sim.control.requestLog().filter((e) => e.path.includes('/dialGroups'))).toHaveLength(1);
	});
});

describe('Campaign › Get Many', () => {
	it('lists the campaigns of every dial group (one request per group), simplified with their group', async () => {
		const out = jsonOf((await run('campaign', { returnAll: true })).output('Engage Voice'));
		expect(out.map((c) => c.campaignId)).toEqual(campaignsOf(main()).map((c: any) => c.campaignId));
		expect(out[0]).toEqual(
			expect.objectContaining({ campaignName: 'Renewal Outreach', isActive: 1, dialGroupName: 'Outbound Renewals', callingConfiguration: 'SIMPLE' }),
		);
	});

	it('lists one dial group\'s active campaigns, and stops reading groups at the limit', async () => {
		const collections = groupsOf(main()).find((g: any) => g.dialGroupName === 'Collections');
		const one = jsonOf(
			(await run('campaign', { dialGroupScope: 'one', dialGroup: byId(collections.dialGroupId), returnAll: true, filters: { activeOnly: true } })).output(
				'Engage Voice',
			),
		);
		expect(one.map((c) => c.campaignName)).toEqual(['Early Stage']);

		sim.control.clearLog();
		const limited = jsonOf((await run('campaign', { returnAll: false, limit: 1, simplify: false })).output('Engage Voice'));
		expect(limited).toHaveLength(1);
		expect(limited[0]).toHaveProperty('aux1Label');
		// the dial group list and the first group's campaigns only
		expect(sim.control.requestLog().filter((e) => e.path.includes('/dialGroups'))).toHaveLength(2);
	});

	it('a dial group of another sub-account is a clear 404 error', async () => {
		const partnerGroup = groupsOf(sim.world.partnerSubAccountId)[0];
		const result = await run('campaign', { dialGroupScope: 'one', dialGroup: byId(partnerGroup.dialGroupId) });
		expect(result.error?.message).toMatch(/could not find .*\/dialGroups\/\d+\/campaigns.*\(dial group \d+\)/);
	});
});

describe('Lead › Get States / Get System Dispositions', () => {
	it('lists the states in the API\'s spelling, and the dispositions', async () => {
		const states = jsonOf((await runLead(sim, creds, 'getStates')).output('Engage Voice'));
		expect(states).toContainEqual({ leadState: 'AGENT-CALLBACK' });
		expect(states).toHaveLength(18);
		sim.control.setVariants({ leadStateSpelling: 'underscore' });
		expect(jsonOf((await runLead(sim, creds, 'getStates')).output('Engage Voice'))).toContainEqual({ leadState: 'AGENT_CALLBACK' });
		const dispositions = jsonOf((await runLead(sim, creds, 'getSystemDispositions')).output('Engage Voice'));
		expect(dispositions.slice(0, 2)).toEqual([{ systemDisposition: 'ANSWER' }, { systemDisposition: 'NOANSWER' }]);
		expect(dispositions).toHaveLength(17);
	});

	it('works on the sub-account without WEM access and with the API token credential', async () => {
		const result = await runEngage(creds, { ...leadParameters(sim, 'getStates'), subAccount: byId(sim.world.noWemSubAccountId) }, { credential: 'token' });
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')).toHaveLength(18);
	});
});

describe('locators and dropdowns', () => {
	async function listFor<T>(method: (this: any, filter?: string) => Promise<T>, parameters: IDataObject, filter?: string): Promise<T> {
		const workflow = buildWorkflow(engageWorkflow(leadParameters(sim, 'search', parameters), { type: 'engageVoiceJwtApi', id: 'jwt' }));
		const node = workflow.getNode('Engage Voice')!;
		const additionalData = { credentialsHelper: creds, currentNodeParameters: node.parameters, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.campaign');
		return await method.call(context, filter);
	}

	it('dial groups of the chosen sub-account', async () => {
		const { results } = await listFor(searchDialGroups, {}, 'coll');
		const group = groupsOf(main()).find((g: any) => g.dialGroupName === 'Collections');
		expect(results).toEqual([{ name: `Collections (${group.dialGroupId}, predictive)`, value: String(group.dialGroupId) }]);
	});

	it('every campaign of the sub-account from one request, named with its dial group', async () => {
		const { results } = await listFor(searchCampaigns, {});
		expect(results.map((r) => r.name)).toEqual(
			campaignsOf(main()).map((c: any) => `${c.campaignName} (${c.campaignId}) · ${groupsOf(main()).find((g: any) => g.dialGroupId === c.dialGroupId).dialGroupName}`),
		);
		expect(sim.control.requestLog().map((e) => e.path).filter((p) => p.includes('/dialGroups'))).toEqual([
			`/voice/api/v1/admin/accounts/${main()}/dialGroups/withChildren`,
		]);
	});

	it('the active agents of the sub-account, searchable by name', async () => {
		const agent = sim.world.agents.find((a: any) => a.subAccountId === main() && a.isActive);
		const { results } = await listFor(searchAgents, {}, agent.lastName);
		expect(results).toContainEqual({ name: `${agent.firstName} ${agent.lastName} (${agent.agentId})`, value: String(agent.agentId) });
		const { results: all } = await listFor(searchAgents, {});
		const active = sim.world.agents.filter((a: any) => a.subAccountId === main() && a.isActive);
		expect(all.map((r) => r.value).sort()).toEqual(active.map((a: any) => String(a.agentId)).sort());
	});

	it('lead states and system dispositions as the API lists them; a sub-account is needed first', async () => {
		sim.control.setVariants({ leadStateSpelling: 'underscore' });
		const states = await listFor(getLeadStates, {});
		expect(states).toContainEqual({ name: 'AGENT_CALLBACK', value: 'AGENT_CALLBACK' });
		const dispositions = await listFor(getSystemDispositions, {});
		expect(dispositions[0]).toEqual({ name: 'ANSWER', value: 'ANSWER' });
		await expect(listFor(getLeadStates, { subAccount: { __rl: true, mode: 'list', value: '' } })).rejects.toThrow('Choose a sub-account first');
	});
});
