import type { IAllExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from '../reports';
import type { EngageConnection, EngageResponse } from '../transport';
import { engageRequest, getConnection } from '../transport';

interface AdminAccount {
	accountId?: string | number;
	mainAccountId?: string | number;
}

/*
 * The ids a sign-in yields (API doc §2.4) live in the credential's hidden fields once n8n has run
 * preAuthentication. Before the first request they may still be empty, so one cheap authenticated
 * call signs in, and the credential is read again.
 */
async function signedInConnection(ctx: IAllExecuteFunctions, connection: EngageConnection) {
	let accounts: AdminAccount[] = [];
	let failure: Error | undefined;
	try {
		const response = (await engageRequest.call(ctx, connection, {
			method: 'GET',
			path: '/v1/admin/accounts',
		})) as EngageResponse<AdminAccount[]>;
		accounts = Array.isArray(response.body) ? response.body : [];
	} catch (error) {
		// Signing in is what we came for; the list is only a fallback source of the main account id.
		failure = error as Error;
	}
	const refreshed = await getConnection(ctx);
	// later items of the same execution reuse what the sign-in stored
	connection.credentials = refreshed.credentials;
	return { refreshed, accounts, failure };
}

export async function resolveMainAccountId(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	override?: string,
): Promise<string> {
	if (override) return override;
	const known = String(connection.credentials.mainAccountId ?? '');
	if (known) return known;
	const { refreshed, accounts, failure } = await signedInConnection(ctx, connection);
	const id = String(refreshed.credentials.mainAccountId || accounts[0]?.mainAccountId || '');
	if (!id && failure instanceof NodeApiError) throw failure;
	if (!id) {
		throw new NodeOperationError(ctx.getNode(), 'The main account ID is not known for this credential', {
			description: 'Set "Main Account ID" in the node options or in the credential.',
		});
	}
	return id;
}

export async function resolveRcAccountId(
	ctx: IAllExecuteFunctions,
	connection: EngageConnection,
	override?: string,
): Promise<string> {
	if (override) return override;
	const known = String(connection.credentials.rcAccountId ?? '');
	if (known) return known;
	if (connection.authentication === 'ringCentralJwt') {
		const { refreshed, failure } = await signedInConnection(ctx, connection);
		const id = String(refreshed.credentials.rcAccountId ?? '');
		if (id) return id;
		if (failure instanceof NodeApiError) throw failure;
	}
	throw new NodeOperationError(ctx.getNode(), 'RingCX (CX) API calls need the RingCentral account ID', {
		description:
			'Enter "RingCentral Account ID" in the credential or in the node options, or choose the Classic API family.',
	});
}

/** Where a CX request goes: the RingCentral account id comes with it. */
export interface FamilyTarget {
	family: ApiFamily;
	rcAccountId?: string;
}

/**
 * Checks the chosen API family against the credential and finds the RingCentral account id a CX
 * call needs (credential, sign-in, or the "RingCentral Account ID" option), before any list request.
 */
export async function familyTarget(
	ctx: IAllExecuteFunctions,
	call: { connection: EngageConnection; itemIndex?: number },
	family: ApiFamily,
	rcAccountOverride?: string,
): Promise<FamilyTarget> {
	if (family === 'classic') return { family };
	if (call.connection.legacy) {
		throw new NodeOperationError(ctx.getNode(), '"API Family" RingCX (CX) is not served by legacy portal hosts', {
			itemIndex: call.itemIndex,
			description:
				'The credential points at a legacy portal (…/api), which serves only the classic integration API. Choose "Classic" in "API Family", or use a credential for ringcx.ringcentral.com.',
		});
	}
	return { family, rcAccountId: await resolveRcAccountId(ctx, call.connection, rcAccountOverride) };
}

