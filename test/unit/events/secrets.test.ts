import {
	carriesPushSecret,
	headerOf,
	newSecret,
	pushCredentialFrom,
	pushCredentialProblem,
	pushSecretValues,
	sameSecret,
} from '../../../nodes/EngageVoice/eventsTrigger/secrets';

const LONG = 'a-long-random-value-0123456789';

test('a new secret is 256 random bits in hex, different each time', () => {
	const a = newSecret();
	expect(a).toMatch(/^[0-9a-f]{64}$/);
	expect(newSecret()).not.toBe(a);
});

test('secrets compare equal only when equal; missing, empty or differently long values never match', () => {
	expect(sameSecret(LONG, LONG)).toBe(true);
	expect(sameSecret(`${LONG}x`, LONG)).toBe(false);
	expect(sameSecret(LONG.slice(1), LONG)).toBe(false);
	expect(sameSecret(undefined, LONG)).toBe(false);
	expect(sameSecret('', LONG)).toBe(false);
	// no stored secret (not activated yet, or deactivated): nothing is accepted, not even an empty header
	expect(sameSecret('', undefined)).toBe(false);
	expect(sameSecret('', '')).toBe(false);
	expect(sameSecret(['x'], 'x')).toBe(false);
});

test('request headers by name, whatever the case; the first of repeated ones', () => {
	expect(headerOf({ 'x-engage-voice-secret': 'v' }, 'X-Engage-Voice-Secret')).toBe('v');
	expect(headerOf({ a: ['1', '2'] }, 'A')).toBe('1');
	expect(headerOf({}, 'a')).toBeUndefined();
});

describe('Push Receiver credential', () => {
	test('its test names what is wrong', () => {
		const problem = (data: Record<string, string>) => pushCredentialProblem(pushCredentialFrom(data));
		expect(problem({ verifyBy: 'header', headerName: 'X-Push-Secret', headerSecret: LONG })).toBeUndefined();
		expect(problem({ verifyBy: 'header', headerName: 'X Push', headerSecret: LONG })).toBe('"X Push" is not a valid header name');
		expect(problem({ verifyBy: 'header', headerName: 'Content-Type', headerSecret: LONG })).toContain('set by HTTP itself');
		expect(problem({ verifyBy: 'header', headerName: 'X-A', headerSecret: 'short' })).toContain('shorter than 16 characters');
		expect(problem({ verifyBy: 'basicAuth', username: 'wfm', password: LONG })).toBeUndefined();
		expect(problem({ verifyBy: 'basicAuth', username: 'a:b', password: LONG })).toContain('username');
		expect(problem({ verifyBy: 'parameter', parameterName: '', parameterSecret: LONG })).toBe('The parameter name is empty');
	});

	test('header: the configured header must carry the value', () => {
		const credential = pushCredentialFrom({ verifyBy: 'header', headerName: 'X-Push-Secret', headerSecret: LONG });
		expect(carriesPushSecret(credential, { headers: { 'x-push-secret': LONG }, body: {}, query: {} })).toBe(true);
		expect(carriesPushSecret(credential, { headers: { 'x-push-secret': 'wrong' }, body: {}, query: {} })).toBe(false);
		expect(carriesPushSecret(credential, { headers: {}, body: { 'X-Push-Secret': LONG }, query: {} })).toBe(false);
		expect(pushSecretValues(credential)).toEqual([LONG]);
	});

	test('Basic auth: user and password must both match', () => {
		const credential = pushCredentialFrom({ verifyBy: 'basicAuth', username: 'wfm', password: LONG });
		const basic = (text: string) => ({ headers: { authorization: `Basic ${Buffer.from(text).toString('base64')}` }, body: {}, query: {} });
		expect(carriesPushSecret(credential, basic(`wfm:${LONG}`))).toBe(true);
		expect(carriesPushSecret(credential, basic(`other:${LONG}`))).toBe(false);
		expect(carriesPushSecret(credential, basic('wfm:'))).toBe(false);
		expect(carriesPushSecret(credential, { headers: { authorization: `Bearer ${LONG}` }, body: {}, query: {} })).toBe(false);
	});

	test('parameter: in the body or the query string', () => {
		const credential = pushCredentialFrom({ verifyBy: 'parameter', parameterName: 'pushSecret', parameterSecret: LONG });
		expect(carriesPushSecret(credential, { headers: {}, body: { pushSecret: LONG }, query: {} })).toBe(true);
		expect(carriesPushSecret(credential, { headers: {}, body: {}, query: { pushSecret: LONG } })).toBe(true);
		expect(carriesPushSecret(credential, { headers: {}, body: { pushSecret: 'no' }, query: { pushSecret: LONG } })).toBe(false);
		expect(carriesPushSecret(credential, { headers: {}, body: 'text', query: {} })).toBe(false);
	});
});
