// Lead management (API doc §10, §7.1 lead limits, §8 decisions 9–13): dial groups, campaigns,
// leadLoader/direct, leadSearch, PATCH vs PUT, lead actions, lead states, limits and errors, over HTTP.
// Expected values come from the API doc (its examples and rules), not from the simulator's tables.
import type { Simulator } from '../../simulator';
import { start, login, paths, req, send, control, MIN, T0 } from './helpers';

/** The docs' load example (§10.10 step 1), content unchanged. */
const DOCS_LOAD = {
	description: 'Renewal leads',
	dialPriority: 'NORMAL',
	duplicateHandling: 'REMOVE_FROM_LIST',
	listState: 'ACTIVE',
	timeZoneOption: 'NOT_APPLICABLE',
	uploadLeads: [
		{
			externId: 'lead-1001', leadPhone: '4155550100', leadPhoneE164: '+14155550100', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com',
			state: 'CA', zip: '94105', leadPriority: 5, maxPasses: 3, callerId: '4155550199', auxData1: 'renewal',
		},
	],
};
/** The docs' answer to it, verbatim. */
const DOCS_LOAD_ANSWER = {
	leadsSupplied: 1, leadsAccepted: 1, leadsInserted: 1, leadsConverted: 1, dncReturnedCount: 0, failedAgentAssignment: 0, listState: 'ACTIVE',
	timeZoneOption: 'NOT_APPLICABLE', processingResult: 'OK', rejectedRows: [],
};
const LEAD_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
/** [spec] lead states (§10.8), hyphenated. */
const SPEC_STATES = [
	'ACTIVE', 'AGENT-CALLBACK', 'CALLBACK-CANCELLED', 'CALLBACK', 'CANCELLED', 'COMPLETE', 'DISCONNECTED', 'DO-NOT-CALL', 'INTERCEPT', 'MAX-DIAL-LIMIT',
	'PAUSED', 'PENDING-CALLBACK', 'PENDING-ERR', 'PENDING-HCI', 'PENDING', 'READY', 'TRANSITIONED', 'WHITELIST',
];
const BIG = [{ count: 100000, windowMs: 1000 }];
const NO_LIMITS = { leadLoad: BIG, leadSearch: BIG, leadSearchCount: BIG, leadUpdate: BIG, leadAction: BIG, admin: BIG };

describe('simulator: lead management', () => {
	let sim: Simulator;
	let token: string;
	let adm: string;
	let sub: string;
	/** Renewal Outreach (SIMPLE, 240 seeded leads) and Win-back of the main sub-account. */
	let renewal: number;
	let winback: number;
	let agentId: number;
	let agentName: string;

	beforeAll(async () => {
		// a frozen clock (moved only by setClock/advanceClock): rate windows do not depend on the machine's speed
		sim = await start({ limits: NO_LIMITS, clockSpeed: 1e-9 });
		sub = sim.world.mainSubAccountId;
		adm = paths(sim).adm;
		renewal = sim.world.campaigns.find((c) => c.campaignName === 'Renewal Outreach')!.campaignId;
		winback = sim.world.campaigns.find((c) => c.campaignName === 'Win-back')!.campaignId;
		const agent = sim.world.agents.find((a) => a.subAccountId === sub && a.isActive && a.agentType === 'AGENT')!;
		agentId = agent.agentId;
		agentName = `${agent.firstName} ${agent.lastName}`;
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => {
		sim.control.reset();
		sim.control.setLimits(NO_LIMITS);
		// the permanent API token: several tests move the clock by minutes
		token = sim.secrets.apiToken;
	});

	const load = (campaignId: number, body: unknown) => send('POST', `${adm}/campaigns/${campaignId}/leadLoader/direct`, token, body);
	const search = (body: unknown, query = 'page=0&maxRows=1000') => send('POST', `${adm}/campaignLeads/leadSearch?${query}`, token, body);
	const act = (action: string, criteria: unknown, paramMap?: Record<string, unknown>) =>
		send('PUT', `${adm}/campaignLeads/actions?leadAction=${action}`, token, { campaignLeadSearchCriteria: criteria, leadActionParams: { paramMap: paramMap ?? {} } });
	const lead = (externId: string, leadPhone: string, extra: Record<string, unknown> = {}) => ({ externId, leadPhone, firstName: 'Test', lastName: externId, ...extra });
	/** Loads leads with RETAIN_ALL and returns their search rows (by externId). */
	async function loadAndFind(campaignId: number, leads: Array<Record<string, unknown>>) {
		const r = await load(campaignId, { description: 'test', dialPriority: 'NORMAL', duplicateHandling: 'RETAIN_ALL', listState: 'ACTIVE', timeZoneOption: 'NPA_NXX', uploadLeads: leads });
		expect(r.status).toBe(200);
		const s = await search({ campaignId, campaignIds: [campaignId], externIds: leads.map((l) => l.externId) });
		return s.json as any[];
	}

	describe('dial groups and campaigns', () => {
		it('withChildren lists dial groups with their campaigns in the docs example shape', async () => {
			const r = await send('GET', `${adm}/dialGroups/withChildren`, token);
			expect(r.status).toBe(200);
			expect(r.json.length).toBeGreaterThanOrEqual(2);
			const renewals = r.json.find((g: any) => g.campaigns.some((c: any) => c.campaignId === renewal));
			// docs example: {"dialGroupId","dialGroupName","dialGroupDesc","dialMode","isActive","campaigns":[{"campaignId","campaignName","isActive":1}],"permissions":[]}
			expect(renewals).toEqual(
				expect.objectContaining({ dialGroupId: expect.any(Number), dialGroupName: expect.any(String), dialGroupDesc: expect.any(String), isActive: true, permissions: [] }),
			);
			expect(['PREVIEW', 'CLICK_TO_TALK', 'PREDICTIVE', 'POWER', 'TCPA_SAFE_MODE']).toContain(renewals.dialMode);
			for (const c of renewals.campaigns) expect(Object.keys(c).sort()).toEqual(['campaignId', 'campaignName', 'isActive']);
			expect(renewals.campaigns.every((c: any) => c.isActive === 0 || c.isActive === 1)).toBe(true);
			const plain = await send('GET', `${adm}/dialGroups`, token);
			expect(plain.json.map((g: any) => g.dialGroupId)).toEqual(r.json.map((g: any) => g.dialGroupId));
			expect(plain.json[0].campaigns).toBeUndefined();
			const perms = await send('GET', `${adm}/dialGroups/withChildren?includePermissions=true`, token);
			expect(perms.json[0].permissions.length).toBeGreaterThan(0);
		});

		it('campaigns of a dial group and one campaign: isActive int32, dates in the docs form, dialGroup {id, description}', async () => {
			const groups = (await send('GET', `${adm}/dialGroups/withChildren`, token)).json;
			const g = groups.find((x: any) => x.campaigns.some((c: any) => c.campaignId === renewal));
			const list = await send('GET', `${adm}/dialGroups/${g.dialGroupId}/campaigns`, token);
			expect(list.status).toBe(200);
			expect(list.json.map((c: any) => c.campaignId)).toEqual(g.campaigns.map((c: any) => c.campaignId));
			const one = await send('GET', `${adm}/dialGroups/${g.dialGroupId}/campaigns/${renewal}`, token);
			expect(one.json).toEqual(list.json.find((c: any) => c.campaignId === renewal));
			expect(one.json.isActive).toBe(1);
			expect(one.json.startDate).toMatch(LEAD_DATE);
			expect(one.json.dialGroup).toEqual({ id: g.dialGroupId, description: g.dialGroupName });
			expect(['SIMPLE', 'STRATEGIC']).toContain(one.json.callingConfiguration);
			const lists = await send('GET', `${adm}/dialGroups/${g.dialGroupId}/campaigns/${renewal}/lists`, token);
			expect(lists.json.length).toBeGreaterThan(0);
			expect(lists.json[0]).toEqual(expect.objectContaining({ listId: expect.any(Number), listDesc: expect.any(String), campaignId: renewal }));
			// paging on lists: one dial group per page
			const page = await send('GET', `${adm}/dialGroups?page=1&maxRows=1`, token);
			expect(page.json.map((x: any) => x.dialGroupId)).toEqual([groups[1].dialGroupId]);
		});

		it('404 for an unknown dial group or a campaign of another group; 400 for non-numeric ids; the sub-account without WEM has a dialer too', async () => {
			const groups = (await send('GET', `${adm}/dialGroups/withChildren`, token)).json;
			const other = groups.find((x: any) => !x.campaigns.some((c: any) => c.campaignId === renewal));
			expect((await send('GET', `${adm}/dialGroups/999999999/campaigns`, token)).status).toBe(404);
			expect((await send('GET', `${adm}/dialGroups/${other.dialGroupId}/campaigns/${renewal}`, token)).status).toBe(404);
			const bad = await send('GET', `${adm}/dialGroups/abc/campaigns`, token);
			expect(bad.status).toBe(400);
			expect(bad.json.validationErrors[0].attributeName).toBe('dialGroupId');
			expect((await send('GET', `${sim.url}/voice/api/v1/admin/accounts/12345/dialGroups`, token)).status).toBe(404);
			// lead management is not the integration API: no WEM access needed (§3)
			const noWem = paths(sim, sim.world.noWemSubAccountId).adm;
			const rc = await login(sim, sim.secrets.jwtNoWem);
			const r = await send('GET', `${noWem}/dialGroups/withChildren`, rc.accessToken);
			expect(r.status).toBe(200);
			expect(r.json[0].campaigns.length).toBeGreaterThan(0);
		});

		it('authenticates like the other admin endpoints: Engage Bearer token, API token (Bearer or X-Auth-Token), legacy host', async () => {
			const { accessToken } = await login(sim);
			expect((await send('GET', `${adm}/dialGroups`, accessToken)).status).toBe(200);
			expect((await req(`${adm}/dialGroups`, { headers: { 'X-Auth-Token': sim.secrets.apiToken } })).status).toBe(200);
			const legacy = `${sim.url}/api/v1/admin/accounts/${sub}/campaignLeads/leadStates`;
			expect((await req(legacy, { headers: { 'X-Auth-Token': sim.secrets.apiToken } })).json).toEqual(SPEC_STATES);
			const none = await req(`${adm}/dialGroups`);
			expect([none.status, none.text]).toEqual([401, 'Invalid token']);
		});
	});

	describe('leadLoader/direct', () => {
		it('answers the docs example request with the docs example answer; the lead is then found (no leadId in the answer)', async () => {
			const r = await load(renewal, DOCS_LOAD);
			expect(r.status).toBe(200);
			expect(r.json).toEqual(DOCS_LOAD_ANSWER);
			const s = await search({ campaignId: renewal, campaignIds: [renewal], externIds: ['lead-1001'] });
			expect(s.status).toBe(200);
			expect(s.json).toHaveLength(1);
			// the illustrative row of §10.10 step 2 (leadId and listId are the server's)
			expect(s.json[0]).toEqual(
				expect.objectContaining({
					leadId: expect.any(Number), externId: 'lead-1001', campaignId: renewal, listId: expect.any(Number), leadPhone: '4155550100', firstName: 'Ada',
					lastName: 'Lovelace', leadState: 'READY', leadPasses: 0, maxPasses: 3, suppressed: false, listDesc: 'Renewal leads', auxData1: 'renewal',
				}),
			);
			expect(s.json[0].loadedDts).toMatch(LEAD_DATE);
			// ground truth: what was loaded, as sent
			const loads = sim.truth.leadLoads();
			expect(loads).toHaveLength(1);
			expect(loads[0].request).toEqual(DOCS_LOAD);
			expect(loads[0].insertedLeadIds).toEqual([s.json[0].leadId]);
		});

		it('rejects rows without a usable phone in rejectedRows (message + rowData), keeps the others', async () => {
			const r = await load(renewal, {
				...DOCS_LOAD,
				duplicateHandling: 'RETAIN_ALL',
				uploadLeads: [lead('r-1', '2125550101'), { externId: 'r-2', firstName: 'No', lastName: 'Phone' }, lead('r-3', '12345'), lead('r-4', '(212) 555-0104'), { externId: 'r-5', leadPhoneE164: '+13125550105' }],
			});
			expect(r.json).toEqual(
				expect.objectContaining({ leadsSupplied: 5, leadsAccepted: 3, leadsInserted: 3, processingResult: 'OK' }),
			);
			expect(r.json.processingStatus).toBeUndefined();
			expect(r.json.rejectedRows).toEqual([
				{ message: 'Missing required field: leadPhone', rowData: ['r-2', 'No', 'Phone'] },
				{ message: 'Invalid phone number: 12345', rowData: ['r-3', '12345', 'Test', 'r-3'] },
			]);
			const found = await search({ campaignIds: [renewal], externIds: ['r-1', 'r-4', 'r-5'] });
			expect(found.json.map((x: any) => [x.externId, x.leadPhone])).toEqual([
				['r-1', '2125550101'],
				['r-4', '2125550104'],
				['r-5', '3125550105'],
			]);
		});

		it('failures come in a 2xx body: all rows rejected, no leads, missing required params (docs variant), processingStatus variants', async () => {
			const none = await load(renewal, { ...DOCS_LOAD, uploadLeads: [{ externId: 'x' }] });
			expect(none.status).toBe(200);
			expect(none.json).toEqual(expect.objectContaining({ leadsSupplied: 1, leadsAccepted: 0, leadsInserted: 0, processingStatus: 'NO_LEADS_PASSED_VALIDATION' }));
			const empty = await load(renewal, { ...DOCS_LOAD, uploadLeads: [] });
			expect(empty.status).toBe(200);
			expect(empty.json).toEqual(expect.objectContaining({ leadsSupplied: 0, message: 'missing.required.param' }));
			sim.control.setVariants({ leadLoadRequired: 'docs' });
			const { duplicateHandling, ...noHandling } = DOCS_LOAD;
			expect(duplicateHandling).toBe('REMOVE_FROM_LIST');
			const missing = await load(renewal, noHandling);
			expect(missing.status).toBe(200);
			expect(missing.json).toEqual(expect.objectContaining({ leadsSupplied: 0, message: 'missing.required.param' }));
			expect((await search({ campaignIds: [renewal], externIds: ['lead-1001'] })).json).toEqual([]);
			sim.control.setVariants({ leadLoadRequired: 'none', leadLoadOutcome: 'GENERAL_FAILURE' });
			const general = await load(renewal, DOCS_LOAD);
			expect(general.status).toBe(200);
			expect(general.json).toEqual(expect.objectContaining({ leadsSupplied: 1, leadsInserted: 0, processingStatus: 'GENERAL_FAILURE' }));
			expect((await search({ campaignIds: [renewal], externIds: ['lead-1001'] })).json).toEqual([]);
			sim.control.setVariants({ leadLoadOutcome: 'DEFAULT_NOT_A_FAILURE' });
			const fine = await load(renewal, DOCS_LOAD);
			expect(fine.json).toEqual({ ...DOCS_LOAD_ANSWER, processingStatus: 'DEFAULT_NOT_A_FAILURE' });
			expect((await search({ campaignIds: [renewal], externIds: ['lead-1001'] })).json).toHaveLength(1);
		});

		it('the body-less 201 variant still loads', async () => {
			sim.control.setVariants({ leadLoadResponse: 'created' });
			const r = await load(renewal, DOCS_LOAD);
			expect([r.status, r.text]).toEqual([201, '']);
			expect((await search({ campaignIds: [renewal], externIds: ['lead-1001'] })).json).toHaveLength(1);
			expect(sim.truth.leadLoads()[0].result).toEqual(DOCS_LOAD_ANSWER);
		});

		it('duplicateHandling on leadPhone, current-docs reading: RETAIN_ALL keeps all, REMOVE_ALL_EXISTING drops new leads already in the campaign, REMOVE_FROM_LIST drops repeats inside the batch', async () => {
			// the campaign already has 3125550999; the batch brings it again plus 7135550001 twice
			const body = (handling: string, tag: string) => ({
				...DOCS_LOAD,
				duplicateHandling: handling,
				uploadLeads: [lead(`${tag}-a`, '3125550999'), lead(`${tag}-b`, '7135550001'), lead(`${tag}-c`, '7135550001')],
			});
			const phones = async (tag: string) => (await search({ campaignIds: [winback], externIds: [`${tag}-a`, `${tag}-b`, `${tag}-c`] })).json.map((x: any) => x.externId);
			expect((await load(winback, { ...DOCS_LOAD, duplicateHandling: 'RETAIN_ALL', uploadLeads: [lead('seed', '3125550999')] })).json.leadsInserted).toBe(1);

			const keep = await load(winback, body('RETAIN_ALL', 'k'));
			expect([keep.json.leadsAccepted, keep.json.leadsInserted]).toEqual([3, 3]);
			expect(await phones('k')).toEqual(['k-a', 'k-b', 'k-c']);
			sim.control.reset();
			sim.control.setLimits(NO_LIMITS);
			await load(winback, { ...DOCS_LOAD, duplicateHandling: 'RETAIN_ALL', uploadLeads: [lead('seed', '3125550999')] });
			const existing = await load(winback, body('REMOVE_ALL_EXISTING', 'e'));
			expect([existing.json.leadsAccepted, existing.json.leadsInserted, existing.json.rejectedRows]).toEqual([3, 2, []]);
			expect(await phones('e')).toEqual(['e-b', 'e-c']);
			const batch = await load(winback, body('REMOVE_FROM_LIST', 'l'));
			expect([batch.json.leadsAccepted, batch.json.leadsInserted, batch.json.rejectedRows]).toEqual([3, 2, []]);
			expect(await phones('l')).toEqual(['l-a', 'l-b']);
			const loads = sim.truth.leadLoads();
			expect(loads[loads.length - 1].duplicateRows.map((x) => x.externId)).toEqual(['l-c']);
		});

		it('reserveAgent: a valid agent reserves the lead; invalid ones count in failedAgentAssignment, the lead is still accepted', async () => {
			const r = await load(renewal, {
				...DOCS_LOAD,
				duplicateHandling: 'RETAIN_ALL',
				uploadLeads: [
					lead('a-1', '2125550201', { reserveAgent: String(agentId) }),
					lead('a-2', '2125550202', { reserveAgent: '999' }),
					lead('a-3', '2125550203', { reserveAgent: 'nobody' }),
					lead('a-4', '2125550204', { reserveAgent: '' }),
				],
			});
			expect(r.json).toEqual(expect.objectContaining({ leadsAccepted: 4, leadsInserted: 4, failedAgentAssignment: 2 }));
			const rows = (await search({ campaignIds: [renewal], externIds: ['a-1', 'a-2', 'a-3', 'a-4'] })).json;
			expect(rows.map((x: any) => x.pendingAgentName)).toEqual([agentName, null, null, null]);
			const reserved = await search({ campaignIds: [renewal], pendingAgentId: agentId, externIds: ['a-1', 'a-2'] });
			expect(reserved.json.map((x: any) => x.externId)).toEqual(['a-1']);
		});

		it('a number on the account DNC list counts in dncReturnedCount; time zone from NPA_NXX, ZIPCODE, EXPLICIT', async () => {
			const dncPhone = sim.truth.dnc(sub).find((p) => p.startsWith('202'))!;
			const r = await load(renewal, { ...DOCS_LOAD, duplicateHandling: 'RETAIN_ALL', timeZoneOption: 'NPA_NXX', uploadLeads: [lead('d-1', dncPhone), lead('d-2', '4155550300')] });
			expect(r.json).toEqual(expect.objectContaining({ leadsInserted: 2, dncReturnedCount: 1, timeZoneOption: 'NPA_NXX' }));
			const rows = (await search({ campaignIds: [renewal], externIds: ['d-1', 'd-2'] })).json;
			expect(rows.map((x: any) => [x.leadState, x.leadTimezone])).toEqual([
				['DO-NOT-CALL', 'EST'],
				['READY', 'PST'],
			]);
			await load(renewal, { ...DOCS_LOAD, duplicateHandling: 'RETAIN_ALL', timeZoneOption: 'ZIPCODE', uploadLeads: [lead('z-1', '4155550301', { zip: '60601' })] });
			await load(renewal, { ...DOCS_LOAD, duplicateHandling: 'RETAIN_ALL', timeZoneOption: 'EXPLICIT', uploadLeads: [lead('x-1', '4155550302', { leadTimezone: 'MST' })] });
			const zones = (await search({ campaignIds: [renewal], externIds: ['z-1', 'x-1'] })).json.map((x: any) => x.leadTimezone);
			expect(zones).toEqual(['CST', 'MST']);
		});

		it('checks the path, enum values and the body shape', async () => {
			expect((await load(999999, DOCS_LOAD)).status).toBe(404);
			// a campaign of another sub-account is not found under this one
			const partner = sim.world.campaigns.find((c) => c.subAccountId === sim.world.partnerSubAccountId)!;
			expect((await load(partner.campaignId, DOCS_LOAD)).status).toBe(404);
			const bad = await load(renewal, { ...DOCS_LOAD, duplicateHandling: 'KEEP_ALL' });
			expect(bad.status).toBe(400);
			expect(bad.json.validationErrors[0]).toEqual(expect.objectContaining({ attributeName: 'duplicateHandling', value: 'KEEP_ALL' }));
			const notJson = await req(`${adm}/campaigns/${renewal}/leadLoader/direct`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '[1,2' });
			expect(notJson.status).toBe(400);
			// §7.2: generalMessage, requestUri without a leading slash on admin paths
			expect(bad.json.generalMessage).toBe('The supplied data is not valid');
			expect(bad.json.requestUri).toBe(`voice/api/v1/admin/accounts/${sub}/campaigns/${renewal}/leadLoader/direct - POST`);
			expect(typeof bad.json.timestamp).toBe('number');
			const nf = await load(999999, DOCS_LOAD);
			expect(nf.json.generalMessage).toBe('The resource you have requested does not exist');
		});
	});

	describe('leadSearch', () => {
		it('every filter of the doc returns only matching rows, and a filter and its complement partition the campaign', async () => {
			const all = (await search({ campaignIds: [renewal] })).json as any[];
			expect(all.length).toBeGreaterThan(200);
			expect(all.every((x) => x.campaignId === renewal)).toBe(true);
			const ids = (rows: any[]) => rows.map((x) => x.leadId);
			const ready = (await search({ campaignIds: [renewal], leadStates: ['READY'] })).json;
			const notReady = (await search({ campaignIds: [renewal], leadStates: SPEC_STATES.filter((s) => s !== 'READY') })).json;
			expect(ready.every((x: any) => x.leadState === 'READY')).toBe(true);
			expect(ready.length).toBeGreaterThan(50);
			expect([...ids(ready), ...ids(notReady)].sort()).toEqual(ids(all).sort());
			const sup = (await search({ campaignIds: [renewal], suppressed: 'ONLY_SUPPRESSED' })).json;
			const unsup = (await search({ campaignIds: [renewal], suppressed: 'ONLY_UNSUPPRESSED' })).json;
			expect(sup.every((x: any) => x.suppressed)).toBe(true);
			expect(sup.length + unsup.length).toBe(all.length);
			const answered = (await search({ campaignIds: [renewal], systemDispositions: ['ANSWER'] })).json;
			expect(answered.length).toBeGreaterThan(0);
			expect(answered.every((x: any) => x.lastPassDisposition === 'ANSWER')).toBe(true);
			const ca = (await search({ campaignIds: [renewal], physicalStates: ['CA'] })).json;
			expect(ca.every((x: any) => x.state === 'CA')).toBe(true);
			const pst = (await search({ campaignIds: [renewal], leadTimezones: [{ name: 'PST' }] })).json;
			expect(pst.length).toBeGreaterThan(0);
			expect(pst.every((x: any) => x.leadTimezone === 'PST')).toBe(true);
			expect(ca.length).toBeGreaterThan(0);
			const passes = (await search({ campaignIds: [renewal], leadPassesCriteria: { operator: 'GREATER_THAN', value: 1 } })).json;
			expect(passes.every((x: any) => x.leadPasses > 1)).toBe(true);
			// agentId = the agent of the last pass: rows name that agent
			const withAgent = sim.world.agents.filter((a) => a.subAccountId === sub && a.isActive);
			let agentRows: any[] = [];
			let agent = withAgent[0];
			for (agent of withAgent) {
				agentRows = (await search({ campaignIds: [renewal], agentId: agent.agentId })).json;
				if (agentRows.length) break;
			}
			expect(agentRows.length).toBeGreaterThan(0);
			expect(agentRows.every((x: any) => x.lastPassAgentName === `${agent.firstName} ${agent.lastName}`)).toBe(true);
			const first = all[0];
			const byPhone = (await search({ campaignIds: [renewal], leadPhoneNum: first.leadPhone })).json;
			expect(byPhone.every((x: any) => x.leadPhone === first.leadPhone)).toBe(true);
			expect(ids(byPhone)).toContain(first.leadId);
			const byPhones = (await search({ campaignIds: [renewal], leadPhoneNumbers: [first.leadPhone, all[1].leadPhone] })).json;
			expect(ids(byPhones)).toEqual(expect.arrayContaining([first.leadId, all[1].leadId]));
			const byIds = (await search({ campaignIds: [renewal], leadIds: [all[5].leadId, all[2].leadId] })).json;
			expect(ids(byIds)).toEqual([all[2].leadId, all[5].leadId]);
			const byName = (await search({ campaignIds: [renewal], lastName: first.lastName })).json;
			expect(byName.every((x: any) => x.lastName === first.lastName)).toBe(true);
			// `emailAddress`, not `email`, is the criterion (§10.5): `email` is ignored
			const byEmail = (await search({ campaignIds: [renewal], emailAddress: first.email })).json;
			expect(ids(byEmail)).toEqual([first.leadId]);
			expect((await search({ campaignIds: [renewal], email: first.email })).json).toHaveLength(all.length);
		});

		it('campaignId alone works like campaignIds; no campaign means every campaign of the sub-account; other sub-accounts never show', async () => {
			const a = (await search({ campaignId: winback })).json;
			const b = (await search({ campaignIds: [winback] })).json;
			expect(a).toEqual(b);
			const everything = (await search({})).json;
			const campaigns = new Set(everything.map((x: any) => x.campaignId));
			expect(campaigns.has(renewal) && campaigns.has(winback)).toBe(true);
			const partner = sim.world.campaigns.find((c) => c.subAccountId === sim.world.partnerSubAccountId)!;
			expect(campaigns.has(partner.campaignId)).toBe(false);
			expect((await search({ campaignIds: [partner.campaignId] })).json).toEqual([]);
		});

		it('dates: loadedDts range and nextDialTime criteria in the docs form', async () => {
			sim.control.setClock('2026-03-02T18:00:00.000Z');
			await loadAndFind(winback, [lead('t-1', '2125550401'), lead('t-2', '2125550402')]);
			const loaded = (await search({ campaignIds: [winback], loadedDtsStart: '2026-03-02T17:59:00.000+0000' })).json;
			expect(loaded.map((x: any) => x.externId)).toEqual(['t-1', 't-2']);
			const before = (await search({ campaignIds: [winback], loadedDtsEnd: '2026-03-02T17:59:00.000+0000' })).json;
			expect(before.length + loaded.length).toBe((await search({ campaignIds: [winback] })).json.length);
			const due = (await search({ campaignIds: [winback], nextDialTimeCriteria: { operator: 'GREATER_THAN', value: '2026-03-02T17:59:00.000+0000' } })).json;
			expect(due.map((x: any) => x.externId)).toEqual(['t-1', 't-2']);
			const bad = await search({ campaignIds: [winback], loadedDtsStart: 'yesterday' });
			expect(bad.status).toBe(400);
			expect(bad.json.validationErrors[0].attributeName).toBe('loadedDtsStart');
		});

		it('pages with page/maxRows without overlap; count=true counts', async () => {
			const all = (await search({ campaignIds: [renewal] })).json;
			const pages: any[] = [];
			for (let page = 0; page < 10; page++) {
				const r = await search({ campaignIds: [renewal] }, `page=${page}&maxRows=100`);
				pages.push(...r.json);
				if (r.json.length < 100) break;
			}
			expect(pages.map((x) => x.leadId)).toEqual(all.map((x: any) => x.leadId));
			expect(new Set(pages.map((x) => x.leadId)).size).toBe(pages.length);
			const count = await search({ campaignIds: [renewal] }, 'count=true');
			expect(count.json).toEqual({ count: all.length });
			expect((await search({}, 'maxRows=0')).status).toBe(400);
			expect((await search({}, 'page=-1')).status).toBe(400);
		});

		it('variant: one-based pages (page 0 and page 1 are the same page)', async () => {
			sim.control.setVariants({ leadPageBase: 1 });
			const p0 = (await search({ campaignIds: [renewal] }, 'page=0&maxRows=50')).json;
			const p1 = (await search({ campaignIds: [renewal] }, 'page=1&maxRows=50')).json;
			const p2 = (await search({ campaignIds: [renewal] }, 'page=2&maxRows=50')).json;
			expect(p1).toEqual(p0);
			expect(p2[0].leadId).toBeGreaterThan(p1[49].leadId);
		});

		it('variant: the answer wraps the rows in an object (records, or a Spring page)', async () => {
			const rows = (await search({ campaignIds: [winback] }, 'page=0&maxRows=10')).json;
			sim.control.setVariants({ leadSearchShape: 'records' });
			const rec = (await search({ campaignIds: [winback] }, 'page=0&maxRows=10')).json;
			expect(Array.isArray(rec)).toBe(false);
			expect(rec.records).toEqual(rows);
			expect(rec.totalRecords).toBe(60);
			sim.control.setVariants({ leadSearchShape: 'page' });
			const page = (await search({ campaignIds: [winback] }, 'page=5&maxRows=10')).json;
			expect(page).toEqual(expect.objectContaining({ totalElements: 60, totalPages: 6, number: 5, size: 10, last: true, first: false }));
			expect(page.content).toHaveLength(10);
		});

		it('variant: a just-loaded lead is not searchable (nor actionable) for limits.leadSearchDelayMs of sim time', async () => {
			sim.control.setLimits({ leadSearchDelayMs: 2000 });
			await load(renewal, DOCS_LOAD);
			const crit = { campaignId: renewal, campaignIds: [renewal], externIds: ['lead-1001'] };
			expect((await search(crit)).json).toEqual([]);
			expect((await act('PAUSE_LEADS', crit)).json.leadUpdateCount).toBe(0);
			sim.control.advanceClock(2000);
			expect((await search(crit)).json).toHaveLength(1);
		});

		it('variant: the externIds criterion is ignored (search and actions)', async () => {
			await loadAndFind(winback, [lead('ig-1', '2125550501')]);
			sim.control.setVariants({ leadExternIds: 'ignore' });
			const rows = (await search({ campaignIds: [winback], externIds: ['ig-1'] })).json;
			expect(rows.length).toBe(61);
			expect(rows.filter((x: any) => x.externId === 'ig-1')).toHaveLength(1);
			expect((await act('SUPPRESS_LEADS', { campaignIds: [winback], externIds: ['ig-1'] })).json.leadUpdateCount).toBe(61);
		});

		it('lead states in the spec spelling; the underscore variant answers and expects AGENT_CALLBACK', async () => {
			expect((await send('GET', `${adm}/campaignLeads/leadStates`, token)).json).toEqual(SPEC_STATES);
			const dispos = (await send('GET', `${adm}/campaignLeads/systemDispositions`, token)).json;
			expect(dispos).toEqual(expect.arrayContaining(['ANSWER', 'NOANSWER', 'BUSY', 'MACHINE', 'INTERCEPT', 'DISCONNECT', 'ABANDON', 'CONGESTION', 'MANUAL_PASS', 'INBOUND_CALLBACK', 'APP_DNC', 'API_BLOCKED', 'API_ERROR']));
			const hyphen = (await search({ campaignIds: [renewal], leadStates: ['AGENT-CALLBACK'] })).json;
			expect(hyphen.length).toBeGreaterThan(0);
			expect((await search({ campaignIds: [renewal], leadStates: ['AGENT_CALLBACK'] })).status).toBe(400);
			sim.control.setVariants({ leadStateSpelling: 'underscore' });
			expect((await send('GET', `${adm}/campaignLeads/leadStates`, token)).json).toContain('AGENT_CALLBACK');
			const bad = await search({ campaignIds: [renewal], leadStates: ['AGENT-CALLBACK'] });
			expect(bad.status).toBe(400);
			expect(bad.json.validationErrors[0].attributeName).toBe('leadStates');
			const under = (await search({ campaignIds: [renewal], leadStates: ['AGENT_CALLBACK'] })).json;
			expect(under.map((x: any) => x.leadId)).toEqual(hyphen.map((x: any) => x.leadId));
			expect(under.every((x: any) => x.leadState === 'AGENT_CALLBACK')).toBe(true);
		});
	});

	describe('PATCH vs PUT of one lead', () => {
		it('PATCH changes only the fields given; PUT replaces the lead, clearing what it is not given', async () => {
			const [row] = await loadAndFind(renewal, [lead('p-1', '2125550601', { email: 'p1@example.org', city: 'Albany', auxData2: 'x' })]);
			const url = `${adm}/campaignLeads/${row.leadId}?campaignId=${renewal}`;
			const patched = await send('PATCH', url, token, { firstName: 'Augusta', auxData2: null });
			expect(patched.status).toBe(200);
			expect(patched.json).toEqual(
				expect.objectContaining({ leadId: row.leadId, firstName: 'Augusta', lastName: 'p-1', externId: 'p-1', leadPhone: '2125550601', email: 'p1@example.org', city: 'Albany', auxData2: null }),
			);
			const put = await send('PUT', url, token, { leadPhone: '2125550602', firstName: 'Replaced' });
			expect(put.status).toBe(200);
			expect(put.json).toEqual(expect.objectContaining({ leadId: row.leadId, leadPhone: '2125550602', firstName: 'Replaced', externId: null, lastName: null, email: null, city: null }));
			const [after] = (await search({ campaignIds: [renewal], leadIds: [row.leadId] })).json;
			expect([after.externId, after.leadPhone, after.firstName, after.email]).toEqual([null, '2125550602', 'Replaced', null]);
			const puts = sim.truth.leadUpdates();
			expect(puts.map((u) => u.method)).toEqual(['PATCH', 'PUT']);
			expect(puts[1].before.externId).toBe('p-1');
			expect(puts[1].after.externId).toBeNull();
		});

		it('campaignId is a required query parameter; wrong campaign, unknown lead → 404; bad ids and values → 400', async () => {
			const [row] = await loadAndFind(renewal, [lead('p-2', '2125550603')]);
			const missing = await send('PATCH', `${adm}/campaignLeads/${row.leadId}`, token, { firstName: 'x' });
			expect(missing.status).toBe(400);
			expect(missing.json.validationErrors[0].attributeName).toBe('campaignId');
			expect((await send('PATCH', `${adm}/campaignLeads/${row.leadId}?campaignId=${winback}`, token, { firstName: 'x' })).status).toBe(404);
			expect((await send('PUT', `${adm}/campaignLeads/1?campaignId=${renewal}`, token, { firstName: 'x' })).status).toBe(404);
			const nonNumeric = await send('PATCH', `${adm}/campaignLeads/abc?campaignId=${renewal}`, token, { firstName: 'x' });
			expect([nonNumeric.status, nonNumeric.json.validationErrors[0].attributeName]).toEqual([400, 'leadId']);
			const phone = await send('PATCH', `${adm}/campaignLeads/${row.leadId}?campaignId=${renewal}`, token, { leadPhone: 'call me' });
			expect(phone.status).toBe(400);
			const tz = await send('PATCH', `${adm}/campaignLeads/${row.leadId}?campaignId=${renewal}&timezoneOption=ZIPCODE`, token, { zip: '94105' });
			expect(tz.json.leadTimezone).toBe('PST');
		});

		it('variant: PATCH 204 and PUT 201 without a body', async () => {
			const [row] = await loadAndFind(renewal, [lead('p-3', '2125550604')]);
			sim.control.setVariants({ leadUpdateResponse: 'empty' });
			const url = `${adm}/campaignLeads/${row.leadId}?campaignId=${renewal}`;
			const patch = await send('PATCH', url, token, { firstName: 'A' });
			expect([patch.status, patch.text]).toEqual([204, '']);
			const put = await send('PUT', url, token, { leadPhone: '2125550604', firstName: 'B' });
			expect([put.status, put.text]).toEqual([201, '']);
			expect(sim.truth.leads({ campaignId: renewal }).find((l) => l.leadId === row.leadId)!.firstName).toBe('B');
		});
	});

	describe('lead actions', () => {
		let serial = 0;
		async function fresh(n = 3, campaignId = renewal) {
			const tag = `act-${++serial}`;
			const leads = Array.from({ length: n }, (_, i) => lead(`${tag}-${i}`, `2125557${String(serial * 10 + i).padStart(3, '0')}`));
			const rows = await loadAndFind(campaignId, leads);
			expect(rows).toHaveLength(n);
			return { ids: rows.map((x) => x.leadId), crit: { campaignIds: [campaignId], leadIds: rows.map((x) => x.leadId) } };
		}
		const rowsOf = async (crit: unknown) => (await search(crit)).json as any[];

		it('status actions: PAUSE, CANCEL, READY, RESET (passes 0, READY), SUPPRESS/UNSUPPRESS, DIALER_REFRESH, DELETE', async () => {
			const { ids, crit } = await fresh(3);
			const ok = (r: any, action: string, updates: number) =>
				expect(r.json).toEqual({ success: true, errorMessage: null, leadActionType: action, leadUpdateCount: updates, leadDeleteCount: 0, redialDeleteCount: 0, dialerRefreshed: false });
			ok(await act('PAUSE_LEADS', crit), 'PAUSE_LEADS', 3);
			expect((await rowsOf(crit)).map((x) => x.leadState)).toEqual(['PAUSED', 'PAUSED', 'PAUSED']);
			ok(await act('CANCEL_LEADS', { campaignIds: [renewal], leadIds: [ids[0]] }), 'CANCEL_LEADS', 1);
			ok(await act('READY_LEADS', { campaignIds: [renewal], leadIds: [ids[1]] }), 'READY_LEADS', 1);
			expect((await rowsOf(crit)).map((x) => x.leadState)).toEqual(['CANCELLED', 'READY', 'PAUSED']);
			await act('MANUAL_LEADS', crit, { PASS_DISPOSITION: 'Left Message', REQUEUE: false });
			expect((await rowsOf(crit)).map((x) => [x.leadState, x.leadPasses])).toEqual([['COMPLETE', 1], ['COMPLETE', 1], ['COMPLETE', 1]]);
			ok(await act('RESET_LEADS', crit), 'RESET_LEADS', 3);
			expect((await rowsOf(crit)).map((x) => [x.leadState, x.leadPasses])).toEqual([['READY', 0], ['READY', 0], ['READY', 0]]);
			ok(await act('SUPPRESS_LEADS', crit), 'SUPPRESS_LEADS', 3);
			expect((await rowsOf({ ...crit, suppressed: 'ONLY_SUPPRESSED' })).length).toBe(3);
			ok(await act('UNSUPPRESS_LEADS', { campaignIds: [renewal], leadIds: [ids[2]] }), 'UNSUPPRESS_LEADS', 1);
			expect((await rowsOf(crit)).map((x) => x.suppressed)).toEqual([true, true, false]);
			const refresh = await act('DIALER_REFRESH', crit, { force_dialer_cache_refresh: true });
			expect(refresh.json).toEqual(expect.objectContaining({ success: true, dialerRefreshed: true, leadUpdateCount: 0 }));
			await act('CALLBACK_LEADS', { campaignIds: [renewal], leadIds: [ids[0]] }, { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agentId });
			const del = await act('DELETE_LEADS', crit);
			expect(del.json).toEqual(expect.objectContaining({ success: true, leadDeleteCount: 3, redialDeleteCount: 1, leadUpdateCount: 0 }));
			expect(await rowsOf(crit)).toEqual([]);
			expect(sim.truth.leadActions().map((a) => a.leadAction)).toEqual([
				'PAUSE_LEADS', 'CANCEL_LEADS', 'READY_LEADS', 'MANUAL_LEADS', 'RESET_LEADS', 'SUPPRESS_LEADS', 'UNSUPPRESS_LEADS', 'DIALER_REFRESH', 'CALLBACK_LEADS', 'DELETE_LEADS',
			]);
			expect(sim.truth.leadActions()[9].matchedLeadIds).toEqual(ids);
		});

		it('CALLBACK_LEADS: AGENT with RESERVATION_AGENT_ID and CALLBACK_DATE (docs form), CANCEL, RESET', async () => {
			const { ids, crit } = await fresh(2);
			// the docs example, with our lead ids and agent
			const r = await act('CALLBACK_LEADS', crit, { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agentId, CALLBACK_DATE: '2026-07-24T16:00:00.000+0000' });
			expect(r.json).toEqual({ success: true, errorMessage: null, leadActionType: 'CALLBACK_LEADS', leadUpdateCount: 2, leadDeleteCount: 0, redialDeleteCount: 0, dialerRefreshed: false });
			let rows = await rowsOf(crit);
			expect(rows.map((x) => [x.leadState, x.pendingAgentName, x.nextDialTime])).toEqual([
				['AGENT-CALLBACK', agentName, '2026-07-24T16:00:00.000+0000'],
				['AGENT-CALLBACK', agentName, '2026-07-24T16:00:00.000+0000'],
			]);
			// another offset is converted to UTC; the agent id may come as a string
			await act('CALLBACK_LEADS', { campaignIds: [renewal], leadIds: [ids[1]] }, { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: String(agentId), CALLBACK_DATE: '2026-07-24T12:00:00.000-0400' });
			expect((await rowsOf(crit))[1].nextDialTime).toBe('2026-07-24T16:00:00.000+0000');
			const cancel = await act('CALLBACK_LEADS', { campaignIds: [renewal], leadIds: [ids[0]] }, { ACTION_TYPE: 'CANCEL' });
			expect(cancel.json.leadUpdateCount).toBe(1);
			rows = await rowsOf(crit);
			expect(rows.map((x) => [x.leadState, x.pendingAgentName])).toEqual([['CALLBACK-CANCELLED', null], ['AGENT-CALLBACK', agentName]]);
			await act('CALLBACK_LEADS', crit, { ACTION_TYPE: 'RESET' });
			expect((await rowsOf(crit)).map((x) => [x.leadState, x.pendingAgentName])).toEqual([['READY', null], ['READY', null]]);
		});

		it('bad paramMaps answer 200 with success false and an errorMessage, and change nothing', async () => {
			const { crit } = await fresh(1);
			const cases: Array<[string, Record<string, unknown>, RegExp]> = [
				['CALLBACK_LEADS', {}, /ACTION_TYPE/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'GENERAL' }, /ACTION_TYPE/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'AGENT' }, /RESERVATION_AGENT_ID/],
				['CALLBACK_LEADS', { action_type: 'AGENT', RESERVATION_AGENT_ID: agentId }, /case-sensitive/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: 424242 }, /not an active agent/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agentId, CALLBACK_DATE: '2026-07-24T16:00:00Z' }, /CALLBACK_DATE/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agentId, CALLBACK_DATE: '2026-07-24 16:00:00' }, /CALLBACK_DATE/],
				['CALLBACK_LEADS', { ACTION_TYPE: 'AGENT', RESERVATION_AGENT_ID: agentId, CALLBACK_DATE: '2020-07-24T16:00:00.000+0000' }, /past/],
				['MOVE_TO_CAMPAIGN', { LIST_ID: 0, LIST_NAME: 'x' }, /CAMPAIGN_ID/],
				['MOVE_TO_CAMPAIGN', { CAMPAIGN_ID: winback }, /LIST_ID/],
				['MOVE_TO_CAMPAIGN', { CAMPAIGN_ID: winback, LIST_ID: 0 }, /LIST_NAME/],
				['MOVE_TO_CAMPAIGN', { CAMPAIGN_ID: winback, LIST_ID: 0, LIST_NAME: 'x', CREATE_COPY_SETTING: 'maybe' }, /CREATE_COPY_SETTING/],
				['MOVE_TO_CAMPAIGN', { CAMPAIGN_ID: winback, LIST_ID: 0, LIST_NAME: 'x', DUPLICATE_ACTION_SETTING: 'MERGE' }, /DUPLICATE_ACTION_SETTING/],
				['MOVE_TO_CAMPAIGN', { CAMPAIGN_ID: 1, LIST_ID: 0, LIST_NAME: 'x' }, /CAMPAIGN_ID/],
				['MANUAL_LEADS', { REQUEUE: true }, /PASS_DISPOSITION/],
				['MANUAL_LEADS', { PASS_DISPOSITION: 'x', REQUEUE: 'yes' }, /REQUEUE/],
				['MANUAL_LEADS', { PASS_DISPOSITION: 'x', PASS_DELAY: -5 }, /PASS_DELAY/],
				['EMAIL_LEADS', { EMAIL_TO: 'not an address' }, /EMAIL_TO/],
				['AGENT_RESERVATION', {}, /RESERVATION_AGENT_ID/],
				['PAUSE_LEADS', { FORCE: true }, /takes no parameters/],
			];
			for (const [action, paramMap, message] of cases) {
				const r = await act(action, crit, paramMap);
				expect([action, r.status, r.json.success]).toEqual([action, 200, false]);
				expect(r.json.errorMessage).toMatch(message);
				expect(r.json.leadUpdateCount).toBe(0);
			}
			expect((await rowsOf(crit))[0].leadState).toBe('READY');
			const noCriteria = await send('PUT', `${adm}/campaignLeads/actions?leadAction=PAUSE_LEADS`, token, { leadActionParams: { paramMap: {} } });
			expect([noCriteria.status, noCriteria.json.success]).toEqual([200, false]);
			const unknown = await act('ARCHIVE_LEADS', crit);
			expect([unknown.status, unknown.json.validationErrors[0].attributeName]).toEqual([400, 'leadAction']);
		});

		it('MANUAL_LEADS: a pass with a disposition; REQUEUE after PASS_DELAY minutes; DO_NOT_CALL', async () => {
			sim.control.setClock('2026-03-02T18:00:00.000Z');
			const { ids } = await fresh(2);
			await act('MANUAL_LEADS', { campaignIds: [renewal], leadIds: [ids[0]] }, { PASS_DISPOSITION: 'Call Back Later', REQUEUE: true, PASS_DELAY: 60, MERGE_ORIGINAL: false });
			await act('MANUAL_LEADS', { campaignIds: [renewal], leadIds: [ids[1]] }, { PASS_DISPOSITION: 'Do Not Call', DO_NOT_CALL: true });
			const rows = await rowsOf({ campaignIds: [renewal], leadIds: ids });
			expect(rows[0]).toEqual(expect.objectContaining({ leadState: 'READY', leadPasses: 1, agentDispostion: 'Call Back Later', lastPassDisposition: 'MANUAL_PASS' }));
			expect(Date.parse(rows[0].nextDialTime.replace('+0000', 'Z')) - Date.parse('2026-03-02T18:00:00.000Z')).toBeGreaterThanOrEqual(60 * MIN);
			expect(Date.parse(rows[0].nextDialTime.replace('+0000', 'Z')) - Date.parse('2026-03-02T18:00:00.000Z')).toBeLessThan(61 * MIN);
			expect(rows[1]).toEqual(expect.objectContaining({ leadState: 'DO-NOT-CALL', agentDispostion: 'Do Not Call' }));
			expect(sim.truth.dnc(sub)).toContain(rows[1].leadPhone);
		});

		it('MOVE_TO_CAMPAIGN: move (same lead id), copy (new id), TRANSITION (original TRANSITIONED), new list by name, IGNORE duplicates', async () => {
			const a = await fresh(1);
			const move = await act('MOVE_TO_CAMPAIGN', a.crit, { CAMPAIGN_ID: winback, LIST_ID: 0, LIST_NAME: 'Moved in', CREATE_COPY_SETTING: 'false', DUPLICATE_ACTION_SETTING: 'MOVE' });
			expect(move.json).toEqual(expect.objectContaining({ success: true, leadUpdateCount: 1 }));
			const moved = (await rowsOf({ campaignIds: [winback], leadIds: a.ids }))[0];
			expect([moved.leadId, moved.campaignId, moved.listDesc]).toEqual([a.ids[0], winback, 'Moved in']);
			expect(await rowsOf(a.crit)).toEqual([]);

			const b = await fresh(1);
			const [bRow] = await rowsOf(b.crit);
			await act('MOVE_TO_CAMPAIGN', b.crit, { CAMPAIGN_ID: winback, LIST_ID: moved.listId, CREATE_COPY_SETTING: 'true' });
			const copies = (await rowsOf({ campaignIds: [winback], externIds: [bRow.externId] })).map((x) => x.leadId);
			expect(copies).toHaveLength(1);
			expect(copies[0]).not.toBe(b.ids[0]);
			expect((await rowsOf(b.crit))[0].leadState).toBe('READY');

			await act('MOVE_TO_CAMPAIGN', b.crit, { CAMPAIGN_ID: winback, LIST_ID: moved.listId, CREATE_COPY_SETTING: 'TRANSITION' });
			expect((await rowsOf(b.crit))[0].leadState).toBe('TRANSITIONED');
			expect((await rowsOf({ campaignIds: [winback], externIds: [bRow.externId] })).length).toBe(2);

			// IGNORE: a lead whose phone the target campaign already has stays where it is
			const c = await loadAndFind(renewal, [lead('dup-src', bRow.leadPhone)]);
			const ignored = await act('MOVE_TO_CAMPAIGN', { campaignIds: [renewal], leadIds: [c[0].leadId] }, { CAMPAIGN_ID: winback, LIST_ID: moved.listId, DUPLICATE_ACTION_SETTING: 'IGNORE' });
			expect(ignored.json).toEqual(expect.objectContaining({ success: true, leadUpdateCount: 0 }));
			expect((await rowsOf({ campaignIds: [renewal], leadIds: [c[0].leadId] })).length).toBe(1);
		});

		it('AGENT_RESERVATION sets and (with 0) clears a reservation; EMAIL_LEADS records the export', async () => {
			const { crit } = await fresh(2);
			await act('AGENT_RESERVATION', crit, { RESERVATION_AGENT_ID: agentId });
			expect((await rowsOf(crit)).map((x) => x.pendingAgentName)).toEqual([agentName, agentName]);
			expect((await rowsOf({ ...crit, pendingAgentId: agentId })).length).toBe(2);
			await act('AGENT_RESERVATION', crit, { RESERVATION_AGENT_ID: 0 });
			expect((await rowsOf(crit)).map((x) => x.pendingAgentName)).toEqual([null, null]);
			const mail = await act('EMAIL_LEADS', crit, { EMAIL_TO: 'ops@example.com, lead@example.com' });
			expect(mail.json.success).toBe(true);
			expect(sim.truth.leadEmails()).toEqual([expect.objectContaining({ to: ['ops@example.com', 'lead@example.com'], leadIds: crit.leadIds })]);
		});
	});

	describe('rate limits (§7.1), per sub-account, both windows', () => {
		it('actions: 30 per 10 s, then 120 per 60 s; another sub-account has its own budget', async () => {
			sim.control.setLimits({ leadAction: [{ count: 30, windowMs: 10000 }, { count: 120, windowMs: 60000 }] });
			sim.control.setClock(T0);
			const crit = { campaignIds: [renewal], leadIds: [1] };
			const statuses = async (n: number) => {
				const out: number[] = [];
				for (let i = 0; i < n; i++) out.push((await act('DIALER_REFRESH', crit)).status);
				return out;
			};
			expect(await statuses(31)).toEqual([...Array(30).fill(200), 429]);
			const limited = await act('DIALER_REFRESH', crit);
			expect([limited.status, limited.text, limited.headers.get('retry-after')]).toEqual([429, 'rate', '1']);
			for (let batch = 0; batch < 3; batch++) {
				sim.control.advanceClock(10001);
				expect(await statuses(30)).toEqual(Array(30).fill(200));
			}
			// 120 in the last 60 s: the short window is free again, the long one is not
			sim.control.advanceClock(10001);
			expect((await act('DIALER_REFRESH', crit)).status).toBe(429);
			const partner = paths(sim, sim.world.partnerSubAccountId).adm;
			expect((await send('PUT', `${partner}/campaignLeads/actions?leadAction=DIALER_REFRESH`, token, { campaignLeadSearchCriteria: {} })).status).toBe(200);
			sim.control.advanceClock(60001);
			expect((await act('DIALER_REFRESH', crit)).status).toBe(200);
		});

		it('the defaults are the spec numbers: search 15 per 10 s with count=true on its own budget; PATCH and PUT share 12 per 3 s; loads 30 per 10 s', async () => {
			const SPEC = {
				leadLoad: [{ count: 30, windowMs: 10000 }, { count: 120, windowMs: 60000 }],
				leadSearch: [{ count: 15, windowMs: 10000 }, { count: 60, windowMs: 30000 }],
				leadSearchCount: [{ count: 90, windowMs: 10000 }, { count: 180, windowMs: 30000 }],
				leadUpdate: [{ count: 12, windowMs: 3000 }, { count: 150, windowMs: 60000 }],
				leadAction: [{ count: 30, windowMs: 10000 }, { count: 120, windowMs: 60000 }],
			};
			const plain = await start();
			try {
				expect(plain.control.getLimits()).toEqual(expect.objectContaining(SPEC));
			} finally {
				await plain.close();
			}
			sim.control.setLimits(SPEC);
			for (let i = 0; i < 15; i++) expect((await search({ campaignIds: [winback] })).status).toBe(200);
			expect((await search({ campaignIds: [winback] })).status).toBe(429);
			expect((await search({ campaignIds: [winback] }, 'count=true')).status).toBe(200);
			const lead0 = sim.truth.leads({ campaignId: winback })[0];
			const url = `${adm}/campaignLeads/${lead0.leadId}?campaignId=${winback}`;
			for (let i = 0; i < 6; i++) {
				expect((await send('PATCH', url, token, { firstName: `p${i}` })).status).toBe(200);
				expect((await send('PUT', url, token, { leadPhone: lead0.leadPhone, firstName: `u${i}` })).status).toBe(200);
			}
			expect((await send('PATCH', url, token, { firstName: 'x' })).status).toBe(429);
			sim.control.advanceClock(3001);
			expect((await send('PATCH', url, token, { firstName: 'x' })).status).toBe(200);
			for (let i = 0; i < 30; i++) expect((await load(winback, { ...DOCS_LOAD, uploadLeads: [] })).status).toBe(200);
			expect((await load(winback, DOCS_LOAD)).status).toBe(429);
			// a rejected load used no budget and loaded nothing
			expect(sim.truth.leadLoads()).toHaveLength(30);
		});
	});

	describe('ground truth and reset through the control API', () => {
		it('the store per campaign, loads and actions over HTTP; reset() restores the seeded store', async () => {
			const seeded = (await control(sim, 'POST', '/truth/leads', { campaignId: renewal })).json;
			expect(seeded).toHaveLength(240);
			expect(seeded.every((l: any) => l.campaignId === renewal)).toBe(true);
			await load(renewal, DOCS_LOAD);
			const after = (await control(sim, 'POST', '/truth/leads', { campaignId: renewal })).json;
			expect(after).toHaveLength(241);
			const added = after.find((l: any) => l.externId === 'lead-1001');
			expect(added).toEqual(expect.objectContaining({ leadPhone: '4155550100', leadState: 'READY', leadPasses: 0, campaignId: renewal }));
			const loads = (await control(sim, 'POST', '/truth/leadLoads')).json;
			expect(loads[0].insertedLeadIds).toEqual([added.leadId]);
			await act('PAUSE_LEADS', { campaignIds: [renewal], leadIds: [added.leadId] });
			const actions = (await control(sim, 'POST', '/truth/leadActions')).json;
			expect(actions[0]).toEqual(expect.objectContaining({ leadAction: 'PAUSE_LEADS', matchedLeadIds: [added.leadId] }));
			expect((await control(sim, 'POST', '/truth/leads', { subAccountId: sim.world.partnerSubAccountId })).json).toHaveLength(30);
			await control(sim, 'POST', '/reset');
			expect((await control(sim, 'POST', '/truth/leads', { campaignId: renewal })).json).toEqual(seeded);
			expect((await control(sim, 'POST', '/truth/leadLoads')).json).toEqual([]);
		});

		it('the seeded store is a function of the seed', async () => {
			const twin = await start({ limits: NO_LIMITS });
			const other = await start({ limits: NO_LIMITS, seed: 8 });
			try {
				expect(twin.truth.leads()).toEqual(sim.truth.leads());
				expect(twin.world.campaigns).toEqual(sim.world.campaigns);
				expect(other.truth.leads().map((l) => l.leadPhone)).not.toEqual(sim.truth.leads().map((l) => l.leadPhone));
				// the quirks every seed has: a phone and an externId shared by two leads of a campaign
				const leads = twin.truth.leads({ campaignId: renewal });
				const phones = leads.map((l) => l.leadPhone);
				const externs = leads.map((l) => l.externId);
				expect(new Set(phones).size).toBeLessThan(phones.length);
				expect(new Set(externs).size).toBeLessThan(externs.length);
			} finally {
				await twin.close();
				await other.close();
			}
		});
	});
});
