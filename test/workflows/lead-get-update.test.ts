/*
 * Lead › Get (by lead ID, external ID, phone; not found as an item; retry for a lead just loaded),
 * Update (PATCH: only the fields given) and Replace (PUT: the whole lead) against the simulator.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { PACKAGE, runWorkflow } from '../helpers/harness';
import { byId, campaignNamed, contact, jsonOf, leadParameters, leadRequests, loadFromContact, runLead } from '../helpers/leads';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 13 }, (s) => ({ sim, creds } = s));

const winback = () => campaignNamed(sim, 'Win-back');
const leadsOf = () => sim.truth.leads({ campaignId: winback().campaignId });
const searches = () => leadRequests(sim, '/leadSearch', 'POST');
const get = (parameters: IDataObject) => runLead(sim, creds, 'get', { campaign: byId(winback().campaignId), ...parameters });

describe('Lead › Get', () => {
	it('finds a lead by lead ID, by external ID and by phone', async () => {
		const lead = leadsOf()[20];
		for (const parameters of [
			{ findBy: 'leadId', leadId: String(lead.leadId) },
			{ findBy: 'externId', externId: lead.externId },
			{ findBy: 'phone', leadPhone: `+1 ${lead.leadPhone}` },
		]) {
			const out = jsonOf((await get(parameters)).output('Engage Voice'));
			expect(out).toEqual([expect.objectContaining({ found: true, leadId: lead.leadId, externId: lead.externId, leadPhone: lead.leadPhone })]);
		}
		expect(searches()[0].body).toEqual({ campaignId: winback().campaignId, campaignIds: [winback().campaignId], leadIds: [lead.leadId] });
		expect(searches()[1].body).toMatchObject({ externIds: [lead.externId] });
	});

	it('returns every lead that shares an external ID or a phone (neither is unique)', async () => {
		const all = leadsOf();
		const externIds = all.map((l: any) => l.externId);
		const shared = externIds.find((x: string, i: number) => externIds.indexOf(x) !== i);
		const out = jsonOf((await get({ findBy: 'externId', externId: shared })).output('Engage Voice'));
		expect(out.map((row) => row.leadId)).toEqual(all.filter((l: any) => l.externId === shared).map((l: any) => l.leadId));
		expect(out).toHaveLength(2);
	});

	it('"not found" is an error after the retries, or an item with found: false', async () => {
		const options = { notFoundWaitSeconds: 0 };
		const failed = await get({ findBy: 'externId', externId: 'nobody', options });
		expect(failed.error?.message).toBe(`No lead with external ID nobody in campaign ${winback().campaignId}`);
		expect(failed.error?.description).toMatch(/Searched 3 times/);
		expect(searches()).toHaveLength(3);

		const out = jsonOf((await get({ findBy: 'externId', externId: 'nobody', options: { ...options, failIfNotFound: false, notFoundRetries: 0 } })).output('Engage Voice'));
		expect(out).toEqual([{ found: false, findBy: 'externId', value: 'nobody', campaignId: winback().campaignId, subAccountId: sim.world.mainSubAccountId, searches: 1 }]);
	});

	it('a lead loaded a moment ago is found by searching again (decision 10: 2 s, then 4 s)', async () => {
		// the simulator hides a loaded lead from searches for 3 s, as RingCX may
		sim.control.setLimits({ leadSearchDelayMs: 3000 });
		const workflow = {
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify([contact(1)]) } },
				engageNode('Load', leadParameters(sim, 'load', loadFromContact(winback().campaignId)), [200, 0]),
				engageNode('Get', leadParameters(sim, 'get', { campaign: byId(winback().campaignId), findBy: 'externId', externId: '={{ $json.externId }}' }), [400, 0]),
			] as INode[],
			connections: {
				Start: { main: [[{ node: 'Load', type: NodeConnectionTypes.Main, index: 0 }]] },
				Load: { main: [[{ node: 'Get', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
		};
		const result = await runWorkflow(workflow, creds);
		expect(result.error).toBeUndefined();
		const [found] = jsonOf(result.output('Get'));
		expect(found).toMatchObject({ found: true, externId: 'crm-test-1', listDesc: 'n8n: test' });
		expect(found.leadId).toBe(sim.truth.leadLoads()[0].insertedLeadIds[0]);
		// empty, empty (after 2 s), found (after 4 more)
		expect(searches().map((entry) => (entry.status === 200 ? 'searched' : entry.status))).toEqual(['searched', 'searched', 'searched']);
	}, 30_000);
});

function engageNode(name: string, parameters: IDataObject, position: [number, number]): INode {
	return {
		id: name,
		name,
		type: `${PACKAGE}.engageVoice`,
		typeVersion: 1,
		position,
		parameters: { authentication: 'ringCentralJwt', ...parameters } as INode['parameters'],
		credentials: { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } },
	};
}

describe('Lead › Update (PATCH)', () => {
	it('changes only the fields given, clears a field left empty, and returns the lead', async () => {
		const lead = leadsOf()[5];
		const result = await runLead(sim, creds, 'update', {
			campaign: byId(winback().campaignId),
			leadId: String(lead.leadId),
			updateFields: { firstName: 'Ada', auxData3: 'vip', city: '' },
			extendedLeadData: { field: [{ name: 'dealStage', value: 'won' }] },
		});
		expect(result.error).toBeUndefined();
		const [update] = sim.truth.leadUpdates();
		expect(update.method).toBe('PATCH');
		expect(update.body).toEqual({ firstName: 'Ada', auxData3: 'vip', city: null, extendedLeadData: { dealStage: 'won' } });
		const after = leadsOf().find((l: any) => l.leadId === lead.leadId);
		expect(after).toMatchObject({ firstName: 'Ada', auxData3: 'vip', city: null, lastName: lead.lastName, leadPhone: lead.leadPhone, externId: lead.externId });
		expect(jsonOf(result.output('Engage Voice'))[0]).toMatchObject({ leadId: lead.leadId, firstName: 'Ada', campaign: { campaignId: winback().campaignId } });
		const sent = leadRequests(sim, `/campaignLeads/${lead.leadId}`, 'PATCH')[0];
		expect(sent.query).toEqual({ campaignId: String(winback().campaignId) });
	});

	it('moves the lead to another list and recomputes its time zone when asked', async () => {
		const lead = leadsOf()[5];
		const other = sim.truth.leadLists(winback().campaignId).find((l: any) => l.listId !== lead.listId);
		await runLead(sim, creds, 'update', {
			campaign: byId(winback().campaignId),
			leadId: String(lead.leadId),
			updateFields: { leadPhone: '3125550100' },
			options: { listId: String(other.listId), timezoneOption: 'NPA_NXX' },
		});
		expect(leadsOf().find((l: any) => l.leadId === lead.leadId)).toMatchObject({ listId: other.listId, leadTimezone: 'CST', leadPhone: '3125550100' });
	});

	it('a 204 without a body gives what was sent', async () => {
		sim.control.setVariants({ leadUpdateResponse: 'empty' });
		const lead = leadsOf()[5];
		const out = jsonOf((await runLead(sim, creds, 'update', { campaign: byId(winback().campaignId), leadId: String(lead.leadId), updateFields: { lastName: 'Byron' } })).output('Engage Voice'));
		expect(out).toEqual([expect.objectContaining({ leadId: lead.leadId, updated: true, sent: { lastName: 'Byron' } })]);
	});

	it('refuses an empty update and a bad lead ID before any request; a lead of another campaign is a 404 error', async () => {
		const nothing = await runLead(sim, creds, 'update', { campaign: byId(winback().campaignId), leadId: '1' });
		expect(nothing.error?.message).toBe('Nothing to update');
		const bad = await runLead(sim, creds, 'update', { campaign: byId(winback().campaignId), leadId: '12a', updateFields: { city: 'X' } });
		expect(bad.error?.message).toBe('"Lead ID" must be a numeric ID, got "12a"');
		expect(sim.truth.leadUpdates()).toHaveLength(0);
		const renewalLead = sim.truth.leads({ campaignId: campaignNamed(sim, 'Renewal Outreach').campaignId })[0];
		const wrong = await runLead(sim, creds, 'update', { campaign: byId(winback().campaignId), leadId: String(renewalLead.leadId), updateFields: { city: 'X' } });
		expect(wrong.error?.message).toMatch(/could not find .*campaignLeads\/\d+: The resource you have requested does not exist \(lead \d+\)/);
	});

	it('14 updates in a row wait for the shared PATCH/PUT budget (12 per 3 s) instead of meeting a 429', async () => {
		const leads = leadsOf().slice(0, 14);
		const items = leads.map((l: any) => ({ leadId: l.leadId }));
		const result = await runLead(
			sim,
			creds,
			'update',
			{ campaign: byId(winback().campaignId), leadId: '={{ $json.leadId }}', updateFields: { auxData4: 'touched' } },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(sim.control.requestLog().filter((entry) => entry.status === 429)).toHaveLength(0);
		expect(sim.truth.leadUpdates()).toHaveLength(14);
	}, 30_000);
});

describe('Lead › Replace (PUT)', () => {
	it('the lead becomes exactly what is sent: fields not given are cleared', async () => {
		const lead = leadsOf()[6];
		const result = await runLead(sim, creds, 'replace', {
			campaign: byId(winback().campaignId),
			leadId: String(lead.leadId),
			leadPhone: lead.leadPhone,
			externId: lead.externId,
			additionalFields: { firstName: 'Only' },
		});
		expect(result.error).toBeUndefined();
		const after = leadsOf().find((l: any) => l.leadId === lead.leadId);
		expect(after).toMatchObject({ firstName: 'Only', lastName: null, email: null, auxData1: null, leadPhone: lead.leadPhone, externId: lead.externId });
		expect(sim.truth.leadUpdates()[0].method).toBe('PUT');
	});

	it('needs a phone and an external ID, so that it cannot clear them by accident', async () => {
		const lead = leadsOf()[6];
		const result = await runLead(sim, creds, 'replace', { campaign: byId(winback().campaignId), leadId: String(lead.leadId), leadPhone: lead.leadPhone, externId: "={{ '' }}" });
		expect(result.error?.message).toBe('"External ID" is empty');
		expect(sim.truth.leadUpdates()).toHaveLength(0);
	});

	it('a 201 without a body gives what was sent', async () => {
		sim.control.setVariants({ leadUpdateResponse: 'empty' });
		const lead = leadsOf()[6];
		const out = jsonOf(
			(await runLead(sim, creds, 'replace', { campaign: byId(winback().campaignId), leadId: String(lead.leadId), leadPhone: lead.leadPhone, externId: 'x-1' })).output(
				'Engage Voice',
			),
		);
		expect(out).toEqual([expect.objectContaining({ leadId: lead.leadId, replaced: true, sent: { externId: 'x-1', leadPhone: lead.leadPhone } })]);
	});
});
