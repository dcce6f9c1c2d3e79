import {
	allowedOriginOf,
	apiRootOf,
	ENGAGE_API_ROOT_EXPRESSION,
	hostProblem,
	TOKEN_API_ROOT_EXPRESSION,
	urlFieldProblem,
} from '../../../credentials/common/hosts';

/** Evaluates a credential-test URL expression the way n8n would for these plain JS expressions. */
function evaluate(expression: string, credentials: Record<string, unknown>): string {
	const text = expression.replace(/^=/, '');
	return text.replace(/\{\{([\s\S]*?)\}\}/g, (_, code: string) =>
		String(new Function('$credentials', `return (${code});`)(credentials)),
	);
}

describe('credential hosts', () => {
	const engageCases = [
		{ engageHost: 'https://ringcx.ringcentral.com', expected: 'https://ringcx.ringcentral.com/voice/api' },
		{ engageHost: 'https://engage.ringcentral.com', expected: 'https://engage.ringcentral.com/voice/api' },
		{ engageHost: 'custom', customEngageHost: ' http://127.0.0.1:5680// ', expected: 'http://127.0.0.1:5680/voice/api' },
	];
	it.each(engageCases)('JWT and login credentials: %o', ({ expected, ...credentials }) => {
		expect(apiRootOf('engage', credentials)).toEqual({ apiRoot: expected, legacy: false });
		expect(evaluate(ENGAGE_API_ROOT_EXPRESSION, credentials)).toBe(expected);
	});

	const tokenCases = [
		{ host: 'https://ringcx.ringcentral.com/voice/api', expected: 'https://ringcx.ringcentral.com/voice/api', legacy: false },
		{ host: 'https://portal.vacd.biz/api', expected: 'https://portal.vacd.biz/api', legacy: true },
		{ host: 'customCurrent', customHost: 'https://cx.example.com/', expected: 'https://cx.example.com/voice/api', legacy: false },
		{ host: 'customLegacy', customHost: 'https://old.example.com/api/', expected: 'https://old.example.com/api', legacy: true },
	];
	it.each(tokenCases)('API token credential: %o', ({ expected, legacy, ...credentials }) => {
		expect(apiRootOf('token', credentials)).toEqual({ apiRoot: expected, legacy });
		expect(evaluate(TOKEN_API_ROOT_EXPRESSION, credentials)).toBe(expected);
	});
});

describe('host fields that cannot be used name the field', () => {
	it.each([
		['', /^"F" is empty/],
		['ringcx.example.com', /^"F" is not a URL/],
		['ftp://ringcx.example.com', /^"F" must start with https:\/\//],
		['https://user:pw@ringcx.example.com', /^"F" must not contain a user name or password/],
		['https://ringcx.example.com?x=1', /^"F" must not contain a query/],
		['https://ringcx.example.com/voice/api', /^"F" must be the host only, without the path "\/voice\/api": enter https:\/\/ringcx.example.com/],
	])('%s', (value, expected) => {
		expect(urlFieldProblem('F', value)).toMatch(expected);
	});

	it('accepts a host, with or without a port; a legacy root must end in /api', () => {
		expect(urlFieldProblem('F', 'https://ringcx.example.com')).toBeUndefined();
		expect(urlFieldProblem('F', 'http://127.0.0.1:5680')).toBeUndefined();
		expect(urlFieldProblem('F', 'https://portal.vacd.biz/api', 'api')).toBeUndefined();
		expect(urlFieldProblem('F', 'https://portal.vacd.biz', 'api')).toMatch(/ends in \/api/);
		expect(urlFieldProblem('F', 'https://cx.example.com/voice/api', 'api')).toMatch(/Custom Current Host/);
	});

	it('hostProblem picks the field the user filled', () => {
		expect(hostProblem('engage', { engageHost: 'https://ringcx.ringcentral.com' })).toBeUndefined();
		expect(hostProblem('engage', { engageHost: 'custom', customEngageHost: 'https://x.example.com/voice' })).toMatch(/^"Custom Engage Host"/);
		expect(hostProblem('token', { host: 'https://portal.vacd.biz/api' })).toBeUndefined();
		expect(hostProblem('token', { host: 'https://elsewhere.example.com/api' })).toMatch(/^"Host" has an unknown value/);
		expect(hostProblem('token', { host: 'customCurrent', customHost: 'https://x.example.com/voice/api' })).toMatch(/^"Custom Host" must be the host only/);
	});

	it('allowedOriginOf is the origin of the API root, none while the host is unusable', () => {
		expect(allowedOriginOf('engage', { engageHost: 'custom', customEngageHost: 'http://127.0.0.1:5680/' })).toBe('http://127.0.0.1:5680');
		expect(allowedOriginOf('token', { host: 'https://portal.vacd.biz/api' })).toBe('https://portal.vacd.biz');
		expect(allowedOriginOf('token', { host: 'customCurrent', customHost: 'https://x.example.com/voice/api' })).toBeUndefined();
	});
});
