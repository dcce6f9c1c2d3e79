import type { IAllExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRootOf, hostProblem } from '../../../credentials/common/hosts';
import { secretsOf } from '../../../credentials/common/redact';
import { redactError } from './errorMapper';

import type { Authentication } from './credentialTypes';
import { CREDENTIAL_TYPES } from './credentialTypes';

export interface EngageConnection {
	authentication: Authentication;
	credentialType: string;
	/** `https://host/voice/api` (current hosts) or `https://portal.vacd.biz/api` (legacy). */
	apiRoot: string;
	legacy: boolean;
	skipSsl: boolean;
	credentials: ICredentialDataDecryptedObject;
}

function readAuthentication(ctx: IAllExecuteFunctions): Authentication {
	let value: unknown;
	try {
		value = (ctx as { getNodeParameter: (name: string, index: number) => unknown }).getNodeParameter(
			'authentication',
			0,
		);
	} catch {
		value = undefined;
	}
	const auth = (value ?? 'ringCentralJwt') as Authentication;
	if (!(auth in CREDENTIAL_TYPES)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown authentication "${String(value)}"`, {
			description: 'Choose RingCentral JWT, Engage Login or API Token in the Authentication parameter.',
		});
	}
	return auth;
}

/** Reads the credential chosen by the node's Authentication parameter (fresh each call). */
export async function getConnection(ctx: IAllExecuteFunctions): Promise<EngageConnection> {
	const authentication = readAuthentication(ctx);
	const credentialType = CREDENTIAL_TYPES[authentication];
	const credentials = await ctx.getCredentials(credentialType);
	const fields = authentication === 'apiToken' ? 'token' : 'engage';
	// checked before any request: a host with a path would make every path wrong, and blame the ids
	const problem = hostProblem(fields, credentials);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			description: 'Open the credential, correct the field named above and use its Test button.',
		});
	}
	const { apiRoot, legacy } = apiRootOf(fields, credentials);
	return {
		authentication,
		credentialType,
		apiRoot,
		legacy,
		skipSsl: credentials.ignoreSslIssues === true,
		credentials,
	};
}

/**
 * Every secret an error of this execution may hold: the credential as read for the connection, as
 * stored now (a sign-in during the execution may have issued new tokens), and the tokens issued by
 * sign-ins of this process.
 */
export async function connectionSecrets(ctx: IAllExecuteFunctions, connection?: EngageConnection): Promise<string[]> {
	let stored: ICredentialDataDecryptedObject | undefined;
	try {
		stored = connection ? ((await ctx.getCredentials(connection.credentialType)) as ICredentialDataDecryptedObject) : undefined;
	} catch {
		stored = undefined;
	}
	return secretsOf(connection?.credentials, stored);
}

/**
 * The last net over an error about to leave the node (thrown, or put in a Continue-On-Fail item):
 * cleaned in place of every secret of the execution (connectionSecrets), whatever built it. The
 * action node's router and the trigger's poll both pass every error they let out through here.
 */
export async function redactEmittedError<T>(ctx: IAllExecuteFunctions, error: T, connection?: EngageConnection): Promise<T> {
	return redactError(error, await connectionSecrets(ctx, connection));
}
