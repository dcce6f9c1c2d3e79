import type { Simulator } from '../../simulator';
import { start, login, paths, get, req } from './helpers';

describe('simulator: directory endpoints', () => {
	let sim: Simulator;
	let token: string;
	let p: ReturnType<typeof paths>;
	beforeAll(async () => {
		sim = await start({ limits: { admin: [{ count: 10000, windowMs: 60000 }] } });
		token = (await login(sim)).accessToken;
		p = paths(sim);
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.control.setVariants({ supervision: 'ids', withAgentsTypo: false, listShape: 'slim' }));

	it('seeds a consistent world', () => {
		const w = sim.world;
		expect(w.subAccounts).toHaveLength(3);
		expect(w.subAccounts.filter((s) => s.wemAccess)).toHaveLength(2);
		const mainAgents = w.agents.filter((a) => a.subAccountId === w.mainSubAccountId);
		expect(mainAgents).toHaveLength(40);
		expect(w.agentGroups.filter((g) => g.subAccountId === w.mainSubAccountId)).toHaveLength(4);
		expect(new Set(mainAgents.map((a) => a.agentType))).toEqual(new Set(['AGENT', 'SUPERVISOR', 'MULTI_SUPERVISOR', 'MULTI_USER']));
		expect(mainAgents.filter((a) => !a.isActive).length).toBeGreaterThanOrEqual(2);
		expect(new Set(w.agents.map((a) => a.rcUserId)).size).toBe(w.agents.length);
		// supervision is consistent in both directions
		const byId = new Map(w.agents.map((a) => [a.agentId, a]));
		for (const a of w.agents) {
			for (const s of a.supervisorAgentIds) expect(byId.get(s)!.superviseeAgentIds).toContain(a.agentId);
			for (const s of a.superviseeAgentIds) expect(byId.get(s)!.supervisorAgentIds).toContain(a.agentId);
		}
		expect(w.agents.some((a) => a.queueIds.length >= 2)).toBe(true);
		const types = new Set(w.queueGroups.filter((g) => g.subAccountId === w.mainSubAccountId).map((g) => g.queueGroupType));
		expect(types).toEqual(new Set(['VOICE', 'DIGITAL']));
	});

	it('classic users/{mainAccountId} returns the admin users (slim example shape)', async () => {
		const r = await get(`${p.ci}/users/${sim.world.mainAccountId}`, token);
		expect(r.status).toBe(200);
		expect(r.json).toEqual(sim.world.users);
		expect(Object.keys(r.json[0]).sort()).toEqual(
			['rcUserId', 'userId', 'engageUserName', 'userName', 'email', 'firstName', 'lastName', 'parentPath', 'envID'].sort(),
		);
		sim.control.setVariants({ listShape: 'full' });
		const full = await get(`${p.ci}/users/${sim.world.mainAccountId}`, token);
		expect(full.json[0]).toEqual(expect.objectContaining({ ...sim.world.users[0], enabled: true, roles: [{ roleType: 'ADMIN', description: 'Administrator' }] }));
	});

	it('classic subaccounts', async () => {
		const r = await get(`${p.ci}/accounts/${sim.world.mainAccountId}/subaccounts`, token);
		expect(r.status).toBe(200);
		expect(r.json).toEqual(sim.world.subAccounts.map(({ subAccountId, subAccountName, isActive }) => ({ subAccountId, subAccountName, isActive })));
		// §4.2: subAccountId (string), subAccountName (string), isActive (boolean), all three required, nothing else
		for (const item of r.json) {
			expect(Object.keys(item).sort()).toEqual(['isActive', 'subAccountId', 'subAccountName']);
			expect(item.subAccountId).toMatch(/^\d+$/);
			expect(typeof item.subAccountName).toBe('string');
			expect(typeof item.isActive).toBe('boolean');
		}
	});

	it('classic agentGroups and agents of a group, both supervision spellings', async () => {
		const w = sim.world;
		const groups = await get(`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups`, token);
		// §4.3 example shape: {"agentGroupId":1009,"groupName":"Team A1"}
		for (const item of groups.json) {
			expect(Object.keys(item)).toEqual(['agentGroupId', 'groupName']);
			expect(Number.isInteger(item.agentGroupId)).toBe(true);
		}
		expect(groups.json).toEqual(w.agentGroups.filter((g) => g.subAccountId === w.mainSubAccountId).map((g) => ({ agentGroupId: g.agentGroupId, groupName: g.groupName })));
		const g = w.agentGroups[0];
		const agents = await get(`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups/${g.agentGroupId}/agents`, token);
		expect(agents.status).toBe(200);
		const expected = w.agents.filter((a) => a.agentGroupId === g.agentGroupId);
		expect(agents.json.map((a: any) => a.agentId)).toEqual(expected.map((a) => a.agentId));
		const sup = agents.json.find((a: any) => a.agentType === 'SUPERVISOR');
		const worldSup = expected.find((a) => a.agentId === sup.agentId)!;
		expect(sup).toEqual({
			rcUserId: worldSup.rcUserId,
			agentId: worldSup.agentId,
			agentGroupId: g.agentGroupId,
			firstName: worldSup.firstName,
			lastName: worldSup.lastName,
			engageUserName: worldSup.engageUserName,
			userName: worldSup.userName,
			email: worldSup.email,
			agentType: 'SUPERVISOR',
			isActive: true,
			supervisorAgentIds: worldSup.supervisorAgentIds,
			superviseeAgentIds: worldSup.superviseeAgentIds,
			envID: 'eo1',
		});
		expect(sup.superviseeAgentIds.length).toBeGreaterThan(5);

		sim.control.setVariants({ supervision: 'where' });
		const where = await get(`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups/${g.agentGroupId}/agents`, token);
		const supW = where.json.find((a: any) => a.agentId === sup.agentId);
		expect(supW.supervisorAgentIds).toBeUndefined();
		expect(supW.superviseeAgentIds).toBeUndefined();
		expect(supW.whereSupervisor).toEqual(worldSup.superviseeAgentIds.map((id) => ({ agentId: id, supervisorId: sup.agentId })));
		expect(supW.whereSupervisee).toEqual(worldSup.supervisorAgentIds.map((id) => ({ agentId: sup.agentId, supervisorId: id })));
	});

	it('classic gateGroups (VOICE groups, full objects) and withAgents with the agentId typo variant', async () => {
		const w = sim.world;
		const r = await get(`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups`, token);
		const voice = w.queueGroups.filter((g) => g.subAccountId === w.mainSubAccountId && g.queueGroupType === 'VOICE');
		expect(r.json.map((g: any) => [g.gateGroupId, g.groupName])).toEqual(voice.map((g) => [g.queueGroupId, g.groupName]));
		expect(r.json[0]).toEqual(expect.objectContaining({ billingKey: null, groupSkills: [], permissions: expect.any(Array) }));
		const gid = voice[0].queueGroupId;
		const wa = await get(`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups/${gid}/withAgents`, token);
		const queues = w.queues.filter((q) => q.queueGroupId === gid);
		expect(wa.json).toEqual(
			queues.map((q) => ({ queueId: q.queueId, queueName: q.queueName, gateGroupId: gid, isActive: q.isActive, createdOn: q.createdOn, agentIds: q.agentIds })),
		);
		sim.control.setVariants({ withAgentsTypo: true });
		const typo = await get(`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups/${gid}/withAgents`, token);
		expect(typo.json[0].agentIds).toEqual(queues[0].agentIds);
		expect(typo.json[1].agentIds).toBeUndefined();
		expect(typo.json[1].agentId).toEqual(queues[1].agentIds);
	});

	it('CX queue-groups and with-agents', async () => {
		const w = sim.world;
		const r = await get(`${p.cx}/queue-groups`, token);
		// §4.5: queueGroupId (int32), groupName, queueGroupType VOICE | DIGITAL
		for (const item of r.json) {
			expect(Object.keys(item)).toEqual(['queueGroupId', 'groupName', 'queueGroupType']);
			expect(Number.isInteger(item.queueGroupId)).toBe(true);
			expect(['VOICE', 'DIGITAL']).toContain(item.queueGroupType);
		}
		expect(r.json).toEqual(
			w.queueGroups.filter((g) => g.subAccountId === w.mainSubAccountId).map((g) => ({ queueGroupId: g.queueGroupId, groupName: g.groupName, queueGroupType: g.queueGroupType })),
		);
		const digital = w.queueGroups.find((g) => g.queueGroupType === 'DIGITAL')!;
		const wa = await get(`${p.cx}/queue-groups/${digital.queueGroupId}/with-agents`, token);
		expect(wa.status).toBe(200);
		expect(wa.json).toEqual(
			w.queues
				.filter((q) => q.queueGroupId === digital.queueGroupId)
				.map((q) => ({ queueId: q.queueId, queueType: 'DIGITAL', queueName: q.queueName, queueGroupId: digital.queueGroupId, isActive: q.isActive, createdOn: q.createdOn, agentIds: q.agentIds })),
		);
		expect(wa.json[0].createdOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		// §4.6: the required fields are there with their types; agentIds are int32s
		for (const q of wa.json) {
			expect(Number.isInteger(q.queueId)).toBe(true);
			expect(typeof q.isActive).toBe('boolean');
			expect(q.agentIds.every((id: unknown) => Number.isInteger(id))).toBe(true);
		}
	});

	it('the big queue group returns exactly 2000 records in both families', async () => {
		const w = sim.world;
		const cx = await get(`${p.cx}/queue-groups/${w.bigQueueGroupId}/with-agents`, token);
		expect(cx.status).toBe(200);
		expect(cx.json).toHaveLength(2000);
		expect(new Set(cx.json.map((q: any) => q.queueId)).size).toBe(2000);
		const classic = await get(`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups/${w.bigQueueGroupId}/withAgents`, token);
		expect(classic.json).toHaveLength(2000);
		// not listed among the queue groups
		const list = await get(`${p.cx}/queue-groups`, token);
		expect(list.json.map((g: any) => g.queueGroupId)).not.toContain(w.bigQueueGroupId);
	});

	it('partner sub-account has its own groups', async () => {
		const w = sim.world;
		const pp = paths(sim, w.partnerSubAccountId);
		const r = await get(`${pp.cx}/queue-groups`, token);
		expect(r.json.map((g: any) => g.groupName)).toEqual(['Partner Line']);
	});

	describe('errors', () => {
		it('403 for the sub-account without WEM access, in both families', async () => {
			const w = sim.world;
			const pn = paths(sim, w.noWemSubAccountId);
			for (const url of [`${p.ci}/accounts/${w.noWemSubAccountId}/agentGroups`, `${p.ci}/accounts/${w.noWemSubAccountId}/gateGroups`, `${pn.cx}/queue-groups`]) {
				const r = await get(url, token);
				expect(r.status).toBe(403);
				expect(r.json).toEqual(
					expect.objectContaining({ generalMessage: 'You do not have permission to access this resource', developerMessage: 'Access is denied', timestamp: expect.any(Number) }),
				);
			}
		});

		it('404 JSON Errors for unknown main/sub-account/group ids', async () => {
			const w = sim.world;
			const cases = [
				`${p.ci}/users/12345`,
				`${p.ci}/accounts/12345/subaccounts`,
				`${p.ci}/accounts/12345/agentGroups`,
				`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups/99999999/agents`,
				`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups/${w.agentGroups.find((g) => g.subAccountId === w.partnerSubAccountId)!.agentGroupId}/agents`,
				`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups/99999999/withAgents`,
				`${p.cx}/queue-groups/99999999/with-agents`,
				`${sim.url}/voice/api/cx/integration/v1/accounts/111/sub-accounts/${w.mainSubAccountId}/queue-groups`,
				`${sim.url}/voice/api/cx/integration/v1/accounts/${w.rcAccountId}/sub-accounts/12345/queue-groups`,
			];
			for (const url of cases) {
				const r = await get(url, token);
				expect([url, r.status]).toEqual([url, 404]);
				expect(r.json.generalMessage).toBe('The resource you have requested does not exist');
				expect(r.json.requestUri).toMatch(/ - GET$/);
			}
		});

		it('400 for non-numeric ids', async () => {
			const w = sim.world;
			const cases: Array<[string, string]> = [
				[`${p.ci}/users/abc`, 'mainAccountId'],
				[`${p.ci}/accounts/abc/agentGroups`, 'subAccountId'],
				[`${p.ci}/accounts/${w.mainSubAccountId}/agentGroups/x1/agents`, 'agentGroupId'],
				[`${p.ci}/accounts/${w.mainSubAccountId}/gateGroups/x/withAgents`, 'gateGroupId'],
				[`${p.cx}/queue-groups/x/with-agents`, 'queueGroupId'],
			];
			for (const [url, attr] of cases) {
				const r = await get(url, token);
				expect(r.status).toBe(400);
				expect(r.json.generalMessage).toBe('The supplied data is not valid');
				expect(r.json.validationErrors[0].attributeName).toBe(attr);
			}
		});

		it('unknown paths → 404, wrong method → 405', async () => {
			expect((await get(`${sim.url}/voice/api/nope`, token)).status).toBe(404);
			expect((await req(`${p.cx}/queue-groups`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
		});
	});
});
