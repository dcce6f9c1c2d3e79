/*
 * The trigger and answers that are not reports (issue 14 item 1, issue 9 items 4 and 10): a classic
 * CSV cut inside its header fails the poll and leaves the cursor where it was, so the next poll
 * delivers the rows of that window; an error of a poll never shows a token the server echoed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HostileServer } from '../hostile/server';
import { text, tokenOf } from '../hostile/server';
import { expectStatisticsToMatchTruth, statisticsTruth } from '../helpers/reportTruth';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, startSim } from '../helpers/simulator';
import { useHostileServer } from '../helpers/suite';
import { DATE_ONLY_FAKE_TIMERS, FAST_NODE_OPTIONS, FAST_SIM_LIMITS, TriggerRig } from '../helpers/trigger';

const MIN = 60_000;
const START = Date.parse('2026-03-03T13:00:00Z');

let sim: Simulator;
let front: HostileServer;

beforeAll(async () => {
	jest.useFakeTimers({ ...DATE_ONLY_FAKE_TIMERS, now: START } as never);
	sim = await startSim({ seed: 71, startTime: START, limits: FAST_SIM_LIMITS });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
useHostileServer(() => sim.url, (server) => (front = server));
beforeEach(() => {
	sim.control.clearFaults();
	sim.control.setClock(START);
	jest.setSystemTime(START);
});

function classicQueueStatsRig(): TriggerRig {
	return new TriggerRig(sim, {
		event: 'intervalStatisticsClosed',
		report: 'queueStats',
		interval: 15,
		apiFamily: 'classic',
		timeZone: 'UTC',
		options: { ...FAST_NODE_OPTIONS, outputFormat: 'CSV', maxRetries: 0, retryBackoffSeconds: 0 },
	});
}

describe('Engage Voice Trigger: a classic CSV cut inside its header', () => {
	it('fails the poll, the cursor does not pass the window, and the next poll delivers its rows', async () => {
		const sub = sim.world.mainSubAccountId;
		const rig = classicQueueStatsRig();
		rig.at(START);
		expect((await rig.poll()).error).toBeUndefined();
		const activated = rig.staticJson();
		const cursor = Date.parse(String(rig.nodeState().cursor));
		expect(cursor).toBe(START);

		rig.at(START + 60 * MIN);
		sim.control.injectFaults({ kind: 'cutHeader', match: '/aggQueueStats' });
		const cut = await rig.poll();
		expect(cut.error?.message).toMatch(/^The CSV answer for window .* is not the Queue Statistics report: its first line has no column/);
		expect(cut.error?.description).toMatch(/it starts with "interval,date_from,/);
		expect(cut.items).toEqual([]);
		// the failed poll changed nothing: the cursor stays before the window the cut answer was for
		expect(rig.staticJson()).toBe(activated);

		const next = await rig.poll();
		expect(next.error).toBeUndefined();
		const moved = Date.parse(String(rig.nodeState().cursor));
		expect(moved).toBeGreaterThan(cursor);
		expect(next.items.length).toBeGreaterThan(0);
		expect(next.items.every((item) => item.changeType === 'new')).toBe(true);
		const rows = next.items.map((item) => ({ ...item, changeType: undefined, changedFields: undefined }) as IDataObject);
		const truth = statisticsTruth(sim, 'queueStats', sub, START, moved, 15, 'classic');
		for (const fields of truth.values()) {
			// classic files have no completedContacts / segmentHoldTime (CX only)
			delete fields.completedContacts;
			delete fields.segmentHoldTime;
		}
		expectStatisticsToMatchTruth(rows, truth);
	});
});

describe('Engage Voice Trigger: the last net over the errors of a poll', () => {
	it('a token the server echoes in an answer the trigger reports is redacted from every text of the error', async () => {
		const rig = classicQueueStatsRig();
		rig.credentials.set('jwt', jwtCredential(sim, { customEngageHost: front.url, ringCentralServer: front.url }));
		rig.at(START);
		expect((await rig.poll()).error).toBeUndefined();
		const before = rig.staticJson();

		const tokens: string[] = [];
		front.route('POST', /\/aggQueueStats$/, (request) => {
			tokens.push(tokenOf(request));
			return text(200, `Report generation in progress for session ${tokenOf(request)}`);
		});
		rig.at(START + 60 * MIN);
		const outcome = await rig.poll();
		expect(tokens.length).toBe(1);
		expect(tokens[0].length).toBeGreaterThan(8);
		expect(outcome.error?.description).toContain('it starts with "Report generation in progress for session [redacted]"');
		const error = outcome.error as unknown as IDataObject;
		const texts = [outcome.error?.message, outcome.error?.description, outcome.error?.stack, JSON.stringify(error), JSON.stringify(error?.cause)].join('\n');
		expect(texts).not.toContain(tokens[0]);
		expect(rig.staticJson()).toBe(before);
	});
});
