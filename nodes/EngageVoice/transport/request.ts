import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, sleep, UserError } from 'n8n-workflow';

import { headerValue, retryAfterMs } from '../../../credentials/common/errorText';
import { secretsOf } from '../../../credentials/common/redact';
import { AnswerTooLargeError, readAnswer, readThrownAnswers } from './answerSize';
import { callBoundsOf, callerOf } from './bounds';
import type { EngageConnection } from './connection';
import type { FailedExchange } from './errorMapper';
import { isNetworkCode, isRetryableNetworkCode, toNodeApiError } from './errorMapper';
import type { EndpointClass, RateLimit } from './rateBudget';
import { DEFAULT_LIMITS, processShare, rateBudget } from './rateBudget';

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

/** Timeout of one request, its retries included (Options › Timeout). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The longest Retry-After a 429 is obeyed for (Options › Max Retry-After Wait). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 5 * 60_000;
/** The longest total wait of one request for the rate budget (Options › Max Rate Budget Wait). */
export const DEFAULT_MAX_BUDGET_WAIT_MS = 20 * 60_000;
/** No retry is started with less time than this left for it. */
const MIN_ATTEMPT_MS = 1_000;

export interface TransportOptions {
	limits?: Partial<Record<EndpointClass, RateLimit[]>>;
	/** Retries after a 5xx, a dropped connection or a 429 (default 3). */
	maxRetries?: number;
	/** First backoff step; doubles each retry (default 1 s). */
	backoffBaseMs?: number;
	/** First backoff after a report 429 without Retry-After (default 30 s, API doc §7.1). */
	reportBackoffBaseMs?: number;
	/** n8n processes (main, workers) spending the same report budget; each keeps to its share. */
	processesSharingBudget?: number;
	/** Longest total wait of one request for the rate budget and for Retry-After, over all its attempts. */
	maxBudgetWaitMs?: number;
	/** Longest time one request may take on the wire, its retries and their backoff included. */
	timeoutMs?: number;
	/** A 429 asking to wait longer than this fails at once (and holds others back no longer). */
	maxRetryAfterMs?: number;
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

/** How one attempt ended. `sent`: whether the server may have counted it. */
type Attempt =
	| { kind: 'answer'; response: RawResponse }
	| { kind: 'thrown'; error: unknown; sent: boolean }
	| { kind: 'timeout' }
	| { kind: 'cancelled'; sent: boolean }
	| { kind: 'tooLarge'; error: AnswerTooLargeError }
	/** The status and headers came, then the connection closed before the streamed body was complete. */
	| { kind: 'cutShort'; statusCode: number; contentType: string; contentLength?: number };

function asText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return typeof body === 'string' ? body : JSON.stringify(body);
}

type Thrown = Pick<
	FailedExchange,
	'statusCode' | 'bodyText' | 'contentType' | 'networkCode' | 'signInFailure' | 'cutShort' | 'unexpected'
>;

/** Network errors that happen before a request reaches the server: it cannot have been counted. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'];

/** The error n8n's request helper threw, reduced to what we may show, named by what it is. */
function exchangeFromThrown(error: unknown): Thrown {
	let current = error as {
		code?: string;
		cause?: unknown;
		message?: string;
		response?: { status?: number; data?: unknown; headers?: IDataObject };
	};
	// NodeApiError from n8n's request helper wraps the axios error (or the sign-in's) in `cause`.
	for (let depth = 0; depth < 4 && current; depth++) {
		// the credential's sign-in (credentials/common) fails with a UserError that says what to fix
		if (current instanceof UserError || (current as Error).name === 'UserError') {
			return { signInFailure: current.message || 'the sign-in failed' };
		}
		if (current.response?.status) {
			const contentType = headerValue(current.response.headers, 'content-type');
			// The status and headers came, then the connection closed before the body was complete.
			if (current.code === 'ERR_BAD_RESPONSE' && /aborted/i.test(current.message ?? '')) {
				const length = Number(headerValue(current.response.headers, 'content-length'));
				return {
					statusCode: current.response.status,
					contentType,
					cutShort: { contentLength: Number.isFinite(length) && length > 0 ? length : undefined },
				};
			}
			return { statusCode: current.response.status, bodyText: asText(current.response.data), contentType };
		}
		// system and TLS error codes (ECONNRESET, EAI_AGAIN, CERT_HAS_EXPIRED), not axios' own
		if (isNetworkCode(current.code) && !AXIOS_CODES.has(current.code!)) return { networkCode: current.code };
		current = current.cause as typeof current;
	}
	return { unexpected: (error as Error)?.message ?? String(error) };
}

/** axios' own codes: not network failures (a cancel, a body cut short, a bad option). */
const AXIOS_CODES = new Set(['ERR_CANCELED', 'ERR_BAD_RESPONSE', 'ERR_BAD_REQUEST', 'ERR_BAD_OPTION', 'ERR_BAD_OPTION_VALUE', 'ERR_NETWORK', 'ERR_FR_TOO_MANY_REDIRECTS', 'ERR_DEPRECATED', 'ERR_NOT_SUPPORT', 'ERR_INVALID_URL']);

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
	options: Pick<TransportOptions, 'limits' | 'processesSharingBudget'> = {},
): { key: string; limits: RateLimit[] } {
	const limits = options.limits?.[endpointClass] ?? DEFAULT_LIMITS[endpointClass];
	return {
		key: `${connection.apiRoot}|${budgetScope ?? '*'}|${endpointClass}`,
		limits: endpointClass === 'report' ? processShare(limits, options.processesSharingBudget ?? 1) : limits,
	};
}

/**
 * Puts one attempt on the wire and waits for it at most `timeoutMs`: the only call in the package
 * that sends a request to Engage Voice. n8n gives every signed request the execution's cancel
 * signal; this attempt's signal (cancel or timeout, whichever comes first) takes its place, so a
 * request that runs out of time is aborted, not left running.
 */
async function sendOnce(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	request: EngageRequest,
	signed: boolean,
	httpOptions: IHttpRequestOptions,
	timeoutMs: number,
	cancelSignal: AbortSignal | undefined,
): Promise<Attempt> {
	if (cancelSignal?.aborted) return { kind: 'cancelled', sent: false };
	const attempt = new AbortController();
	const stop = () => attempt.abort();
	cancelSignal?.addEventListener('abort', stop, { once: true });
	const options: IHttpRequestOptions = { ...httpOptions, abortSignal: attempt.signal };
	const sender =
		'getExecutionCancelSignal' in ctx
			? (Object.create(ctx, { getExecutionCancelSignal: { value: () => attempt.signal } }) as IAllExecuteFunctions)
			: ctx;
	const sending: Promise<Attempt> = sendWithoutLeaks(sender, connection, request, options, signed).then(
		async (response) => {
			if (!request.maxAnswerBytes) return { kind: 'answer', response } as Attempt;
			try {
				response.body = await readAnswer(response.body, response.headers, request.maxAnswerBytes);
				return { kind: 'answer', response } as Attempt;
			} catch (error) {
				if (error instanceof AnswerTooLargeError) return { kind: 'tooLarge', error } as Attempt;
				const length = Number(headerValue(response.headers, 'content-length'));
				return {
					kind: 'cutShort',
					statusCode: response.statusCode,
					contentType: headerValue(response.headers, 'content-type'),
					contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
				} as Attempt;
			}
		},
		async (error: unknown) => {
			await readThrownAnswers(error);
			const thrown = exchangeFromThrown(error);
			const sent = !thrown.signInFailure && !NOT_SENT_CODES.includes(thrown.networkCode ?? '');
			return { kind: 'thrown', error, sent } as Attempt;
		},
	);
	// The attempt's own clock; it ends (and lets go of its timer) as soon as the attempt is over.
	const clock: Promise<Attempt> = sleep(timeoutMs, attempt.signal).then(
		() => ({ kind: 'timeout' }) as Attempt,
		() => ({ kind: 'cancelled', sent: true }) as Attempt,
	);
	const outcome = await Promise.race([sending, clock]);
	cancelSignal?.removeEventListener('abort', stop);
	attempt.abort();
	if (cancelSignal?.aborted) return { kind: 'cancelled', sent: outcome.kind !== 'thrown' || outcome.sent };
	return outcome;
}

/**
 * The only function in the package that requests something from Engage Voice. It waits for the
 * rate budget, authenticates through n8n (which signs in again once on a 401), retries what is safe
 * to retry, and turns every failure into one NodeApiError (errorMapper.ts). Every wait is bounded:
 * the request by its Timeout (retries included), the budget and Retry-After waits by Max Rate
 * Budget Wait and Max Retry-After Wait, everything by the run's deadline (bounds.ts), and the
 * execution's cancel signal stops it all.
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
	const cancelSignal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const bounds = callBoundsOf(this);
	const deadlineMs = bounds.deadlineMs ?? Infinity;
	const reserveMs = bounds.reserveMs ?? 0;
	const caller = callerOf(this);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const maxBudgetWaitMs = options.maxBudgetWaitMs ?? DEFAULT_MAX_BUDGET_WAIT_MS;
	const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
	const url = request.absoluteUrl ?? `${connection.apiRoot}${request.path}`;
	const shownPath = request.absoluteUrl ? new URL(request.absoluteUrl).pathname : request.path;
	const responseKind = request.response ?? 'json';
	const signed = request.authentication !== 'none';

	let onWireMs = 0;
	let budgetWaitedMs = 0;
	/** The failure the current attempt retries; reported if no further attempt can be made. */
	let previous: Partial<FailedExchange> | undefined;

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
	const deadlineName = bounds.deadlineName ?? 'the deadline of this run';

	/** Waits before retrying `failure`, or throws it when no retry is allowed or fits. */
	const backOff = async (failure: Partial<FailedExchange>, attempt: number, retryable: boolean) => {
		if (!retryable || attempt > maxRetries) throw fail(failure, attempt);
		const backoffMs = (options.backoffBaseMs ?? 1000) * 2 ** (attempt - 1);
		if (onWireMs + backoffMs + MIN_ATTEMPT_MS > timeoutMs) {
			throw fail({ ...failure, retryStopped: `No further attempt: the ${Math.round(timeoutMs / 1000)} s Timeout left no time for one.` }, attempt);
		}
		if (Date.now() + backoffMs + reserveMs + MIN_ATTEMPT_MS > deadlineMs) {
			throw fail({ ...failure, retryStopped: `No further attempt: it would not end before ${deadlineName}.` }, attempt);
		}
		try {
			await sleep(backoffMs, cancelSignal);
		} catch {
			throw fail({ cancelled: 'waiting' }, attempt);
		}
		onWireMs += backoffMs;
		previous = failure;
	};

	for (let attempt = 1; ; attempt++) {
		const startedMs = Date.now();
		const waitLeft = maxBudgetWaitMs - budgetWaitedMs;
		const untilDeadline = deadlineMs - startedMs - reserveMs;
		const slot = await rateBudget.acquire(budgetKey, limits, {
			maxWaitMs: Math.max(0, Math.min(waitLeft, untilDeadline)),
			caller,
			abortSignal: cancelSignal,
			onWait: (ms) =>
				this.logger.info(
					`Engage Voice: waiting ${Math.ceil(ms / 1000)} s for the ${endpointClass} rate budget${request.context ? ` (${request.context})` : ''}`,
				),
		});
		if (!slot.granted) {
			if (slot.reason === 'cancelled') throw fail({ cancelled: 'waiting' }, attempt - 1);
			const by = untilDeadline < waitLeft ? 'deadline' : 'maxBudgetWait';
			if (previous) {
				const what = previous.statusCode === 429 ? 'the wait the API asked for' : `the rate budget's next slot (in ${Math.ceil(slot.waitMs / 1000)} s)`;
				throw fail(
					{
						...previous,
						retryStopped:
							by === 'deadline'
								? `No further attempt: ${what} ends after ${deadlineName}.`
								: `No further attempt: ${what} is longer than Max Rate Budget Wait allows.`,
					},
					attempt - 1,
				);
			}
			throw fail(
				{ refusedWait: { waitMs: slot.waitMs, allowedMs: Math.max(0, Math.min(waitLeft, untilDeadline)), by, budget: endpointClass, deadlineName } },
				0,
			);
		}
		budgetWaitedMs += slot.waitedMs;

		const sendMs = Date.now();
		const attemptTimeoutMs = Math.min(timeoutMs - onWireMs, deadlineMs - sendMs);
		const clippedByDeadline = deadlineMs - sendMs < timeoutMs - onWireMs;
		if (attemptTimeoutMs <= 0) {
			slot.settle(false);
			throw fail({ timedOut: { afterMs: onWireMs, by: clippedByDeadline ? 'deadline' : 'timeout', deadlineName } }, attempt - 1);
		}
		const outcome = await sendOnce(
			this,
			connection,
			request,
			signed,
			httpOptionsFor(connection, request, url, attemptTimeoutMs),
			attemptTimeoutMs,
			cancelSignal,
		);
		onWireMs += Date.now() - sendMs;
		// a 429 was not counted by the server: its slot goes back (rateBudget.noteRejected lowers the share)
		slot.settle(
			outcome.kind === 'thrown' || outcome.kind === 'cancelled'
				? outcome.sent
				: !(outcome.kind === 'answer' && outcome.response.statusCode === 429),
		);

		if (outcome.kind === 'cancelled') throw fail({ cancelled: outcome.sent ? 'sending' : 'waiting' }, attempt);
		if (outcome.kind === 'timeout') {
			throw fail(
				{ timedOut: { afterMs: onWireMs, by: clippedByDeadline ? 'deadline' : 'timeout', deadlineName } },
				attempt,
			);
		}
		if (outcome.kind === 'tooLarge') throw fail({ tooLarge: outcome.error }, attempt);
		if (outcome.kind === 'cutShort') {
			const { statusCode, contentType, contentLength } = outcome;
			await backOff({ statusCode, contentType, cutShort: { contentLength } }, attempt, idempotent);
			continue;
		}
		if (outcome.kind === 'thrown') {
			const thrown = exchangeFromThrown(outcome.error);
			const dropped = (thrown.networkCode && isRetryableNetworkCode(thrown.networkCode)) || thrown.cutShort;
			await backOff(thrown, attempt, Boolean(dropped) && idempotent);
			continue;
		}

		const response = outcome.response;
		const status = response.statusCode;
		const contentType = headerValue(response.headers, 'content-type');
		const location = headerValue(response.headers, 'location');
		if (isRedirect(status) && location) {
			const target = new URL(location, url);
			throw fail({ statusCode: status, redirectTo: target.host, redirectSameHost: target.origin === new URL(url).origin }, attempt);
		}
		if (status === 429) {
			const failure = { statusCode: 429, bodyText: asText(response.body), contentType };
			const asked = retryAfterMs(response.headers);
			if (asked !== undefined && asked > maxRetryAfterMs) {
				// The server's word, but never longer than the cap for everyone else on this key.
				rateBudget.holdUntil(budgetKey, Date.now() + maxRetryAfterMs);
				throw fail({ ...failure, retryAfter: { untilMs: Date.now() + asked, askedMs: asked, capMs: maxRetryAfterMs } }, attempt);
			}
			if (attempt > maxRetries) throw fail(failure, attempt);
			const base = endpointClass === 'report' ? (options.reportBackoffBaseMs ?? 30_000) : (options.backoffBaseMs ?? 1000);
			const wait = Math.min(asked ?? base * 2 ** (attempt - 1), maxRetryAfterMs);
			rateBudget.holdUntil(budgetKey, Date.now() + wait);
			rateBudget.noteRejected(budgetKey);
			this.logger.info(`Engage Voice: 429 received, retrying in ${Math.ceil(wait / 1000)} s`);
			previous = failure;
			continue;
		}
		if (status >= 500) {
			await backOff({ statusCode: status, bodyText: asText(response.body), contentType }, attempt, idempotent);
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
			await backOff({ statusCode: status, bodyText: text, contentType, parseFailure: 'invalidJson' }, attempt, idempotent);
		}
	}
}

/** The n8n request options of one attempt. */
function httpOptionsFor(
	connection: EngageConnection,
	request: EngageRequest,
	url: string,
	timeoutMs: number,
): IHttpRequestOptions {
	const responseKind = request.response ?? 'json';
	const signed = request.authentication !== 'none';
	return {
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
		// A backstop: the attempt's own clock (sendOnce) ends it first.
		timeout: timeoutMs + 1_000,
	};
}
