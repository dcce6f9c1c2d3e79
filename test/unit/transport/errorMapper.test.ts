import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeBody, redactError, scrubSecrets, toNodeApiError } from '../../../nodes/EngageVoice/transport/errorMapper';
import { apiPath, cxPrefix } from '../../../nodes/EngageVoice/transport/paths';
import { retryAfterMs } from '../../../credentials/common/errorText';

const node: INode = {
	id: '1',
	name: 'Engage Voice',
	type: 'n8n-nodes-engage-voice.engageVoice',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('error mapper', () => {
	it('reads the JSON Errors shape with validation errors', () => {
		const body = JSON.stringify({
			generalMessage: 'The supplied data is not valid',
			developerMessage: 'Bad request',
			validationErrors: [{ attributeName: 'endDate', message: 'must be within 3 hours', value: 'x' }],
		});
		const error = toNodeApiError(node, { method: 'POST', path: '/cx/x', statusCode: 400, bodyText: body });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Engage Voice rejected the request: The supplied data is not valid — endDate: must be within 3 hours',
		);
		expect(error.httpCode).toBe('400');
	});

	it('reads errorCode bodies and subscription errors', () => {
		expect(describeBody(JSON.stringify({ errorCode: 'SUB-525', message: 'WebHook server response is invalid' }))).toBe(
			'WebHook server response is invalid — code SUB-525',
		);
		expect(
			describeBody(
				JSON.stringify({ errorCode: 'access.denied.exception', generalMessage: 'You do not have permission to access this resource' }),
			),
		).toBe('You do not have permission to access this resource — code access.denied.exception');
	});

	it('reads RingCentral OAuth errors (the sign-in uses the same reader)', () => {
		expect(describeBody(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid assertion' }))).toBe('Invalid assertion');
		expect(describeBody(JSON.stringify({ error: 'invalid_client', errors: [{ errorCode: 'OAU-153', message: 'Invalid client: x' }] }))).toBe(
			'Invalid client: x',
		);
	});

	it('points a 403 at the WFO_ACCESS role and WEM access', () => {
		const error = toNodeApiError(node, {
			method: 'GET',
			path: '/integration/v1/admin/accounts/1/agentGroups',
			statusCode: 403,
			bodyText: JSON.stringify({ generalMessage: 'You do not have permission to access this resource' }),
		});
		expect(error.message).toMatch(/^No permission/);
		expect(error.description).toMatch(/WFO_ACCESS/);
		expect(error.description).toMatch(/WEM Access/);
	});

	it('turns text/plain 401 and HTML gateway pages into readable text', () => {
		expect(toNodeApiError(node, { method: 'GET', path: '/p', statusCode: 401, bodyText: 'Jwt is expired', contentType: 'text/plain' }).message).toBe(
			'Engage Voice did not accept the credentials: Jwt is expired',
		);
		const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
		const error = toNodeApiError(node, { method: 'GET', path: '/p', statusCode: 502, bodyText: html, contentType: 'text/html', attempts: 4 });
		expect(error.message).toBe('Engage Voice had a server error (HTTP 502) after 4 attempts');
		expect(error.description).toContain('an HTML page: "502 Bad Gateway"');
	});

	it('names empty bodies, invalid JSON and network failures', () => {
		expect(toNodeApiError(node, { method: 'GET', path: '/p', statusCode: 200, parseFailure: 'empty' }).message).toBe(
			'Engage Voice sent an empty response',
		);
		const invalid = toNodeApiError(node, { method: 'GET', path: '/p', statusCode: 200, bodyText: '[{"a":', parseFailure: 'invalidJson', attempts: 2 });
		expect(invalid.message).toBe('Engage Voice sent a response that is not valid JSON after 2 attempts');
		expect(toNodeApiError(node, { method: 'GET', path: '/p', networkCode: 'ECONNRESET', context: 'window 3 of 8' }).message).toBe(
			'Could not reach Engage Voice (connection reset) (window 3 of 8)',
		);
	});

	it('never lets a token or secret through', () => {
		const leaky = 'Authorization: Bearer eyJhbGciOi.abc.def refresh_token=r-123&password=hunter2 {"accessToken":"tok-9"}';
		const cleaned = scrubSecrets(leaky);
		for (const secret of ['eyJhbGciOi.abc.def', 'r-123', 'hunter2', 'tok-9']) expect(cleaned).not.toContain(secret);
		const error = toNodeApiError(node, { method: 'GET', path: '/p', statusCode: 500, bodyText: leaky });
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.cause })).not.toMatch(/hunter2|tok-9|r-123|eyJhbGciOi/);
	});
});

describe('paths', () => {
	it('encodes every path parameter as one segment', () => {
		expect(apiPath`/accounts/${'12/../34'}/agentGroups/${'5?x=1'}`).toBe('/accounts/12%2F..%2F34/agentGroups/5%3Fx%3D1');
		expect(cxPrefix('138885004', '99990001')).toBe('/cx/integration/v1/accounts/138885004/sub-accounts/99990001');
	});
});

describe('Retry-After', () => {
	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
		expect(retryAfterMs({})).toBeUndefined();
	});
});

describe('redaction by value', () => {
	// an issued session token (built, so that no literal looks like a secret)
	const issued = ['eyJhbGciOiJIUzI1NiJ9', 'c2Vzc2lvbi10b2tlbg', 'sig-value_123'].join('.');

	it('cleans the body of the secrets before anything is picked out or cut short', () => {
		const body = `${'x'.repeat(160)} Invalid token ${issued}`;
		const error = toNodeApiError(node, { method: 'GET', path: '/x', statusCode: 401, bodyText: body, secrets: [issued] });
		expect(error.message).toMatch(/Invalid token \[redacted\]$/);
		expect(JSON.stringify(error)).not.toContain(issued.slice(0, 12));
	});

	it('finds a secret URL-encoded, form-encoded, JSON-escaped or as Basic credentials', () => {
		const secret = 'p@ss word/"1"';
		const body = JSON.stringify({ message: `a=${encodeURIComponent(secret)} b=${new URLSearchParams({ v: secret }).toString().slice(2)} c=${secret}` });
		const error = toNodeApiError(node, { method: 'GET', path: '/x', statusCode: 400, bodyText: body, secrets: [secret] });
		expect(error.message).toBe('Engage Voice rejected the request: a=[redacted] b=[redacted] c=[redacted]');
	});

	it('redactError cleans message, description, stack and nested causes, and leaves the node alone', () => {
		const cause = new Error(`upstream said ${issued}`);
		const error = Object.assign(new Error(`failed: ${issued}`), {
			description: `see ${issued}`,
			cause,
			details: { deep: [{ text: `x ${issued} y` }] },
			node: { ...node, parameters: { note: issued } },
		});
		redactError(error, [issued]);
		for (const text of [error.message, error.description, error.stack, cause.message, cause.stack, JSON.stringify(error.details)]) {
			expect(text).not.toContain(issued);
		}
		expect(error.message).toBe('failed: [redacted]');
		expect(error.node.parameters.note).toBe(issued);
	});
});

describe('the pattern net', () => {
	it('takes Bearer and Basic credentials, not the words that follow "Basic" in a sentence', () => {
		expect(scrubSecrets('Authorization: Basic dXNlcjpwYXNz, Bearer eyJhbGciOi.abc.def')).toBe(
			'Authorization: Basic [redacted], Bearer [redacted]',
		);
		expect(scrubSecrets('Basic authentication is sent only over https')).toBe('Basic authentication is sent only over https');
	});
});
