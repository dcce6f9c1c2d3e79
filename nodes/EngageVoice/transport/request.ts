import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { headerValue, retryAfterMs } from '../../../credentials/common/errorText';
import { secretsOf } from '../../../credentials/common/redact';
import { AnswerTooLargeError, readAnswer, readThrownAnswers } from './answerSize';
import type { EngageConnection } from './connection';
import type { FailedExchange } from './errorMapper';
import { isNetworkCode, isRetryableNetworkCode, toNodeApiError } from './errorMapper';
import type { EndpointClass, RateLimit } from './rateBudget';
import { DEFAULT_LIMITS, rateBudget, waitFor } from './rateBudget';

export interface EngageRequest {
	method: IHttpRequestMethods;
	/** Path under the API root, built with `apiPath` (ids encoded). */
	path: string;
	/** A full URL instead of apiRoot + path (classic recording links). */
	absoluteUrl?: string;
	/**
	 * `credential` (default): signed with the node's credential, which n8n renews on a 401.
	 * `none`: sent without it, e.g. to a classic recording host, which must not get the Engage token;
	 * `basicAuth` may then give a username and password for that host.
	 */
	authentication?: 'credential' | 'none';
	basicAuth?: { username: string; password: string };
	/**
	 * A GET whose answer may be served from storage on another host (recordings): a redirect there
	 * is followed with no credential and no Basic auth at all. Any other redirect to another host
	 * is refused (n8n's helpers would repeat the credential on it).
	 */
	followsToStorage?: boolean;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: IDataObject;
	endpointClass?: EndpointClass;
	/** The sub-account the API counts this request against. */
	budgetScope?: string;
	response?: 'json' | 'text' | 'binary';
	/** Safe to send again after a 5xx or a dropped connection; GETs and report reads are. */
	idempotent?: boolean;
	itemIndex?: number;
	/** Shown in errors and progress logs, e.g. a report window. */
	context?: string;
	/**
	 * The largest answer accepted, in bytes (report windows): the answer is read as a stream and
	 * reading stops past it (answerSize.ts). None = n8n reads the whole answer.
	 */
	maxAnswerBytes?: number;
}

export interface TransportOptions {
	limits?: Partial<Record<EndpointClass, RateLimit[]>>;
	/** Retries after a 5xx, a dropped connection or a 429 (default 3). */
	maxRetries?: number;
	/** First backoff step; doubles each retry (default 1 s). */
	backoffBaseMs?: number;
	/** First backoff after a report 429 without Retry-After (default 30 s, API doc §7.1). */
	reportBackoffBaseMs?: number;
	/** Longest total wait for the rate budget before failing; 0 = wait as long as needed. */
	maxBudgetWaitMs?: number;
	timeoutMs?: number;
}

export interface EngageResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	contentType: string;
	body: T;
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

function asText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return typeof body === 'string' ? body : JSON.stringify(body);
}

/** The error n8n's request helper threw, reduced to what we may show. */
function exchangeFromThrown(
	error: unknown,
): Pick<FailedExchange, 'statusCode' | 'bodyText' | 'contentType' | 'networkCode' | 'signInFailure'> {
	let current = error as {
		code?: string;
		cause?: unknown;
		message?: string;
		response?: { status?: number; data?: unknown; headers?: IDataObject };
	};
	// NodeApiError from n8n's re-authentication path wraps the axios error in `cause`.
	for (let depth = 0; depth < 4 && current; depth++) {
		if (current.response?.status) {
			return {
				statusCode: current.response.status,
				bodyText: asText(current.response.data),
				contentType: headerValue(current.response.headers, 'content-type'),
			};
		}
		if (isNetworkCode(current.code)) return { networkCode: current.code };
		current = current.cause as typeof current;
	}
	// Neither an HTTP answer nor a network error: the credential's sign-in failed, and its message
	// already says what to fix.
	return { signInFailure: (error as Error)?.message || 'the sign-in failed' };
}

const MAX_REDIRECTS = 5;

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/**
 * Sends one request without letting a credential leave its host. n8n follows redirects itself and
 * repeats the credential's headers on them, so a credentialed (or Basic-auth) request is sent with
 * redirects off and they are followed here: to the same host for a GET, with the credential; to a
 * storage host when the request allows it, with none. Any other redirect is returned as it came,
 * for the caller to refuse.
 */
async function sendWithoutLeaks(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	request: EngageRequest,
	options: IHttpRequestOptions,
	signed: boolean,
): Promise<RawResponse> {
	let current = options;
	let withCredential = signed;
	for (let hop = 0; ; hop++) {
		const response = (
			withCredential
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, connection.credentialType, current)
				: await ctx.helpers.httpRequest(current)
		) as RawResponse;
		const location = headerValue(response.headers, 'location');
		if (!isRedirect(response.statusCode) || !location || hop >= MAX_REDIRECTS || current.method !== 'GET') {
			return response;
		}
		const from = new URL(String(current.url));
		const to = new URL(location, from);
		if (to.origin === from.origin) {
			current = { ...current, url: to.href, qs: undefined };
		} else if (request.followsToStorage && /^https?:$/.test(to.protocol)) {
			current = {
				method: 'GET',
				url: to.href,
				headers: Object.fromEntries(
					Object.entries(current.headers ?? {}).filter(([name]) => /^(accept|user-agent)$/i.test(name)),
				),
				encoding: current.encoding,
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				skipSslCertificateValidation: current.skipSslCertificateValidation,
				timeout: current.timeout,
			};
			withCredential = false;
		} else {
			return response;
		}
	}
}

/**
 * The rate-budget key and limits a request uses: host + sub-account + endpoint class. Exported so
 * that a caller can ask the budget how long the next request would wait before sending it (the
 * trigger plans its windows with it).
 */
export function budgetOf(
	connection: Pick<EngageConnection, 'apiRoot'>,
	endpointClass: EndpointClass,
	budgetScope: string | undefined,
	options: Pick<TransportOptions, 'limits'> = {},
): { key: string; limits: RateLimit[] } {
	return {
		key: `${connection.apiRoot}|${budgetScope ?? '*'}|${endpointClass}`,
		limits: options.limits?.[endpointClass] ?? DEFAULT_LIMITS[endpointClass],
	};
}

/**
 * The only function in the package that sends a request to Engage Voice. It waits for the rate
 * budget, authenticates through n8n (which signs in again once on a 401), retries what is safe to
 * retry, and turns every failure into one NodeApiError (errorMapper.ts).
 */
export async function engageRequest<T = unknown>(
	this: IAllExecuteFunctions,
	connection: EngageConnection,
	request: EngageRequest,
	options: TransportOptions = {},
): Promise<EngageResponse<T>> {
	const endpointClass = request.endpointClass ?? 'admin';
	const { key: budgetKey, limits } = budgetOf(connection, endpointClass, request.budgetScope, options);
	const maxRetries = options.maxRetries ?? 3;
	const idempotent = request.idempotent ?? request.method === 'GET';
	const abortSignal =
		'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const url = request.absoluteUrl ?? `${connection.apiRoot}${request.path}`;
	const shownPath = request.absoluteUrl ? new URL(request.absoluteUrl).pathname : request.path;
	const responseKind = request.response ?? 'json';
	const signed = request.authentication !== 'none';

	const fail = (exchange: Partial<FailedExchange>, attempts: number): NodeApiError =>
		toNodeApiError(this.getNode(), {
			method: request.method,
			path: shownPath,
			itemIndex: request.itemIndex,
			context: request.context,
			attempts,
			secrets: secretsOf(connection.credentials),
			...exchange,
		});

	for (let attempt = 1; ; attempt++) {
		const settleSlot = await rateBudget.acquire(budgetKey, limits, {
			maxWaitMs: options.maxBudgetWaitMs,
			abortSignal,
			onWait: (ms) =>
				this.logger.info(
					`Engage Voice: waiting ${Math.ceil(ms / 1000)} s for the ${endpointClass} rate budget${request.context ? ` (${request.context})` : ''}`,
				),
		});
		if (!settleSlot) {
			throw fail({ statusCode: 429, bodyText: 'the rate budget could not be met within the allowed wait' }, attempt);
		}

		const httpOptions: IHttpRequestOptions = {
			method: request.method,
			url,
			qs: request.qs,
			body: request.body,
			headers: {
				Accept: responseKind === 'json' ? 'application/json' : '*/*',
				...(request.body ? { 'Content-Type': 'application/json' } : {}),
				...(request.headers ?? {}),
			},
			encoding: request.maxAnswerBytes ? 'stream' : responseKind === 'binary' ? 'arraybuffer' : 'text',
			json: false,
			returnFullResponse: true,
			// Every status comes back to us for mapping, except 401: n8n must see that one to sign in again.
			ignoreHttpStatusErrors: signed ? { ignore: true, except: [401] } : true,
			...(!signed && request.basicAuth ? { auth: request.basicAuth } : {}),
			// redirects of anything carrying a credential are followed by sendWithoutLeaks, not by n8n
			disableFollowRedirect: signed || !!request.basicAuth,
			skipSslCertificateValidation: connection.skipSsl,
			timeout: options.timeoutMs ?? 120_000,
		};

		let response: RawResponse;
		try {
			response = await sendWithoutLeaks(this, connection, request, httpOptions, signed);
			if (request.maxAnswerBytes) response.body = await readAnswer(response.body, response.headers, request.maxAnswerBytes);
			settleSlot();
		} catch (error) {
			settleSlot();
			if (error instanceof AnswerTooLargeError) throw fail({ tooLarge: error }, attempt);
			await readThrownAnswers(error);
			const thrown = exchangeFromThrown(error);
			if (thrown.networkCode && isRetryableNetworkCode(thrown.networkCode) && idempotent && attempt <= maxRetries) {
				await waitFor((options.backoffBaseMs ?? 1000) * 2 ** (attempt - 1), abortSignal);
				continue;
			}
			throw fail(thrown, attempt);
		}

		const status = response.statusCode;
		const contentType = headerValue(response.headers, 'content-type');
		const location = headerValue(response.headers, 'location');
		if (isRedirect(status) && location) {
			const target = new URL(location, url);
			throw fail({ statusCode: status, redirectTo: target.host, redirectSameHost: target.origin === new URL(url).origin }, attempt);
		}
		if (status === 429 && attempt <= maxRetries) {
			const base = endpointClass === 'report' ? (options.reportBackoffBaseMs ?? 30_000) : (options.backoffBaseMs ?? 1000);
			const wait = retryAfterMs(response.headers) ?? base * 2 ** (attempt - 1);
			rateBudget.holdUntil(budgetKey, Date.now() + wait);
			this.logger.info(`Engage Voice: 429 received, retrying in ${Math.ceil(wait / 1000)} s`);
			continue;
		}
		if (status >= 500 && idempotent && attempt <= maxRetries) {
			await waitFor((options.backoffBaseMs ?? 1000) * 2 ** (attempt - 1), abortSignal);
			continue;
		}
		if (status < 200 || status >= 300) {
			throw fail({ statusCode: status, bodyText: asText(response.body), contentType }, attempt);
		}

		if (responseKind === 'binary') {
			const body = Buffer.isBuffer(response.body)
				? response.body
				: Buffer.from(response.body as ArrayBuffer);
			return { statusCode: status, headers: response.headers, contentType, body: body as T };
		}
		const text = asText(response.body);
		if (responseKind === 'text') {
			return { statusCode: status, headers: response.headers, contentType, body: text as T };
		}
		if (!text.trim()) {
			if (request.method !== 'GET' || status === 204) {
				return { statusCode: status, headers: response.headers, contentType, body: undefined as T };
			}
			throw fail({ statusCode: status, parseFailure: 'empty' }, attempt);
		}
		try {
			return { statusCode: status, headers: response.headers, contentType, body: JSON.parse(text) as T };
		} catch {
			// A cut-off body is usually a dropped transfer: safe to fetch again when idempotent.
			if (idempotent && attempt <= maxRetries) {
				await waitFor((options.backoffBaseMs ?? 1000) * 2 ** (attempt - 1), abortSignal);
				continue;
			}
			throw fail({ statusCode: status, bodyText: text, contentType, parseFailure: 'invalidJson' }, attempt);
		}
	}
}
