/*
 * Directory operations (User, Agent Group, Agent, Queue Group) as workflow fixtures, run through
 * n8n-core's WorkflowExecute against the simulator. Expected data comes from the simulator's world.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { searchAgentGroups, searchQueueGroups } from '../../nodes/EngageVoice/methods/listSearch';
import type { TestCredentialsHelper } from '../helpers/harness';
import { buildWorkflow, runWorkflow } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';
import { apiCalls } from '../helpers/simulator';
import type { CredentialKind } from '../helpers/workflowFixtures';
import { byId, loadFixture } from '../helpers/workflowFixtures';

let sim: Simulator;
let creds: TestCredentialsHelper;
let w: any;

useSimulator({ seed: 3 }, (s) => ({ sim, creds, world: w } = s));

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const paired = (items: INodeExecutionData[]) => items.map((i) => i.pairedItem);
const pairedTo = (n: number, item: number) => Array.from({ length: n }, () => ({ item }));

const groupsOf = (subAccountId: string) => w.agentGroups.filter((g: any) => g.subAccountId === subAccountId);
const agentsOfGroup = (agentGroupId: number) => w.agents.filter((a: any) => a.agentGroupId === agentGroupId);
const agentsOfSub = (subAccountId: string) => groupsOf(subAccountId).flatMap((g: any) => agentsOfGroup(g.agentGroupId));
const groupNamed = (name: string) => w.agentGroups.find((g: any) => g.groupName === name);
const queueGroupsOf = (subAccountId: string) => w.queueGroups.filter((q: any) => q.subAccountId === subAccountId);
const queuesOf = (queueGroupId: number) => w.queues.filter((q: any) => q.queueGroupId === queueGroupId);
const fullName = (a: any) => `${a.firstName} ${a.lastName}`;

function simpleAgent(a: any): IDataObject {
	return {
		agentId: a.agentId,
		rcUserId: a.rcUserId,
		firstName: a.firstName,
		lastName: a.lastName,
		email: a.email,
		agentType: a.agentType,
		isActive: a.isActive,
		agentGroupId: a.agentGroupId,
		supervisorAgentIds: a.supervisorAgentIds,
		superviseeAgentIds: a.superviseeAgentIds,
	};
}

function queueRow(q: any): IDataObject {
	return {
		queueId: q.queueId,
		queueName: q.queueName,
		queueGroupId: q.queueGroupId,
		queueType: q.queueType,
		isActive: q.isActive,
		createdOn: q.createdOn,
		agentIds: q.agentIds,
	};
}

/** Compares rows regardless of key order. */
const sorted = (row: IDataObject) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

async function run(name: string, options: Parameters<typeof loadFixture>[1] = {}) {
	const result = await runWorkflow(loadFixture(name, options), creds);
	return result;
}

describe('User › Get Many', () => {
	it.each<CredentialKind>(['jwt', 'token'])('lists the admin users, simplified (%s)', async (credential) => {
		const result = await run('user-get-many', { credential });
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		expect(json(out)).toEqual(
			w.users.map((u: any) => ({
				userId: u.userId,
				rcUserId: u.rcUserId,
				firstName: u.firstName,
				lastName: u.lastName,
				userName: u.userName,
				engageUserName: u.engageUserName,
				email: u.email,
				envID: u.envID,
			})),
		);
		expect(paired(out)).toEqual(pairedTo(w.users.length, 0));
		expect(apiCalls(sim)).toContain(`GET /voice/api/integration/v1/admin/users/${w.mainAccountId}`);
	});

	it('passes the full schema through without Simplify and stops at the Limit', async () => {
		sim.control.setVariants({ listShape: 'full' });
		const result = await run('user-get-many', {
			credential: 'token',
			parameters: { returnAll: false, limit: 2, simplify: false },
		});
		expect(result.error).toBeUndefined();
		const out = json(result.output('Engage Voice'));
		expect(out).toHaveLength(2);
		expect(out[0]).toMatchObject({ userId: w.users[0].userId, parentPath: w.users[0].parentPath, roles: expect.any(Array) });
	});
});

describe('Agent Group › Get Many', () => {
	it('evaluates the sub-account per input item and pairs each group with its item', async () => {
		const items = [{ subAccountId: w.mainSubAccountId }, { subAccountId: w.partnerSubAccountId }];
		const result = await run('agent-group-get-many', { items });
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const main = groupsOf(w.mainSubAccountId);
		const partner = groupsOf(w.partnerSubAccountId);
		expect(json(out)).toEqual(
			[...main, ...partner].map((g: any) => ({ agentGroupId: g.agentGroupId, groupName: g.groupName })),
		);
		expect(paired(out)).toEqual([...pairedTo(main.length, 0), ...pairedTo(partner.length, 1)]);
	});

	it('keeps the full AgentGroup fields without Simplify (API token)', async () => {
		sim.control.setVariants({ listShape: 'full' });
		const result = await run('agent-group-get-many', {
			credential: 'token',
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { simplify: false },
		});
		const first = groupsOf(w.mainSubAccountId)[0];
		expect(json(result.output('Engage Voice'))[0]).toMatchObject({
			agentGroupId: first.agentGroupId,
			groupName: first.groupName,
			isDefault: first.isDefault,
			account: { accountId: w.mainSubAccountId },
			permissions: expect.arrayContaining(['REPORT']),
		});
	});
});

describe('Agent › Get Many', () => {
	it.each<CredentialKind>(['jwt', 'token'])('reads every group of the sub-account, one request per group (%s)', async (credential) => {
		const result = await run('agent-get-many', { credential, items: [{ subAccountId: w.mainSubAccountId }] });
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const expected = agentsOfSub(w.mainSubAccountId);
		expect(json(out)).toEqual(expected.map(simpleAgent));
		expect(paired(out)).toEqual(pairedTo(expected.length, 0));
		const base = `/voice/api/integration/v1/admin/accounts/${w.mainSubAccountId}/agentGroups`;
		expect(apiCalls(sim).filter((c) => c.includes('/agentGroups'))).toEqual([
			`GET ${base}`,
			...groupsOf(w.mainSubAccountId).map((g: any) => `GET ${base}/${g.agentGroupId}/agents`),
		]);
	});

	it('reads one group picked by ID and applies the filters', async () => {
		const support = groupNamed('Support Team');
		const result = await run('agent-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: {
				agentGroupScope: 'one',
				agentGroup: byId(support.agentGroupId),
				filters: { activeOnly: true, agentTypes: ['AGENT', 'MULTI_SUPERVISOR'] },
			},
		});
		expect(result.error).toBeUndefined();
		const expected = agentsOfGroup(support.agentGroupId).filter(
			(a: any) => a.isActive && ['AGENT', 'MULTI_SUPERVISOR'].includes(a.agentType),
		);
		expect(expected.length).toBeLessThan(agentsOfGroup(support.agentGroupId).length);
		expect(json(result.output('Engage Voice'))).toEqual(expected.map(simpleAgent));
		expect(apiCalls(sim).filter((c) => c.includes('/agentGroups'))).toHaveLength(1);
	});

	it('reads several groups given per item as an array or as text', async () => {
		const [g1, g2, g3] = groupsOf(w.mainSubAccountId);
		const items = [
			{ subAccountId: w.mainSubAccountId, groups: [g1.agentGroupId, g3.agentGroupId] },
			{ subAccountId: w.mainSubAccountId, groups: `${g2.agentGroupId}, ${g2.agentGroupId}` },
		];
		const result = await run('agent-get-many', {
			items,
			parameters: { agentGroupScope: 'several', agentGroupIds: '={{ $json.groups }}' },
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const first = [...agentsOfGroup(g1.agentGroupId), ...agentsOfGroup(g3.agentGroupId)];
		const second = agentsOfGroup(g2.agentGroupId);
		expect(json(out)).toEqual([...first, ...second].map(simpleAgent));
		expect(paired(out)).toEqual([...pairedTo(first.length, 0), ...pairedTo(second.length, 1)]);
		// the duplicate id of the second item is read once
		expect(apiCalls(sim).filter((c) => c.endsWith(`/${g2.agentGroupId}/agents`))).toHaveLength(1);
	});

	it.each(['where', 'both'])('gives the same supervisor and supervisee IDs for the "%s" supervision form', async (variant) => {
		const items = [{ subAccountId: w.mainSubAccountId }];
		const ids = await run('agent-get-many', { items });
		sim.control.setVariants({ supervision: variant });
		const other = await run('agent-get-many', { items, parameters: { simplify: false } });
		expect(other.error).toBeUndefined();
		const pickIds = (rows: IDataObject[]) =>
			rows.map((r) => ({ agentId: r.agentId, supervisorAgentIds: r.supervisorAgentIds, superviseeAgentIds: r.superviseeAgentIds }));
		const otherRows = json(other.output('Engage Voice'));
		expect(otherRows[0]).toHaveProperty('whereSupervisee');
		expect(pickIds(otherRows)).toEqual(pickIds(json(ids.output('Engage Voice'))));
		expect(pickIds(otherRows)).toEqual(pickIds(agentsOfSub(w.mainSubAccountId)));
		expect(otherRows.some((r) => (r.superviseeAgentIds as number[]).length > 1)).toBe(true);
	});

	it('resolves supervisor names within the agents it read', async () => {
		const sales = groupNamed('Sales Team');
		const names = new Map(w.agents.map((a: any) => [a.agentId, fullName(a)]));
		const salesIds = new Set(agentsOfGroup(sales.agentGroupId).map((a: any) => a.agentId));
		const oneGroup = await run('agent-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { agentGroupScope: 'one', agentGroup: byId(sales.agentGroupId), options: { resolveSupervisorNames: true } },
		});
		const allGroups = await run('agent-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { options: { resolveSupervisorNames: true } },
		});
		for (const row of json(oneGroup.output('Engage Voice'))) {
			const ids = row.supervisorAgentIds as number[];
			// supervisors outside the Sales group (the multi-supervisor of Support) are not in this request set
			expect(row.supervisorNames).toEqual(ids.map((id) => (salesIds.has(id) ? names.get(id) : null)));
		}
		expect(json(oneGroup.output('Engage Voice')).some((r) => (r.supervisorNames as unknown[]).includes(null))).toBe(true);
		for (const row of json(allGroups.output('Engage Voice'))) {
			expect(row.supervisorNames).toEqual((row.supervisorAgentIds as number[]).map((id) => names.get(id)));
			expect(row.superviseeNames).toEqual((row.superviseeAgentIds as number[]).map((id) => names.get(id)));
		}
	});

	it('stops reading groups once the Limit is reached', async () => {
		const [g1] = groupsOf(w.mainSubAccountId);
		const result = await run('agent-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { returnAll: false, limit: 3 },
		});
		expect(json(result.output('Engage Voice'))).toEqual(agentsOfGroup(g1.agentGroupId).slice(0, 3).map(simpleAgent));
		expect(apiCalls(sim).filter((c) => c.endsWith('/agents'))).toHaveLength(1);
	});
});

describe('Agent › Get by RingCentral User ID', () => {
	it('maps RingCentral user IDs to agents per item, reading the sub-account once', async () => {
		const sales = agentsOfGroup(groupNamed('Sales Team').agentGroupId);
		const support = agentsOfGroup(groupNamed('Support Team').agentGroupId);
		const known = new Set(w.agents.map((a: any) => a.rcUserId));
		let unknown = Number(w.agents[0].rcUserId) + 1;
		while (known.has(unknown)) unknown++;
		const items = [
			{ subAccountId: w.mainSubAccountId, rcUserId: sales[2].rcUserId },
			{ subAccountId: w.mainSubAccountId, rcUserId: String(support[4].rcUserId) },
			{ subAccountId: w.mainSubAccountId, rcUserId: unknown },
		];
		const result = await run('agent-get-by-rc-user-id', {
			items,
			credential: 'token',
			parameters: { options: { failIfNotFound: false, resolveSupervisorNames: true } },
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const names = new Map(w.agents.map((a: any) => [a.agentId, fullName(a)]));
		const withNames = (a: any) => ({
			...simpleAgent(a),
			supervisorNames: a.supervisorAgentIds.map((id: number) => names.get(id)),
			superviseeNames: a.superviseeAgentIds.map((id: number) => names.get(id)),
			found: true,
		});
		expect(json(out)).toEqual([
			withNames(sales[2]),
			withNames(support[4]),
			{ found: false, rcUserId: unknown, subAccountId: w.mainSubAccountId },
		]);
		expect(paired(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiCalls(sim).filter((c) => c.includes('/agentGroups'))).toHaveLength(1 + groupsOf(w.mainSubAccountId).length);
	});

	it('fails with a clear message when the user is not an agent, or routes it to the error output', async () => {
		const items = [
			{ subAccountId: w.mainSubAccountId, rcUserId: w.ownerRcUserId },
			{ subAccountId: w.partnerSubAccountId, rcUserId: w.ownerRcUserId },
		];
		const failing = await run('agent-get-by-rc-user-id', { items });
		expect(failing.error?.message).toBe(
			`No agent has RingCentral user ID ${w.ownerRcUserId} in sub-account ${w.partnerSubAccountId}`,
		);
		const routed = await run('agent-get-by-rc-user-id', { items, onError: 'continueErrorOutput' });
		expect(routed.error).toBeUndefined();
		expect(json(routed.output('Engage Voice', 0))).toEqual([
			expect.objectContaining({ agentId: w.ownerAgentId, found: true }),
		]);
		expect(paired(routed.output('Engage Voice', 0))).toEqual([{ item: 0 }]);
		const errors = routed.output('Engage Voice', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toBe(failing.error?.message);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('Queue Group › Get Many', () => {
	it('lists RingCX queue groups by default (JWT)', async () => {
		const result = await run('queue-group-get-many', { items: [{ subAccountId: w.mainSubAccountId }] });
		expect(result.error).toBeUndefined();
		const expected = queueGroupsOf(w.mainSubAccountId);
		expect(json(result.output('Engage Voice'))).toEqual(
			expected.map((q: any) => ({ queueGroupId: q.queueGroupId, groupName: q.groupName, queueGroupType: q.queueGroupType })),
		);
		expect(paired(result.output('Engage Voice'))).toEqual(pairedTo(expected.length, 0));
		expect(apiCalls(sim)).toContain(
			`GET /voice/api/cx/integration/v1/accounts/${w.rcAccountId}/sub-accounts/${w.mainSubAccountId}/queue-groups`,
		);
	});

	it('lists classic gate groups in the same shape (API token)', async () => {
		const result = await run('queue-group-get-many', {
			credential: 'token',
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { apiFamily: 'classic' },
		});
		expect(result.error).toBeUndefined();
		const voice = queueGroupsOf(w.mainSubAccountId).filter((q: any) => q.queueGroupType === 'VOICE');
		expect(json(result.output('Engage Voice'))).toEqual(
			voice.map((q: any) => ({ queueGroupId: q.queueGroupId, groupName: q.groupName, queueGroupType: 'VOICE' })),
		);
		expect(apiCalls(sim)).toEqual([`GET /voice/api/integration/v1/admin/accounts/${w.mainSubAccountId}/gateGroups`]);

		const raw = await run('queue-group-get-many', {
			credential: 'token',
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { apiFamily: 'classic', simplify: false },
		});
		expect(json(raw.output('Engage Voice'))[0]).toMatchObject({
			queueGroupId: voice[0].queueGroupId,
			queueGroupType: 'VOICE',
			groupSkills: [],
		});
		expect(json(raw.output('Engage Voice'))[0]).not.toHaveProperty('gateGroupId');
	});
});

describe('Queue Group › Get Queues With Agents', () => {
	it('gives the same rows from RingCX (JWT) and classic (API token, with the agentId typo)', async () => {
		const group = queueGroupsOf(w.mainSubAccountId).find((q: any) => q.queueGroupType === 'VOICE');
		const items = [{ subAccountId: w.mainSubAccountId, queueGroupId: group.queueGroupId }];
		const cx = await run('queue-group-get-queues-with-agents', { items });
		sim.control.setVariants({ withAgentsTypo: true });
		const classic = await run('queue-group-get-queues-with-agents', {
			items,
			credential: 'token',
			parameters: { apiFamily: 'classic' },
		});
		expect(cx.error).toBeUndefined();
		expect(classic.error).toBeUndefined();
		const expected = queuesOf(group.queueGroupId).map((q: any) => sorted(queueRow(q)));
		expect(json(cx.output('Engage Voice')).map(sorted)).toEqual(expected);
		expect(json(classic.output('Engage Voice')).map(sorted)).toEqual(expected);
		expect(paired(classic.output('Engage Voice'))).toEqual(pairedTo(expected.length, 0));
		expect(apiCalls(sim)).toContain(
			`GET /voice/api/integration/v1/admin/accounts/${w.mainSubAccountId}/gateGroups/${group.queueGroupId}/withAgents`,
		);
	});

	it('reads all groups and gives one item per queue and agent', async () => {
		const result = await run('queue-group-get-queues-with-agents', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { queueGroupScope: 'all', options: { splitByAgent: true } },
		});
		expect(result.error).toBeUndefined();
		const expected = queueGroupsOf(w.mainSubAccountId).flatMap((g: any) =>
			queuesOf(g.queueGroupId).flatMap((q: any) => {
				const { agentIds, ...rest } = queueRow(q);
				const ids = agentIds as number[];
				return (ids.length ? ids : [null]).map((agentId) => sorted({ ...rest, agentId }));
			}),
		);
		const out = result.output('Engage Voice');
		expect(json(out).map(sorted)).toEqual(expected);
		expect(paired(out)).toEqual(pairedTo(expected.length, 0));
		expect(apiCalls(sim).filter((c) => c.endsWith('/with-agents'))).toHaveLength(queueGroupsOf(w.mainSubAccountId).length);
	});

	it('warns in the output pane and on each item when a group returns the 2000-record cap', async () => {
		const result = await run('queue-group-get-queues-with-agents', {
			items: [{ subAccountId: w.mainSubAccountId, queueGroupId: w.bigQueueGroupId }],
		});
		expect(result.error).toBeUndefined();
		const out = json(result.output('Engage Voice'));
		expect(out).toHaveLength(2000);
		expect(out.every((row) => row.possiblyTruncated === true)).toBe(true);
		const task = result.run.data.resultData.runData['Engage Voice'][0];
		expect(task.hints).toEqual([
			{
				message: `Queue group ${w.bigQueueGroupId} returned 2000 queues, the most this API returns in one response: some queues may be missing`,
				location: 'outputPane',
			},
		]);

		const normal = await run('queue-group-get-queues-with-agents', {
			items: [{ subAccountId: w.mainSubAccountId, queueGroupId: queueGroupsOf(w.mainSubAccountId)[0].queueGroupId }],
		});
		expect(json(normal.output('Engage Voice')).some((row) => 'possiblyTruncated' in row)).toBe(false);
		expect(normal.run.data.resultData.runData['Engage Voice'][0].hints ?? []).toEqual([]);
	});
});

describe('resource locator lists', () => {
	async function search(
		method: typeof searchAgentGroups,
		parameters: IDataObject,
		filter?: string,
	) {
		const fixture = loadFixture('queue-group-get-queues-with-agents', { parameters });
		const workflow = buildWorkflow(fixture);
		const node = workflow.getNode('Engage Voice')!;
		const additionalData = {
			credentialsHelper: creds,
			currentNodeParameters: node.parameters,
			variables: {},
			restApiUrl: '',
			webhookBaseUrl: '',
			webhookWaitingBaseUrl: '',
			webhookTestBaseUrl: '',
			formWaitingBaseUrl: '',
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.queueGroup');
		return await method.call(context, filter);
	}

	it('lists the agent groups of the chosen sub-account, filtered by the search text', async () => {
		const result = await search(searchAgentGroups, { subAccount: { __rl: true, mode: 'list', value: w.mainSubAccountId } }, 'team');
		expect(result.results).toEqual(
			groupsOf(w.mainSubAccountId)
				.filter((g: any) => g.groupName.toLowerCase().includes('team'))
				.map((g: any) => ({ name: `${g.groupName} (${g.agentGroupId})`, value: String(g.agentGroupId) })),
		);
	});

	it.each(['cx', 'classic'])('lists the queue groups of the chosen sub-account and API family (%s)', async (apiFamily) => {
		const result = await search(searchQueueGroups, {
			subAccount: { __rl: true, mode: 'id', value: w.partnerSubAccountId },
			apiFamily,
		});
		const groups = queueGroupsOf(w.partnerSubAccountId).filter((q: any) => apiFamily === 'cx' || q.queueGroupType === 'VOICE');
		expect(result.results.map((r) => r.value)).toEqual(groups.map((g: any) => String(g.queueGroupId)));
		expect(apiCalls(sim).some((c) => c.includes(apiFamily === 'cx' ? '/queue-groups' : '/gateGroups'))).toBe(true);
	});

	it('asks for a sub-account first', async () => {
		await expect(search(searchAgentGroups, { subAccount: { __rl: true, mode: 'list', value: '' } })).rejects.toThrow(
			'Choose a sub-account first',
		);
	});
});
