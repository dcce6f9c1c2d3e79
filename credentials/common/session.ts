import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { engageHostOf, trimSlash } from './hosts';

/*
 * Which sign-in session a credential's hidden fields (engageToken, refreshToken, mainAccountId)
 * belong to. A session is bound to what issued it: a keyed digest of the Engage host, the
 * RingCentral server, the client and the secrets, kept next to it in the hidden `sessionBinding`
 * field. n8n keeps hidden fields when a credential is edited, so after an edit the stored session
 * still belongs to the old host or secrets: the binding no longer matches, `authenticate` sends
 * no token, and the sign-in starts afresh without the old refresh token.
 */

export type SessionKind = 'ringCentralJwt' | 'engageLogin';

/** The credential fields that issued a session, in a fixed order. A change in any ends it. */
function issuerOf(kind: SessionKind, credentials: IDataObject): string[] {
	const field = (name: string) => String(credentials[name] ?? '');
	if (kind === 'ringCentralJwt') {
		return [
			engageHostOf(credentials),
			trimSlash(field('ringCentralServer').trim()),
			field('clientId'),
			field('clientSecret'),
			field('jwt'),
		];
	}
	return [engageHostOf(credentials), field('username'), field('password'), field('platformId')];
}

const BINDING_VERSION = 'v1';

function digest(salt: Buffer, issuer: string[]): Buffer {
	return createHmac('sha256', salt).update(JSON.stringify(issuer)).digest();
}

/**
 * The binding of a session the credential's current fields just issued: `v1.<salt>.<HMAC-SHA256>`,
 * with a random salt per session. The secrets themselves are never stored a second time.
 */
export function bindSession(kind: SessionKind, credentials: IDataObject): string {
	const salt = randomBytes(16);
	return [BINDING_VERSION, salt.toString('hex'), digest(salt, issuerOf(kind, credentials)).toString('hex')].join('.');
}

/** Whether the stored session was issued by the credential's current hosts, client and secrets. */
export function sessionMatches(kind: SessionKind, credentials: IDataObject): boolean {
	const [version, saltHex, digestHex] = String(credentials.sessionBinding ?? '').split('.');
	if (version !== BINDING_VERSION || !saltHex || !digestHex) return false;
	const expected = digest(Buffer.from(saltHex, 'hex'), issuerOf(kind, credentials));
	const stored = Buffer.from(digestHex, 'hex');
	return stored.length === expected.length && timingSafeEqual(stored, expected);
}

/*
 * n8n runs preAuthentication when the token field is empty, after a request was refused (401; its
 * legacy request helper: after any error), and always in the credential Test. Only a refusal may be
 * answered with the refresh token: the Test must prove the secrets as they are now, with a full
 * sign-in. n8n hands the same credentials object to `authenticate` and, after a refusal, to
 * preAuthentication, so remembering which token `authenticate` put on a request of that object
 * tells the cases apart. Held weakly: nothing outlives the request's credentials object.
 */
const sentTokens = new WeakMap<object, string>();

export function rememberSentToken(credentials: IDataObject, token: string) {
	sentTokens.set(credentials, token);
}

/** Whether this credentials object's current token went out on a request that was then refused. */
export function tokenWasRefused(credentials: IDataObject): boolean {
	const token = String(credentials.engageToken ?? '');
	return token !== '' && sentTokens.get(credentials) === token;
}

/**
 * Thrown by `authenticate` when the stored session belongs to other credential fields, before the
 * request is sent. It carries a 401 so that n8n's request helpers run preAuthentication (which
 * signs in afresh) and send the request again; its message shows only if that fails as well.
 */
export class StaleSessionError extends UserError {
	readonly response = { status: 401 };

	constructor() {
		super(
			'The stored Engage Voice session was issued for other credential settings (host, server, client or secrets), so it was not used: sign in again, e.g. with the credential’s Test button',
		);
	}
}
