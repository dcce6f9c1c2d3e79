import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeBody, describeNetworkCode, networkAdvice, redactText } from '../../../credentials/common/errorText';

// The error text readers are shared with the credentials' sign-in; re-exported for the node's modules.
export {
	describeBody,
	describeNetworkCode,
	isNetworkCode,
	isRetryableNetworkCode,
	scrubSecrets,
} from '../../../credentials/common/errorText';

/** What the transport knows about a failed exchange; never holds headers we sent. */
export interface FailedExchange {
	method: string;
	/** Path relative to the API root, as sent (ids already encoded). */
	path: string;
	statusCode?: number;
	contentType?: string;
	bodyText?: string;
	/** Network error code such as ECONNRESET, when no response came back. */
	networkCode?: string;
	attempts?: number;
	itemIndex?: number;
	/** What the request was for, e.g. a report window label. */
	context?: string;
	/** The credential's sign-in failed before the request was sent (its own message). */
	signInFailure?: string;
	/** The host a redirect pointed to, when it was not followed (another host, or not a GET). */
	redirectTo?: string;
	redirectSameHost?: boolean;
	/** Values no text of the error may hold: the credential's secrets, issued tokens (redact.ts). */
	secrets?: string[];
	/** Set when the body came back with status 2xx but could not be parsed. */
	parseFailure?: 'invalidJson' | 'empty';
	/** No answer within the time the request had: its Timeout, or the deadline of the run. */
	timedOut?: { afterMs: number; by: 'timeout' | 'deadline'; deadlineName?: string };
	/** The execution was cancelled while waiting for the rate budget, or with the request under way. */
	cancelled?: 'waiting' | 'sending';
	/** A wait for the rate budget this call may not make; nothing was sent. */
	refusedWait?: { waitMs: number; allowedMs: number; by: 'deadline' | 'maxBudgetWait'; budget: string; deadlineName?: string };
	/** A 429 whose Retry-After is longer than the cap. */
	retryAfter?: { untilMs: number; askedMs: number; capMs: number };
	/** The body ended before its Content-Length: the connection closed under it. */
	cutShort?: { contentLength?: number };
	/** Why the failure above was not tried again although it could have been. */
	retryStopped?: string;
	/** Something else went wrong before an answer came back (its own words). */
	unexpected?: string;
	/**
	 * A 2xx answer that is not what was asked for (a report that does not parse as the requested
	 * format, or lacks the report's columns): the reader's message. The answer's start is quoted.
	 */
	notAsAsked?: { problem: string; expected: string };
	/** The answer passed the request's size bound (answerSize.ts). */
	tooLarge?: { limitBytes: number; declaredBytes?: number; readBytes: number };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/** How much of an answer's start an error quotes. */
const QUOTED_START_CHARS = 120;

/** The start of a body, cleaned of secrets before it is cut (a cut could split a token). */
export function quoteStart(bodyText: string | undefined, secrets: string[] = []): string {
	const text = redactText((bodyText ?? '').replace(/^\uFEFF/, '').trimStart(), secrets);
	const start = text.slice(0, QUOTED_START_CHARS);
	return `${JSON.stringify(start)}${text.length > QUOTED_START_CHARS ? '…' : ''}`;
}

/** What kind of failure a transport error is, in `error.context.failure`. */
export type FailureKind =
	| 'deadline'
	| 'budgetWait'
	| 'retryAfter'
	| 'timeout'
	| 'cancelled'
	| 'signIn'
	| 'network'
	| 'cutShort'
	| 'response'
	| 'http'
	| 'unexpected';

/** The kind of a transport error (undefined for errors the transport did not make). */
export function failureKindOf(error: unknown): FailureKind | undefined {
	const context = (error as { context?: { failure?: unknown } } | undefined)?.context;
	return typeof context?.failure === 'string' ? (context.failure as FailureKind) : undefined;
}

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

function where(exchange: FailedExchange): string {
	return exchange.context ? ` (${exchange.context})` : '';
}

/** The one place where a failed Engage Voice exchange becomes a NodeApiError. */
export function toNodeApiError(node: INode, exchange: FailedExchange): NodeApiError {
	const status = exchange.statusCode;
	const secrets = exchange.secrets ?? [];
	const said = describeBody(exchange.bodyText, exchange.contentType, secrets);
	const tries = exchange.attempts && exchange.attempts > 1 ? ` after ${exchange.attempts} attempts` : '';
	let message: string;
	let description: string;

	let failure: FailureKind = status === undefined ? 'unexpected' : 'http';

	if (exchange.cancelled) {
		failure = 'cancelled';
		message =
			exchange.cancelled === 'waiting'
				? `The execution was cancelled while waiting for the rate budget${where(exchange)}`
				: `The execution was cancelled while Engage Voice was answering${where(exchange)}`;
		description =
			exchange.cancelled === 'waiting'
				? 'Nothing was sent for this request, and its place in the rate budget was given back.'
				: `${exchange.method} ${exchange.path} was sent; its answer was not read.`;
	} else if (exchange.refusedWait) {
		const refused = exchange.refusedWait;
		failure = refused.by === 'deadline' ? 'deadline' : 'budgetWait';
		message =
			refused.by === 'deadline'
				? `Not sent: the ${refused.budget} rate budget has no slot for ${seconds(refused.waitMs)}, past ${refused.deadlineName ?? 'the deadline of this run'}${where(exchange)}`
				: `Not sent: the ${refused.budget} rate budget has no slot for ${seconds(refused.waitMs)}, longer than Max Rate Budget Wait allows (${seconds(refused.allowedMs)} left)${where(exchange)}`;
		description =
			refused.by === 'deadline'
				? 'Every wait of this run must end by its deadline; the request was not sent and nothing was charged to the budget.'
				: 'Other requests on the same sub-account are using the budget. Run again later, raise Options › Max Rate Budget Wait, or raise the budget if your account allows more.';
	} else if (exchange.retryAfter) {
		failure = 'retryAfter';
		const asked = exchange.retryAfter;
		message = `Engage Voice asked to retry after ${new Date(asked.untilMs).toISOString()} (in ${seconds(asked.askedMs)}), longer than Max Retry-After Wait (${seconds(asked.capMs)})${where(exchange)}`;
		description = `The API answered 429 (too many requests) and asked not to be called again before then. Run the node after that time, or raise Options › Max Retry-After Wait. Other requests to this sub-account hold back for at most ${seconds(asked.capMs)} because of it.`;
	} else if (exchange.timedOut) {
		failure = 'timeout';
		const timedOut = exchange.timedOut;
		message = `Engage Voice timed out after ${seconds(timedOut.afterMs)}${timedOut.by === 'deadline' ? `, at ${timedOut.deadlineName ?? 'the deadline of this run'}` : ''}${tries}${where(exchange)}`;
		description =
			timedOut.by === 'deadline'
				? `No answer to ${exchange.method} ${exchange.path} came before the run had to end. The server may be slow or unreachable: later runs try again.`
				: `No answer to ${exchange.method} ${exchange.path} came within the Timeout (retries included). The server may be overloaded: run the node again later, or raise Options › Timeout.`;
	} else if (exchange.signInFailure) {
		failure = 'signIn';
		message = redactText(exchange.signInFailure, secrets);
		description =
			'Signing in to Engage Voice failed before the request was sent. Open the credential, correct it and use its Test button.';
	} else if (exchange.cutShort) {
		failure = 'cutShort';
		const length = exchange.cutShort.contentLength;
		message = `Engage Voice's answer was cut short${tries}${where(exchange)}`;
		description = `The connection closed before the ${length !== undefined ? `${length} bytes` : 'whole body'} its Content-Length announced had arrived (HTTP ${status ?? '?'} to ${exchange.method} ${exchange.path}). Run the node again; if it persists, something between n8n and Engage Voice cuts answers short.`;
	} else if (exchange.unexpected !== undefined) {
		failure = 'unexpected';
		message = `The request to Engage Voice failed: ${redactText(exchange.unexpected, secrets) || 'no reason given'}${where(exchange)}`;
		description = `${exchange.method} ${exchange.path} failed before an answer came back.`;
	} else if (exchange.networkCode) {
		failure = 'network';
		message = `Could not reach Engage Voice (${describeNetworkCode(exchange.networkCode)})${tries}${where(exchange)}`;
		description =
			networkAdvice(exchange.networkCode) ??
			'The connection failed before an answer came back. Check the host in the credential and that n8n can reach it; run the node again later if the service was briefly unavailable.';
	} else if (exchange.redirectTo) {
		message = exchange.redirectSameHost
			? `Engage Voice answered ${exchange.method} ${exchange.path} with a redirect (HTTP ${status}), which is followed only for GET requests${where(exchange)}`
			: `Engage Voice redirected ${exchange.method} ${exchange.path} to another host (${exchange.redirectTo})${where(exchange)}`;
		description =
			"The request was not sent there: the package sends a credential only to the credential's host and follows no redirect elsewhere (a recording may come from its storage host, without any credential). If the service moved, enter its new host in the credential.";
	} else if (exchange.parseFailure === 'invalidJson') {
		failure = 'response';
		message = `Engage Voice sent a response that is not valid JSON${tries}${where(exchange)}`;
		description = `The answer to ${exchange.method} ${exchange.path} was cut off or malformed (starts with: ${JSON.stringify(
			redactText(exchange.bodyText ?? '', secrets).slice(0, 60),
		)}). Run the node again; if it persists, the endpoint may have changed.`;
	} else if (exchange.tooLarge) {
		const { limitBytes, declaredBytes, readBytes } = exchange.tooLarge;
		const size = declaredBytes !== undefined ? `declared ${megabytes(declaredBytes)}` : `more than ${megabytes(readBytes)} arrived`;
		message = `Engage Voice's answer is larger than the bound of ${megabytes(limitBytes)} (${size})${where(exchange)}`;
		description = `Reading stopped at the bound; nothing of this answer was used. Narrow the request windows (a shorter range, or a shorter Window Length) or raise Options › Max Answer Size (MB).`;
	} else if (exchange.notAsAsked) {
		message = `${exchange.notAsAsked.problem}${where(exchange)}`;
		const type = exchange.contentType ? ` (Content-Type ${exchange.contentType})` : '';
		description = `${exchange.method} ${exchange.path} answered HTTP ${status}${type} with something that is not ${exchange.notAsAsked.expected}; it starts with ${quoteStart(exchange.bodyText, secrets)}. If the service was still preparing the report, run the node again later.`;
	} else if (exchange.parseFailure === 'empty') {
		failure = 'response';
		message = `Engage Voice sent an empty response${where(exchange)}`;
		description = `${exchange.method} ${exchange.path} answered HTTP ${status} with no body where data was expected.`;
	} else if (status === 400) {
		message = `Engage Voice rejected the request: ${said || 'the supplied data is not valid'}${where(exchange)}`;
		description =
			'Check the parameters named above (ids must be numeric, dates in the past, windows within the API maximum).';
	} else if (status === 401) {
		message = `Engage Voice did not accept the credentials: ${said || 'unauthorized'}${where(exchange)}`;
		description =
			'n8n signed in again once and retried, and the API still refused. Check the credential (for API tokens: the token may have been deleted) and use its Test button.';
	} else if (status === 403) {
		message = `No permission for this Engage Voice resource: ${said || 'access denied'}${where(exchange)}`;
		description =
			'The integration API needs the WFO_ACCESS role for the user and WEM Access enabled on the account by RingCentral. Check also that the sub-account belongs to this credential.';
	} else if (status === 404) {
		message = `Engage Voice could not find ${exchange.path}: ${said || 'not found'}${where(exchange)}`;
		description =
			'Check the ids in the parameters (sub-account, group, dialog or segment id) and the API family: some classic endpoints are not served by every host.';
	} else if (status === 429) {
		message = `Engage Voice rate limit reached${tries}${where(exchange)}`;
		description =
			"The API kept answering 429 (too many requests). Lower the node's rate budget in Options, or spread the work over more time.";
	} else if (status !== undefined && status >= 500) {
		message = `Engage Voice had a server error (HTTP ${status})${tries}${where(exchange)}`;
		description = `The service answered ${said || 'with no details'}. This is usually temporary: run the node again later.`;
	} else {
		message = `Engage Voice answered HTTP ${status ?? 'without a status'}${where(exchange)}: ${said}`;
		description = `Unexpected answer to ${exchange.method} ${exchange.path}.`;
	}

	if (exchange.retryStopped) description = `${description} ${exchange.retryStopped}`;

	// Whatever went into the texts above, none holds a secret (the path may hold an echoed link).
	message = redactText(message, secrets);
	description = redactText(description, secrets);
	// The cause shown in n8n's error details: status, path and the API's own words, nothing we sent.
	const cause: JsonObject = {
		httpCode: status === undefined ? null : String(status),
		request: redactText(`${exchange.method} ${exchange.path}`, secrets),
		response: said || null,
	};
	// not `code`: NodeApiError would replace our message with its generic text for known codes
	if (exchange.networkCode) cause.networkError = exchange.networkCode;
	const error = new NodeApiError(node, cause, {
		message,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: exchange.itemIndex,
	});
	error.context.failure = failure;
	return error;
}

/**
 * Cleans an error that is about to reach the user (thrown, or put in a Continue-On-Fail item) of
 * every given secret: message, description, stack and every text in its details and causes. The
 * errors built above are clean already; this is the net for whatever else passes through.
 */
export function redactError<T>(error: T, secrets: string[]): T {
	const seen = new WeakSet<object>();
	const clean = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return redactText(value, secrets);
		if (!value || typeof value !== 'object' || depth > 6 || seen.has(value)) return value;
		seen.add(value);
		const record = value as Record<string, unknown>;
		for (const key of Object.getOwnPropertyNames(value)) {
			// the node is the workflow's own object: never rewritten
			if (key === 'node') continue;
			try {
				const cleaned = clean(record[key], depth + 1);
				if (cleaned !== record[key]) record[key] = cleaned;
			} catch {
				// a read-only property: nothing to do
			}
		}
		return value;
	};
	return clean(error, 0) as T;
}
