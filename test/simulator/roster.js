'use strict';
// Roster churn: agents added, removed and changed as a function of sim time, for roster-sync tests.
// Off by default (the directory then serves world.agents unchanged). When on ({ fromMs, everyMs }),
// event k = 1, 2, … happens at fromMs + k × everyMs; the roster at time t is world.agents after
// every event at or before t. Each event is a pure function of (seed, k, roster before it), so a
// roster at any time can be recomputed; world.agents itself is never mutated (calls keep using it).
//
// Events (weights): add an agent to a group (25 %, supervised by the group's supervisor),
// remove a plain agent (20 %, unlinked from its supervisors), or change one agent (55 %): email,
// last name, isActive toggled, AGENT ↔ MULTI_USER, or a move to another group of the same
// sub-account (supervisor changes with it). Supervision stays consistent both ways.

const { rng } = require('./prng');
const { parseTime } = require('./clock');

const FIRST = ['Alex', 'Bea', 'Cleo', 'Dario', 'Edda', 'Finn', 'Gia', 'Hal', 'Ines', 'Jon', 'Kira', 'Lev', 'Mona', 'Nils'];
const LAST = ['Abbott', 'Brandt', 'Castro', 'Dahl', 'Eriksen', 'Ferro', 'Gupta', 'Holm', 'Iqbal', 'Juarez', 'Kern', 'Lind'];
const SUPERVISOR_TYPES = ['SUPERVISOR', 'MULTI_SUPERVISOR'];
/** Recomputing from scratch past this many events would be slow: refuse instead. */
const MAX_EVENTS = 100000;

function copyAgent(a) {
	return { ...a, supervisorAgentIds: [...a.supervisorAgentIds], superviseeAgentIds: [...a.superviseeAgentIds], queueIds: [...a.queueIds] };
}

function validate(opts) {
	if (opts === null || opts === undefined || opts === false) return null;
	if (typeof opts !== 'object') throw new Error('rosterChurn must be { everyMs, from? } or null');
	const everyMs = Number(opts.everyMs);
	if (!Number.isFinite(everyMs) || everyMs < 1000) throw new Error('rosterChurn.everyMs must be ≥ 1000');
	const fromMs = opts.from === undefined && opts.fromMs === undefined ? null : parseTime(opts.from ?? opts.fromMs);
	return { everyMs, fromMs };
}

function createRoster(world, clock, initial) {
	let config = null;
	/** Incremental cache: the roster after event `k`. */
	let cache = null;

	function set(opts) {
		const next = validate(opts);
		if (next && next.fromMs === null) next.fromMs = clock.now();
		config = next;
		cache = null;
		return get();
	}

	function get() {
		return config ? { everyMs: config.everyMs, fromMs: config.fromMs, from: new Date(config.fromMs).toISOString() } : null;
	}

	function sortIds(a) {
		a.supervisorAgentIds.sort((x, y) => x - y);
		a.superviseeAgentIds.sort((x, y) => x - y);
	}

	function link(sup, sub) {
		if (!sup || sup === sub) return;
		if (!sup.superviseeAgentIds.includes(sub.agentId)) sup.superviseeAgentIds.push(sub.agentId);
		if (!sub.supervisorAgentIds.includes(sup.agentId)) sub.supervisorAgentIds.push(sup.agentId);
		sortIds(sup);
		sortIds(sub);
	}

	function unlink(agents, a) {
		for (const other of agents) {
			other.superviseeAgentIds = other.superviseeAgentIds.filter((id) => id !== a.agentId);
			other.supervisorAgentIds = other.supervisorAgentIds.filter((id) => id !== a.agentId);
		}
	}

	function groupSupervisor(agents, agentGroupId) {
		return agents.find((a) => a.agentGroupId === agentGroupId && a.agentType === 'SUPERVISOR');
	}

	/** Applies event k to `state` (mutates it). */
	function apply(state, k) {
		const r = rng(world.seed, 'roster', k);
		const agents = state.agents;
		const roll = r.next();
		const plain = agents.filter((a) => !SUPERVISOR_TYPES.includes(a.agentType) && a.agentId !== world.ownerAgentId);
		if (roll < 0.25 || plain.length === 0) {
			const group = r.pick(world.agentGroups);
			state.nextAgentId += r.int(1, 9);
			state.nextRcUserId += r.int(1, 50);
			const firstName = r.pick(FIRST);
			const lastName = r.pick(LAST);
			const local = `${firstName}.${lastName}${k}`.toLowerCase();
			const domain = group.subAccountId === world.mainSubAccountId ? 'example.com' : 'partner.example.com';
			const agent = {
				agentId: state.nextAgentId,
				rcUserId: state.nextRcUserId,
				agentGroupId: group.agentGroupId,
				subAccountId: group.subAccountId,
				firstName,
				lastName,
				agentName: `${lastName}, ${firstName}`,
				email: `${local}@${domain}`,
				engageUserName: `${local}+wfo1@${domain}`,
				userName: `${local}+wfo1+${world.envID}@${domain}`,
				agentType: 'AGENT',
				isActive: true,
				supervisorAgentIds: [],
				superviseeAgentIds: [],
				queueIds: [],
			};
			agents.push(agent);
			link(groupSupervisor(agents, group.agentGroupId), agent);
			return;
		}
		if (roll < 0.45) {
			const victim = r.pick(plain);
			unlink(agents, victim);
			state.agents = agents.filter((a) => a !== victim);
			return;
		}
		const a = r.pick(plain);
		const kind = r.pick(['email', 'lastName', 'isActive', 'agentType', 'group']);
		if (kind === 'email') {
			const local = `${a.firstName}.${a.lastName}.${k}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
			a.email = `${local}@${a.email.split('@')[1]}`;
		} else if (kind === 'lastName') {
			a.lastName = r.pick(LAST.filter((n) => n !== a.lastName));
			a.agentName = `${a.lastName}, ${a.firstName}`;
		} else if (kind === 'isActive') {
			a.isActive = !a.isActive;
		} else if (kind === 'agentType') {
			a.agentType = a.agentType === 'MULTI_USER' ? 'AGENT' : 'MULTI_USER';
		} else {
			const others = world.agentGroups.filter((g) => g.subAccountId === a.subAccountId && g.agentGroupId !== a.agentGroupId);
			if (!others.length) {
				a.isActive = !a.isActive;
				return;
			}
			const oldSup = groupSupervisor(agents, a.agentGroupId);
			if (oldSup) {
				oldSup.superviseeAgentIds = oldSup.superviseeAgentIds.filter((id) => id !== a.agentId);
				a.supervisorAgentIds = a.supervisorAgentIds.filter((id) => id !== oldSup.agentId);
			}
			a.agentGroupId = r.pick(others).agentGroupId;
			link(groupSupervisor(agents, a.agentGroupId), a);
		}
	}

	function fresh() {
		const agents = world.agents.map(copyAgent);
		return {
			k: 0,
			agents,
			nextAgentId: Math.max(...agents.map((a) => a.agentId)),
			nextRcUserId: Math.max(...agents.map((a) => a.rcUserId), ...world.users.map((u) => u.rcUserId)),
		};
	}

	/** How many events have happened at `atMs`. */
	function eventsAt(atMs) {
		if (!config || atMs < config.fromMs) return 0;
		const k = Math.floor((atMs - config.fromMs) / config.everyMs);
		if (k > MAX_EVENTS) throw new Error(`roster churn: ${k} events since ${new Date(config.fromMs).toISOString()} is too many`);
		return k;
	}

	/** All agents (every sub-account) at sim time `atMs` (default now); copies. */
	function agentsAt(atMs) {
		const at = atMs === undefined ? clock.now() : parseTime(atMs);
		if (!config) return world.agents.map(copyAgent);
		const k = eventsAt(at);
		if (!cache || cache.k > k) cache = fresh();
		while (cache.k < k) {
			cache.k++;
			apply(cache, cache.k);
		}
		return cache.agents.map(copyAgent);
	}

	/** Times of the churn events in (fromMs, toMs]. */
	function eventTimes(fromMs, toMs) {
		if (!config) return [];
		const out = [];
		for (let k = Math.max(1, eventsAt(fromMs) + 1); k <= eventsAt(toMs); k++) out.push(config.fromMs + k * config.everyMs);
		return out;
	}

	function reset() {
		config = null;
		cache = null;
		if (initial) set(initial);
	}
	reset();

	return { set, get, agentsAt, eventTimes, enabled: () => config !== null, reset };
}

module.exports = { createRoster };
