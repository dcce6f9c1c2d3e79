import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { HostFields } from './hosts';
import { hostProblem } from './hosts';

/*
 * The credentials' `authenticate`: what n8n puts on every request signed with the credential —
 * this package's node, the credential Test, or n8n's HTTP Request node with this credential.
 */

/** Any shape n8n passes to `authenticate`: IHttpRequestOptions, or the legacy request options. */
type RequestOptions = IHttpRequestOptions & { uri?: string };

/** Attaches `headers` once the credential's host fields are usable (else says which field to fix). */
function signedFor(fields: HostFields, credentials: IDataObject, options: RequestOptions, headers: IDataObject) {
	const problem = hostProblem(fields, credentials);
	if (problem) throw new UserError(problem);
	return { ...options, headers: { ...(options.headers ?? {}), ...headers } } as IHttpRequestOptions;
}

/** `authenticate` of the API Token credential: X-Auth-Token. */
export async function authenticateWithApiToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return signedFor('token', credentials, requestOptions, { 'X-Auth-Token': String(credentials.apiToken ?? '') });
}
