/*
 * Every wait of the Report operations is bounded and named when it ends (issue 9 items 5–9 and
 * 15), over HTTP: the simulator, and a hostile proxy of our own in front of it for what the
 * simulator does not do (a request that hangs, a body cut shorter than its Content-Length).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { IDataObject, IRun, IRunExecutionData, ITaskData, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { budgetOf, rateBudget } from '../../nodes/EngageVoice/transport';
import type { TestCredentialsHelper } from '../helpers/harness';
import { additionalDataFor, buildWorkflow, engageWorkflow } from '../helpers/harness';
import type { HostileProxy } from '../helpers/hostileProxy';
import { startHostileProxy } from '../helpers/hostileProxy';
import { HOUR, expectStatisticsToMatchTruth, reportRequests, rowsOf, statisticsTruth } from '../helpers/reportTruth';
import { CREDENTIALS, reportParameters, runEngage } from '../helpers/reportRun';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';

const { parseLocalToUtc } = require('../simulator/timezone');

let sim: Simulator;
let creds: TestCredentialsHelper;
let sub: string;

useSimulator({ seed: 17, fastReports: true }, (s) => ({ sim, creds, mainSub: sub } = s));

/** 2026-11-10 00:00–24:00 US/Eastern: 8 statistics windows. */
const DAY = { start: '2026-11-10T00:00:00', end: '2026-11-11T00:00:00' };
const dayFrom = () => parseLocalToUtc('2026-11-10 00:00:00', 'US/Eastern') as number;
const WINDOW_1 = 'window 1 of 8: 2026-11-10 00:00–03:00 US/Eastern';
const reportBudgetKey = () => budgetOf({ apiRoot: `${sim.url}/voice/api` }, 'report', sub).key;

describe('Retry-After (issue 9 item 5)', () => {
	it('a 429 asking for a day fails at once, says when the API asked to be retried, and holds others back at most the cap', async () => {
		sim.control.injectFaults({ kind: '429', count: 1, retryAfter: 86400, match: '/agg-queue-stats' });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
		expect(result.error?.message).toMatch(
			new RegExp(`^Engage Voice asked to retry after \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\(in 86400 s\\), longer than Max Retry-After Wait \\(300 s\\) \\(${WINDOW_1}\\)$`),
		);
		expect(result.error?.httpCode).toBe('429');
		// the 429 holds this sub-account back for everyone, but for no longer than the cap
		const held = rateBudget.delayFor(reportBudgetKey(), [{ count: 1000, windowMs: 1000 }], Date.now());
		expect(held).toBeGreaterThan(280_000);
		expect(held).toBeLessThanOrEqual(300_000);
		expect(reportRequests(sim)).toHaveLength(1);
	});

	it('with a short cap, the next execution on the sub-account waits no longer than the cap and succeeds', async () => {
		sim.control.injectFaults({ kind: '429', count: 1, retryAfter: 86400, match: '/agg-queue-stats' });
		const options = { maxRetryAfterSeconds: 1 };
		const first = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options }));
		expect(first.error?.message).toMatch(/longer than Max Retry-After Wait \(1 s\)/);
		const second = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options }));
		expect(second.error).toBeUndefined();
		expectStatisticsToMatchTruth(rowsOf(second.output('Engage Voice')), statisticsTruth(sim, 'queueStats', sub, dayFrom(), dayFrom() + 24 * HOUR, 30));
	});
});

describe('a request that hangs (issue 9 item 6)', () => {
	let proxy: HostileProxy;
	beforeEach(async () => {
		proxy = await startHostileProxy(sim.url);
		creds.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
	});
	afterEach(async () => await proxy.close());

	it('times out after the Timeout and says so; the timeout bounds the request with its retries', async () => {
		proxy.rules.push({ kind: 'hang', match: '/agg-queue-stats' });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { timeoutSeconds: 1 } }));
		expect(result.error?.message).toBe(`Engage Voice timed out after 1 s (${WINDOW_1})`);
		expect(result.error?.description).toMatch(/^No answer to POST \/cx\/integration\/v1\/accounts\/\d+\/sub-accounts\/\d+\/agg-queue-stats came within the Timeout \(retries included\)/);
		// no time was left for another attempt
		expect(proxy.spoiled.hang).toBe(1);
	});

	it('a reset, then a hang: the second attempt gets what the Timeout has left', async () => {
		sim.control.injectFaults({ kind: 'reset', count: 1, match: '/agg-queue-stats' });
		proxy.rules.push({ kind: 'hang', match: '/agg-queue-stats', after: 1 });
		const result = await runEngage(
			creds,
			reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { timeoutSeconds: 2, retryBackoffSeconds: 0.2 } }),
		);
		expect(result.error?.message).toBe(`Engage Voice timed out after 2 s after 2 attempts (${WINDOW_1})`);
		expect(proxy.spoiled.hang).toBe(1);
	});
});

describe('ranges too long for one run (issue 9 item 7)', () => {
	it.each([
		['0001-01-01T00:00:00', '9999-12-31T00:00:00', /^The range needs at least [\d,]+ request windows, more than the 1,000 one run may send \(Options › Max Request Windows\)$/],
		['1900-01-01T00:00:00', '2026-11-01T00:00:00', /^The range needs at least 370,\d{3} request windows, more than the 1,000 one run may send \(Options › Max Request Windows\)$/],
	])('%s → %s is refused at once with the count, the time it would take and how to split it', async (start, end, message) => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { start, end, interval: 30, options: { reportRequestsPerSecond: 0 } }));
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(
			/^At the report rate budget \(2 per minute and 9 per 15 minutes\) at least [\d,]+ requests would take about [\d,]+ days\. Split the range into runs of at most 1,000 windows \(about 125 days each\): for example Start \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d, End \d{4}-05-0\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d, then continue from that End\.$/,
		);
		expect(sim.control.requestLog()).toEqual([]);
	});

	it('the maximum is an option, and the count is exact when the range is near it', async () => {
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { maxWindows: 7 } }));
		expect(result.error?.message).toBe('The range needs 8 request windows, more than the 7 one run may send (Options › Max Request Windows)');
		expect(result.error?.description).toMatch(/about 21 h each\): for example Start 2026-11-10T00:00:00-05:00, End 2026-11-10T21:00:00-05:00/);
		expect(reportRequests(sim)).toEqual([]);
	});
});

describe('the budget wait is a total (issue 9 item 8)', () => {
	it('Retry-After waits add up over the attempts: past Max Rate Budget Wait the request stops and says why', async () => {
		sim.control.injectFaults({ kind: '429', count: 5, retryAfter: 2, match: '/agg-queue-stats' });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30, options: { maxBudgetWaitSeconds: 3 } }));
		// 2 s after the first 429 fit in 3 s; another 2 s after the second do not (each alone would)
		expect(result.error?.message).toBe(`Engage Voice rate limit reached after 2 attempts (${WINDOW_1})`);
		expect(result.error?.description).toMatch(/No further attempt: the wait the API asked for is longer than Max Rate Budget Wait allows\./);
		expect(reportRequests(sim).map((r) => r.status)).toEqual([429, 429]);
	});
});

describe('a body cut short on the wire (issue 9 item 9)', () => {
	let proxy: HostileProxy;
	beforeEach(async () => {
		proxy = await startHostileProxy(sim.url);
		creds.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
	});
	afterEach(async () => await proxy.close());

	it('is fetched again like a dropped connection', async () => {
		proxy.rules.push({ kind: 'cutBody', match: '/agg-queue-stats', count: 2 });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
		expect(result.error).toBeUndefined();
		expect(proxy.spoiled.cutBody).toBe(2);
		expectStatisticsToMatchTruth(rowsOf(result.output('Engage Voice')), statisticsTruth(sim, 'queueStats', sub, dayFrom(), dayFrom() + 24 * HOUR, 30));
	});

	it('and when it stays cut, the error says what happened', async () => {
		proxy.rules.push({ kind: 'cutBody', match: '/agg-queue-stats' });
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
		expect(result.error?.message).toBe(`Engage Voice's answer was cut short after 4 attempts (${WINDOW_1})`);
		expect(result.error?.description).toMatch(
			/^The connection closed before the \d+ bytes its Content-Length announced had arrived \(HTTP 200 to POST \/cx\/integration\/v1\/accounts\/\d+\/sub-accounts\/\d+\/agg-queue-stats\)\./,
		);
		expect(proxy.spoiled.cutBody).toBe(4);
	});
});

describe('errors named by what they are (issue 9 item 15)', () => {
	it('a request that fails with neither an HTTP status nor a network code is not called a sign-in failure', async () => {
		// an answer that is not HTTP at all: the request fails in the HTTP parser, after the sign-in
		const proxy = await startHostileProxy(sim.url);
		try {
			creds.set('jwt', jwtCredential(sim, { customEngageHost: proxy.url }));
			proxy.rules.push({ kind: 'notHttp', match: '/agg-queue-stats' });
			const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
			expect(result.error?.message).toMatch(new RegExp(`^The request to Engage Voice failed: Parse Error: .+ \\(${WINDOW_1}\\)$`));
			expect(result.error?.message).not.toMatch(/sign/i);
			expect(result.error?.description).toMatch(/^POST \/cx\/integration\/v1\/accounts\/\d+\/sub-accounts\/\d+\/agg-queue-stats failed before an answer came back\./);
			expect(proxy.spoiled.notHttp).toBe(1);
		} finally {
			await proxy.close();
		}
	});

	it('a sign-in that fails still says so, with the credential\'s own words', async () => {
		creds.set('jwt', jwtCredential(sim, { clientSecret: 'not-the-secret' }));
		const result = await runEngage(creds, reportParameters(sim, 'queueStats', { ...DAY, interval: 30 }));
		expect(result.error?.description).toMatch(/^Signing in to Engage Voice failed before the request was sent\./);
		expect(reportRequests(sim)).toEqual([]);
	});
});

describe('an execution cancelled while it waits (issue 9 item 15)', () => {
	/** Runs the Report operation and cancels the execution when the node logs `cancelAt`. */
	async function runAndCancel(parameters: IDataObject, cancelAt: RegExp) {
		const fixture = engageWorkflow(
			{ authentication: CREDENTIALS.jwt.authentication, ...parameters },
			{ type: CREDENTIALS.jwt.type, id: CREDENTIALS.jwt.id },
		);
		const workflow = buildWorkflow(fixture);
		const hooks = new ExecutionLifecycleHooks('manual', 'cancel-1', { ...fixture, id: 'test-workflow' } as unknown as IWorkflowBase);
		let runDone!: (run: IRun) => void;
		const run = new Promise<IRun>((resolve) => (runDone = resolve));
		hooks.addHandler('workflowExecuteAfter', (result) => runDone(result));
		const execution = new WorkflowExecute(
			additionalDataFor(creds, hooks, 'cancel-1'),
			'manual',
			createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node: workflow.getNode('Start')!, data: { main: [[{ json: {} }]] }, source: null }],
				},
			}) as IRunExecutionData,
		);
		const logged: string[] = [];
		const cancellable: { running?: { cancel(): void } } = {};
		const info = jest.spyOn(Container.get(Logger), 'info').mockImplementation((message: string) => {
			logged.push(message);
			if (cancelAt.test(message)) cancellable.running?.cancel();
		});
		const running = execution.processRunExecutionData(workflow);
		cancellable.running = running;
		try {
			// n8n reports the cancelled run at once; the node's own end is recorded when it comes
			const result = await run;
			const runData = (execution as unknown as { runExecutionData: IRunExecutionData }).runExecutionData.resultData.runData;
			for (let i = 0; i < 500 && !runData['Engage Voice']?.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
			const task: ITaskData = runData['Engage Voice'][0];
			return { task, result, logged };
		} finally {
			info.mockRestore();
			running.cancel();
		}
	}

	it('stops waiting for the rate budget at once, gives its slot back, says it was cancelled; and logs the estimate of a long pull', async () => {
		sim.control.setLimits({ report: [{ count: 2, windowMs: 60_000 }, { count: 9, windowMs: 15 * 60_000 }] });
		const { task, result, logged } = await runAndCancel(
			reportParameters(sim, 'queueStats', {
				...DAY,
				interval: 30,
				options: { reportRequestsPerSecond: 0, retryBackoffSeconds: 0 },
			}),
			/waiting \d+ s for the report rate budget/,
		);
		expect(result.status).toBe('canceled');
		expect(logged).toContain(
			'Engage Voice Queue Statistics, sub-account ' + sub + ': 8 request windows take about 3 min at the report rate budget (2 per minute and 9 per 15 minutes)',
		);
		expect(task.error?.message).toBe('The execution was cancelled while waiting for the rate budget (window 3 of 8: 2026-11-10 06:00–09:00 US/Eastern)');
		expect((task.error as { description?: string }).description).toMatch(/^Nothing was sent for this request, and its place in the rate budget was given back\. 2 of 8 windows were read before this one/);
		// two requests went out; the third, cancelled while waiting, holds no slot: the next caller
		// waits only for the two that were sent (one minute), not for a third
		expect(reportRequests(sim)).toHaveLength(2);
		const next = rateBudget.scheduleMs(reportBudgetKey(), [{ count: 2, windowMs: 60_000 }, { count: 9, windowMs: 15 * 60_000 }], 2, Date.now());
		expect(next[0]).toBeGreaterThan(50_000);
		// (a slot still held for the cancelled request would put the second a minute after the first)
		expect(next[1] - next[0]).toBeLessThan(5_000);
	});
});
