import type { Simulator } from '../../simulator';
import { get, MIN, paths, postJson, req, start, T0 } from './helpers';

/** The agents of every group of a sub-account, as the API serves them now. */
async function servedRoster(sim: Simulator, token: string, subAccountId = sim.world.mainSubAccountId) {
	const p = paths(sim, subAccountId);
	const groups = sim.world.agentGroups.filter((g) => g.subAccountId === subAccountId);
	const out: any[] = [];
	for (const g of groups) {
		const r = await get(`${p.ci}/accounts/${subAccountId}/agentGroups/${g.agentGroupId}/agents`, token);
		expect(r.status).toBe(200);
		out.push(...r.json);
	}
	return out.sort((a, b) => a.agentId - b.agentId);
}

describe('simulator: roster churn and late metadata rows', () => {
	let sim: Simulator;
	let token: string;
	beforeAll(async () => {
		sim = await start({ limits: { admin: [{ count: 100000, windowMs: 1000 }], report: [{ count: 100000, windowMs: 1000 }] } });
		// the permanent API token: the clock moves by days in these tests
		token = sim.secrets.apiToken;
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => {
		sim.control.setRosterChurn(null);
		sim.control.setLimits({ metadataVisibleDelayMs: 120000 });
		sim.control.setClock(T0);
	});

	it('is off by default: the roster is world.agents at any time', async () => {
		expect(sim.control.rosterChurn()).toBeNull();
		const now = await servedRoster(sim, token);
		// README: the main sub-account has 40 agents
		expect(now).toHaveLength(40);
		sim.control.advanceClock(5 * 24 * 60 * MIN);
		const served = await servedRoster(sim, token);
		expect(served).toEqual(now);
		expect(served.map((a) => a.agentId)).toEqual(
			sim.world.agents.filter((a) => a.subAccountId === sim.world.mainSubAccountId).map((a) => a.agentId),
		);
		expect(sim.truth.roster(sim.world.mainSubAccountId)).toEqual(
			sim.world.agents.filter((a) => a.subAccountId === sim.world.mainSubAccountId),
		);
	});

	it('changes the roster over sim time, deterministically, with supervision consistent both ways', async () => {
		const before = JSON.stringify(sim.world.agents);
		const from = Date.parse(T0);
		sim.control.setRosterChurn({ everyMs: 10 * MIN, from });
		expect(sim.control.rosterChurn()).toEqual({ everyMs: 10 * MIN, fromMs: from, from: T0 });
		expect(sim.truth.rosterEventTimes(from, from + 35 * MIN)).toEqual([from + 10 * MIN, from + 20 * MIN, from + 30 * MIN]);

		const sub = sim.world.mainSubAccountId;
		const at0 = sim.truth.roster(sub, from + 9 * MIN);
		expect(at0).toEqual(sim.world.agents.filter((a) => a.subAccountId === sub));

		// a simulated day: 144 events; every kind of change happens, and the served list follows the truth
		const kinds = { added: 0, removed: 0, changed: new Set<string>() };
		let previous = sim.truth.roster(undefined, from);
		for (let t = from + 10 * MIN; t <= from + 24 * 60 * MIN; t += 10 * MIN) {
			const now = sim.truth.roster(undefined, t);
			const prevById = new Map(previous.map((a) => [a.agentId, a]));
			const nowById = new Map(now.map((a) => [a.agentId, a]));
			for (const a of now) {
				const old = prevById.get(a.agentId);
				if (!old) kinds.added++;
				else for (const key of Object.keys(a) as Array<keyof typeof a>) if (JSON.stringify(a[key]) !== JSON.stringify(old[key])) kinds.changed.add(key);
			}
			for (const a of previous) if (!nowById.has(a.agentId)) kinds.removed++;
			previous = now;
		}
		expect(kinds.added).toBeGreaterThan(5);
		expect(kinds.removed).toBeGreaterThan(5);
		expect([...kinds.changed].sort()).toEqual(
			expect.arrayContaining(['agentGroupId', 'agentType', 'email', 'isActive', 'lastName', 'superviseeAgentIds', 'supervisorAgentIds']),
		);

		const end = sim.truth.roster(undefined, from + 24 * 60 * MIN);
		const byId = new Map(end.map((a) => [a.agentId, a]));
		for (const a of end) {
			for (const s of a.supervisorAgentIds) expect(byId.get(s)!.superviseeAgentIds).toContain(a.agentId);
			for (const s of a.superviseeAgentIds) expect(byId.get(s)!.supervisorAgentIds).toContain(a.agentId);
		}
		expect(new Set(end.map((a) => a.agentId)).size).toBe(end.length);
		expect(new Set(end.map((a) => a.rcUserId)).size).toBe(end.length);

		// the API serves the roster of the sim time, and going back in time gives the earlier roster
		sim.control.setClock(from + 12 * 60 * MIN + 5 * MIN);
		const served = await servedRoster(sim, token, sub);
		const expected = sim.truth.roster(sub, from + 12 * 60 * MIN + 5 * MIN);
		expect(served.map((a) => [a.agentId, a.email, a.agentGroupId, a.isActive, a.supervisorAgentIds])).toEqual(
			expected
				.sort((a, b) => a.agentId - b.agentId)
				.map((a) => [a.agentId, a.email, a.agentGroupId, a.isActive, a.supervisorAgentIds]),
		);
		expect(sim.truth.roster(sub, from + 9 * MIN)).toEqual(at0);
		// world.agents (and so the calls) never change
		expect(JSON.stringify(sim.world.agents)).toBe(before);
	});

	it('is controlled over HTTP and reset() turns it off', async () => {
		const on = await req(`${sim.url}/__sim/roster`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ everyMs: 60000, from: T0 }),
		});
		expect(on.json.churn).toEqual({ everyMs: 60000, fromMs: Date.parse(T0), from: T0 });
		expect((await req(`${sim.url}/__sim/roster`)).json.churn.everyMs).toBe(60000);
		const truth = await req(`${sim.url}/__sim/truth/roster`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ subAccountId: sim.world.mainSubAccountId, at: Date.parse(T0) + 30 * MIN }),
		});
		expect(truth.json).toEqual(sim.truth.roster(sim.world.mainSubAccountId, Date.parse(T0) + 30 * MIN));
		const bad = await req(`${sim.url}/__sim/roster`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ everyMs: 5 }),
		});
		expect(bad.status).toBe(400);
		const off = await req(`${sim.url}/__sim/roster`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ churn: null }),
		});
		expect(off.json.churn).toBeNull();
		sim.control.setRosterChurn({ everyMs: 60000 });
		sim.control.reset();
		expect(sim.control.rosterChurn()).toBeNull();
		sim.control.setLimits({ admin: [{ count: 100000, windowMs: 1000 }], report: [{ count: 100000, windowMs: 1000 }] });
	});

	it('limits.metadataVisibleDelayMs makes segments show up late (late rows)', async () => {
		const p = paths(sim);
		const sub = sim.world.mainSubAccountId;
		const end = Date.parse(T0) - 30 * MIN;
		const from = end - 60 * MIN;
		const body = { segmentEndTime: '2026-03-02 11:30:00', timeInterval: 3600, timeZone: 'US/Eastern' };
		const normal = await postJson(`${p.cx}/interaction-metadata`, token, body);
		expect(normal.json).toEqual(sim.truth.segments(sub, from, end));
		expect(sim.control.getLimits().metadataVisibleDelayMs).toBe(120000);
		sim.control.setLimits({ metadataVisibleDelayMs: 45 * MIN });
		const late = await postJson(`${p.cx}/interaction-metadata`, token, body);
		expect(late.json).toEqual(sim.truth.segments(sub, from, end));
		const hidden = normal.json.filter((s: any) => Date.parse(s.segmentEndTimeMs) > Date.parse(T0) - 45 * MIN);
		expect(hidden.length).toBeGreaterThan(0);
		expect(late.json).toHaveLength(normal.json.length - hidden.length);
		expect(() => sim.control.setLimits({ metadataVisibleDelayMs: -1 })).toThrow();
	});
});
