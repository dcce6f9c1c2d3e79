import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { familyTarget } from '../api/accounts';
import { listAgentsOfGroups } from '../api/directory';
import type { Subscription, SubscriptionRequest, SubscriptionScope } from '../api/subscriptions';
import {
	asNodeError,
	createSubscription,
	deleteSubscription,
	isHttpError,
	listSubscriptions,
	replaceSubscription,
} from '../api/subscriptions';
import { readRcAccountOverride } from '../parameters/common';
import { nodeParameters } from '../parameters/reader';
import { getConnection } from '../transport';
import { customHeaderOf, newSecret, SUBSCRIPTION_SECRET_HEADER } from './secrets';
import type { SubscriptionSettings } from './settings';
import { readEventsSettings, readSubscriptionSettings } from './settings';

/*
 * The trigger's agent-state subscription (API doc §6.2, decision 14), one per workflow and node.
 * Everything about it is kept in the node's static data, so any n8n process (main, webhook
 * processor, after a restart) sees the same: the subscription id, the secret, where it lives, when
 * it expires, and the members of the filtered agent groups.
 */

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** The node's static data (`getWorkflowStaticData('node')`). */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	secret?: string;
	/** Epoch seconds; 0 = never. */
	expiresAt?: number;
	subAccountId?: string;
	rcAccountId?: string;
	/** Agent ids of each filtered agent group, read at activation. */
	groupAgents?: IDataObject;
	/** recentEvents.ts */
	recentEvents?: string[];
}

/**
 * The name the subscription is found by again (decision 14): the workflow and node ids, so that
 * it is unique per node and stays the same across restarts and edits. "Listen for test event" gets
 * its own subscription next to the production one.
 */
export function subscriptionNameOf(ctx: TriggerContext): string {
	const test = ctx.getMode() === 'manual' ? ' (test)' : '';
	return `n8n workflow ${ctx.getWorkflow().id ?? ''} node ${ctx.getNode().id}${test}`;
}

export function webhookUrlOf(ctx: TriggerContext): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url || !/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.getNode(), `n8n has no usable webhook URL for this node ("${url ?? ''}")`, {
			description: "Set n8n's N8N_WEBHOOK_URL to the public https address RingCX can reach.",
		});
	}
	return url;
}

/** The whole RTASubscriptionRequest (PUT replaces a subscription, so every call sends all of it). */
export function subscriptionRequest(
	ctx: TriggerContext,
	settings: SubscriptionSettings,
	secret: string,
	nowMs: number,
): SubscriptionRequest {
	return {
		subscriptionName: subscriptionNameOf(ctx),
		notificationUrl: webhookUrlOf(ctx),
		description: `n8n Engage Voice Events Trigger: workflow "${ctx.getWorkflow().name ?? ''}", node "${ctx.getNode().name}"`.slice(0, 250),
		retryCount: settings.retryCount,
		active: true,
		customHeaders: { [SUBSCRIPTION_SECRET_HEADER]: secret },
		expiresAt: settings.expiresAfterHours ? Math.floor(nowMs / 1000) + settings.expiresAfterHours * 3600 : 0,
	};
}

/** Renew when less than half of the expiry period is left (decision 14: before it passes). */
export function renewalDue(expiresAt: number | undefined, expiresAfterHours: number, nowMs: number): boolean {
	if (!expiresAfterHours) return false;
	if (!expiresAt) return true;
	return expiresAt * 1000 - nowMs < (expiresAfterHours * 3600_000) / 2;
}

export async function subscriptionScope(ctx: TriggerContext, settings: SubscriptionSettings): Promise<SubscriptionScope> {
	const connection = await getConnection(ctx);
	// RingCX only: refuses legacy portal hosts, finds the RingCentral account id (credential, sign-in or option)
	const target = await familyTarget(ctx, { connection }, 'cx', settings.rcOverride);
	return { connection, rcAccountId: target.rcAccountId!, subAccountId: settings.subAccountId };
}

/** Whether a listed subscription already is what the trigger would create. */
function isCurrent(subscription: Subscription, wanted: SubscriptionRequest, settings: SubscriptionSettings, nowMs: number) {
	if (!subscription.active || subscription.notificationUrl !== wanted.notificationUrl) return false;
	if (customHeaderOf(subscription.customHeaders, SUBSCRIPTION_SECRET_HEADER) !== wanted.customHeaders[SUBSCRIPTION_SECRET_HEADER]) return false;
	if (subscription.maxRetryCount !== undefined && subscription.maxRetryCount !== wanted.retryCount) return false;
	if (!settings.expiresAfterHours) return subscription.expiresAt === 0;
	return !renewalDue(subscription.expiresAt, settings.expiresAfterHours, nowMs);
}

/** The trigger's subscriptions among a list: the stored id, and any with its name. */
function oursAmong(list: Subscription[], state: SubscriptionState, name: string): Subscription[] {
	return list.filter((s) => s.subscriptionId === state.subscriptionId || s.subscriptionName === name);
}

/** Reads the members of the filtered agent groups into static data (the webhook has no time to). */
async function storeGroupMembers(ctx: IHookFunctions, scope: SubscriptionScope, state: SubscriptionState) {
	const { agentGroupIds } = readEventsSettings(nodeParameters(ctx));
	if (!agentGroupIds.length) {
		delete state.groupAgents;
		return;
	}
	const members: IDataObject = {};
	for (const groupId of agentGroupIds) {
		const agents = await listAgentsOfGroups(ctx, { connection: scope.connection }, scope.subAccountId, [groupId]);
		members[groupId] = agents.map((agent) => String(agent.agentId ?? '')).filter(Boolean);
	}
	state.groupAgents = members;
}

function remember(state: SubscriptionState, scope: SubscriptionScope, subscription: Subscription) {
	state.subscriptionId = subscription.subscriptionId;
	state.expiresAt = subscription.expiresAt;
	state.subAccountId = scope.subAccountId;
	state.rcAccountId = scope.rcAccountId;
}

/**
 * checkExists: true when exactly one subscription of this node exists and is what it should be
 * (active, our URL, our secret, the retry count, not expiring soon). Anything else counts as
 * missing, and create() puts it right.
 */
export async function subscriptionExists(ctx: IHookFunctions): Promise<boolean> {
	const settings = readSubscriptionSettings(nodeParameters(ctx));
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	const scope = await subscriptionScope(ctx, settings);
	await storeGroupMembers(ctx, scope, state);
	if (!state.secret) return false;
	const now = Date.now();
	const wanted = subscriptionRequest(ctx, settings, state.secret, now);
	const ours = oursAmong(await listSubscriptions(ctx, scope), state, wanted.subscriptionName);
	if (ours.length !== 1 || !isCurrent(ours[0], wanted, settings, now)) return false;
	remember(state, scope, ours[0]);
	return true;
}

function validationFailed(ctx: TriggerContext, error: unknown, url: string): NodeOperationError | undefined {
	if (!isHttpError(error, 400) || !/SUB-525/.test((error as Error).message)) return undefined;
	return new NodeOperationError(ctx.getNode(), 'RingCX could not validate the webhook URL (SUB-525)', {
		description: `RingCX called ${url} and did not get the answer it requires (status 200 within 3 s, the Validation-Token header echoed, at most 1024 bytes). The URL must be public https (TLS 1.2 or newer), not blocked by a firewall: set n8n's N8N_WEBHOOK_URL to the address RingCX can reach.`,
	});
}

/** PUT, or POST when the subscription is gone; a 409 on the name finds the holder and PUTs it. */
async function upsert(
	ctx: IHookFunctions,
	scope: SubscriptionScope,
	request: SubscriptionRequest,
	existingId: string | undefined,
): Promise<Subscription> {
	if (existingId) {
		try {
			return await replaceSubscription(ctx, scope, existingId, request);
		} catch (error) {
			if (!isHttpError(error, 404)) throw asNodeError(ctx, error);
		}
	}
	try {
		return await createSubscription(ctx, scope, request);
	} catch (error) {
		if (!isHttpError(error, 409)) throw asNodeError(ctx, error);
	}
	// Another activation created it meanwhile (or the list did not show it): take it over.
	const holder = (await listSubscriptions(ctx, scope)).find((s) => s.subscriptionName === request.subscriptionName && s.active);
	if (!holder) {
		throw new NodeOperationError(ctx.getNode(), `RingCX says the subscription name "${request.subscriptionName}" is in use, but does not list it`, {
			description: 'Activate the workflow again in a minute. If it keeps failing, delete the subscription of that name in RingCX.',
		});
	}
	return await replaceSubscription(ctx, scope, holder.subscriptionId, request);
}

/** create: makes the node's one subscription what it should be, by PUT when one exists, else POST. */
export async function createOrUpdateSubscription(ctx: IHookFunctions): Promise<boolean> {
	const settings = readSubscriptionSettings(nodeParameters(ctx));
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	const scope = await subscriptionScope(ctx, settings);
	// One secret per activation span: kept while the node is active, so that a delivery handled with
	// an older copy of the static data still knows it; a new one after deactivation.
	state.secret ??= newSecret();
	const request = subscriptionRequest(ctx, settings, state.secret, Date.now());
	const ours = oursAmong(await listSubscriptions(ctx, scope), state, request.subscriptionName);
	const keep =
		ours.find((s) => s.subscriptionId === state.subscriptionId) ?? ours.find((s) => s.active) ?? ours[0];
	let subscription: Subscription;
	try {
		subscription = await upsert(ctx, scope, request, keep?.subscriptionId);
	} catch (error) {
		throw validationFailed(ctx, error, request.notificationUrl) ?? asNodeError(ctx, error);
	}
	remember(state, scope, subscription);
	for (const extra of ours.filter((s) => s.subscriptionId !== subscription.subscriptionId)) {
		await deleteSubscription(ctx, scope, extra.subscriptionId);
	}
	return true;
}

/** Renewal from the webhook (a notification in the second half of the subscription's life). */
export async function renewSubscription(ctx: IWebhookFunctions, state: SubscriptionState): Promise<void> {
	const settings = readSubscriptionSettings(nodeParameters(ctx));
	if (!state.secret || !state.subscriptionId || !renewalDue(state.expiresAt, settings.expiresAfterHours, Date.now())) return;
	const scope = await subscriptionScope(ctx, settings);
	const renewed = await replaceSubscription(
		ctx,
		scope,
		state.subscriptionId,
		subscriptionRequest(ctx, settings, state.secret, Date.now()),
	);
	remember(state, scope, renewed);
}

/** delete: removes the node's subscription (and any other of its name); 404 means it is gone already. */
export async function deleteNodeSubscription(ctx: IHookFunctions): Promise<boolean> {
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	if (!state.subscriptionId && !state.secret) return true;
	// where it was created, even if the parameters changed since
	const params = nodeParameters(ctx);
	const options = params.get<IDataObject>('options', {}) ?? {};
	const settings: SubscriptionSettings = {
		subAccountId: state.subAccountId ?? readSubscriptionSettings(params).subAccountId,
		rcOverride: state.rcAccountId ?? readRcAccountOverride(params, 'cx', options),
		retryCount: 0,
		expiresAfterHours: 0,
	};
	const scope = await subscriptionScope(ctx, settings);
	if (state.subscriptionId) await deleteSubscription(ctx, scope, state.subscriptionId);
	const name = subscriptionNameOf(ctx);
	for (const leftover of (await listSubscriptions(ctx, scope)).filter((s) => s.subscriptionName === name)) {
		await deleteSubscription(ctx, scope, leftover.subscriptionId);
	}
	for (const key of ['subscriptionId', 'secret', 'expiresAt', 'subAccountId', 'rcAccountId', 'groupAgents', 'recentEvents']) {
		delete state[key];
	}
	return true;
}
