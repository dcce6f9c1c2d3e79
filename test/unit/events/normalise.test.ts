/*
 * The pushed payloads the API doc lists (§6.5 no schema, §6.6 WFM Generic HTTP, §6.7 Web Services,
 * the camelCase names the simulator's variant uses), normalised; `raw` is kept by the trigger as
 * received, here only the recognised fields are checked.
 */
import { agentStateFields } from '../../../nodes/EngageVoice/events/agentState';
import { callEventFields } from '../../../nodes/EngageVoice/events/callEvent';
import { passes, stateFilter, stateKey } from '../../../nodes/EngageVoice/events/filter';
import { decodePayload } from '../../../nodes/EngageVoice/events/payload';
import { eventId, RECENT_EVENTS_MAX, RECENT_EVENTS_TTL_MS, rememberEvents } from '../../../nodes/EngageVoice/events/recentEvents';
import { redactSecrets, REDACTED } from '../../../nodes/EngageVoice/events/redact';

/** §6.6 "Engaged Request Body", verbatim. */
const ENGAGED = {
	agent_id: '1369310',
	prev_state: 'TRANSITION',
	prev_aux_state: '',
	agent_phone: '16505550100*1212@RC_SOFTPHONE',
	source_ip: '192.168.0.100',
	external_agent_id: null,
	duration: '0',
	agent_login_id: '612829048',
	account_id: '15300002',
	event_type: 'ENGAGED',
	event_aux_type: '',
	date_time: '2020-06-30 19:44:30',
	pending_disp: '0',
	username: 'rc.guest+15300002_1791@gmail.com',
	call_id: '202008281319380132120000030797',
	call_source_id: '72992',
	call_source_name: 'My Queue',
	dnis: '2095550101',
	call_type: 'ACD',
};

/** §6.6 login event: its documented fields (values in the style of the Engaged example). */
const LOGIN = {
	external_agent_id: null,
	duration: '0',
	agent_login_id: '612829048',
	account_id: '15300002',
	event_type: 'LOGIN',
	agent_id: '1369310',
	date_time: '2020-06-30 19:40:02',
	agent_phone: '16505550100*1212@RC_SOFTPHONE',
	username: 'rc.guest+15300002_1791@gmail.com',
	source_ip: '192.168.0.100',
};

/** §6.6 END-CALL, an answered inbound call with the agent fields of the answered example. */
const END_CALL = {
	recording_url: 'https://c02-recordings.virtualacd.biz/api/v1/calls/recordings/?file=15300002/x.WAV',
	queue_duration: '12',
	agent_disposition: 'Sale',
	gate_name: 'My Queue',
	call_state: 'ANSWERED',
	call_duration: '184',
	call_id: '202008281319380132120000030797',
	account_id: '15300002',
	event_type: 'ACD-CALL',
	gate_id: '72992',
	call_start: '2020-06-30 19:44:27',
	dnis: '2095550101',
	ani: '6505550199',
	agent_id: '1369310',
	external_agent_id: null,
	username: 'rc.guest+15300002_1791@gmail.com',
};

const ALL_NULL_CALL = {
	callId: null,
	dialogId: null,
	segmentId: null,
	agentId: null,
	username: null,
	recordingUrl: null,
	disposition: null,
	durationSeconds: null,
	queueDurationSeconds: null,
	callState: null,
	direction: null,
	callStart: null,
	gateId: null,
	gateName: null,
	ani: null,
	dnis: null,
	subAccountId: null,
};

describe('agent state changes (§6.5, §6.6)', () => {
	test('the WFM Engaged example: every field recognised, state names as sent, the WFM time read in the chosen zone', () => {
		expect(agentStateFields(ENGAGED, 'UTC')).toEqual({
			agentId: 1369310,
			state: 'ENGAGED',
			previousState: 'TRANSITION',
			auxState: null,
			previousAuxState: null,
			changedAt: '2020-06-30T19:44:30+00:00',
			durationSeconds: 0,
			pendingDisposition: false,
			loginId: '612829048',
			username: 'rc.guest+15300002_1791@gmail.com',
			agentGroupId: null,
			subAccountId: '15300002',
			// 30 digits: not a safe integer, kept as text
			callId: '202008281319380132120000030797',
			callType: 'ACD',
			callSourceId: 72992,
			callSourceName: 'My Queue',
			dnis: '2095550101',
		});
		expect(agentStateFields(ENGAGED, 'US/Eastern').changedAt).toBe('2020-06-30T19:44:30-04:00');
	});

	test('a login event: no previous state (null), no call', () => {
		expect(agentStateFields(LOGIN, 'UTC')).toMatchObject({
			agentId: 1369310,
			state: 'LOGIN',
			previousState: null,
			changedAt: '2020-06-30T19:40:02+00:00',
			callId: null,
			callType: null,
		});
	});

	test('a logout: duration is the time online; the aux state of the docs\' double AVAILABLE event', () => {
		expect(agentStateFields({ ...LOGIN, event_type: 'LOGOUT', duration: '28800' }, 'UTC')).toMatchObject({ state: 'LOGOUT', durationSeconds: 28800 });
		expect(agentStateFields({ ...ENGAGED, event_type: 'AVAILABLE', prev_state: 'AVAILABLE', event_aux_type: 'Available' }, 'UTC')).toMatchObject({
			state: 'AVAILABLE',
			previousState: 'AVAILABLE',
			auxState: 'Available',
		});
	});

	test.each(['ON BREAK', 'BREAK', 'ON_BREAK', 'Lunch', 'PENDING-DISP'])('state %p is passed on exactly as sent (decision 14)', (state) => {
		expect(agentStateFields({ ...ENGAGED, event_type: state }, 'UTC').state).toBe(state);
	});

	test('camelCase names (typed values, ISO time with ms, a nested call) give the same fields', () => {
		const camel = {
			agentId: 1369310,
			agentGroupId: 2155,
			mainAccountId: '15300000',
			subAccountId: '15300002',
			state: 'ENGAGED',
			previousState: 'TRANSITION',
			auxState: '',
			previousAuxState: '',
			changedAt: '2020-06-30T19:44:30.000Z',
			durationSeconds: 3,
			pendingDisposition: false,
			loginId: '612829048',
			username: 'rc.guest+15300002_1791@gmail.com',
			call: { callId: '202008281319380132120000030797', callType: 'ACD', sourceId: 72992, sourceName: 'My Queue', dnis: '2095550101' },
		};
		expect(agentStateFields(camel, 'UTC')).toEqual({
			...agentStateFields(ENGAGED, 'UTC'),
			agentGroupId: 2155,
			durationSeconds: 3,
		});
		// an ISO time with its zone is an instant: the chosen zone only sets the offset shown
		expect(agentStateFields(camel, 'US/Eastern').changedAt).toBe('2020-06-30T15:44:30-04:00');
	});

	test('a WFM push pending_disp "1" and epoch-millisecond times', () => {
		expect(agentStateFields({ ...ENGAGED, pending_disp: '1', date_time: '1593546270000' }, 'UTC')).toMatchObject({
			pendingDisposition: true,
			changedAt: '2020-06-30T19:44:30+00:00',
		});
	});

	test('fields that cannot be read are null, the rest still recognised', () => {
		expect(agentStateFields({ agent_id: 'abc', date_time: 'yesterday', event_type: 'AWAY' }, 'UTC')).toMatchObject({
			agentId: 'abc',
			changedAt: null,
			state: 'AWAY',
		});
		expect(Object.values(agentStateFields({ something: 'else' }, 'UTC')).every((v) => v === null)).toBe(true);
	});
});

describe('call events (§6.6 END-CALL and agent events, §6.7 Web Services)', () => {
	test('END-CALL answered inbound', () => {
		expect(callEventFields(END_CALL, 'UTC')).toEqual({
			event: 'ACD-CALL',
			kind: 'call',
			callId: '202008281319380132120000030797',
			dialogId: null,
			segmentId: null,
			agentId: 1369310,
			username: 'rc.guest+15300002_1791@gmail.com',
			recordingUrl: END_CALL.recording_url,
			disposition: 'Sale',
			durationSeconds: 184,
			queueDurationSeconds: 12,
			callState: 'ANSWERED',
			direction: 'inbound',
			callStart: '2020-06-30T19:44:27+00:00',
			gateId: 72992,
			gateName: 'My Queue',
			ani: '6505550199',
			dnis: '2095550101',
			subAccountId: '15300002',
		});
	});

	test('END-CALL abandoned (no agent fields) and outbound (VPD-CALL)', () => {
		const abandoned = { ...END_CALL, call_state: 'ABANDON', recording_url: '', agent_disposition: '' };
		for (const key of ['agent_id', 'external_agent_id', 'username']) delete (abandoned as Record<string, unknown>)[key];
		expect(callEventFields(abandoned, 'UTC')).toMatchObject({ kind: 'call', callState: 'ABANDON', agentId: null, recordingUrl: null, disposition: null });
		expect(callEventFields({ ...END_CALL, event_type: 'VPD-CALL', call_state: 'MACHINE' }, 'UTC')).toMatchObject({ direction: 'outbound', callState: 'MACHINE' });
	});

	test('agent events pushed to the same URL are recognised as agent state changes', () => {
		expect(callEventFields(ENGAGED, 'UTC')).toEqual({ event: 'ENGAGED', kind: 'agentState', ...agentStateFields(ENGAGED, 'UTC') });
		expect(callEventFields(LOGIN, 'UTC')).toMatchObject({ event: 'LOGIN', kind: 'agentState', state: 'LOGIN', agentId: 1369310 });
	});

	test('the Web Services example template (camelCase, ANSI SQL time with fractions); unfilled #tags# are null', () => {
		const webService = {
			agentId: '1369310',
			agentUsername: 'rc.guest+15300002_1791@gmail.com',
			ani: '6505550199',
			dnis: '2095550101',
			callStart: '2020-04-22 00:00:00.0000',
			duration: '65',
			recordingUrl: '#recording_url#',
		};
		expect(callEventFields(webService, 'US/Eastern')).toEqual({
			...ALL_NULL_CALL,
			event: null,
			kind: 'call',
			agentId: 1369310,
			username: 'rc.guest+15300002_1791@gmail.com',
			ani: '6505550199',
			dnis: '2095550101',
			callStart: '2020-04-22T00:00:00-04:00',
			durationSeconds: 65,
		});
	});

	test('dialog and segment ids where a web service sends them', () => {
		expect(callEventFields({ dialogId: 's-v-1', segmentId: 'p-v-1', uii: '2026' }, 'UTC')).toMatchObject({ dialogId: 's-v-1', segmentId: 'p-v-1', callId: '2026' });
	});
});

describe('payload decoding', () => {
	test('a JSON object n8n parsed; a form body n8n parsed; fields in the query string (the WFM URL-encoded mode)', () => {
		expect(decodePayload({ body: { a: '1' } })).toEqual({ events: [{ a: '1' }] });
		expect(decodePayload({ body: {}, query: { agent_id: '1', event_type: 'LOGIN' } })).toEqual({ events: [{ agent_id: '1', event_type: 'LOGIN' }] });
		expect(decodePayload({ body: { b: '2' }, query: { a: '1', b: 'query' } })).toEqual({ events: [{ a: '1', b: '2' }] });
	});

	test('bodies n8n left alone: JSON or form fields read from the raw bytes, text/plain JSON', () => {
		expect(decodePayload({ body: {}, rawBody: Buffer.from('{"x":"1"}') })).toEqual({ events: [{ x: '1' }] });
		expect(decodePayload({ body: {}, rawBody: Buffer.from('agent_id=12&event_type=ON+BREAK') })).toEqual({ events: [{ agent_id: '12', event_type: 'ON BREAK' }] });
		expect(decodePayload({ body: '\uFEFF[{"x":1},{"x":2}]' })).toEqual({ events: [{ x: 1 }, { x: 2 }] });
	});

	test('what cannot be read is an error, never an empty event', () => {
		// §6.6: "The Transition Request Body example is not valid JSON" (a comma is missing)
		const transition = '{"agent_id":"1369310","prev_state":"AVAILABLE","prev_aux_state":"Available" "event_type":"TRANSITION"}';
		expect(decodePayload({ body: {}, rawBody: Buffer.from(transition) })).toEqual({ error: 'the body looks like JSON but does not parse' });
		expect(decodePayload({ body: {}, rawBody: Buffer.from('hello') })).toEqual({ error: 'the body is neither JSON nor form fields' });
		expect(decodePayload({ body: {} })).toEqual({ error: 'the request carries no event fields' });
		expect(decodePayload({ body: '[1,2]' })).toEqual({ error: 'the JSON array holds something other than objects' });
		expect(decodePayload({ body: 5 })).toEqual({ error: 'the body is not a JSON object' });
		// a JSON object whose only field is called "error" is an event like any other
		expect(decodePayload({ body: { error: 'x' } })).toEqual({ events: [{ error: 'x' }] });
	});
});

describe('filters', () => {
	test('state names match without case and with spaces, underscores and hyphens alike', () => {
		expect(stateKey(' on_break ')).toBe('ON BREAK');
		expect(stateKey('PENDING-DISP')).toBe(stateKey('pending disp'));
		const states = stateFilter(['On Break', 'lunch']);
		expect(passes({ states }, { agentId: 1, state: 'ON BREAK' })).toBe(true);
		expect(passes({ states }, { agentId: 1, state: 'ON_BREAK' })).toBe(true);
		expect(passes({ states }, { agentId: 1, state: 'BREAK' })).toBe(false);
		expect(passes({ states }, { agentId: 1, state: null })).toBe(false);
		expect(stateFilter([' ', ''])).toBeUndefined();
	});

	test('agents: by id, or by the group a payload names; both lists together are one set', () => {
		const agents = { agentIds: new Set(['1', '2']), agentGroupIds: new Set(['9']) };
		expect(passes({ agents }, { agentId: 2, state: 'X' })).toBe(true);
		expect(passes({ agents }, { agentId: '2', state: 'X' })).toBe(true);
		expect(passes({ agents }, { agentId: 3, state: 'X' })).toBe(false);
		expect(passes({ agents }, { agentId: 3, agentGroupId: 9, state: 'X' })).toBe(true);
		expect(passes({ agents }, { agentId: null, state: 'X' })).toBe(false);
		expect(passes({}, { agentId: null, state: null })).toBe(true);
	});
});

describe('repeated deliveries', () => {
	test('the event id does not depend on key order or encoding of the same fields', () => {
		expect(eventId({ a: '1', b: '2' })).toBe(eventId({ b: '2', a: '1' }));
		expect(eventId({ a: '1' })).not.toBe(eventId({ a: '2' }));
		expect(eventId(ENGAGED)).toMatch(/^[A-Za-z0-9_-]{16}$/);
	});

	test('a repeat within the TTL is not fresh, also inside one request; after the TTL it is', () => {
		const first = rememberEvents(undefined, ['a', 'b', 'a'], 1_000_000);
		expect(first.fresh).toEqual([true, true, false]);
		const again = rememberEvents(first.stored, ['b', 'c'], 1_000_000 + 60_000);
		expect(again.fresh).toEqual([false, true]);
		const later = rememberEvents(again.stored, ['a'], 1_000_000 + RECENT_EVENTS_TTL_MS + 1);
		expect(later.fresh).toEqual([true]);
		expect(later.stored.map((e) => e.split('.')[0])).toEqual(['c', 'a']);
	});

	test('the memory is bounded in count (oldest forgotten) and survives a JSON round trip', () => {
		let stored: unknown = undefined;
		for (let i = 0; i < RECENT_EVENTS_MAX + 50; i++) stored = rememberEvents(stored, [`id${i}`], 5_000_000 + i).stored;
		const list = JSON.parse(JSON.stringify(stored)) as string[];
		expect(list).toHaveLength(RECENT_EVENTS_MAX);
		expect(rememberEvents(list, ['id0'], 6_000_000).fresh).toEqual([true]);
		expect(rememberEvents(list, [`id${RECENT_EVENTS_MAX + 49}`], 6_000_000).fresh).toEqual([false]);
		expect(JSON.stringify(list).length / list.length).toBeLessThan(30);
	});

	test('garbage in the stored memory is ignored', () => {
		expect(rememberEvents({ not: 'a list' }, ['a'], 1).fresh).toEqual([true]);
		expect(rememberEvents(['nodot', '.x', 'ok.zz'], ['ok'], 1).fresh).toEqual([false]);
	});
});

test('secrets are redacted by value at any depth, inside longer texts too', () => {
	const secret = 'f'.repeat(64);
	const out = redactSecrets({ a: secret, b: { c: [`Bearer ${secret}!`] }, n: 5 }, [secret, undefined, 'short']);
	expect(out).toEqual({ a: REDACTED, b: { c: [`Bearer ${REDACTED}!`] }, n: 5 });
	expect(JSON.stringify(out)).not.toContain(secret);
});
