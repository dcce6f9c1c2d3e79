/*
 * Lead › Action against the simulator: every action of §10.7 with its own fields, paramMap types
 * (decision 12), callback dates in a chosen zone sent in UTC, the destructive-action guard, and
 * success: false as an error. Effects are read from the simulator's lead store.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { byId, campaignNamed, jsonOf, leadRequests, runLead } from '../helpers/leads';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;
useSimulator({ seed: 14 }, (s) => ({ sim, creds } = s));

const renewal = () => campaignNamed(sim, 'Renewal Outreach');
const leadsOf = (campaignId = renewal().campaignId) => sim.truth.leads({ campaignId });
const leadById = (id: number) => sim.truth.leads({}).find((l: any) => l.leadId === id);
const actions = () => sim.truth.leadActions();
const agent = () => sim.world.agents.find((a: any) => a.subAccountId === sim.world.mainSubAccountId && a.isActive && a.agentType === 'AGENT');
/** Three READY leads of Renewal Outreach. */
const targets = () => leadsOf().filter((l: any) => l.leadState === 'READY').slice(0, 3);

async function act(leadAction: string, parameters: IDataObject = {}, filters?: IDataObject) {
	const ids = targets().map((l: any) => l.leadId);
	return await runLead(sim, creds, 'action', {
		campaign: byId(renewal().campaignId),
		leadAction,
		filters: filters ?? { leadIds: ids.join(', ') },
		...parameters,
	});
}

describe('Lead › Action: every action', () => {
	it.each([
		['PAUSE_LEADS', 'PAUSED'],
		['CANCEL_LEADS', 'CANCELLED'],
		['READY_LEADS', 'READY'],
	])('%s sets the named leads to %s and nothing else', async (leadAction, state) => {
		const ids = targets().map((l: any) => l.leadId);
		const before = leadsOf();
		const result = await act(leadAction);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('Engage Voice'))[0]).toMatchObject({ leadAction, success: true, leadUpdateCount: 3, sent: true });
		for (const lead of leadsOf()) {
			const old = before.find((l: any) => l.leadId === lead.leadId);
			expect(lead.leadState).toBe(ids.includes(lead.leadId) ? state : old.leadState);
		}
		expect(actions()[0]).toMatchObject({ leadAction, criteria: { campaignId: renewal().campaignId, campaignIds: [renewal().campaignId], leadIds: ids }, paramMap: {} });
	});

	it('RESET_LEADS zeroes the passes and makes the leads ready', async () => {
		const ids = leadsOf().filter((l: any) => l.leadPasses > 0 && l.leadState === 'COMPLETE').slice(0, 2).map((l: any) => l.leadId);
		await act('RESET_LEADS', {}, { leadIds: ids });
		for (const id of ids) expect(leadById(id)).toMatchObject({ leadPasses: 0, leadState: 'READY' });
	});

	it('SUPPRESS_LEADS and UNSUPPRESS_LEADS keep the state', async () => {
		const [lead] = targets();
		await act('SUPPRESS_LEADS', {}, { leadIds: String(lead.leadId) });
		expect(leadById(lead.leadId)).toMatchObject({ suppressed: true, leadState: 'READY' });
		await act('UNSUPPRESS_LEADS', {}, { leadIds: String(lead.leadId) });
		expect(leadById(lead.leadId)).toMatchObject({ suppressed: false, leadState: 'READY' });
	});

	it('DELETE_LEADS removes exactly the named leads', async () => {
		const ids = targets().map((l: any) => l.leadId);
		const out = jsonOf((await act('DELETE_LEADS')).output('Engage Voice'));
		expect(out[0]).toMatchObject({ leadDeleteCount: 3 });
		expect(leadsOf().filter((l: any) => ids.includes(l.leadId))).toHaveLength(0);
		expect(leadsOf()).toHaveLength(240 - 3);
	});

	it('DIALER_REFRESH sends its flag as a boolean', async () => {
		const out = jsonOf((await act('DIALER_REFRESH', { forceRefresh: true })).output('Engage Voice'));
		expect(out[0]).toMatchObject({ dialerRefreshed: true, paramMap: { force_dialer_cache_refresh: true } });
		expect(actions()[0].paramMap).toEqual({ force_dialer_cache_refresh: true });
	});

	it('MANUAL_LEADS adds a pass with a disposition; minutes as a number, flags as booleans', async () => {
		const [lead] = targets();
		await act('MANUAL_LEADS', { passDisposition: 'Closed Won', requeue: true, passDelay: 90 }, { leadIds: String(lead.leadId) });
		expect(actions()[0].paramMap).toEqual({ PASS_DISPOSITION: 'Closed Won', REQUEUE: true, PASS_DELAY: 90, DO_NOT_CALL: false, MERGE_ORIGINAL: false });
		expect(leadById(lead.leadId)).toMatchObject({ leadPasses: lead.leadPasses + 1, agentDisposition: 'Closed Won', lastPassDisposition: 'MANUAL_PASS', leadState: 'READY' });
	});

	it('MANUAL_LEADS with Do Not Call puts the numbers on the DNC list', async () => {
		const [lead] = targets();
		await act('MANUAL_LEADS', { passDisposition: 'Asked not to call', doNotCall: true }, { leadIds: String(lead.leadId) });
		expect(leadById(lead.leadId).leadState).toBe('DO-NOT-CALL');
		expect(sim.truth.dnc(sim.world.mainSubAccountId)).toContain(lead.leadPhone);
	});

	it('EMAIL_LEADS sends the matching leads to the addresses', async () => {
		await act('EMAIL_LEADS', { emailTo: 'ops@example.com; lead@example.com' });
		expect(sim.truth.leadEmails()).toEqual([expect.objectContaining({ to: ['ops@example.com', 'lead@example.com'], leadIds: targets().map((l: any) => l.leadId) })]);
		const bad = await act('EMAIL_LEADS', { emailTo: 'ops' });
		expect(bad.error?.message).toBe('"Email To" needs email addresses; "ops" is not one');
	});

	it('AGENT_RESERVATION reserves for an agent (id as a number) and clears with 0', async () => {
		const [lead] = targets();
		await act('AGENT_RESERVATION', { agent: byId(agent().agentId) }, { leadIds: String(lead.leadId) });
		expect(actions()[0].paramMap).toEqual({ RESERVATION_AGENT_ID: agent().agentId });
		expect(leadById(lead.leadId).pendingAgentId).toBe(agent().agentId);
		await act('AGENT_RESERVATION', { clearReservation: true }, { leadIds: String(lead.leadId) });
		expect(actions()[1].paramMap).toEqual({ RESERVATION_AGENT_ID: 0 });
		expect(leadById(lead.leadId).pendingAgentId).toBeNull();
	});

	it('MOVE_TO_CAMPAIGN moves into a new list of the target (ids as numbers, the copy setting as text)', async () => {
		const winback = campaignNamed(sim, 'Win-back');
		const ids = targets().map((l: any) => l.leadId);
		const result = await act('MOVE_TO_CAMPAIGN', { targetCampaign: byId(winback.campaignId), targetList: 'new', listName: 'Moved by n8n', copySetting: 'false' });
		expect(result.error).toBeUndefined();
		expect(actions()[0].paramMap).toEqual({ CAMPAIGN_ID: winback.campaignId, LIST_ID: 0, LIST_NAME: 'Moved by n8n', CREATE_COPY_SETTING: 'false', DUPLICATE_ACTION_SETTING: 'MOVE' });
		const list = sim.truth.leadLists(winback.campaignId).find((l: any) => l.listDesc === 'Moved by n8n');
		for (const id of ids) expect(leadById(id)).toMatchObject({ campaignId: winback.campaignId, listId: list.listId });
	});

	it('MOVE_TO_CAMPAIGN as a transition copy leaves the originals TRANSITIONED and adds copies with new IDs', async () => {
		const winback = campaignNamed(sim, 'Win-back');
		const list = sim.truth.leadLists(winback.campaignId)[0];
		const ids = targets().map((l: any) => l.leadId);
		const before = leadsOf(winback.campaignId).length;
		await act('MOVE_TO_CAMPAIGN', { targetCampaign: byId(winback.campaignId), targetList: 'existing', listId: String(list.listId), copySetting: 'TRANSITION' });
		expect(actions()[0].paramMap).toMatchObject({ LIST_ID: list.listId, CREATE_COPY_SETTING: 'TRANSITION' });
		for (const id of ids) expect(leadById(id).leadState).toBe('TRANSITIONED');
		expect(leadsOf(winback.campaignId)).toHaveLength(before + 3);
	});
});

describe('Lead › Action: callbacks in a chosen time zone (decision 12)', () => {
	const year = new Date().getUTCFullYear() + 1;

	it.each([
		[`${year}-07-24T09:00:00`, 'America/Los_Angeles', `${year}-07-24T16:00:00.000+0000`, `${year}-07-24T09:00:00-07:00`],
		[`${year}-01-15T09:00:00`, 'America/Los_Angeles', `${year}-01-15T17:00:00.000+0000`, `${year}-01-15T09:00:00-08:00`],
		[`${year}-03-02T09:30:00`, 'Europe/Berlin', `${year}-03-02T08:30:00.000+0000`, `${year}-03-02T09:30:00+01:00`],
		[`${year}-03-02T09:30:00-05:00`, 'Europe/Berlin', `${year}-03-02T14:30:00.000+0000`, `${year}-03-02T15:30:00+01:00`],
	])('%s in %s is sent as %s', async (wall, timeZone, sent, shown) => {
		const [lead] = targets();
		const result = await act(
			'CALLBACK_LEADS',
			{ callbackType: 'AGENT', agent: byId(agent().agentId), callbackDate: wall, timeZone },
			{ leadIds: String(lead.leadId) },
		);
		expect(result.error).toBeUndefined();
		expect(actions()[0].paramMap).toEqual({ ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agent().agentId, CALLBACK_DATE: sent });
		expect(jsonOf(result.output('Engage Voice'))[0].callbackAt).toBe(shown);
		expect(leadById(lead.leadId)).toMatchObject({ leadState: 'AGENT-CALLBACK', pendingAgentId: agent().agentId, nextDialTime: Date.parse(sent.replace('+0000', 'Z')) });
	});

	it('uses the workflow\'s time zone by default, and sends no date for a callback due now', async () => {
		const [lead, other] = targets();
		// the harness runs workflows in America/New_York
		await act('CALLBACK_LEADS', { agent: byId(agent().agentId), callbackDate: `${year}-07-24T12:00:00` }, { leadIds: String(lead.leadId) });
		expect(actions()[0].paramMap.CALLBACK_DATE).toBe(`${year}-07-24T16:00:00.000+0000`);
		await act('CALLBACK_LEADS', { agent: byId(agent().agentId) }, { leadIds: String(other.leadId) });
		expect(actions()[1].paramMap).toEqual({ ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agent().agentId });
	});

	it('refuses a callback in the past before sending', async () => {
		const result = await act('CALLBACK_LEADS', { agent: byId(agent().agentId), callbackDate: '2020-01-01T09:00:00', timeZone: 'UTC' });
		expect(result.error?.message).toBe('"Callback Date and Time" is in the past: 2020-01-01T09:00:00+00:00');
		expect(actions()).toHaveLength(0);
	});

	it('cancels and resets callbacks', async () => {
		const callbacks = leadsOf().filter((l: any) => l.leadState === 'AGENT-CALLBACK').slice(0, 2);
		const ids = callbacks.map((l: any) => l.leadId);
		await act('CALLBACK_LEADS', { callbackType: 'CANCEL' }, { leadIds: ids });
		for (const id of ids) expect(leadById(id)).toMatchObject({ leadState: 'CALLBACK-CANCELLED', pendingAgentId: null });
		await act('CALLBACK_LEADS', { callbackType: 'RESET' }, { leadIds: ids });
		for (const id of ids) expect(leadById(id).leadState).toBe('READY');
		expect(actions().map((a: any) => a.paramMap)).toEqual([{ ACTION_TYPE: 'CANCEL' }, { ACTION_TYPE: 'RESET' }]);
	});
});

describe('Lead › Action: the destructive-action guard and failures', () => {
	it.each(['DELETE_LEADS', 'CANCEL_LEADS', 'PAUSE_LEADS', 'RESET_LEADS', 'MOVE_TO_CAMPAIGN'])(
		'%s without leads named is refused before any request',
		async (leadAction) => {
			const result = await act(leadAction, { targetCampaign: byId(campaignNamed(sim, 'Win-back').campaignId), listName: 'x' }, { leadStates: ['READY'] });
			expect(result.error?.message).toMatch(/refused: no lead is named$/);
			expect(result.error?.description).toMatch(/Apply to All Matching Leads/);
			expect(actions()).toHaveLength(0);
		},
	);

	it('runs on every matching lead when "Apply to All Matching Leads" is on', async () => {
		const paused = leadsOf().filter((l: any) => l.leadState === 'READY').map((l: any) => l.leadId);
		const out = jsonOf((await act('PAUSE_LEADS', { applyToAll: true }, { leadStates: ['READY'] })).output('Engage Voice'));
		expect(out[0].leadUpdateCount).toBe(paused.length);
		expect(leadsOf().filter((l: any) => paused.includes(l.leadId)).every((l: any) => l.leadState === 'PAUSED')).toBe(true);
	});

	it('list IDs count as naming leads; actions that remove nothing need no naming', async () => {
		const list = sim.truth.leadLists(renewal().campaignId)[0];
		expect((await act('PAUSE_LEADS', {}, { listIds: String(list.listId), leadStates: ['READY'] })).error).toBeUndefined();
		expect((await act('SUPPRESS_LEADS', {}, { leadStates: ['MAX-DIAL-LIMIT'] })).error).toBeUndefined();
	});

	it('by external ID it names the leads by lead ID too, so an API that ignores externIds cannot hit the whole campaign', async () => {
		sim.control.setVariants({ leadExternIds: 'ignore' });
		const [lead] = targets();
		const result = await act('DELETE_LEADS', {}, { externIds: lead.externId });
		expect(result.error).toBeUndefined();
		const sameExternId = leadsOf().filter((l: any) => l.externId === lead.externId);
		expect(sameExternId).toHaveLength(0);
		expect(leadsOf()).toHaveLength(240 - 1);
		expect(actions()[0].criteria).toMatchObject({ externIds: [lead.externId], leadIds: [lead.leadId] });
		expect(jsonOf(result.output('Engage Voice'))[0]).toMatchObject({ leadDeleteCount: 1, matchedLeads: 1 });
	});

	it('by phone with no matching lead sends nothing and says so', async () => {
		const out = jsonOf((await act('PAUSE_LEADS', {}, { leadPhoneNumbers: '2125559999' })).output('Engage Voice'));
		expect(out[0]).toMatchObject({ sent: false, matchedLeads: 0 });
		expect(actions()).toHaveLength(0);
		expect(leadRequests(sim, '/campaignLeads/actions')).toHaveLength(0);
	});

	it('success: false is an error with the API\'s message', async () => {
		const result = await act('CALLBACK_LEADS', { agent: byId(1) });
		expect(result.error?.message).toBe(`Engage Voice refused the lead action CALLBACK_LEADS: RESERVATION_AGENT_ID 1 is not an active agent of account ${sim.world.mainSubAccountId}`);
		const continued = await runLead(
			sim,
			creds,
			'action',
			{ campaign: byId(renewal().campaignId), leadAction: 'CALLBACK_LEADS', agent: byId(1), filters: { leadIds: '1' } },
			{ onError: 'continueRegularOutput' },
		);
		expect(jsonOf(continued.output('Engage Voice'))[0].error).toMatch(/refused the lead action CALLBACK_LEADS/);
	});
});
