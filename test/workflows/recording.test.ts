/*
 * Recording › Download and Get Transcript through WorkflowExecute against the simulator: CX
 * recordings by dialog and segment id (WAV, or MP3 when asked for), classic recording links
 * (open, or behind basic auth), transcripts, and what a user sees when a file is not there (yet).
 */
import type { IDataObject } from 'n8n-workflow';

import type { HostileServer } from '../hostile/server';
import { redirectTo, tokenOf } from '../hostile/server';
import type { TestCredentialsHelper } from '../helpers/harness';
import { HOUR, MINUTE } from '../helpers/reportTruth';
import { binaryBuffer, cxRecordingDownload, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { loginCredential } from '../helpers/simulator';
import { useHostileServer, useSimulator } from '../helpers/suite';

const media = require('../simulator/media');

let sim: Simulator;
let creds: TestCredentialsHelper;
let sub: string;
let recorded: IDataObject[];
let notRecorded: IDataObject;
let classicLinks: IDataObject[];

const DAY_FROM = Date.UTC(2026, 10, 10, 14);

useSimulator({ seed: 14 }, (s) => ({ sim, creds, mainSub: sub } = s));
beforeAll(() => {
	const segments = sim.truth.segments(sub, DAY_FROM, DAY_FROM + 2 * HOUR) as IDataObject[];
	recorded = segments.filter((s) => s.hasRecording && s.channelClass === 'VOICE');
	notRecorded = segments.find((s) => !s.hasRecording) as IDataObject;
	classicLinks = (sim.truth.segments(sub, DAY_FROM, DAY_FROM + 2 * HOUR, { family: 'classic' }) as IDataObject[]).filter(
		(s) => s.segmentRecordingURL,
	);
});

const cxDownload = (segment: IDataObject, options: IDataObject = {}) => cxRecordingDownload(sub, segment, options);

const classicDownload = (url: IDataObject[string], options: IDataObject = {}): IDataObject => ({
	resource: 'recording',
	operation: 'download',
	apiFamily: 'classic',
	recordingUrl: url,
	binaryPropertyName: 'audio',
	options,
});

const transcript = (segment: IDataObject): IDataObject => ({
	resource: 'recording',
	operation: 'getTranscript',
	subAccount: { __rl: true, mode: 'id', value: sub },
	dialogId: segment.dialogId,
	segmentId: segment.segmentId,
	options: {},
});

describe('Recording › Download (CX)', () => {
	it('returns the WAV as binary data with the Content-Type the API sent', async () => {
		const segment = recorded[0];
		const result = await runEngage(creds, cxDownload(segment));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		const expected = media.wav(segment.segmentId) as Buffer;
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/wav', fileExtension: 'wav' });
		expect(item.binary?.data.fileName).toMatch(/^recording_s-v-.*\.wav$/);
		const file = binaryBuffer(item);
		expect(file.equals(expected)).toBe(true);
		expect(file.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(item.json).toEqual({
			subAccountId: sub,
			dialogId: segment.dialogId,
			segmentId: segment.segmentId,
			mimeType: 'audio/wav',
			fileName: item.binary?.data.fileName,
			fileSize: expected.length,
		});
		const [request] = sim.control.requestLog().filter((e) => e.path.includes('/recordings/'));
		expect(request.path).toBe(
			`/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${sub}/recordings/dialogs/${segment.dialogId}/segments/${segment.segmentId}`,
		);
		expect(request.method).toBe('GET');
	});

	it('returns MP3 when asked (the API sends it to a browser-like User-Agent)', async () => {
		const segment = recorded[1];
		const result = await runEngage(creds, cxDownload(segment, { audioFormat: 'mp3' }), { credential: 'token' });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg' });
		expect(item.json.fileName).toMatch(/\.mp3$/);
		const file = binaryBuffer(item);
		expect(file.equals(media.mp3(segment.segmentId))).toBe(true);
		expect(item.json.fileSize).toBe(file.length);
	});

	it('downloads one recording per input item, each paired with its item', async () => {
		const items = recorded.slice(0, 3).map((s) => ({ dialogId: s.dialogId, segmentId: s.segmentId }));
		const result = await runEngage(
			creds,
			{ ...cxDownload(recorded[0]), dialogId: '={{ $json.dialogId }}', segmentId: '={{ $json.segmentId }}' },
			{ items },
		);
		expect(result.error).toBeUndefined();
		const out = result.output('Engage Voice');
		expect(out.map((item) => item.json.segmentId)).toEqual(items.map((i) => i.segmentId));
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.every((item) => item.binary?.data.mimeType === 'audio/wav')).toBe(true);
	});

	it('a segment without a recording: a 404 that says why it may be missing', async () => {
		const result = await runEngage(creds, cxDownload(notRecorded));
		expect(result.error?.message).toBe(`The recording of segment ${notRecorded.segmentId} was not found (HTTP 404)`);
		expect(result.error?.description).toMatch(/10 minutes or more after the segment ends/);
	});

	it('continue on fail: an error item for the missing one, the others downloaded', async () => {
		const items = [recorded[0], notRecorded, recorded[2]].map((s) => ({ dialogId: s.dialogId, segmentId: s.segmentId }));
		const result = await runEngage(
			creds,
			{ ...cxDownload(recorded[0]), dialogId: '={{ $json.dialogId }}', segmentId: '={{ $json.segmentId }}' },
			{ items, onError: 'continueErrorOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice', 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		const errors = result.output('Engage Voice', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/was not found/);
	});

	it('checks the ids before any request', async () => {
		const result = await runEngage(creds, { ...cxDownload(recorded[0]), segmentId: '={{ "a/b" }}' });
		expect(result.error?.message).toBe('"Segment ID" is not an ID: "a/b"');
		expect(sim.control.requestLog().filter((e) => e.path.includes('/recordings/'))).toEqual([]);
	});
});

describe('Recording › Download (classic link)', () => {
	it('downloads the segmentRecordingURL without sending the Engage token', async () => {
		const link = String(classicLinks[0].segmentRecordingURL);
		const result = await runEngage(creds, classicDownload(link));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		expect(item.binary?.audio).toMatchObject({ mimeType: 'audio/wav' });
		expect(item.json).toMatchObject({ recordingUrl: link, mimeType: 'audio/wav', fileName: expect.stringMatching(/^\d+-\d+\.wav$/) });
		expect(binaryBuffer(item, 'audio').subarray(0, 4).toString('ascii')).toBe('RIFF');
		const [request] = sim.control.requestLog().filter((e) => e.path.startsWith('/recordings/'));
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['x-auth-token']).toBeUndefined();
	});

	it('MP3 from a classic link', async () => {
		const result = await runEngage(creds, classicDownload(classicLinks[1].segmentRecordingURL, { audioFormat: 'mp3' }));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		expect(item.binary?.audio).toMatchObject({ mimeType: 'audio/mpeg' });
		expect(item.json.fileName).toMatch(/\.mp3$/);
		expect(item.json.fileSize).toBe(binaryBuffer(item, 'audio').length);
	});

	it('links behind basic auth: a clear error without, and Basic needs the Engage Login credential', async () => {
		sim.control.setVariants({ recordingAuth: 'basic' });
		const link = classicLinks[0].segmentRecordingURL;
		const refused = await runEngage(creds, classicDownload(link));
		expect(refused.error?.message).toBe('The recording host refused the request (HTTP 401)');
		expect(refused.error?.description).toMatch(/Recording Link Authentication to Basic/);

		const wrongCredential = await runEngage(creds, classicDownload(link, { linkAuthentication: 'basic' }));
		expect(wrongCredential.error?.message).toBe('Basic authentication for recording links needs the Engage Login credential');
	});

	it('a link that is not ready yet answers 404, and the message says to wait', async () => {
		const link = String(classicLinks[0].segmentRecordingURL);
		const segment = sim.truth.findClassicSegment(sub, String(classicLinks[0].interactionId), String(classicLinks[0].segmentID));
		sim.control.setClock(segment!.seg.endMs + 3 * MINUTE);
		const result = await runEngage(creds, classicDownload(link), { credential: 'token' });
		expect(result.error?.message).toBe('The classic recording was not found (HTTP 404)');
		expect(result.error?.description).toMatch(/404 until the file is ready/);
	});

	it.each<[string, string]>([
		['', '"Recording URL" is empty'],
		['c02-recordings/file.WAV', '"Recording URL" is not an http(s) URL: "c02-recordings/file.WAV"'],
		['ftp://host/file.WAV', '"Recording URL" is not an http(s) URL: "ftp://host/file.WAV"'],
	])('rejects the link %j before any request', async (link, message) => {
		const result = await runEngage(creds, classicDownload(`={{ ${JSON.stringify(link)} }}`));
		expect(result.error?.message).toBe(message);
		expect(sim.control.requestLog().filter((e) => e.path.startsWith('/recordings/'))).toEqual([]);
	});
});

describe('Recording › Get Transcript', () => {
	it('returns the lines and the text of a segment', async () => {
		const segment = recorded[0];
		const result = await runEngage(creds, transcript(segment));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Engage Voice');
		const lines = item.json.transcript as IDataObject[];
		expect(lines.length).toBeGreaterThanOrEqual(3);
		expect(item.json).toMatchObject({
			subAccountId: sub,
			dialogId: segment.dialogId,
			segmentId: segment.segmentId,
			channelClass: 'VOICE',
			errorCode: null,
			errorMessage: null,
		});
		expect(lines[0]).toMatchObject({ participantType: 'contact', message: expect.any(String), timestamp: expect.stringMatching(/^\d{13}$/) });
		expect(item.json.text).toBe(lines.map((l) => `${l.participantType}: ${l.message}`).join('\n'));
	});

	it('not ready yet: a 404 whose message says transcripts take about 5–15 minutes', async () => {
		const segment = recorded[0];
		const found = sim.truth.findSegment(sub, String(segment.dialogId), String(segment.segmentId));
		sim.control.setClock(found!.seg.endMs + 2 * MINUTE);
		const result = await runEngage(creds, transcript(segment));
		expect(result.error?.message).toBe(`The transcript of segment ${segment.segmentId} is not available (yet)`);
		expect(result.error?.description).toMatch(/usually ready about 5–15 minutes after the segment ends/);
		expect(result.error?.httpCode).toBe('404');
	});
});

describe("Basic authentication for classic links goes only over https to the account's hosts (item 3)", () => {
	// Two https hosts in front of the simulator: the Engage host of the login credential, and a
	// recording host of its own. The simulator's links are rewritten onto them.
	let engageHost: HostileServer;
	let recordingHost: HostileServer;
	useHostileServer(() => sim.url, (server) => (engageHost = server), { tls: true });
	useHostileServer(() => sim.url, (server) => (recordingHost = server), { tls: true });
	beforeEach(() => {
		sim.control.setVariants({ recordingAuth: 'basic' });
		creds.set('login', loginCredential(sim, { customEngageHost: engageHost.url, ignoreSslIssues: true }));
	});

	const linkOn = (base: string) => String(classicLinks[0].segmentRecordingURL).replace(sim.url, base);
	const basicRequests = () =>
		[...sim.control.requestLog(), ...engageHost.requests, ...recordingHost.requests].filter((r) =>
			/^Basic /i.test(String((r.headers as Record<string, unknown>).authorization ?? '')),
		);
	const basic = (extra: IDataObject = {}) => ({ linkAuthentication: 'basic', ...extra });

	it('https on the Engage host: the file, with the username and password', async () => {
		const result = await runEngage(creds, classicDownload(linkOn(engageHost.url), basic()), { credential: 'login' });
		expect(result.error).toBeUndefined();
		expect(result.output('Engage Voice')[0].binary?.audio.mimeType).toBe('audio/wav');
		expect(engageHost.requests.filter((r) => r.path.startsWith('/recordings/')).map((r) => tokenOf(r))).toEqual([
			`${sim.secrets.username}:${sim.secrets.password}`,
		]);
	});

	it('plain http, even on the Engage host: refused before anything is sent', async () => {
		const link = linkOn(engageHost.url.replace('https:', 'http:'));
		const result = await runEngage(creds, classicDownload(link, basic()), { credential: 'login' });
		expect(result.error?.message).toMatch(/^Basic authentication is sent only over https/);
		expect(result.error?.message).toMatch(/http:\/\/127\.0\.0\.1/);
		expect(basicRequests()).toEqual([]);
	});

	it('https on a host that is not the Engage host: refused unless listed in the option', async () => {
		const link = linkOn(recordingHost.url);
		const refused = await runEngage(creds, classicDownload(link, basic()), { credential: 'login' });
		expect(refused.error?.message).toMatch(new RegExp(`goes to ${recordingHost.host.replace(/\./g, '\\.')}, which is not the Engage host`));
		expect(refused.error?.description).toMatch(/Hosts for Basic Authentication/);
		expect(basicRequests()).toEqual([]);

		const listed = await runEngage(
			creds,
			classicDownload(link, basic({ basicAuthHosts: `other.example.com, ${recordingHost.host}` })),
			{ credential: 'login' },
		);
		expect(listed.error).toBeUndefined();
		expect(listed.output('Engage Voice')[0].binary?.audio.mimeType).toBe('audio/wav');
		expect(recordingHost.requests.map((r) => tokenOf(r))).toEqual([`${sim.secrets.username}:${sim.secrets.password}`]);
	});

	it('a redirect from the recording host to storage elsewhere is followed without the password', async () => {
		recordingHost.route('GET', '/recordings/', redirectTo(`${sim.url}/`), 1);
		// the storage host (the simulator itself, plain http) serves the file to anyone
		sim.control.setVariants({ recordingAuth: 'none' });
		const result = await runEngage(
			creds,
			classicDownload(linkOn(recordingHost.url), basic({ basicAuthHosts: recordingHost.host })),
			{ credential: 'login' },
		);
		expect(result.error).toBeUndefined();
		expect(recordingHost.requests.map((r) => tokenOf(r))).toEqual([`${sim.secrets.username}:${sim.secrets.password}`]);
		const storage = sim.control.requestLog().filter((e) => e.path.startsWith('/recordings/'));
		expect(storage).toHaveLength(1);
		expect(storage[0].headers.authorization).toBeUndefined();
	});
});
