import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { SessionKind } from './session';

/*
 * The credentials' `authenticate`, with the code that signs a request (./authenticate.ts, and the
 * session binding it checks) loaded on the first request: n8n loads every credential of the
 * package when it starts.
 */

type Authenticate = (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

export function signWithSession(kind: SessionKind): Authenticate {
	return async (credentials, requestOptions) => {
		const { authenticateWithSession } = await import('./authenticate');
		return await authenticateWithSession(kind)(credentials, requestOptions);
	};
}

export const signWithApiToken: Authenticate = async (credentials, requestOptions) => {
	const { authenticateWithApiToken } = await import('./authenticate');
	return await authenticateWithApiToken(credentials, requestOptions);
};
