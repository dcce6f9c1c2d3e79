/*
 * Engage Voice Events Trigger, Agent State Changed: the subscription's life (API doc §6.1–§6.4,
 * decision 14) through n8n-core's HookContext against the simulator, with the node's webhook behind
 * a real HTTP endpoint so that RingCX's validation handshake really reaches it.
 */
import type { IDataObject } from 'n8n-workflow';

import { EventsRig, EVENTS_TRIGGER_NAME, sendRequest } from '../helpers/eventsTrigger';
import type { TestCredentialsHelper } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, loginCredential } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

const START = Date.parse('2026-03-03T15:00:00Z'); // a Tuesday, 10:00 US/Eastern: agents at work
const JWT = { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } };
const TOKEN = { engageVoiceTokenApi: { id: 'token', name: 'token' } };
const NODE_ID = 'b6c0a1f2-7e1d-4c3b-9a8e-000000000001';
const NAME = `n8n workflow wfEvents0001 node ${NODE_ID}`;

let sim: Simulator;
let creds: TestCredentialsHelper;
let rig: EventsRig;
let sub: string;

function parameters(extra: IDataObject = {}): IDataObject {
	return {
		authentication: 'ringCentralJwt',
		event: 'agentStateChanged',
		subAccount: { __rl: true, mode: 'id', value: sub },
		...extra,
	};
}

async function newRig(extra: IDataObject = {}, nodeCredentials: IDataObject = JWT, workflowId?: string) {
	const r = new EventsRig(creds, parameters(extra), nodeCredentials as never, workflowId);
	return await r.start();
}

/** Subscriptions the simulator holds now (not deleted). */
function live(): IDataObject[] {
	return (sim.control.subscriptions() as IDataObject[]).filter((s) => !s.deleted);
}

/** The subscription API with the simulator's API token, from outside the node (as an admin would). */
async function api(method: string, path: string, body?: unknown) {
	const base = `${sim.url}/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${sub}/agent-states/subscriptions`;
	const res = await fetch(`${base}${path}`, {
		method,
		headers: { 'X-Auth-Token': sim.secrets.apiToken, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as IDataObject) : undefined };
}

/** Subscription requests as "METHOD status"; a 401 (expired token, n8n signs in again and repeats) left out. */
function subscriptionCalls(): string[] {
	return sim.control
		.requestLog()
		.filter((e) => e.path.includes('/agent-states/subscriptions') && e.status !== 401)
		.map((e) => `${e.method} ${e.status}`);
}

useSimulator({ seed: 11, simulator: { startTime: START, autoDeliver: false } }, (s) => {
	({ sim, creds } = s);
	sub = String(s.mainSub);
});
afterEach(async () => await rig?.close());

describe('activation', () => {
	test('creates one subscription: its name, the production URL, a random secret header, retries, no expiry; RingCX validated the URL against the node', async () => {
		rig = await newRig();
		expect(await rig.activate()).toBe(true);

		const subs = live();
		expect(subs).toHaveLength(1);
		const s = subs[0];
		const state = rig.nodeState();
		expect(s).toMatchObject({
			subscriptionName: NAME,
			notificationUrl: rig.productionUrl(),
			maxRetryCount: 3,
			active: true,
			expiresAt: 0,
			authConfigId: null,
			subAccountId: sub,
		});
		expect(String(s.description)).toContain(EVENTS_TRIGGER_NAME);
		expect(state.subscriptionId).toBe(s.subscriptionId);
		expect(state.secret).toMatch(/^[0-9a-f]{64}$/);
		expect((s.customHeaders as IDataObject)['X-Engage-Voice-Secret']).toBe(state.secret);

		// the handshake reached the node's webhook and was answered by it
		const [validation] = sim.control.validations();
		expect(validation).toMatchObject({ purpose: 'create', url: rig.productionUrl(), status: 200, echoed: true, ok: true, bodyBytes: 0 });
		expect(validation.bytes).toBeLessThanOrEqual(1024);
		expect(rig.deliveries).toHaveLength(1);
		expect(rig.deliveries[0].items).toBeUndefined();
	});

	test('a second activation (n8n restarting) finds the subscription by id and URL and creates nothing', async () => {
		rig = await newRig();
		await rig.activate();
		const before = rig.nodeState();
		sim.control.clearLog();

		expect(await rig.activate()).toBe(false);
		expect(subscriptionCalls()).toEqual(['GET 200']);
		expect(live()).toHaveLength(1);
		expect(rig.nodeState().secret).toBe(before.secret);
		expect(rig.nodeState().subscriptionId).toBe(before.subscriptionId);
	});

	test.each([
		['API token', 'apiToken', TOKEN],
		['Engage login (with the RingCentral account ID)', 'engageLogin', { engageVoiceLoginApi: { id: 'login', name: 'login' } }],
	])('the %s credential serves the subscription too', async (_label, authentication, nodeCredentials) => {
		rig = await newRig({ authentication }, nodeCredentials);
		await rig.activate();
		expect(live()).toHaveLength(1);
		await rig.deactivate();
		expect(live()).toHaveLength(0);
	});

	test.each([
		['inactive', { active: false }],
		['pointing elsewhere', { notificationUrl: 'https://elsewhere.example.com/hook' }],
		['without our secret', { customHeaders: { 'X-Engage-Voice-Secret': 'x'.repeat(64) } }],
		['with other retries', { retryCount: 7 }],
	])('a subscription found %s counts as missing and is put right by PUT, keeping its id', async (_label, change) => {
		rig = await newRig();
		await rig.activate();
		const [s] = live();
		const edited = await api('PUT', `/${String(s.subscriptionId)}`, {
			subscriptionName: s.subscriptionName,
			notificationUrl: s.notificationUrl,
			retryCount: 3,
			active: true,
			customHeaders: s.customHeaders,
			...change,
		});
		expect(edited.status).toBe(200);
		sim.control.clearLog();

		expect(await rig.activate()).toBe(true);
		expect(subscriptionCalls()).toEqual(['GET 200', 'GET 200', 'PUT 200']);
		const after = live();
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({
			subscriptionId: s.subscriptionId,
			active: true,
			notificationUrl: rig.productionUrl(),
			maxRetryCount: 3,
			customHeaders: { 'X-Engage-Voice-Secret': rig.nodeState().secret },
		});
	});

	test('a subscription of its name that the node did not know (static data lost) is taken over by PUT, not duplicated', async () => {
		rig = await newRig();
		const holder = await api('POST', '', {
			subscriptionName: NAME,
			notificationUrl: rig.productionUrl(),
			customHeaders: { 'X-Engage-Voice-Secret': 'an older secret' },
		});
		expect(holder.status).toBe(200);
		sim.control.clearLog();

		await rig.activate();
		expect(subscriptionCalls()).toEqual(['GET 200', 'PUT 200']);
		expect(live()).toHaveLength(1);
		expect(live()[0]).toMatchObject({
			subscriptionId: holder.body!.subscriptionId,
			customHeaders: { 'X-Engage-Voice-Secret': rig.nodeState().secret },
		});
		expect(rig.nodeState().subscriptionId).toBe(holder.body!.subscriptionId);
	});

	test('two activations at once: the second POST gets 409, the node PUTs the holder instead; one subscription, no error', async () => {
		rig = await newRig();
		const twin = await newRig();
		await Promise.all([rig.activate(), twin.activate()]);
		await twin.close();

		expect(subscriptionCalls()).toContain('POST 409');
		const subs = live();
		expect(subs).toHaveLength(1);
		expect(subs[0].subscriptionName).toBe(NAME);
	});

	test('extra subscriptions of its name (left over) are deleted, one is kept', async () => {
		rig = await newRig();
		await rig.activate();
		const [s] = live();
		// an inactive copy of the same name (inactive ones may share a name)
		const copy = await api('POST', '', { subscriptionName: NAME, notificationUrl: rig.productionUrl(), active: false });
		expect(copy.status).toBe(200);
		expect(live()).toHaveLength(2);

		expect(await rig.activate()).toBe(true);
		expect(live().map((x) => x.subscriptionId)).toEqual([s.subscriptionId]);
	});

	test('"Listen for test event" gets its own subscription on the test URL, next to the production one', async () => {
		rig = await newRig();
		await rig.activate();
		await rig.activate('manual');
		const subs = live();
		expect(subs.map((s) => [s.subscriptionName, s.notificationUrl])).toEqual([
			[NAME, rig.productionUrl()],
			[`${NAME} (test)`, rig.testUrl()],
		]);
		await rig.deactivate('manual');
		expect(live().map((s) => s.subscriptionName)).toEqual([NAME]);
	});
});

describe('deactivation', () => {
	test('deletes the subscription and forgets it and its secret', async () => {
		rig = await newRig();
		await rig.activate();
		const [s] = live();
		await rig.deactivate();
		expect(live()).toHaveLength(0);
		expect((sim.control.subscriptions() as IDataObject[]).find((x) => x.subscriptionId === s.subscriptionId)?.deleted).toBe(true);
		expect(rig.nodeState()).toEqual({});
	});

	test('a subscription deleted already (404) is fine', async () => {
		rig = await newRig();
		await rig.activate();
		const [s] = live();
		expect((await api('DELETE', `/${String(s.subscriptionId)}`)).status).toBe(200);
		sim.control.clearLog();
		await rig.deactivate();
		expect(subscriptionCalls()).toEqual(['DELETE 404', 'GET 200']);
		expect(rig.nodeState()).toEqual({});
	});

	test('a new activation afterwards makes a new secret', async () => {
		rig = await newRig();
		await rig.activate();
		const first = rig.nodeState().secret;
		await rig.deactivate();
		await rig.activate();
		expect(rig.nodeState().secret).toMatch(/^[0-9a-f]{64}$/);
		expect(rig.nodeState().secret).not.toBe(first);
		expect(live()).toHaveLength(1);
	});
});

describe('expiry', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] }));
	afterEach(() => jest.useRealTimers());

	function at(ms: number) {
		jest.setSystemTime(ms);
		sim.control.setClock(ms);
	}

	test('with Expire After, the subscription gets expiresAt; past half its life an activation renews it by PUT', async () => {
		at(START);
		rig = await newRig({ options: { expiresAfterHours: 2 } });
		await rig.activate();
		const [s] = live();
		expect(s.expiresAt).toBe(START / 1000 + 7200);

		at(START + 50 * 60_000); // more than half left: nothing to do
		expect(await rig.activate()).toBe(false);

		at(START + 70 * 60_000);
		sim.control.clearLog();
		expect(await rig.activate()).toBe(true);
		expect(subscriptionCalls()).toEqual(['GET 200', 'GET 200', 'PUT 200']);
		const [renewed] = live();
		expect(renewed.subscriptionId).toBe(s.subscriptionId);
		expect(renewed.expiresAt).toBe((START + 70 * 60_000) / 1000 + 7200);
		expect(rig.nodeState().expiresAt).toBe(renewed.expiresAt);
	});

	test('a notification in the second half of its life renews it (PUT) after answering', async () => {
		at(START);
		rig = await newRig({ options: { expiresAfterHours: 2 } });
		await rig.activate();
		at(START + 70 * 60_000);
		sim.control.clearLog();
		await sim.control.deliverDue();

		const delivered = rig.executions();
		expect(delivered.length).toBeGreaterThan(1);
		// n8n saves static data after the webhook returns, and RingCX sends the next notification
		// once it has our 200: the few that arrive while the first PUT runs renew once more each
		const puts = subscriptionCalls().filter((c) => c.startsWith('PUT'));
		expect(puts.length).toBeGreaterThanOrEqual(1);
		expect(puts.length).toBeLessThan(delivered.length);
		expect(live()[0].expiresAt).toBe((START + 70 * 60_000) / 1000 + 7200);
		expect(rig.nodeState().expiresAt).toBe(live()[0].expiresAt);

		// renewed: later notifications do not PUT again
		sim.control.clearLog();
		sim.control.advanceClock(10 * 60_000);
		await sim.control.deliverDue();
		expect(rig.executions().length).toBeGreaterThan(delivered.length);
		expect(subscriptionCalls()).toEqual([]);
	});

	test('an expired (deactivated) subscription is replaced at the next activation', async () => {
		at(START);
		rig = await newRig({ options: { expiresAfterHours: 1 } });
		await rig.activate();
		at(START + 2 * 60 * 60_000);
		expect(live()[0].active).toBe(false);
		expect(await rig.activate()).toBe(true);
		expect(live()).toHaveLength(1);
		expect(live()[0]).toMatchObject({ active: true, expiresAt: (START + 2 * 60 * 60_000) / 1000 + 3600 });
	});
});

describe('errors at activation say what to fix', () => {
	test('RingCX cannot validate the URL (SUB-525): the message names the requirements', async () => {
		sim.control.setLimits({ validationMaxBytes: 60 });
		rig = await newRig();
		await expect(rig.activate()).rejects.toMatchObject({
			message: 'RingCX could not validate the webhook URL (SUB-525)',
			description: expect.stringContaining('at most 1024 bytes'),
		});
		expect(live()).toHaveLength(0);
	});

	test('an account without WEM / WFO_ACCESS: the role is named', async () => {
		creds.set('jwt', jwtCredential(sim, { jwt: sim.secrets.jwtNoWem }));
		rig = await newRig();
		await expect(rig.activate()).rejects.toMatchObject({ message: expect.stringContaining('WFO_ACCESS') });
		expect(live()).toHaveLength(0);
	});

	test('a login credential without the RingCentral account ID: refused before any subscription call', async () => {
		creds.set('login', loginCredential(sim, { rcAccountId: '' }));
		rig = await newRig({ authentication: 'engageLogin' }, { engageVoiceLoginApi: { id: 'login', name: 'login' } });
		await expect(rig.activate()).rejects.toMatchObject({ message: 'RingCX (CX) API calls need the RingCentral account ID' });
		expect(subscriptionCalls()).toEqual([]);
	});

	test('bad parameters fail the activation with the parameter named', async () => {
		rig = await newRig({ options: { retryCount: 11 } });
		await expect(rig.activate()).rejects.toMatchObject({ message: expect.stringContaining('"Delivery Retries" must be a whole number from 0 to 10') });
		await rig.close();
		rig = await newRig({ filters: { agentIds: '12, abc' } });
		await expect(rig.activate()).rejects.toMatchObject({ message: expect.stringContaining('"Agent IDs" must be a numeric ID') });
		expect(subscriptionCalls()).toEqual([]);
	});
});

describe('validation handshake', () => {
	test('answered at once: 200, Validation-Token echoed, empty body, the whole answer well under 1024 bytes; no execution', async () => {
		rig = await newRig();
		const uuid = '0d0e5b8c-2f55-4a7e-9c3b-4a1f6d2e9b10';
		const res = await sendRequest(rig.productionUrl(), { headers: { 'Validation-Token': uuid } });
		expect(res.status).toBe(200);
		expect(res.headers['validation-token']).toBe(uuid);
		expect(res.body).toBe('');
		expect(res.bytes).toBeLessThan(1024);
		expect(rig.executions()).toHaveLength(0);
	});

	test('a token that is not header-safe or too long gets 400', async () => {
		rig = await newRig();
		const res = await sendRequest(rig.productionUrl(), { headers: { 'Validation-Token': 'x'.repeat(300) } });
		expect(res.status).toBe(400);
		expect(res.headers['validation-token']).toBeUndefined();
	});
});

test('another integration\'s subscription with an auth config (its API key in every answer) is left alone, and its key reaches nothing', async () => {
	const authConfig = (sim.world.authConfigs as IDataObject[]).find((c) => String(c.subAccountId) === sub && c.authType === 'APIKEY')!;
	rig = await newRig();
	const foreign = await api('POST', '', {
		subscriptionName: 'WFM agent state feed',
		notificationUrl: rig.testUrl(),
		authConfigId: authConfig.authConfigId,
		active: false,
	});
	expect((foreign.body!.authConfig as IDataObject).apiKey).toBe(sim.secrets.authConfigApiKey);

	await rig.activate();
	sim.control.advanceClock(5 * 60_000);
	await sim.control.deliverDue();
	await rig.activate();
	await rig.deactivate();

	expect(rig.items().length).toBeGreaterThan(0);
	const everything = JSON.stringify({ items: rig.items(), state: rig.staticJson, logs: rig.logs });
	expect(everything).not.toContain(sim.secrets.authConfigApiKey);
	expect(live().map((s) => s.subscriptionName)).toEqual(['WFM agent state feed']);
});

test('node static data holds only what the trigger needs, and no credential secret', async () => {
	rig = await newRig();
	await rig.activate();
	const state = rig.nodeState();
	expect(Object.keys(state).sort()).toEqual(['expiresAt', 'rcAccountId', 'secret', 'subAccountId', 'subscriptionId']);
	for (const secret of [sim.secrets.clientSecret, sim.secrets.jwt, sim.secrets.apiToken]) {
		expect(rig.staticJson).not.toContain(secret);
	}
});
