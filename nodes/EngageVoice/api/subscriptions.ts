import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { listFromBody } from '../reports/directoryRows';
import type { EngageConnection, EngageResponse } from '../transport';
import { apiPath, cxPrefix, engageRequest } from '../transport';

/*
 * RingCX agent-state subscriptions (API doc §6.1–§6.2): list, create, replace and delete, each one
 * request through the transport (the subscription budget: 120 per minute). Answers are reduced to
 * the fields the trigger needs; `authConfig` is never kept, because it may carry an API key.
 */

/** RTASubscriptionRequest: PUT replaces the whole subscription, so every call sends every field. */
export interface SubscriptionRequest {
	subscriptionName: string;
	notificationUrl: string;
	description: string;
	retryCount: number;
	active: boolean;
	customHeaders: Record<string, string>;
	/** Epoch seconds; 0 = never. */
	expiresAt: number;
}

/** What the trigger keeps of an RTASubscriptionResponse. */
export interface Subscription {
	subscriptionId: string;
	subscriptionName: string;
	notificationUrl: string;
	active: boolean;
	/** Epoch seconds; 0 = never. */
	expiresAt: number;
	maxRetryCount?: number;
	customHeaders: Record<string, string>;
}

/** Where the subscriptions of one sub-account live. */
export interface SubscriptionScope {
	connection: EngageConnection;
	rcAccountId: string;
	subAccountId: string;
}

const CONTEXT = 'agent-state subscriptions';

function basePath(scope: SubscriptionScope): string {
	return `${cxPrefix(scope.rcAccountId, scope.subAccountId)}/agent-states/subscriptions`;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

function toSubscription(row: IDataObject): Subscription | undefined {
	const subscriptionId = text(row.subscriptionId).trim();
	if (!subscriptionId) return undefined;
	const headers: Record<string, string> = {};
	if (row.customHeaders && typeof row.customHeaders === 'object' && !Array.isArray(row.customHeaders)) {
		for (const [name, value] of Object.entries(row.customHeaders as IDataObject)) {
			headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
		}
	}
	const expiresAt = Number(row.expiresAt ?? 0);
	const retries = Number(row.maxRetryCount ?? row.retryCount);
	return {
		subscriptionId,
		subscriptionName: text(row.subscriptionName),
		notificationUrl: text(row.notificationUrl),
		// "Defaults to active" (docs): only an explicit false is inactive
		active: row.active !== false && row.active !== 'false',
		expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0,
		...(Number.isFinite(retries) ? { maxRetryCount: retries } : {}),
		customHeaders: headers,
	};
}

function unexpected(ctx: IAllExecuteFunctions, what: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Engage Voice answered ${what} with something other than a subscription`, {
		description: 'The agent-state subscription endpoints return JSON objects. Check the host in the credential.',
	});
}

/** Every subscription of the sub-account (not only the trigger's). */
export async function listSubscriptions(ctx: IAllExecuteFunctions, scope: SubscriptionScope): Promise<Subscription[]> {
	const response = await engageRequest.call(ctx, scope.connection, {
		method: 'GET',
		path: basePath(scope),
		endpointClass: 'subscription',
		budgetScope: scope.subAccountId,
		context: CONTEXT,
	});
	const list = listFromBody(response.body);
	if (!list) {
		throw new NodeOperationError(ctx.getNode(), `Engage Voice answered GET ${basePath(scope)} with something other than a list`, {
			description: 'The subscription list is a JSON array. Check the host in the credential.',
		});
	}
	return list.map(toSubscription).filter((s): s is Subscription => s !== undefined);
}

async function send(
	ctx: IAllExecuteFunctions,
	scope: SubscriptionScope,
	method: 'POST' | 'PUT',
	path: string,
	request: SubscriptionRequest,
): Promise<Subscription> {
	const response = (await engageRequest.call(ctx, scope.connection, {
		method,
		path,
		body: request as unknown as IDataObject,
		endpointClass: 'subscription',
		budgetScope: scope.subAccountId,
		context: CONTEXT,
	})) as EngageResponse<IDataObject | undefined>;
	const body = response.body;
	const subscription = body && typeof body === 'object' && !Array.isArray(body) ? toSubscription(body) : undefined;
	if (!subscription) throw unexpected(ctx, `${method} ${path}`);
	return subscription;
}

/** POST: a new subscription; RingCX validates the receiver first (§6.4). */
export async function createSubscription(ctx: IAllExecuteFunctions, scope: SubscriptionScope, request: SubscriptionRequest) {
	return await send(ctx, scope, 'POST', basePath(scope), request);
}

/** PUT: replaces the subscription as a whole (the way to resume, move or renew it). */
export async function replaceSubscription(
	ctx: IAllExecuteFunctions,
	scope: SubscriptionScope,
	subscriptionId: string,
	request: SubscriptionRequest,
) {
	return await send(ctx, scope, 'PUT', `${basePath(scope)}${apiPath`/${subscriptionId}`}`, request);
}

/** DELETE; false when it was gone already (404). */
export async function deleteSubscription(
	ctx: IAllExecuteFunctions,
	scope: SubscriptionScope,
	subscriptionId: string,
): Promise<boolean> {
	try {
		await engageRequest.call(ctx, scope.connection, {
			method: 'DELETE',
			path: `${basePath(scope)}${apiPath`/${subscriptionId}`}`,
			endpointClass: 'subscription',
			budgetScope: scope.subAccountId,
			context: CONTEXT,
		});
		return true;
	} catch (error) {
		if (isHttpError(error, 404)) return false;
		throw asNodeError(ctx, error);
	}
}

/** Whether an error from the transport is the API's answer with this status. */
export function isHttpError(error: unknown, status: number): boolean {
	return error instanceof NodeApiError && error.httpCode === String(status);
}

/** The transport's errors as they are; anything else wrapped, so callers can rethrow what they catch. */
export function asNodeError(ctx: IAllExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(ctx.getNode(), error as Error);
}
