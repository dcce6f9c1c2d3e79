import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { HostFields } from './hosts';
import { allowedOriginOf, apiRootOf, hostProblem, trimSlash } from './hosts';
import type { SessionKind } from './session';
import { StaleSessionError, rememberSentToken, sessionMatches } from './session';

/*
 * The credentials' `authenticate`: what n8n puts on every request signed with the credential —
 * this package's node, the credential Test, or n8n's HTTP Request node with this credential. A
 * token goes only to the credential's own host, and never along a redirect.
 */

/** Any shape n8n passes to `authenticate`: IHttpRequestOptions, or the legacy request options. */
type RequestOptions = IHttpRequestOptions & { uri?: string; followRedirect?: boolean; followAllRedirects?: boolean };

function targetOf(options: RequestOptions): URL | undefined {
	const url = String(options.url ?? options.uri ?? '');
	try {
		return options.baseURL ? new URL(url, `${trimSlash(String(options.baseURL))}/`) : new URL(url);
	} catch {
		return undefined;
	}
}

/**
 * Attaches `headers` only to a request for the credential's own host (once its host fields are
 * usable; else it says which field to fix), and turns redirects off for it: n8n would repeat the
 * headers on a redirect to any host. The node's transport follows the safe ones itself.
 */
function signedFor(fields: HostFields, credentials: IDataObject, options: RequestOptions, headers: IDataObject) {
	const problem = hostProblem(fields, credentials);
	if (problem) throw new UserError(problem);
	const allowed = allowedOriginOf(fields, credentials);
	const target = targetOf(options);
	if (!target || target.origin !== allowed) {
		throw new UserError(
			`This Engage Voice credential sends its token only to ${allowed}; the request goes to ${target?.origin ?? 'an address that is not a URL'}. Use a URL under ${apiRootOf(fields, credentials).apiRoot}, or a credential for that host`,
		);
	}
	return {
		...options,
		headers: { ...(options.headers ?? {}), ...headers },
		// IHttpRequestOptions (node helpers, credential Test) and legacy request options (HTTP Request node)
		disableFollowRedirect: true,
		followRedirect: false,
		followAllRedirects: false,
		maxRedirects: 0,
	} as IHttpRequestOptions;
}

/** `authenticate` of the API Token credential: X-Auth-Token. */
export async function authenticateWithApiToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return signedFor('token', credentials, requestOptions, { 'X-Auth-Token': String(credentials.apiToken ?? '') });
}

/**
 * `authenticate` of the RingCentral JWT and Engage Login credentials: the session's Bearer token,
 * only while the session belongs to the credential's current fields (common/session.ts).
 */
export function authenticateWithSession(kind: SessionKind) {
	return async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token = String(credentials.engageToken ?? '');
		// the host first: a request for another host gets no fresh sign-in either
		const signed = signedFor('engage', credentials, requestOptions, { Authorization: `Bearer ${token}` });
		if (!token || !sessionMatches(kind, credentials)) throw new StaleSessionError();
		rememberSentToken(credentials, token);
		return signed;
	};
}
