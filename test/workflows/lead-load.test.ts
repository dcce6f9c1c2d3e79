/*
 * Lead › Load against the simulator: many input items → few leadLoader/direct requests, one
 * result per item (inserted / duplicate / rejected / unknown), decision 9 failures, and the lead
 * store (the simulator's ground truth) compared with what was sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { byId, campaignNamed, contact, jsonOf, leadRequests, loadFromContact, runLead } from '../helpers/leads';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 11 }, (s) => ({ sim, creds } = s));

const winback = () => campaignNamed(sim, 'Win-back');
const loads = () => leadRequests(sim, '/leadLoader/direct', 'POST');
const newLeads = (campaignId: number) => sim.truth.leads({ campaignId }).filter((l: any) => String(l.externId).startsWith('crm-test-'));

describe('Lead › Load: batching', () => {
	it('loads 25 contacts in 3 requests of at most 10, each item inserted, every field in the lead store', async () => {
		const items = Array.from({ length: 25 }, (_, i) => contact(i + 1));
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { options: { batchSize: 10 } }), { items });
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(jsonOf(out).map((j) => j.result)).toEqual(Array(25).fill('inserted'));
		expect(jsonOf(out).map((j) => (j.request as IDataObject).number)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(5).fill(3)]);

		expect(loads().map((entry) => (entry.body as any).uploadLeads.length)).toEqual([10, 10, 5]);
		const stored = newLeads(winback().campaignId);
		expect(stored).toHaveLength(25);
		for (const [i, item] of items.entries()) {
			const lead = stored.find((l: any) => l.externId === item.crmId);
			expect(lead).toMatchObject({
				leadPhone: item.phone,
				firstName: item.firstName,
				lastName: item.lastName,
				email: item.email,
				auxData1: item.tier,
				leadState: 'READY',
			});
			expect(out[i].json.externId).toBe(item.crmId);
		}
		// decision 9: every request carries description, priority, duplicate handling, list state, time-zone option
		for (const entry of loads()) {
			expect(entry.body).toMatchObject({
				description: 'n8n: test',
				dialPriority: 'NORMAL',
				duplicateHandling: 'RETAIN_ALL',
				listState: 'ACTIVE',
				timeZoneOption: 'NPA_NXX',
			});
			for (const lead of (entry.body as any).uploadLeads) {
				for (const value of Object.values(lead)) expect(typeof value).toBe('string');
			}
		}
	});

	it('sends 250 contacts as one request with the default batch size, and separates campaigns and settings', async () => {
		const items = Array.from({ length: 250 }, (_, i) => contact(i + 1, { campaign: i % 5 === 0 ? 'Renewal Outreach' : 'Win-back' }));
		const renewal = campaignNamed(sim, 'Renewal Outreach');
		const parameters = loadFromContact(0, {
			campaign: byId(`={{ $json.campaign === 'Renewal Outreach' ? ${renewal.campaignId} : ${winback().campaignId} }}`),
		});
		const result = await runLead(sim, creds, 'load', parameters, { items });
		expect(result.error).toBeUndefined();
		expect(loads().map((entry) => [entry.path.split('/campaigns/')[1].split('/')[0], (entry.body as any).uploadLeads.length])).toEqual([
			[String(renewal.campaignId), 50],
			[String(winback().campaignId), 200],
		]);
		expect(newLeads(winback().campaignId)).toHaveLength(200);
		expect(newLeads(renewal.campaignId)).toHaveLength(50);
	});

	it('maps custom fields: aux data, extended lead data, explicit time zone, priority and passes as numbers', async () => {
		const items = [contact(1, { zone: 'CST', interest: 'solar', stage: 'proposal' })];
		const parameters = loadFromContact(winback().campaignId, {
			timeZoneOption: 'EXPLICIT',
			additionalFields: { leadTimezone: '={{ $json.zone }}', auxData2: '={{ $json.interest }}', leadPriority: 7, maxPasses: 2 },
			extendedLeadData: { field: [{ name: 'dealStage', value: '={{ $json.stage }}' }, { name: 'source', value: 'n8n' }] },
		});
		const result = await runLead(sim, creds, 'load', parameters, { items });
		expect(result.error).toBeUndefined();
		const [lead] = newLeads(winback().campaignId);
		expect(lead).toMatchObject({
			leadTimezone: 'CST',
			auxData2: 'solar',
			leadPriority: 7,
			maxPasses: 2,
			extendedLeadData: { dealStage: 'proposal', source: 'n8n' },
		});
		// the request as received (the request log redacts keys with "pass" in them, maxPasses too)
		expect(sim.truth.leadLoads()[0].request.uploadLeads[0]).toMatchObject({ leadPriority: 7, maxPasses: 2 });
	});
});

describe('Lead › Load: one result per item', () => {
	it('reports rejected rows with the API\'s reason, and leads in the rest of the request as inserted', async () => {
		const items = [contact(1), contact(2, { phone: '12345' }), contact(3)];
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items });
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.result)).toEqual(['inserted', 'rejected', 'inserted']);
		expect(out[1].reason).toBe('Invalid phone number: 12345');
		expect(out[0].request).toMatchObject({ leadsSent: 3, leadsSupplied: 3, leadsAccepted: 2, leadsInserted: 2, rejectedRows: 1 });
		expect(newLeads(winback().campaignId).map((l: any) => l.externId)).toEqual(['crm-test-1', 'crm-test-3']);
	});

	it('REMOVE_FROM_LIST: a repeated phone in the load is the duplicate, as the lead store shows', async () => {
		const items = [contact(1), contact(2), contact(3, { phone: contact(1).phone }), contact(4)];
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { duplicateHandling: 'REMOVE_FROM_LIST' }), { items });
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.result)).toEqual(['inserted', 'inserted', 'duplicate', 'inserted']);
		const [load] = sim.truth.leadLoads();
		expect(load.duplicateRows.map((row: any) => row.externId)).toEqual(['crm-test-3']);
	});

	it('REMOVE_ALL_EXISTING: phones already in the campaign are looked up first, so each lead is told inserted or duplicate', async () => {
		const existing = sim.truth.leads({ campaignId: winback().campaignId }).slice(0, 2);
		const items = [contact(1), contact(2, { phone: existing[0].leadPhone }), contact(3), contact(4, { phone: existing[1].leadPhone })];
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { duplicateHandling: 'REMOVE_ALL_EXISTING' }), { items });
		expect(result.error).toBeUndefined();
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.result)).toEqual(['inserted', 'duplicate', 'inserted', 'duplicate']);
		const truth = sim.truth.leadLoads()[0];
		expect(truth.duplicateRows.map((row: any) => row.externId)).toEqual(['crm-test-2', 'crm-test-4']);
		expect(out[1].reason).toMatch(/already in the campaign/);
		// one search for the request's phones before the load
		expect(leadRequests(sim, '/leadSearch').map((entry) => (entry.body as any).leadPhoneNumbers)).toEqual([items.map((i) => i.phone)]);
	});

	it('REMOVE_ALL_EXISTING without the look-up: the counts cannot say which, so unknown (and no search)', async () => {
		const existing = sim.truth.leads({ campaignId: winback().campaignId })[0];
		const items = [contact(1), contact(2, { phone: existing.leadPhone })];
		const parameters = loadFromContact(winback().campaignId, { duplicateHandling: 'REMOVE_ALL_EXISTING', options: { checkExistingPhones: false } });
		const out = jsonOf((await runLead(sim, creds, 'load', parameters, { items })).output('Engage Voice'));
		expect(out.map((j) => j.result)).toEqual(['unknown', 'unknown']);
		expect(out[0].reason).toMatch(/dropped 1 of these 2 leads as duplicates/);
		expect(leadRequests(sim, '/leadSearch')).toHaveLength(0);
	});

	it('a single contact already in the campaign is a duplicate from the counts alone', async () => {
		const existing = sim.truth.leads({ campaignId: winback().campaignId })[0];
		const parameters = loadFromContact(winback().campaignId, { duplicateHandling: 'REMOVE_ALL_EXISTING' });
		const out = jsonOf((await runLead(sim, creds, 'load', parameters, { items: [contact(1, { phone: existing.leadPhone })] })).output('Engage Voice'));
		expect(out).toEqual([expect.objectContaining({ result: 'duplicate', externId: 'crm-test-1' })]);
		expect(leadRequests(sim, '/leadSearch')).toHaveLength(0);
	});

	it('counts an unknown agent reservation in the request summary; the lead is still inserted', async () => {
		const parameters = loadFromContact(winback().campaignId, { additionalFields: { reserveAgent: '999999' } });
		const out = jsonOf((await runLead(sim, creds, 'load', parameters, { items: [contact(1)] })).output('Engage Voice'));
		expect(out[0]).toMatchObject({ result: 'inserted', request: { failedAgentAssignment: 1 } });
	});
});

describe('Lead › Load: what a failed load looks like (decision 9)', () => {
	it.each(['GENERAL_FAILURE', 'DNC_UPLOAD_FAILED', 'DNC_ACCOUNT_SETTINGS', 'DNC_GREATER_ONE_DAY'])(
		'a 200 with processingStatus %s is an error naming the status',
		async (status) => {
			sim.control.setVariants({ leadLoadOutcome: status });
			const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items: [contact(1), contact(2)] });
			expect(result.error?.message).toMatch(new RegExp(`did not load the leads: ${status}`));
			expect(result.error?.description).toMatch(/nothing of this request is counted as loaded/);
		},
	);

	it('DEFAULT_NOT_A_FAILURE is a success', async () => {
		sim.control.setVariants({ leadLoadOutcome: 'DEFAULT_NOT_A_FAILURE' });
		const out = jsonOf((await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items: [contact(1)] })).output('Engage Voice'));
		expect(out[0]).toMatchObject({ result: 'inserted', request: { processingStatus: 'DEFAULT_NOT_A_FAILURE' } });
	});

	it('all rows rejected (NO_LEADS_PASSED_VALIDATION): with Continue On Fail each item is an error item with its own reason', async () => {
		const items = [contact(1, { phone: '1' }), contact(2, { phone: '22' })];
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items, onError: 'continueRegularOutput' });
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.error)).toEqual([
			expect.stringMatching(/NO_LEADS_PASSED_VALIDATION.*; this lead: Invalid phone number: 1$/),
			expect.stringMatching(/NO_LEADS_PASSED_VALIDATION.*; this lead: Invalid phone number: 22$/),
		]);
		expect(result.output('Engage Voice').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('the docs\' required fields (variant) are always sent, so such a load succeeds', async () => {
		sim.control.setVariants({ leadLoadRequired: 'docs' });
		const out = jsonOf((await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items: [contact(1)] })).output('Engage Voice'));
		expect(out[0].result).toBe('inserted');
	});

	it('a 201 without a body is a success without counts: each item unknown, the leads are in the store', async () => {
		sim.control.setVariants({ leadLoadResponse: 'created' });
		const out = jsonOf((await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items: [contact(1), contact(2)] })).output('Engage Voice'));
		expect(out.map((j) => j.result)).toEqual(['unknown', 'unknown']);
		expect(out[0].reason).toMatch(/without a result body/);
		expect(newLeads(winback().campaignId)).toHaveLength(2);
	});

	it('a server error on the second request is not retried (it may have loaded); Continue On Fail keeps the first request\'s items', async () => {
		sim.control.injectFaults({ kind: '500', match: 'leadLoader/direct', after: 1 });
		const items = Array.from({ length: 4 }, (_, i) => contact(i + 1));
		const parameters = loadFromContact(winback().campaignId, { options: { batchSize: 2 } });
		const result = await runLead(sim, creds, 'load', parameters, { items, onError: 'continueRegularOutput' });
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.result ?? 'error')).toEqual(['inserted', 'inserted', 'error', 'error']);
		const failed = result.output('Engage Voice')[2].error as Error & { description?: string };
		expect(failed.description).toMatch(/may have happened/);
		expect(loads()).toHaveLength(2);
	});

	it('without Continue On Fail the error says what was sent before and what was not', async () => {
		sim.control.setVariants({ leadLoadOutcome: 'normal' });
		sim.control.injectFaults({ kind: '500', match: 'leadLoader/direct', after: 1 });
		const items = Array.from({ length: 6 }, (_, i) => contact(i + 1));
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { options: { batchSize: 2 } }), { items });
		expect(result.error?.description).toMatch(/1 earlier request \(2 leads\) had been sent; 2 later leads were not sent/);
		expect(loads()).toHaveLength(2);
	});

	it('bad input fails before any request; with Continue On Fail only that item fails', async () => {
		const items = [contact(1), contact(2, { crmId: '' }), contact(3)];
		const failed = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items });
		expect(failed.error?.message).toBe('"External ID" is empty');
		expect(loads()).toHaveLength(0);

		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId), { items, onError: 'continueRegularOutput' });
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.map((j) => j.result ?? j.error)).toEqual(['inserted', '"External ID" is empty', 'inserted']);
		expect(result.output('Engage Voice').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('a missing time-zone option is refused before any request (the API has no default)', async () => {
		await expect(runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { timeZoneOption: '' }), { items: [contact(1)] })).rejects.toThrow(
			/Parameter "Time Zone Option" is required/,
		);
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { timeZoneOption: "={{ '' }}" }), { items: [contact(1)] });
		expect(result.error?.message).toBe('"Time Zone Option" is not chosen');
		expect(loads()).toHaveLength(0);
	});
});

describe('Lead › Load: rate budget', () => {
	it('31 requests in a row wait for the leadLoad budget (30 per 10 s) instead of meeting a 429', async () => {
		const items = Array.from({ length: 31 }, (_, i) => contact(i + 1));
		const result = await runLead(sim, creds, 'load', loadFromContact(winback().campaignId, { options: { batchSize: 1 } }), { items });
		expect(result.error).toBeUndefined();
		expect(loads()).toHaveLength(31);
		expect(loads().filter((entry) => entry.status === 429)).toHaveLength(0);
		expect(newLeads(winback().campaignId)).toHaveLength(31);
	}, 60_000);
});
