/*
 * Clear errors at the edges (issue 9, items 11–13), over HTTP against the simulator and the hostile
 * test server: time zones go out in their canonical spelling, a host URL with a path is refused
 * naming the field, and https:// to a plain-http server names the TLS failure.
 */
import type { TestCredentialsHelper } from '../helpers/harness';
import { reportRequests } from '../helpers/reportTruth';
import { reportParameters, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

let sim: Simulator;
let creds: TestCredentialsHelper;

useSimulator({ seed: 23, fastReports: true }, (s) => ({ sim, creds } = s));

const range = { start: '2026-11-10T09:00:00', end: '2026-11-10T10:00:00', interval: 60 };

describe('time zones are sent in their canonical spelling (item 13)', () => {
	it.each([
		['us/eastern', 'US/Eastern'],
		['EUROPE/berlin', 'Europe/Berlin'],
		['utc', 'UTC'],
		['etc/gmt+5', 'Etc/GMT+5'],
		['gb', 'Europe/London'],
	])('a report in "%s" asks the API in "%s"', async (typed, canonical) => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...range, timeZone: typed }));
		expect(result.error).toBeUndefined();
		const bodies = reportRequests(sim).map((r) => r.body);
		expect(bodies.length).toBeGreaterThan(0);
		for (const body of bodies) expect(body.timeZone).toBe(canonical);
	});

	it("the workflow's time zone is canonicalised too", async () => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...range, timeZone: '' }), {
			settings: { timezone: 'america/chicago' },
		});
		expect(result.error).toBeUndefined();
		expect(reportRequests(sim)[0].body.timeZone).toBe('America/Chicago');
	});
});
