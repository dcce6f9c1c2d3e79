/*
 * Lead › Search against the simulator: filters from the spec, Return All / Limit with paging per
 * decision 10 (page from 0, short page ends, no lead twice), every answer shape and quirk variant.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { byId, campaignNamed, jsonOf, leadRequests, runLead } from '../helpers/leads';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 12 }, (s) => ({ sim, creds } = s));

const renewal = () => campaignNamed(sim, 'Renewal Outreach');
const searches = () => leadRequests(sim, '/leadSearch', 'POST');
const ids = (rows: IDataObject[]) => rows.map((row) => row.leadId);
const truthIds = (filter: (lead: any) => boolean, campaignId = renewal().campaignId) =>
	sim.truth.leads({ campaignId }).filter(filter).map((lead: any) => lead.leadId);

async function search(parameters: IDataObject, options: { onError?: 'continueRegularOutput' } = {}) {
	return await runLead(sim, creds, 'search', { campaign: byId(renewal().campaignId), returnAll: true, ...parameters }, options);
}

describe('Lead › Search', () => {
	it('returns every READY lead of a campaign page by page, each once, as the lead store holds them', async () => {
		const result = await search({ filters: { leadStates: ['READY'] }, options: { pageSize: 40 } });
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result.output('Engage Voice'));
		const expected = truthIds((lead) => lead.leadState === 'READY');
		expect(expected.length).toBeGreaterThan(80);
		expect(ids(rows)).toEqual(expected);
		// pages 0, 1, … of 40 until a short page; page and maxRows in the query, the campaign in both forms
		const pages = searches();
		expect(pages.map((entry) => entry.query.page)).toEqual(Array.from({ length: Math.ceil((expected.length + 1) / 40) }, (_, i) => String(i)));
		expect(pages.every((entry) => entry.query.maxRows === '40')).toBe(true);
		expect(pages[0].body).toEqual({ campaignId: renewal().campaignId, campaignIds: [renewal().campaignId], leadStates: ['READY'] });
		expect(rows[0]).toEqual(
			expect.objectContaining({ leadId: expected[0], campaignName: 'Renewal Outreach', leadState: 'READY', agentDisposition: null }),
		);
	});

	it('drops repeated leads when pages count from 1 (page 0 = page 1), so nothing comes twice and nothing is lost', async () => {
		sim.control.setVariants({ leadPageBase: 1 });
		const rows = jsonOf((await search({ options: { pageSize: 50 } })).output('Engage Voice'));
		const expected = truthIds(() => true);
		expect(ids(rows)).toEqual(expected);
		expect(new Set(ids(rows)).size).toBe(rows.length);
	});

	it.each(['records', 'page'])('reads the rows of a %s-shaped answer', async (shape) => {
		sim.control.setVariants({ leadSearchShape: shape });
		const rows = jsonOf((await search({ filters: { leadStates: ['PAUSED', 'CANCELLED'] }, options: { pageSize: 7 } })).output('Engage Voice'));
		expect(ids(rows)).toEqual(truthIds((lead) => ['PAUSED', 'CANCELLED'].includes(lead.leadState)));
	});

	it('Limit asks for one page of that size', async () => {
		const rows = jsonOf((await search({ returnAll: false, limit: 30 })).output('Engage Voice'));
		expect(ids(rows)).toEqual(truthIds(() => true).slice(0, 30));
		expect(searches().map((entry) => [entry.query.page, entry.query.maxRows])).toEqual([['0', '30']]);
	});

	it('Limit above a page reads pages of the page size and stops at the limit', async () => {
		const rows = jsonOf((await search({ returnAll: false, limit: 120, options: { pageSize: 50 } })).output('Engage Voice'));
		expect(ids(rows)).toEqual(truthIds(() => true).slice(0, 120));
		expect(searches()).toHaveLength(3);
	});

	it('keeps only leads with the external IDs asked for when the API ignores that filter (decision 10)', async () => {
		sim.control.setVariants({ leadExternIds: 'ignore' });
		const shared = sim.truth.leads({ campaignId: renewal().campaignId }).map((l: any) => l.externId);
		const duplicateExternId = shared.find((x: string, i: number) => shared.indexOf(x) !== i);
		const rows = jsonOf((await search({ filters: { externIds: duplicateExternId } })).output('Engage Voice'));
		expect(rows.map((row) => row.externId)).toEqual([duplicateExternId, duplicateExternId]);
		expect(searches().length).toBeGreaterThan(1);
	});

	it('finds leads by phone in any spelling, and by contact fields and pass counts', async () => {
		const lead = sim.truth.leads({ campaignId: renewal().campaignId })[10];
		const formatted = `(${lead.leadPhone.slice(0, 3)}) ${lead.leadPhone.slice(3, 6)}-${lead.leadPhone.slice(6)}`;
		const byPhone = jsonOf((await search({ filters: { leadPhoneNumbers: formatted } })).output('Engage Voice'));
		expect(ids(byPhone)).toEqual(truthIds((l) => l.leadPhone === lead.leadPhone));

		const byName = jsonOf(
			(await search({ filters: { lastName: lead.lastName, leadPasses: { condition: { operator: 'GREATER_THAN', value: 0 } } } })).output('Engage Voice'),
		);
		expect(ids(byName)).toEqual(truthIds((l) => l.lastName === lead.lastName && l.leadPasses > 0));
	});

	it('sends dates read in the chosen zone as UTC in the docs\' form (decision 12)', async () => {
		const all = sim.truth.leads({ campaignId: renewal().campaignId });
		const loaded = all.map((l: any) => l.loadedDts).sort((a: number, b: number) => a - b);
		const cut = loaded[Math.floor(loaded.length / 2)];
		// the cut as a wall time in Tokyo (UTC+9, no DST)
		const tokyo = new Date(cut + 9 * 3600_000).toISOString().slice(0, 19);
		const rows = jsonOf((await search({ timeZone: 'Asia/Tokyo', filters: { loadedDtsStart: tokyo } })).output('Engage Voice'));
		const sent = searches()[0].body as IDataObject;
		expect(sent.loadedDtsStart).toBe(new Date(Math.floor(cut / 1000) * 1000).toISOString().replace('Z', '+0000'));
		expect(ids(rows)).toEqual(truthIds((l) => l.loadedDts >= Math.floor(cut / 1000) * 1000));
	});

	it('sends lead states in the API\'s spelling whatever the input spelling, and refuses unknown states before searching', async () => {
		sim.control.setVariants({ leadStateSpelling: 'underscore' });
		const rows = jsonOf((await search({ filters: { leadStates: '={{ ["AGENT-CALLBACK"] }}' } })).output('Engage Voice'));
		expect(ids(rows)).toEqual(truthIds((l) => l.leadState === 'AGENT-CALLBACK'));
		expect((searches()[0].body as IDataObject).leadStates).toEqual(['AGENT_CALLBACK']);
		expect(rows[0].leadState).toBe('AGENT_CALLBACK');

		sim.control.clearLog();
		const failed = await search({ filters: { leadStates: '={{ ["SLEEPING"] }}' } });
		expect(failed.error?.message).toBe('"Lead States" has an unknown state "SLEEPING"');
		expect(failed.error?.description).toMatch(/AGENT_CALLBACK/);
		expect(searches()).toHaveLength(0);
	});

	it('searches every campaign of the sub-account, or several', async () => {
		const sub = sim.world.mainSubAccountId;
		const all = jsonOf((await runLead(sim, creds, 'search', { campaignScope: 'all', returnAll: true, filters: { leadStates: ['PAUSED'] } })).output('Engage Voice'));
		const expected = sim.truth.leads({ subAccountId: sub }).filter((l: any) => l.leadState === 'PAUSED').map((l: any) => l.leadId);
		expect(ids(all)).toEqual(expected);
		expect(searches()[0].body).toEqual({ leadStates: ['PAUSED'] });

		const winback = campaignNamed(sim, 'Win-back');
		const several = jsonOf(
			(await runLead(sim, creds, 'search', { campaignScope: 'several', campaignIds: `${renewal().campaignId}, ${winback.campaignId}`, returnAll: true })).output(
				'Engage Voice',
			),
		);
		expect(new Set(several.map((row) => row.campaignName))).toEqual(new Set(['Renewal Outreach', 'Win-back']));
	});

	it('without Simplify returns the rows as the API sent them', async () => {
		const rows = jsonOf((await search({ simplify: false, returnAll: false, limit: 1 })).output('Engage Voice'));
		expect(rows[0]).toHaveProperty('agentDispostion');
		expect(rows[0]).toHaveProperty('uploadedBy');
	});

	it('a page that keeps failing ends the search with the API error; Continue On Fail keeps the leads read before it', async () => {
		sim.control.injectFaults({ kind: '503', match: 'leadSearch', after: 1, count: 4 });
		const result = await search({ options: { pageSize: 50, maxRetries: 3 } }, { onError: 'continueRegularOutput' });
		const out = jsonOf(result.output('Engage Voice'));
		expect(out.slice(0, 50).map((row) => row.leadId)).toEqual(truthIds(() => true).slice(0, 50));
		expect(out).toHaveLength(51);
		expect(out[50].error).toMatch(/server error \(HTTP 503\) after 4 attempts \(lead search page 1\)/);
	});

	it('bad filters fail before any request', async () => {
		const failed = await search({ filters: { leadIds: '12, abc' } });
		expect(failed.error?.message).toBe('"Lead IDs" must be a numeric ID, got "abc"');
		const badDate = await search({ filters: { loadedDtsEnd: 'yesterday-ish' } });
		expect(badDate.error?.message).toMatch(/"Loaded Before" is not a valid date and time/);
		expect(searches()).toHaveLength(0);
	});
});
