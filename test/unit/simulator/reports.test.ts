import type { Simulator } from '../../simulator';
import { start, login, paths, get, postJson, req, MIN } from './helpers';

/** Minimal RFC 4180 CSV reader for the tests. */
function parseCsv(text: string, delimiter = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === delimiter) {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

const AGENT_STATS_HEADER =
	'interval,date_from,time (H24:MI),agent_id,agent_name,avail_dur,tot_work_dur,pause_dur,wait_dur,admin_dur,direct_out_call_cnt,direct_out_call_dur,direct_in_call_cnt,direct_in_call_dur';
const QUEUE_STATS_HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';
const AGENT_EXT_HEADER = 'interval,date_from,time (H24:MI),agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt';

// sim now = 2026-03-02T18:00Z = 13:00 US/Eastern; the window below is 09:00–12:00 US/Eastern
const FROM = Date.parse('2026-03-02T14:00:00Z');
const TO = Date.parse('2026-03-02T17:00:00Z');
const CX_BODY = { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 12:00:00', timeInterval: 1800, timeZone: 'US/Eastern' };
const BIG = { report: [{ count: 100000, windowMs: 1000 }], admin: [{ count: 100000, windowMs: 1000 }] };

describe('simulator: reports', () => {
	let sim: Simulator;
	let token: string;
	let p: ReturnType<typeof paths>;
	let sub: string;

	beforeAll(async () => {
		sim = await start({ limits: BIG });
		token = (await login(sim)).accessToken;
		p = paths(sim);
		sub = sim.world.mainSubAccountId;
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(async () => {
		sim.control.reset();
		sim.control.setLimits(BIG);
		token = (await login(sim)).accessToken;
	});

	describe('CX aggregates', () => {
		it('agg-queue-stats equals truth.queueStats and agrees with the calls', async () => {
			const r = await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY);
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/^application\/json/);
			const truth = sim.truth.queueStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' });
			expect(truth.length).toBeGreaterThan(6);
			expect(r.json).toEqual(truth);
			expect(r.json[0].interval).toBe(30);
			expect(r.json[0].dateTimeFrom).toBe('03-02-2026T09:00:00');
			expect(Object.keys(r.json[0])).toEqual([
				'abandIxnCnt', 'abandShortIxnCnt', 'abandWithinSlCnt', 'ansServicelevelCnt', 'answIxnCnt', 'completedContacts', 'dateTimeFrom', 'interval',
				'offdDirectIxnCnt', 'overflowInIxnCnt', 'overflowOutIxnCnt', 'queue', 'queuedAbandLongestQueDur', 'queuedAndAbandIxnDur', 'queuedAndAnswIxnDur',
				'queuedAnswLongestQueDur', 'queueName', 'segmentHoldTime', 'talkingIxnDur', 'waitDur', 'wrapUpDur',
			]);
			const calls = sim.truth.calls(sub, FROM, TO).filter((c) => c.queueId !== null);
			const sum = (k: string) => r.json.reduce((s: number, x: any) => s + x[k], 0);
			expect(sum('offdDirectIxnCnt')).toBe(calls.length);
			expect(sum('abandIxnCnt')).toBe(calls.filter((c) => c.abandoned).length);
			expect(sum('answIxnCnt')).toBe(calls.filter((c) => !c.abandoned).length);
			expect(sum('abandIxnCnt')).toBeGreaterThan(0);
			const dateTimes = new Set(r.json.map((x: any) => x.dateTimeFrom));
			expect([...dateTimes].every((d) => /^03-02-2026T(09|10|11):(00|30):00$/.test(d as string))).toBe(true);
		});

		it('agg-agent-extended-stats and agg-agent-stats equal the truth and agree with each other', async () => {
			const ext = await postJson(`${p.cx}/agg-agent-extended-stats`, token, CX_BODY);
			const ag = await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY);
			expect(ext.status).toBe(200);
			expect(ag.status).toBe(200);
			expect(ext.json).toEqual(sim.truth.agentExtendedStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' }));
			expect(ag.json).toEqual(sim.truth.agentStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' }));
			expect(ext.json.length).toBeGreaterThan(5);
			expect(ext.json.some((x: any) => x.transferOutIxnCnt > 0)).toBe(true);
			expect(ext.json.some((x: any) => x.agentName.includes(', '))).toBe(true);
			// every agent with queue work in an interval has an agent-stats row in that interval
			const key = (x: any) => `${x.dateTimeFrom}|${x.agentId}`;
			const agentKeys = new Set(ag.json.map(key));
			for (const x of ext.json) expect(agentKeys.has(key(x))).toBe(true);
			for (const x of ag.json) {
				expect(x.availDur).toBeLessThanOrEqual(1800);
				expect(x.totWorkDur).toBe(x.availDur);
				expect(x.waitDur).toBeGreaterThanOrEqual(0);
				expect(x.availDur + x.pauseDur + x.adminDur).toBeLessThanOrEqual(1800);
			}
			expect(ag.json.some((x: any) => x.directOutIxnCnt > 0 || x.directInIxnCnt > 0)).toBe(true);
		});

		it('intervals without traffic produce no rows', async () => {
			// night: 01:00–04:00 US/Eastern, 15-minute intervals
			const from = Date.parse('2026-03-02T06:00:00Z');
			const to = Date.parse('2026-03-02T09:00:00Z');
			const r = await postJson(`${p.cx}/agg-queue-stats`, token, { startDate: '2026-03-02 01:00:00', endDate: '2026-03-02 04:00:00', timeInterval: 900, timeZone: 'US/Eastern' });
			expect(r.status).toBe(200);
			const busy = new Set<number>();
			for (const c of sim.truth.calls(sub, from, to)) if (c.queueId !== null) busy.add(Math.floor((c.startMs - from) / (15 * MIN)));
			expect(busy.size).toBeGreaterThan(0);
			expect(busy.size).toBeLessThan(12);
			const rowIntervals = new Set(r.json.map((x: any) => x.dateTimeFrom));
			expect(rowIntervals.size).toBe(busy.size);
			expect(r.json.every((x: any) => x.interval === 15)).toBe(true);
		});

		it('any IANA zone works: Etc/GMT+5 equals US/Eastern in winter; dateTimeFrom follows the zone', async () => {
			const a = await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY);
			const b = await postJson(`${p.cx}/agg-queue-stats`, token, { ...CX_BODY, timeZone: 'Etc/GMT+5' });
			expect(b.json).toEqual(a.json);
			const utc = await postJson(`${p.cx}/agg-queue-stats`, token, { ...CX_BODY, startDate: '2026-03-02 14:00:00', endDate: '2026-03-02 17:00:00', timeZone: 'UTC' });
			expect(utc.json.map((x: any) => x.queue)).toEqual(a.json.map((x: any) => x.queue));
			expect(utc.json[0].dateTimeFrom).toBe('03-02-2026T14:00:00');
		});

		it('validates the request (400 with validationErrors)', async () => {
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ ...CX_BODY, startDate: undefined }, 'startDate'],
				[{ ...CX_BODY, endDate: undefined }, 'endDate'],
				[{ ...CX_BODY, startDate: '2026-03-02T09:00:00' }, 'startDate'],
				[{ ...CX_BODY, timeZone: 'Mars/Olympus' }, 'timeZone'],
				[{ ...CX_BODY, timeInterval: 30 }, 'timeInterval'],
				[{ ...CX_BODY, timeInterval: 600 }, 'timeInterval'],
				[{ ...CX_BODY, endDate: '2026-03-02 12:00:01' }, 'endDate'],
				[{ ...CX_BODY, endDate: '2026-03-02 08:00:00' }, 'endDate'],
				[{ ...CX_BODY, startDate: '2026-03-02 10:00:00', endDate: '2026-03-02 12:56:00' }, 'endDate'],
				[{ ...CX_BODY, outputFormat: 'PDF' }, 'outputFormat'],
			];
			for (const [body, attr] of cases) {
				const r = await postJson(`${p.cx}/agg-queue-stats`, token, body);
				expect([attr, r.status]).toEqual([attr, 400]);
				expect(r.json.generalMessage).toBe('The supplied data is not valid');
				expect(r.json.validationErrors.map((e: any) => e.attributeName)).toContain(attr);
				expect(r.json.requestUri).toBe(`/voice/api/cx/integration/v1/accounts/${sim.world.rcAccountId}/sub-accounts/${sub}/agg-queue-stats - POST`);
			}
			// exactly now − 5 min is allowed
			const edge = await postJson(`${p.cx}/agg-queue-stats`, token, { ...CX_BODY, startDate: '2026-03-02 10:00:00', endDate: '2026-03-02 12:55:00' });
			expect(edge.status).toBe(200);
			const notJson = await req(`${p.cx}/agg-queue-stats`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{nope' });
			expect(notJson.status).toBe(400);
		});

		it('honours outputFormat only with the cxOutputFormat variant; spelling variant offDirectIxnCnt', async () => {
			const plain = await postJson(`${p.cx}/agg-queue-stats`, token, { ...CX_BODY, outputFormat: 'CSV' });
			expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
			sim.control.setVariants({ cxOutputFormat: 'honour', queueStatsSpelling: 'off' });
			const file = await postJson(`${p.cx}/agg-queue-stats`, token, { ...CX_BODY, outputFormat: 'CSV' });
			expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
			expect(file.text.split('\r\n')[0]).toBe(QUEUE_STATS_HEADER);
			const json = await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY);
			expect(json.json[0].offDirectIxnCnt).toBeGreaterThan(0);
			expect(json.json[0].offdDirectIxnCnt).toBeUndefined();
			expect(json.json).toEqual(sim.truth.queueStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' }));
		});

		it('reports of the partner sub-account; 403 for the one without WEM', async () => {
			const pp = paths(sim, sim.world.partnerSubAccountId);
			const r = await postJson(`${pp.cx}/agg-queue-stats`, token, CX_BODY);
			expect(r.status).toBe(200);
			// only the partner's own queues (README: "Partner Line" with two queues)
			expect(r.json.length).toBeGreaterThan(0);
			for (const row of r.json) expect(['Partner Hotline', 'Partner Escalations']).toContain(row.queueName);
			const main = await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY);
			expect(main.json.some((row: any) => row.queueName.startsWith('Partner'))).toBe(false);
			expect(r.json).toEqual(sim.truth.queueStats(sim.world.partnerSubAccountId, FROM, TO, 30, { timeZone: 'US/Eastern' }));
			const pn = paths(sim, sim.world.noWemSubAccountId);
			expect((await postJson(`${pn.cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(403);
			expect((await postJson(`${pn.cr}/aggQueueStats`, token, { ...CX_BODY, timeInterval: 30, outputFormat: 'CSV' })).status).toBe(403);
		});
	});

	describe('classic v1 file reports', () => {
		const CL = { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 12:00:00', timeInterval: 30, timeZone: 'US/Eastern', reportType: 'WEM' };

		it('aggAgentStats CSV: exact header, CRLF, quoted names, values = truth', async () => {
			const r = await postJson(`${p.cr}/aggAgentStats`, token, { ...CL, outputFormat: 'CSV' });
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
			expect(r.text.startsWith(AGENT_STATS_HEADER + '\r\n')).toBe(true);
			expect(r.text.endsWith('\r\n')).toBe(true);
			expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
			const rows = parseCsv(r.text);
			const truth = sim.truth.agentStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' });
			expect(rows.length - 1).toBe(truth.length);
			const first = rows[1];
			expect(first[0]).toBe('30');
			expect(first[1]).toBe('2026-03-02');
			expect(first[2]).toBe('09:00');
			expect(first[3]).toBe(String(truth[0].agentId));
			expect(first[4]).toBe(truth[0].agentName);
			expect(r.text).toContain(`"${truth[0].agentName}"`);
			expect(rows.slice(1).map((x) => Number(x[5]))).toEqual(truth.map((t) => t.availDur));
			expect(rows.slice(1).map((x) => Number(x[12]))).toEqual(truth.map((t) => t.directInIxnCnt));
		});

		it('aggQueueStats and aggAgentExtendedStats CSV columns as the API doc lists', async () => {
			const q = await postJson(`${p.cr}/aggQueueStats`, token, { ...CL, outputFormat: 'CSV' });
			expect(q.text.split('\r\n')[0]).toBe(QUEUE_STATS_HEADER);
			const qRows = parseCsv(q.text).slice(1);
			const qt = sim.truth.queueStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' });
			expect(qRows.map((r) => [Number(r[3]), r[4], Number(r[5]), Number(r[9])])).toEqual(qt.map((t) => [t.queue, t.queueName, t.offdDirectIxnCnt, t.answIxnCnt]));
			const e = await postJson(`${p.cr}/aggAgentExtendedStats`, token, { ...CL, outputFormat: 'CSV' });
			expect(e.text.split('\r\n')[0]).toBe(AGENT_EXT_HEADER);
			const eRows = parseCsv(e.text).slice(1);
			const et = sim.truth.agentExtendedStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' });
			expect(eRows.map((r) => [Number(r[3]), Number(r[5]), r[6], Number(r[7])])).toEqual(et.map((t) => [t.agentId, t.queue, t.queueName, t.talkingIxnDur]));
		});

		it('quotes values with commas and quotes; delimiter variant', async () => {
			const w = sim.world;
			const names = w.queues.filter((q) => q.subAccountId === sub).map((q) => q.queueName);
			expect(names).toContain('Sales, Spanish');
			expect(names).toContain('VIP "Gold" Support');
			// find a window where both special queues have traffic
			const r = await postJson(`${p.cr}/aggQueueStats`, token, { ...CL, timeInterval: 60, outputFormat: 'CSV' });
			const rows = parseCsv(r.text).slice(1);
			const seen = new Set(rows.map((x) => x[4]));
			if (seen.has('Sales, Spanish')) expect(r.text).toContain('"Sales, Spanish"');
			if (seen.has('VIP "Gold" Support')) expect(r.text).toContain('"VIP ""Gold"" Support"');
			expect(seen.has('Sales, Spanish') || seen.has('VIP "Gold" Support')).toBe(true);
			sim.control.setVariants({ csvDelimiter: ';' });
			const semi = await postJson(`${p.cr}/aggQueueStats`, token, { ...CL, timeInterval: 60, outputFormat: 'CSV' });
			expect(semi.text.split('\r\n')[0]).toBe(QUEUE_STATS_HEADER.replace(/,/g, ';'));
			expect(parseCsv(semi.text, ';').slice(1)).toEqual(rows);
		});

		it('XML in both layouts', async () => {
			const truth = sim.truth.queueStats(sub, FROM, TO, 30, { timeZone: 'US/Eastern' });
			const el = await postJson(`${p.cr}/aggQueueStats`, token, { ...CL, outputFormat: 'XML' });
			expect(el.status).toBe(200);
			expect(el.headers.get('content-type')).toMatch(/^application\/xml/);
			expect(el.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
			expect((el.text.match(/<record>/g) || []).length).toBe(truth.length);
			expect(el.text).toContain(`<queue>${truth[0].queue}</queue>`);
			expect(el.text).toContain('<date_from>2026-03-02</date_from>');
			expect(el.text).toContain('<time_h24_mi>09:00</time_h24_mi>');
			sim.control.setVariants({ xmlLayout: 'attributes' });
			const at = await postJson(`${p.cr}/aggQueueStats`, token, { ...CL, outputFormat: 'XML' });
			expect((at.text.match(/<record /g) || []).length).toBe(truth.length);
			expect(at.text).toContain(`queue="${truth[0].queue}"`);
			expect(at.text).toContain('time_h24_mi="09:00"');
		});

		it('without endDate: complete intervals up to now − 5 min; seconds of startDate ignored', async () => {
			const r = await postJson(`${p.cr}/aggAgentExtendedStats`, token, { startDate: '2026-03-02 11:00:37', timeInterval: 60, timeZone: 'US/Eastern', outputFormat: 'CSV' });
			expect(r.status).toBe(200);
			const rows = parseCsv(r.text).slice(1);
			// now 13:00 local → limit 12:55 → only the 11:00–12:00 interval is complete
			const truth = sim.truth.agentExtendedStats(sub, Date.parse('2026-03-02T16:00:00Z'), Date.parse('2026-03-02T17:00:00Z'), 60, { timeZone: 'US/Eastern' });
			expect(rows.length).toBe(truth.length);
			expect(new Set(rows.map((x) => x[2]))).toEqual(new Set(['11:00']));
			sim.control.advanceClock(60 * MIN);
			token = (await login(sim)).accessToken; // the old token died 55 sim minutes ago
			const later = await postJson(`${p.cr}/aggAgentExtendedStats`, token, { startDate: '2026-03-02 11:00:00', timeInterval: 60, timeZone: 'US/Eastern', outputFormat: 'CSV' });
			expect(new Set(parseCsv(later.text).slice(1).map((x) => x[2]))).toEqual(new Set(['11:00', '12:00']));
		});

		it('validates classic bodies (minutes, outputFormat required, WEM, endDate rules)', async () => {
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ ...CL, outputFormat: undefined }, 'outputFormat'],
				[{ ...CL, outputFormat: 'JSON' }, 'outputFormat'],
				[{ ...CL, timeInterval: 1800, outputFormat: 'CSV' }, 'timeInterval'],
				[{ ...CL, reportType: 'ACD', outputFormat: 'CSV' }, 'reportType'],
				[{ ...CL, endDate: '2026-03-02 12:30:00', outputFormat: 'CSV' }, 'endDate'],
				[{ ...CL, startDate: '2026-03-02 11:00:00', endDate: '2026-03-02 12:58:00', outputFormat: 'CSV' }, 'endDate'],
				[{ ...CL, startDate: '2026-03-02 12:57:00', endDate: undefined, outputFormat: 'CSV' }, 'startDate'],
				[{ ...CL, timeZone: 'Nowhere/City', outputFormat: 'CSV' }, 'timeZone'],
			];
			for (const [body, attr] of cases) {
				const r = await postJson(`${p.cr}/aggQueueStats`, token, body);
				expect([attr, r.status]).toEqual([attr, 400]);
				expect(r.json.validationErrors.map((e: any) => e.attributeName)).toContain(attr);
				expect(r.json.requestUri).toBe(`voice/api/integration/v1/admin/reports/accounts/${sub}/aggQueueStats - POST`);
			}
		});
	});

	describe('interaction metadata, recordings, transcripts', () => {
		const META = { segmentEndTime: '2026-03-02 10:00:00', timeInterval: 3600, timeZone: 'US/Eastern' };
		const MFROM = Date.parse('2026-03-02T15:00:00Z');
		const MTO = Date.parse('2026-03-02T16:00:00Z');

		it('CX interaction-metadata = truth.segments; window = [segmentEndTime, +timeInterval) by segment end', async () => {
			const r = await postJson(`${p.cx}/interaction-metadata`, token, META);
			expect(r.status).toBe(200);
			const truth = sim.truth.segments(sub, MFROM, MTO);
			expect(truth.length).toBeGreaterThan(10);
			expect(r.json).toEqual(truth);
			for (const s of r.json) {
				const end = Date.parse(s.segmentEndTimeMs);
				expect(end).toBeGreaterThanOrEqual(MFROM);
				expect(end).toBeLessThan(MTO);
				expect(s.segmentDurationMs).toBe(end - Date.parse(s.segmentStartTimeMs));
				expect(s.segmentStartTimeMs).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
				expect(s.subAccountId).toBe(sub);
			}
			expect(new Set(r.json.map((s: any) => s.channelClass))).toEqual(new Set(['VOICE', 'DIGITAL']));
			const digital = r.json.find((s: any) => s.channelClass === 'DIGITAL');
			expect(digital).toEqual(expect.objectContaining({ hasRecording: false, systemDisposition: null, segmentEvents: null }));
		});

		it('transfers: several segments share dialogId/interactionId with different agents, one after the other', async () => {
			// three hours of metadata over HTTP, grouped by dialog
			sim.control.setLimits({ metadataMaxSeconds: 10800 });
			const r = await postJson(`${p.cx}/interaction-metadata`, token, { segmentEndTime: '2026-03-02 09:00:00', timeInterval: 10800, timeZone: 'US/Eastern' });
			expect(r.status).toBe(200);
			const byDialog = new Map<string, any[]>();
			for (const row of r.json) byDialog.set(row.dialogId, [...(byDialog.get(row.dialogId) || []), row]);
			const transferred = [...byDialog.values()].filter((rows) => rows.length >= 2);
			expect(transferred.length).toBeGreaterThan(2);
			for (const rows of transferred) {
				expect(new Set(rows.map((s) => s.interactionId)).size).toBe(1);
				expect(new Set(rows.map((s) => s.segmentId)).size).toBe(rows.length);
				expect(new Set(rows.map((s) => s.segmentParticipantId)).size).toBe(rows.length);
				const sorted = [...rows].sort((a, b) => Date.parse(a.segmentStartTimeMs) - Date.parse(b.segmentStartTimeMs));
				for (let i = 1; i < sorted.length; i++) expect(Date.parse(sorted[i].segmentStartTimeMs)).toBeGreaterThan(Date.parse(sorted[i - 1].segmentEndTimeMs));
				// one dialog: the same start and end on every segment
				expect(new Set(rows.map((s) => `${s.dialogStartTimeMs}|${s.dialogEndTimeMs}`)).size).toBe(1);
			}
		});

		it('validates metadata requests; the maximum window is settable up to 10800', async () => {
			const bad: Array<[Record<string, unknown>, string]> = [
				[{ ...META, timeInterval: 3601 }, 'timeInterval'],
				[{ ...META, timeInterval: 0 }, 'timeInterval'],
				[{ ...META, segmentEndTime: '2022-10-20T07:40:00' }, 'segmentEndTime'],
				[{ ...META, timeZone: undefined }, 'timeZone'],
				[{ ...META, segmentEndTime: '2026-03-02 12:30:00', timeInterval: 1800 }, 'segmentEndTime'],
			];
			for (const [body, attr] of bad) {
				const r = await postJson(`${p.cx}/interaction-metadata`, token, body);
				expect([attr, r.status]).toEqual([attr, 400]);
				expect(r.json.validationErrors[0].attributeName).toBe(attr);
			}
			sim.control.setLimits({ metadataMaxSeconds: 10800 });
			const big = await postJson(`${p.cx}/interaction-metadata`, token, { ...META, segmentEndTime: '2026-03-02 09:00:00', timeInterval: 10800 });
			expect(big.status).toBe(200);
			expect(big.json).toEqual(sim.truth.segments(sub, FROM, TO));
			expect(() => sim.control.setLimits({ metadataMaxSeconds: 10801 })).toThrow();
		});

		it('segments are visible only 2 minutes after they end', () => {
			const all = sim.truth.segments(sub, MFROM, MTO, { visibleAt: MTO + 60 * MIN });
			const last = all[all.length - 1];
			const end = Date.parse(last.segmentEndTimeMs);
			const before = sim.truth.segments(sub, MFROM, MTO, { visibleAt: end + 2 * MIN - 1 });
			expect(before.map((s) => s.segmentId)).not.toContain(last.segmentId);
			const after = sim.truth.segments(sub, MFROM, MTO, { visibleAt: end + 2 * MIN });
			expect(after.map((s) => s.segmentId)).toContain(last.segmentId);
		});

		it('classic v2 interactionMetadata: classic names, seconds, voice only, late recording URL that serves a WAV', async () => {
			const cxRows = sim.truth.segments(sub, MFROM, MTO);
			const recorded = cxRows.find((s) => s.hasRecording && s.channelClass === 'VOICE')!;
			expect(recorded).toBeDefined();
			const end = Date.parse(recorded.segmentEndTimeMs);
			const windowStart = end - (end % 60000);
			sim.control.setClock(end + 6 * MIN);
			const body = { segmentEndTime: new Date(windowStart).toISOString().slice(0, 19).replace('T', ' '), timeInterval: 60, timeZone: 'UTC' };
			const early = await postJson(`${p.cr2}/interactionMetadata`, token, body);
			expect(early.status).toBe(200);
			const row = early.json.find((x: any) => x.interactionId === recorded.interactionId && x.segmentContactEndTimeMs === recorded.segmentEndTimeMs);
			expect(row).toBeDefined();
			expect(row.segmentRecordingURL).toBe('');
			expect(row.segmentDuration).toBe(recorded.segmentDurationMs / 1000);
			expect(row.segmentAgentId).toBe(Number(recorded.segmentParticipantId));
			expect(row.interactionCallingAddress).toBe(recorded.channelEndpointAddress);
			expect(row.interactionCalledAddress).toBe(recorded.contactEndpointAddress);
			expect(row.interactionDirection).toBe(recorded.dialogOrigination);
			expect(Number.isInteger(row.segmentID)).toBe(true);
			expect(row.segmentID).toBeGreaterThanOrEqual(2);
			expect(early.json).toEqual(sim.truth.segments(sub, windowStart, windowStart + 60000, { family: 'classic' }));
			// the CX row says hasRecording from the start
			const cx = await postJson(`${p.cx}/interaction-metadata`, token, body);
			expect(cx.json.find((x: any) => x.segmentId === recorded.segmentId).hasRecording).toBe(true);

			sim.control.advanceClock(3 * MIN);
			const late = await postJson(`${p.cr2}/interactionMetadata`, token, body);
			const lateRow = late.json.find((x: any) => x.interactionId === recorded.interactionId && x.segmentContactEndTimeMs === recorded.segmentEndTimeMs);
			expect(lateRow.segmentRecordingURL.startsWith(`${sim.url}/recordings/`)).toBe(true);
			const wav = await req(lateRow.segmentRecordingURL);
			expect(wav.status).toBe(200);
			expect(wav.headers.get('content-type')).toBe('audio/wav');
			expect(wav.buf.subarray(0, 4).toString('ascii')).toBe('RIFF');
			expect(wav.buf.subarray(8, 12).toString('ascii')).toBe('WAVE');
			sim.control.setVariants({ recordingAuth: 'basic', segmentIdSpelling: 'segmentId' });
			expect((await req(lateRow.segmentRecordingURL)).status).toBe(401);
			const auth = 'Basic ' + Buffer.from(`${sim.secrets.username}:${sim.secrets.password}`).toString('base64');
			expect((await req(lateRow.segmentRecordingURL, { headers: { Authorization: auth } })).status).toBe(200);
			const renamed = await postJson(`${p.cr2}/interactionMetadata`, token, body);
			expect(renamed.json[0].segmentId).toEqual(expect.any(Number));
			expect(renamed.json[0].segmentID).toBeUndefined();
			// classic metadata carries no digital rows
			sim.control.setClock(Date.parse('2026-03-02T18:00:00Z'));
			const hour = await postJson(`${p.cr2}/interactionMetadata`, token, META);
			expect(hour.json.length).toBe(sim.truth.segments(sub, MFROM, MTO).filter((s) => s.channelClass === 'VOICE').length);
		});

		it('CX recording: WAV, MP3 for browsers, 404 for unknown or unrecorded', async () => {
			const rows = sim.truth.segments(sub, MFROM, MTO);
			const rec = rows.find((s) => s.hasRecording)!;
			const url = `${p.cx}/recordings/dialogs/${encodeURIComponent(rec.dialogId)}/segments/${encodeURIComponent(rec.segmentId)}`;
			const wav = await get(url, token);
			expect(wav.status).toBe(200);
			expect(wav.headers.get('content-type')).toBe('audio/wav');
			expect(wav.buf.subarray(0, 4).toString('ascii')).toBe('RIFF');
			expect(wav.buf.readUInt16LE(34)).toBe(16);
			const mp3 = await get(url, token, { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36' });
			expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
			expect([mp3.buf[0], mp3.buf[1]]).toEqual([0xff, 0xfb]);
			const unrecorded = rows.find((s) => !s.hasRecording)!;
			expect((await get(`${p.cx}/recordings/dialogs/${unrecorded.dialogId}/segments/${unrecorded.segmentId}`, token)).status).toBe(404);
			expect((await get(`${p.cx}/recordings/dialogs/s-v-nope-1772000000000/segments/x`, token)).status).toBe(404);
		});

		it('transcripts answer 404 until 5 minutes after the segment end', async () => {
			const rec = sim.truth.segments(sub, MFROM, MTO).find((s) => s.hasTranscript)!;
			const end = Date.parse(rec.segmentEndTimeMs);
			const url = `${p.cx}/transcripts/dialogs/${rec.dialogId}/segments/${rec.segmentId}`;
			sim.control.setClock(end + 4 * MIN);
			const early = await get(url, token);
			expect(early.status).toBe(404);
			expect(early.json.errorCode).toBe('transcript.not.found');
			sim.control.setClock(end + 5 * MIN + 1000);
			const ok = await get(url, token);
			expect(ok.status).toBe(200);
			expect(ok.json.channelClass).toBe('VOICE');
			expect(ok.json.errorCode).toBeNull();
			expect(ok.json.transcript.length).toBeGreaterThanOrEqual(3);
			const agentLine = ok.json.transcript.find((t: any) => t.participantType === 'agent');
			expect(agentLine.rcUserId).toBe(rec.segmentParticipantRcExtensionId);
			expect(ok.json.transcript[0].timestamp).toMatch(/^\d{13}$/);
		});
	});

	describe('rate limits', () => {
		it('default: 2 per 60 s and 9 per 15 min per sub-account, shared by all report endpoints', async () => {
			// the defaults (this simulator was started with bigger limits)
			sim.control.setLimits({ report: [{ count: 2, windowMs: 60000 }, { count: 9, windowMs: 900000 }] });
			token = sim.secrets.apiToken; // a permanent token: this test spends > 5 sim minutes
			const cl = { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 10:00:00', timeInterval: 30, timeZone: 'US/Eastern', outputFormat: 'CSV' };
			expect((await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(200);
			expect((await postJson(`${p.cr}/aggQueueStats`, token, cl)).status).toBe(200);
			const third = await postJson(`${p.cx}/interaction-metadata`, token, { segmentEndTime: '2026-03-02 10:00:00', timeInterval: 600, timeZone: 'US/Eastern' });
			expect(third.status).toBe(429);
			expect(third.text).toBe('rate');
			expect(third.headers.get('retry-after')).toBe('1');
			expect(third.headers.get('content-type')).toMatch(/^text\/plain/);
			// another sub-account has its own budget
			expect((await postJson(`${paths(sim, sim.world.partnerSubAccountId).cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(200);
			let ok = 2;
			for (let i = 0; i < 4; i++) {
				sim.control.advanceClock(61 * 1000);
				for (let j = 0; j < 2 && ok < 9; j++) {
					const r = await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY);
					expect(r.status).toBe(200);
					ok++;
				}
			}
			expect(ok).toBe(9);
			sim.control.advanceClock(61 * 1000);
			const tenth = await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY);
			expect(tenth.status).toBe(429);
			sim.control.setVariants({ rateLimitBody: 'json', retryAfter: 'exact' });
			const json = await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY);
			expect(json.status).toBe(429);
			expect(json.json.errorCode).toBe('rate.limit.exceeded');
			expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(60);
			sim.control.setVariants({ retryAfter: 'none' });
			expect((await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY)).headers.get('retry-after')).toBeNull();
			sim.control.advanceClock(15 * MIN);
			expect((await postJson(`${p.cx}/agg-agent-stats`, token, CX_BODY)).status).toBe(200);
		});

		it('settable limits (20 per minute) and the admin limit', async () => {
			// windows in sim minutes, not real seconds: a loaded machine must not let the window pass
			sim.control.setLimits({ report: [{ count: 20, windowMs: 60000 }], admin: [{ count: 3, windowMs: 60000 }] });
			for (let i = 0; i < 20; i++) expect((await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(200);
			expect((await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(429);
			sim.control.advanceClock(60001);
			expect((await postJson(`${p.cx}/agg-queue-stats`, token, CX_BODY)).status).toBe(200);
			for (let i = 0; i < 3; i++) expect((await get(`${p.cx}/queue-groups`, token)).status).toBe(200);
			const limited = await get(`${p.cx}/queue-groups`, token);
			expect(limited.status).toBe(429);
			expect(limited.text).toBe('rate');
		});
	});

	it('is deterministic: same seed → same answers, other seed → other data', async () => {
		const twin = await start({ limits: BIG });
		const other = await start({ limits: BIG, seed: 8 });
		try {
			const t2 = (await login(twin)).accessToken;
			const a = await postJson(`${p.cx}/interaction-metadata`, token, { segmentEndTime: '2026-03-02 10:00:00', timeInterval: 3600, timeZone: 'US/Eastern' });
			const b = await postJson(`${paths(twin).cx}/interaction-metadata`, t2, { segmentEndTime: '2026-03-02 10:00:00', timeInterval: 3600, timeZone: 'US/Eastern' });
			expect(b.json).toEqual(a.json);
			const qa = await postJson(`${p.cr}/aggQueueStats`, token, { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 12:00:00', timeInterval: 15, timeZone: 'US/Eastern', outputFormat: 'CSV' });
			const qb = await postJson(`${paths(twin).cr}/aggQueueStats`, t2, { startDate: '2026-03-02 09:00:00', endDate: '2026-03-02 12:00:00', timeInterval: 15, timeZone: 'US/Eastern', outputFormat: 'CSV' });
			expect(qb.text).toBe(qa.text);
			expect(twin.world).toEqual(sim.world);
			expect(twin.secrets).toEqual(sim.secrets);
			expect(other.world.mainAccountId).not.toBe(sim.world.mainAccountId);
			expect(other.truth.segments(other.world.mainSubAccountId, MFROM_D, MTO_D)).not.toEqual(sim.truth.segments(sub, MFROM_D, MTO_D));
		} finally {
			await twin.close();
			await other.close();
		}
	});
});

const MFROM_D = Date.parse('2026-03-02T15:00:00Z');
const MTO_D = Date.parse('2026-03-02T16:00:00Z');
