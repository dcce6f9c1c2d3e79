import {
	apiRootOf,
	ENGAGE_API_ROOT_EXPRESSION,
	TOKEN_API_ROOT_EXPRESSION,
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
