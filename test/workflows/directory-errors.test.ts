/*
 * Directory operations when things go wrong: API errors with the message a user sees, token expiry
 * in the middle of a fan-out, parameters rejected before any request, continueOnFail and the
 * error output.
 */
import type { IncomingMessage, Server } from 'http';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/harness';
import { runWorkflow } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';
import { apiCalls, tokenCredential } from '../helpers/simulator';
import type { CredentialKind, FixtureOptions } from '../helpers/workflowFixtures';
import { byId, loadFixture } from '../helpers/workflowFixtures';

let sim: Simulator;
let creds: TestCredentialsHelper;
let w: any;

useSimulator({ seed: 8 }, (s) => ({ sim, creds, world: w } = s));

/** The simulator's HTTP server (not part of the typed helper). */
const server = () => (sim as unknown as { server: Server }).server;
const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const groupsOf = (subAccountId: string) => w.agentGroups.filter((g: any) => g.subAccountId === subAccountId);
const agentsOfSub = (subAccountId: string) => w.agents.filter((a: any) => a.subAccountId === subAccountId);
/** Retries without waiting, so a fault that persists fails fast. */
const quickRetries = (maxRetries: number) => ({ maxRetries, retryBackoffSeconds: 0 });

async function run(name: string, options: FixtureOptions = {}) {
	return await runWorkflow(loadFixture(name, options), creds);
}

describe('API errors, with the message a user sees', () => {
	it('403: a sub-account without WEM access', async () => {
		const result = await run('agent-group-get-many', { items: [{ subAccountId: w.noWemSubAccountId }] });
		expect(result.error?.message).toBe(
			'No permission for this Engage Voice resource: You do not have permission to access this resource',
		);
		expect(result.error?.description).toMatch(/WFO_ACCESS role .* WEM Access/);
		expect(result.error?.httpCode).toBe('403');
	});

	it('404: an unknown sub-account', async () => {
		const known = new Set(w.subAccounts.map((s: any) => s.subAccountId));
		let unknown = Number(w.mainAccountId) + 50;
		while (known.has(String(unknown))) unknown++;
		const result = await run('agent-get-many', { credential: 'token', items: [{ subAccountId: unknown }] });
		expect(result.error?.message).toBe(
			`Engage Voice could not find /integration/v1/admin/accounts/${unknown}/agentGroups: The resource you have requested does not exist`,
		);
		expect(result.error?.httpCode).toBe('404');
	});

	it('500 with an HTML page, after the allowed retries', async () => {
		sim.control.injectFaults({ kind: '500', count: 5, match: '/queue-groups' });
		const result = await run('queue-group-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { options: quickRetries(1) },
		});
		expect(result.error?.message).toBe('Engage Voice had a server error (HTTP 500) after 2 attempts');
		expect(result.error?.description).toBe(
			'The service answered an HTML page: "500 Internal Server Error". This is usually temporary: run the node again later.',
		);
		expect(apiCalls(sim).filter((c) => c.endsWith('/queue-groups'))).toHaveLength(2);
	});

	it('a 500 that clears up within the retries is not an error', async () => {
		sim.control.injectFaults({ kind: '503', count: 1, match: '/with-agents' });
		const group = w.queueGroups.find((q: any) => q.subAccountId === w.mainSubAccountId);
		const result = await run('queue-group-get-queues-with-agents', {
			items: [{ subAccountId: w.mainSubAccountId, queueGroupId: group.queueGroupId }],
			parameters: { options: quickRetries(2) },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice').length).toBeGreaterThan(0);
	});

	it('invalid JSON in the middle of a fan-out names the group', async () => {
		const second = groupsOf(w.mainSubAccountId)[1];
		sim.control.injectFaults({ kind: 'invalidJson', count: 5, match: `agentGroups/${second.agentGroupId}/agents` });
		const result = await run('agent-get-many', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { options: quickRetries(0) },
		});
		expect(result.error?.message).toBe(
			`Engage Voice sent a response that is not valid JSON (agent group ${second.agentGroupId})`,
		);
		expect(result.error?.description).toMatch(/^The answer to GET .* was cut off or malformed/);
	});
});

describe('token expiry in the middle of a multi-group fan-out', () => {
	it('signs in again once and completes the run when the clock passes the token life', async () => {
		const groups = groupsOf(w.mainSubAccountId);
		const third = `/agentGroups/${groups[2].agentGroupId}/agents`;
		// Between the second and the third group request, six minutes pass on the simulator's
		// clock: the 5-minute RingCX token of the first sign-in expires for real.
		const moveClock = (req: IncomingMessage) => {
			if (req.url?.endsWith(third)) {
				server().off('request', moveClock);
				sim.control.advanceClock(6 * 60_000);
			}
		};
		server().prependListener('request', moveClock);
		try {
			const result = await run('agent-get-many', { items: [{ subAccountId: w.mainSubAccountId }] });
			expect(result.error).toBeUndefined();
			expect(json(result.output('Engage Voice')).map((a) => a.agentId)).toEqual(
				agentsOfSub(w.mainSubAccountId).map((a: any) => a.agentId),
			);
		} finally {
			server().off('request', moveClock);
		}
		expect(creds.signIns.get('jwt')).toBe(2);
		const log = sim.control.requestLog();
		const thirdRequests = log.filter((e) => e.path.endsWith(third));
		expect(thirdRequests.map((e) => e.status)).toEqual([401, 200]);
		expect(log.filter((e) => e.path === '/api/auth/token/refresh').map((e) => e.status)).toEqual([200]);
		// the other groups were each read once
		for (const g of groups) {
			expect(log.filter((e) => e.path.endsWith(`/agentGroups/${g.agentGroupId}/agents`)).length).toBe(
				g === groups[2] ? 2 : 1,
			);
		}
	});

	it('re-signs in once on a 401 "expired" answer to a RingCX (CX) fan-out request', async () => {
		const groups = w.queueGroups.filter((q: any) => q.subAccountId === w.mainSubAccountId);
		sim.control.injectFaults({ kind: 'expire', count: 1, match: `/queue-groups/${groups[1].queueGroupId}/with-agents` });
		const result = await run('queue-group-get-queues-with-agents', {
			items: [{ subAccountId: w.mainSubAccountId }],
			parameters: { queueGroupScope: 'all' },
		});
		expect(result.error).toBeUndefined();
		expect(new Set(json(result.output('Engage Voice')).map((q) => q.queueGroupId))).toEqual(
			new Set(groups.map((g: any) => g.queueGroupId)),
		);
		expect(creds.signIns.get('jwt')).toBe(2);
	});
});

describe('invalid parameters fail before any request', () => {
	// Values come from the input item through expressions, as in a real workflow: a literal
	// non-numeric ID in "By ID" mode is already stopped by n8n's own parameter validation.
	const cases: Array<[string, string, IDataObject, IDataObject["value"], string]> = [
		['a sub-account ID with a slash', 'agent-group-get-many', { subAccount: byId('={{ $json.value }}') }, '123/456', '"Sub-Account" must be a numeric ID, got "123/456"'],
		['an empty sub-account', 'agent-get-many', { subAccount: byId('={{ $json.value }}') }, ' ', '"Sub-Account" is empty'],
		['a non-numeric agent group', 'agent-get-many', { agentGroupScope: 'one', agentGroup: byId('={{ $json.value }}') }, 'Sales', '"Agent Group" must be a numeric ID, got "Sales"'],
		['an agent group list with a path in it', 'agent-get-many', { agentGroupScope: 'several', agentGroupIds: '={{ $json.value }}' }, [1009, '../1010'], '"Agent Group IDs" must be a numeric ID, got "../1010"'],
		['an empty agent group list', 'agent-get-many', { agentGroupScope: 'several', agentGroupIds: '={{ $json.value }}' }, ' , ', '"Agent Group IDs" is empty'],
		['an unknown group scope', 'agent-get-many', { agentGroupScope: 'some' }, null, '"Agent Groups" has an unknown value "some"'],
		['an empty RingCentral user ID', 'agent-get-by-rc-user-id', { rcUserId: '={{ $json.value }}' }, '', '"RingCentral User ID" is empty'],
		['a RingCentral user ID with a slash', 'agent-get-by-rc-user-id', { rcUserId: '={{ $json.value }}' }, '12/3', '"RingCentral User ID" must be a numeric ID, got "12/3"'],
		['an unknown API family', 'queue-group-get-many', { apiFamily: 'soap' }, null, '"API Family" has an unknown value "soap"'],
		['a non-numeric RingCentral account ID option', 'queue-group-get-many', { options: { rcAccountId: '={{ $json.value }}' } }, 'acme', '"RingCentral Account ID" must be a numeric ID, got "acme"'],
		['a queue group with a query string', 'queue-group-get-queues-with-agents', { queueGroup: byId('={{ $json.value }}') }, '1?x=1', '"Queue Group" must be a numeric ID, got "1?x=1"'],
		['a non-numeric main account ID option', 'user-get-many', { options: { mainAccountId: '={{ $json.value }}' } }, 'main', '"Main Account ID" must be a numeric ID, got "main"'],
	];

	it.each(cases)('%s', async (_label, fixture, parameters, value, message) => {
		const items = [
			{ subAccountId: w.mainSubAccountId, rcUserId: w.ownerRcUserId, queueGroupId: w.queueGroups[0].queueGroupId, value },
		];
		const result = await run(fixture, { items, parameters });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		// not even a sign-in: the JWT credential has not been used yet
		expect(sim.control.requestLog()).toEqual([]);
	});

	it('a RingCX (CX) call without a RingCentral account ID (API token credential)', async () => {
		const credential: CredentialKind = 'token';
		creds.set('token', tokenCredential(sim, { rcAccountId: '' }));
		const items = [{ subAccountId: w.mainSubAccountId, queueGroupId: w.queueGroups[0].queueGroupId }];
		for (const fixture of ['queue-group-get-many', 'queue-group-get-queues-with-agents']) {
			const result = await run(fixture, { credential, items });
			expect(result.error?.message).toBe('RingCX (CX) API calls need the RingCentral account ID');
			expect(result.error?.description).toMatch(/"RingCentral Account ID" in the credential or in the node options/);
		}
		expect(sim.control.requestLog()).toEqual([]);
		// the option fills the gap
		const fixed = await run('queue-group-get-many', {
			credential,
			items,
			parameters: { options: { rcAccountId: String(w.rcAccountId) } },
		});
		expect(fixed.error).toBeUndefined();
		expect(fixed.output('Engage Voice').length).toBeGreaterThan(0);
	});

	it('RingCX (CX) on a legacy portal host, while Classic works there', async () => {
		creds.set('token', tokenCredential(sim, { host: 'customLegacy', customHost: `${sim.url}/api` }));
		const items = [{ subAccountId: w.mainSubAccountId }];
		const cx = await run('queue-group-get-many', { credential: 'token', items });
		expect(cx.error?.message).toBe('"API Family" RingCX (CX) is not served by legacy portal hosts');
		expect(sim.control.requestLog()).toEqual([]);
		const classic = await run('queue-group-get-many', { credential: 'token', items, parameters: { apiFamily: 'classic' } });
		expect(classic.error).toBeUndefined();
		expect(sim.control.requestLog().map((e) => e.path)).toEqual([
			`/api/integration/v1/admin/accounts/${w.mainSubAccountId}/gateGroups`,
		]);
	});
});

describe('continueOnFail and the error output', () => {
	const items = () => [
		{ subAccountId: w.mainSubAccountId },
		{ subAccountId: '12/34' },
		{ subAccountId: w.noWemSubAccountId },
		{ subAccountId: w.partnerSubAccountId },
	];

	it('"Continue" keeps going and puts each failure on the regular output, paired with its item', async () => {
		const result = await run('agent-group-get-many', { items: items(), onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		const main = groupsOf(w.mainSubAccountId).length;
		const partner = groupsOf(w.partnerSubAccountId).length;
		expect(out).toHaveLength(main + 2 + partner);
		expect(out[main]).toMatchObject({
			json: { error: '"Sub-Account" must be a numeric ID, got "12/34"' },
			pairedItem: { item: 1 },
		});
		expect(out[main + 1]).toMatchObject({
			json: { error: 'No permission for this Engage Voice resource: You do not have permission to access this resource' },
			pairedItem: { item: 2 },
		});
		expect(out.slice(main + 2).map((i) => i.pairedItem)).toEqual(Array.from({ length: partner }, () => ({ item: 3 })));
		// the invalid id never reached the API
		expect(apiCalls(sim).some((c) => c.includes('12'))).toBe(false);
	});

	it('"Continue (using error output)" routes failures to the second output', async () => {
		const result = await run('agent-group-get-many', { items: items(), onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		const ok = result.output('Engage Voice', 0);
		const failed = result.output('Engage Voice', 1);
		expect(ok.every((i) => !('error' in i.json))).toBe(true);
		expect(new Set(ok.map((i) => (i.pairedItem as { item: number }).item))).toEqual(new Set([0, 3]));
		expect(failed.map((i) => [i.json.error, i.pairedItem])).toEqual([
			['"Sub-Account" must be a numeric ID, got "12/34"', { item: 1 }],
			['No permission for this Engage Voice resource: You do not have permission to access this resource', { item: 2 }],
		]);
		expect(failed[1].error?.description).toMatch(/WEM Access/);
		expect(failed[1].error?.context.itemIndex).toBe(2);
	});
});
