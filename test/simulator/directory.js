'use strict';
// Directory endpoints of both families (API doc §4): admin users, sub-accounts, agent groups,
// agents of a group, classic gate groups (+ withAgents), CX queue groups (+ with-agents).
// Spelling/shape variants: supervision 'ids' | 'where' | 'both', withAgentsTypo, listShape 'slim' | 'full'.

const { json } = require('./http');
const A = require('./access');

function createDirectory(S) {
	const { world } = S;
	const v = () => S.variants();

	function guardClassicSub(ctx) {
		const stop = A.wem(ctx);
		if (stop) return { response: stop };
		const r = A.subAccount(S, ctx, ctx.params.subAccountId);
		if (r.response) return r;
		const lim = A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (lim) return { response: lim };
		return r;
	}

	function guardCxSub(ctx) {
		const stop = A.wem(ctx) || A.rcAccount(S, ctx, ctx.params.rcAccountId);
		if (stop) return { response: stop };
		return guardClassicSub(ctx);
	}

	function users(ctx) {
		const stop = A.wem(ctx) || A.mainAccount(S, ctx, ctx.params.mainAccountId) || A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (stop) return stop;
		const full = v().listShape === 'full';
		return json(
			200,
			world.users.map((u) =>
				full
					? {
							...u,
							children: [],
							creationDate: '2021-02-03T10:00:00.000Z',
							enabled: true,
							fullName: `${u.firstName} ${u.lastName}`,
							phoneNumber: null,
							rcAccountId: world.rcAccountId,
							roles: [{ roleType: 'ADMIN', description: 'Administrator' }],
							rootUser: u === world.users[0],
							userManagedByRC: true,
						}
					: { ...u },
			),
		);
	}

	function subAccounts(ctx) {
		const stop = A.wem(ctx) || A.mainAccount(S, ctx, ctx.params.mainAccountId) || A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (stop) return stop;
		return json(
			200,
			world.subAccounts.map((s) => ({ subAccountId: s.subAccountId, subAccountName: s.subAccountName, isActive: s.isActive })),
		);
	}

	function agentGroups(ctx) {
		const g = guardClassicSub(ctx);
		if (g.response) return g.response;
		const full = v().listShape === 'full';
		return json(
			200,
			world.agentGroups
				.filter((x) => x.subAccountId === g.sub.subAccountId)
				.map((x) =>
					full
						? {
								agentGroupId: x.agentGroupId,
								groupName: x.groupName,
								account: { accountId: g.sub.subAccountId, accountName: g.sub.subAccountName },
								agents: null,
								isDefault: x.isDefault,
								permissions: ['CREATE', 'READ', 'UPDATE', 'DELETE', 'REPORT'],
							}
						: { agentGroupId: x.agentGroupId, groupName: x.groupName },
				),
		);
	}

	function agentItem(a) {
		const variant = v().supervision;
		const item = {
			rcUserId: a.rcUserId,
			agentId: a.agentId,
			agentGroupId: a.agentGroupId,
			firstName: a.firstName,
			lastName: a.lastName,
			engageUserName: a.engageUserName,
			userName: a.userName,
			email: a.email,
			agentType: a.agentType,
			isActive: a.isActive,
		};
		if (variant === 'ids' || variant === 'both') {
			item.supervisorAgentIds = [...a.supervisorAgentIds];
			item.superviseeAgentIds = [...a.superviseeAgentIds];
		}
		if (variant === 'where' || variant === 'both') {
			item.whereSupervisee = a.supervisorAgentIds.map((s) => ({ agentId: a.agentId, supervisorId: s }));
			item.whereSupervisor = a.superviseeAgentIds.map((s) => ({ agentId: s, supervisorId: a.agentId }));
		}
		item.envID = world.envID;
		if (v().listShape === 'full') {
			Object.assign(item, { agentRank: 0, externalAgentId: `EXT-${a.agentId}`, team: null, allowLoginControl: true, phoneLoginPin: null, location: null });
		}
		return item;
	}

	function agents(ctx) {
		const raw = ctx.params.agentGroupId;
		if (!A.isNumeric(raw)) {
			const stop = A.wem(ctx);
			return stop || A.badId(ctx, 'agentGroupId', raw);
		}
		const g = guardClassicSub(ctx);
		if (g.response) return g.response;
		const group = world.agentGroups.find((x) => x.agentGroupId === Number(raw) && x.subAccountId === g.sub.subAccountId);
		if (!group) return A.notFound(ctx, `Agent group ${raw} not found`);
		// roster churn (off by default): the roster of the current sim time
		const roster = S.roster && S.roster.enabled() ? S.roster.agentsAt() : world.agents;
		return json(200, roster.filter((a) => a.agentGroupId === group.agentGroupId).map(agentItem));
	}

	function queueGroupsOf(subAccountId) {
		return world.queueGroups.filter((q) => q.subAccountId === subAccountId);
	}

	function findGroup(subAccountId, id) {
		const n = Number(id);
		if (n === world.bigQueueGroupId && subAccountId === world.bigQueueGroup.subAccountId) return world.bigQueueGroup;
		return queueGroupsOf(subAccountId).find((q) => q.queueGroupId === n) || null;
	}

	function queuesOf(group) {
		if (group === world.bigQueueGroup) {
			const agentIds = world.agents.filter((a) => a.subAccountId === group.subAccountId && a.isActive).map((a) => a.agentId);
			const out = [];
			for (let i = 0; i < group.size; i++) {
				out.push({
					queueId: group.firstQueueId + i,
					queueName: `Bulk queue ${String(i + 1).padStart(4, '0')}`,
					queueGroupId: group.queueGroupId,
					queueType: 'VOICE',
					isActive: i % 10 !== 9,
					createdOn: '2023-05-01T08:00:00Z',
					agentIds: agentIds.length ? [agentIds[i % agentIds.length]] : [],
				});
			}
			return out;
		}
		return world.queues.filter((q) => q.queueGroupId === group.queueGroupId);
	}

	// classic gate groups: "a list of inbound queue groups" → the VOICE queue groups, full GateGroup objects
	function gateGroups(ctx) {
		const g = guardClassicSub(ctx);
		if (g.response) return g.response;
		return json(
			200,
			queueGroupsOf(g.sub.subAccountId)
				.filter((q) => q.queueGroupType === 'VOICE')
				.map((q) => ({
					gateGroupId: q.queueGroupId,
					groupName: q.groupName,
					billingKey: null,
					createdOn: '2020-07-21T17:32:28Z',
					startDate: '2020-07-21T17:32:28Z',
					endDate: null,
					gates: null,
					groupSkills: [],
					permissions: ['READ', 'UPDATE', 'REPORT'],
				})),
		);
	}

	function gateGroupWithAgents(ctx) {
		const raw = ctx.params.gateGroupId;
		if (!A.isNumeric(raw)) return A.wem(ctx) || A.badId(ctx, 'gateGroupId', raw);
		const g = guardClassicSub(ctx);
		if (g.response) return g.response;
		const group = findGroup(g.sub.subAccountId, raw);
		if (!group || group.queueGroupType !== 'VOICE') return A.notFound(ctx, `Gate group ${raw} not found`);
		const typo = !!v().withAgentsTypo;
		return json(
			200,
			queuesOf(group).map((q, i) => {
				const item = { queueId: q.queueId, queueName: q.queueName, gateGroupId: group.queueGroupId, isActive: q.isActive, createdOn: q.createdOn };
				if (typo && i % 2 === 1) item.agentId = [...q.agentIds];
				else item.agentIds = [...q.agentIds];
				return item;
			}),
		);
	}

	function cxQueueGroups(ctx) {
		const g = guardCxSub(ctx);
		if (g.response) return g.response;
		return json(
			200,
			queueGroupsOf(g.sub.subAccountId).map((q) => ({ queueGroupId: q.queueGroupId, groupName: q.groupName, queueGroupType: q.queueGroupType })),
		);
	}

	function cxWithAgents(ctx) {
		const raw = ctx.params.queueGroupId;
		if (!A.isNumeric(raw)) return A.wem(ctx) || A.badId(ctx, 'queueGroupId', raw);
		const g = guardCxSub(ctx);
		if (g.response) return g.response;
		const group = findGroup(g.sub.subAccountId, raw);
		if (!group) return A.notFound(ctx, `Queue group ${raw} not found`);
		return json(
			200,
			queuesOf(group).map((q) => ({
				queueId: q.queueId,
				queueType: q.queueType,
				queueName: q.queueName,
				queueGroupId: group.queueGroupId,
				isActive: q.isActive,
				createdOn: q.createdOn,
				agentIds: [...q.agentIds],
			})),
		);
	}

	function adminAccounts(ctx) {
		const lim = A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (lim) return lim;
		return json(
			200,
			world.subAccounts.map((s) => ({ accountId: s.subAccountId, accountName: s.subAccountName, mainAccountId: world.mainAccountId })),
		);
	}

	return { users, subAccounts, agentGroups, agents, gateGroups, gateGroupWithAgents, cxQueueGroups, cxWithAgents, adminAccounts, guardCxSub, guardClassicSub };
}

module.exports = { createDirectory };
