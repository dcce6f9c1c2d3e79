'use strict';
// Checks shared by the integration endpoints of both families, in the order the simulator applies
// them: account WEM access (403) → path ids: non-numeric 400, unknown 404, sub-account without WEM
// 403 → rate limit (429) → the endpoint's own request validation (400).

const { errors } = require('./http');

const isNumeric = (v) => typeof v === 'string' && /^\d+$/.test(v);

function badId(ctx, name, value) {
	return errors(ctx, 400, {
		developerMessage: `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: "${value}"`,
		validationErrors: [{ attributeName: name, message: 'must be a number', value }],
	});
}

function forbidden(ctx) {
	return errors(ctx, 403);
}

function notFound(ctx, what) {
	return errors(ctx, 404, { details: what || '' });
}

/** Returns a response when the request must stop, else null. */
function wem(ctx) {
	return ctx.principal && ctx.principal.wem === false ? forbidden(ctx) : null;
}

function mainAccount(S, ctx, id) {
	if (!isNumeric(id)) return badId(ctx, 'mainAccountId', id);
	if (id !== S.world.mainAccountId || ctx.principal.mainAccountId !== id) return notFound(ctx, `Main account ${id} not found`);
	return null;
}

function rcAccount(S, ctx, id) {
	if (!isNumeric(id)) return badId(ctx, 'rcAccountId', id);
	if (id !== S.world.rcAccountId || ctx.principal.rcAccountId !== id) return notFound(ctx, `Account ${id} not found`);
	return null;
}

/** → { sub } or { response } */
function subAccount(S, ctx, id) {
	if (!isNumeric(id)) return { response: badId(ctx, 'subAccountId', id) };
	const sub = S.world.subAccounts.find((s) => s.subAccountId === id);
	if (!sub) return { response: notFound(ctx, `Sub-account ${id} not found`) };
	if (!sub.wemAccess) return { response: forbidden(ctx) };
	return { sub };
}

function limit(S, ctx, cls, key) {
	const slot = S.limits.take(cls, key);
	return slot.ok ? null : S.rateLimited(ctx, slot.retryAfterMs);
}

module.exports = { isNumeric, badId, forbidden, notFound, wem, mainAccount, rcAccount, subAccount, limit };
