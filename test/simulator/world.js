'use strict';
// The seeded contact center: one main account, three sub-accounts (two with WEM access, one
// without), agent groups, agents with consistent supervision, queue groups and queues, admin users.
// Pure data, a function of the seed only. Calls are generated on demand in calls.js.

const { rng } = require('./prng');

const FIRST = [
	'Jane', 'Joe', 'Maria', 'Ahmed', 'Chen', 'Olivia', 'Liam', 'Sofia', 'Noah', 'Emma', 'Lucas', 'Mia',
	'Ethan', 'Ava', 'Mateo', 'Isla', 'Arjun', 'Zoe', 'Kenji', 'Lea', 'Omar', 'Nora', 'Ivan', 'Chloe',
	'Diego', 'Hana', 'Felix', 'Amara', 'Tomas', 'Grace', 'Ravi', 'Elena', 'Samuel', 'Yara', 'Pablo',
	'Ingrid', 'Kofi', 'Lucia', 'Mateus', 'Freya', 'Hugo', 'Aisha', 'Oscar', 'Nina', 'Viktor', 'Rosa',
];
const LAST = [
	'Doe', 'Smith', 'Garcia', 'Khan', 'Wang', 'Müller', "O'Brien", 'Rossi', 'Novak', 'Silva', 'Kowalski',
	'Tanaka', 'Dubois', 'Jensen', 'Okafor', 'Haddad', 'Larsen', 'Moreau', 'Petrov', 'Nguyen', 'Kaduk',
	'Norkute', 'Fischer', 'Costa', 'Svensson', 'Ibrahim', 'Lopez', 'Sato', 'Bauer', 'Quinn', 'Reyes',
	'Mendes', 'Park', 'Varga', 'Horvat', 'Ali', 'Berg', 'Stone', 'Walsh', 'Young', 'Zhou', 'Adler',
];

const ENV = 'eo1';

function slug(s) {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z]/g, '')
		.toLowerCase();
}

function isoDay(r) {
	const ms = Date.UTC(2019, 0, 1) + r.int(0, 4 * 365) * 86400000 + r.int(0, 86399) * 1000;
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function createWorld(seed = 1) {
	const r = rng(seed, 'world');
	const main = r.int(1000, 9899) * 10000;
	const mainAccountId = String(main);
	const rcAccountId = String(r.int(100000000, 999999999));
	const platformId = 'c1';

	const subAccounts = [
		{ subAccountId: String(main + 1), subAccountName: 'Contact Center', isActive: true, wemAccess: true },
		{ subAccountId: String(main + 2), subAccountName: 'Partner Desk, EMEA', isActive: true, wemAccess: true },
		{ subAccountId: String(main + 3), subAccountName: 'Outbound Legacy', isActive: true, wemAccess: false },
	];
	const [mainSub, partnerSub, noWemSub] = subAccounts.map((s) => s.subAccountId);

	const names = [];
	{
		const firsts = r.shuffle(FIRST);
		const lasts = r.shuffle(LAST);
		for (let i = 0; i < 60; i++) names.push([firsts[i % firsts.length], lasts[(i * 7) % lasts.length]]);
	}
	let nameIdx = 0;

	// agent groups: 4 in the main sub-account, 1 in each other one
	let groupId = r.int(1000, 8000);
	const groupSpecs = [
		{ sub: mainSub, name: 'Sales Team', size: 12, isDefault: true },
		{ sub: mainSub, name: 'Support Team', size: 14 },
		{ sub: mainSub, name: 'Digital Team', size: 8 },
		{ sub: mainSub, name: 'Back Office', size: 6 },
		{ sub: partnerSub, name: 'Partner Team', size: 8, isDefault: true },
		{ sub: noWemSub, name: 'Dialer Team', size: 3, isDefault: true },
	];
	const agentGroups = [];
	const agents = [];
	let agentId = r.int(1000000, 8000000);
	let rcUserId = r.int(100000000, 800000000);
	for (const spec of groupSpecs) {
		const group = { agentGroupId: groupId++, groupName: spec.name, subAccountId: spec.sub, isDefault: !!spec.isDefault };
		agentGroups.push(group);
		for (let i = 0; i < spec.size; i++) {
			const [firstName, lastName] = names[nameIdx++];
			agentId += r.int(1, 9);
			rcUserId += r.int(1, 50);
			const local = `${slug(firstName)}.${slug(lastName)}`;
			const domain = spec.sub === mainSub ? 'example.com' : 'partner.example.com';
			agents.push({
				agentId,
				rcUserId,
				agentGroupId: group.agentGroupId,
				subAccountId: spec.sub,
				firstName,
				lastName,
				agentName: `${lastName}, ${firstName}`,
				email: `${local}@${domain}`,
				engageUserName: `${local}+wfo1@${domain}`,
				userName: `${local}+wfo1+${ENV}@${domain}`,
				agentType: i === 0 ? 'SUPERVISOR' : 'AGENT',
				isActive: true,
				supervisorAgentIds: [],
				superviseeAgentIds: [],
				queueIds: [],
			});
		}
	}
	const byGroup = (name) => {
		const g = agentGroups.find((x) => x.groupName === name);
		return agents.filter((a) => a.agentGroupId === g.agentGroupId);
	};
	// a multi-supervisor in Support (supervises the Sales and Support supervisors and agents),
	// a multi-user in Digital, and three inactive agents
	const support = byGroup('Support Team');
	const multiSup = support[1];
	multiSup.agentType = 'MULTI_SUPERVISOR';
	byGroup('Digital Team')[3].agentType = 'MULTI_USER';
	byGroup('Sales Team')[11].isActive = false;
	support[13].isActive = false;
	byGroup('Back Office')[5].isActive = false;

	const link = (sup, sub) => {
		if (sup === sub) return;
		if (!sup.superviseeAgentIds.includes(sub.agentId)) sup.superviseeAgentIds.push(sub.agentId);
		if (!sub.supervisorAgentIds.includes(sup.agentId)) sub.supervisorAgentIds.push(sup.agentId);
	};
	for (const g of agentGroups) {
		const members = agents.filter((a) => a.agentGroupId === g.agentGroupId);
		const sup = members[0];
		for (const a of members) if (a.agentType !== 'MULTI_SUPERVISOR') link(sup, a);
	}
	for (const a of [...byGroup('Sales Team'), ...byGroup('Support Team')]) {
		if (a !== multiSup) link(multiSup, a);
	}
	for (const a of agents) {
		a.supervisorAgentIds.sort((x, y) => x - y);
		a.superviseeAgentIds.sort((x, y) => x - y);
	}

	// queue groups and queues
	let qgId = r.int(1000, 8000);
	let queueId = r.int(10000, 60000);
	const queueGroups = [];
	const queues = [];
	const qgSpecs = [
		{ sub: mainSub, name: 'Sales Lines', type: 'VOICE', queues: ['Sales Inbound', 'Sales Callback', 'Sales, Spanish'], teams: ['Sales Team'] },
		{ sub: mainSub, name: 'Support Lines', type: 'VOICE', queues: ['Tier 1', 'Tier 2', 'VIP "Gold" Support'], teams: ['Support Team', 'Back Office'] },
		{ sub: mainSub, name: 'Digital Channels', type: 'DIGITAL', queues: ['Web Chat', 'Email', 'SMS'], teams: ['Digital Team'] },
		{ sub: partnerSub, name: 'Partner Line', type: 'VOICE', queues: ['Partner Hotline', 'Partner Escalations'], teams: ['Partner Team'] },
		{ sub: noWemSub, name: 'Dialer Inbound', type: 'VOICE', queues: ['Callbacks'], teams: ['Dialer Team'] },
	];
	for (const spec of qgSpecs) {
		const qg = { queueGroupId: qgId++, groupName: spec.name, queueGroupType: spec.type, subAccountId: spec.sub };
		queueGroups.push(qg);
		const pool = spec.teams.flatMap((t) => byGroup(t)).filter((a) => a.isActive || r.chance(0.5));
		spec.queues.forEach((queueName, qi) => {
			queueId += r.int(1, 12);
			// tier queues get a subset; the first queue gets everybody of the team(s)
			const assigned = qi === 0 ? pool : pool.filter(() => r.chance(0.6));
			const q = {
				queueId,
				queueName,
				queueGroupId: qg.queueGroupId,
				queueType: spec.type,
				subAccountId: spec.sub,
				isActive: queueName !== 'SMS',
				createdOn: isoDay(r),
				agentIds: assigned.map((a) => a.agentId).sort((x, y) => x - y),
				dnis: spec.type === 'VOICE' ? `8${r.digits(9)}` : null,
				recording: spec.type === 'VOICE' && !(qi === 1 && spec.name === 'Support Lines'),
			};
			queues.push(q);
			for (const a of assigned) a.queueIds.push(q.queueId);
		});
	}
	// some agents of one team also serve another team's queue (agents in several queues)
	const vip = queues.find((q) => q.queueName.startsWith('VIP'));
	for (const a of byGroup('Sales Team').slice(1, 4)) {
		if (!vip.agentIds.includes(a.agentId)) {
			vip.agentIds.push(a.agentId);
			vip.agentIds.sort((x, y) => x - y);
			a.queueIds.push(vip.queueId);
		}
	}
	// a hidden "big" queue group: not listed, but with-agents returns exactly 2000 queues
	const bigQueueGroupId = qgId + 100;
	const bigQueueGroup = {
		queueGroupId: bigQueueGroupId,
		groupName: 'Bulk Import (2000 queues)',
		queueGroupType: 'VOICE',
		subAccountId: mainSub,
		size: 2000,
		firstQueueId: 900000 + (r.int(0, 99) * 1000),
	};

	// admin users of the main account
	const users = [];
	let userId = r.int(2000, 9000);
	const parentPath = `${r.int(1000, 2999)}.${r.int(3000, 3999)}.${r.int(4000, 4999)}`;
	for (let i = 0; i < 3; i++) {
		// the first admin is the Sales Team supervisor (the RingCentral user who owns the JWT)
		const person = i === 0 ? agents[0] : null;
		const [firstName, lastName] = person ? [person.firstName, person.lastName] : names[nameIdx++];
		if (!person) rcUserId += r.int(1, 50);
		const local = `${slug(firstName)}.${slug(lastName)}`;
		users.push({
			rcUserId: person ? person.rcUserId : rcUserId,
			userId: userId++,
			engageUserName: `${local}+wfo1@example.com`,
			userName: `${local}+wfo1+${ENV}@example.com`,
			email: `${local}@example.com`,
			firstName,
			lastName,
			parentPath: `${parentPath}.${userId}`,
			envID: ENV,
		});
	}

	for (const a of agents) a.queueIds.sort((x, y) => x - y);

	return {
		seed,
		envID: ENV,
		mainAccountId,
		rcAccountId,
		platformId,
		homeTimeZone: 'US/Eastern',
		subAccounts,
		mainSubAccountId: mainSub,
		partnerSubAccountId: partnerSub,
		noWemSubAccountId: noWemSub,
		agentGroups,
		agents,
		queueGroups,
		queues,
		bigQueueGroupId,
		bigQueueGroup,
		users,
		ownerRcUserId: agents[0].rcUserId,
		ownerAgentId: agents[0].agentId,
	};
}

module.exports = { createWorld, ENV };
