'use strict';
// Response builders shared by all handlers. A handler returns a plain response object
// { status, headers, body } (body: string or Buffer); index.js writes it, after faults had their say.

const GENERAL_MESSAGES = {
	400: 'The supplied data is not valid',
	401: 'Unauthorized',
	403: 'You do not have permission to access this resource',
	404: 'The resource you have requested does not exist',
	405: 'The requested method is not supported',
	409: 'The resource already exists',
	500: 'An Internal Server Error occurred while processing this request',
};
const DEVELOPER_MESSAGES = { 400: 'Bad request', 403: 'Access is denied', 404: 'Not found', 405: 'Method not allowed', 500: 'Internal server error' };

function json(status, value, headers = {}) {
	return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(value) };
}

function text(status, body, headers = {}) {
	return { status, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers }, body: String(body) };
}

function binary(status, buffer, contentType, headers = {}) {
	return { status, headers: { 'Content-Type': contentType, ...headers }, body: buffer };
}

/** The Engage JSON `Errors` shape (API doc §7.2 item 1). */
function errors(ctx, status, { developerMessage, generalMessage, details = '', validationErrors } = {}) {
	const body = {
		details,
		developerMessage: developerMessage || DEVELOPER_MESSAGES[status] || 'Error',
		cause: '',
		generalMessage: generalMessage || GENERAL_MESSAGES[status] || 'Error',
		requestUri: requestUri(ctx),
		timestamp: ctx.now(),
	};
	if (validationErrors) body.validationErrors = validationErrors;
	return json(status, body);
}

/** CX paths keep the leading slash, classic ones do not (as in the doc's examples). */
function requestUri(ctx) {
	const raw = ctx.rawPath || ctx.path;
	const p = ctx.path.startsWith('/voice/api/cx/') ? raw : raw.replace(/^\//, '');
	return `${p} - ${ctx.method}`;
}

/** The `errorCode` JSON shape (API doc §7.2 item 2). */
function errorCode(ctx, status, code, message) {
	return json(status, { errorCode: code, generalMessage: message || GENERAL_MESSAGES[status] || 'Error', timestamp: ctx.now() });
}

function htmlPage(status) {
	const titles = { 500: '500 Internal Server Error', 502: '502 Bad Gateway', 503: '503 Service Temporarily Unavailable', 504: '504 Gateway Time-out' };
	const title = titles[status] || `${status} Error`;
	return {
		status,
		headers: { 'Content-Type': 'text/html' },
		body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
	};
}

/** 'Jwt is expired' on classic/admin paths, 'JWT is expired.' on CX paths. */
function expiredText(path) {
	return path.startsWith('/voice/api/cx/') ? 'JWT is expired.' : 'Jwt is expired';
}

module.exports = { json, text, binary, errors, errorCode, htmlPage, expiredText, requestUri, GENERAL_MESSAGES };
