import * as reports from '../../../nodes/EngageVoice/reports';

describe('reports barrel', () => {
	it('exposes the pipeline: plan → body → parse → normalise', async () => {
		const plan = reports.planWindows({
			startMs: reports.wallTimeToUtc('2024-03-04 00:00:00', 'US/Eastern'),
			endMs: reports.wallTimeToUtc('2024-03-04 03:00:00', 'US/Eastern'),
			nowMs: Date.parse('2030-01-01T00:00:00Z'),
			timeZone: 'US/Eastern',
			kind: 'statistics',
			intervalMinutes: 60,
		});
		const [window] = plan.windows;
		expect(reports.buildReportRequestBody('queueStats', 'classic', window, { intervalMinutes: 60 })).toMatchObject({
			startDate: '2024-03-04 00:00:00',
			endDate: '2024-03-04 03:00:00',
		});
		// A classic answer without an end: the row after the window is filtered out.
		const body = 'interval;date_from;time (H24:MI);queue;wait_dur\r\n60;03/04/2024;01:00;5686;13\r\n60;03/04/2024;03:00;5686;7\r\n';
		const records = await reports.parseReportBody(body, { windowLabel: window.label, contentType: 'application/octet-stream' });
		const rows = records
			.map((raw) =>
				reports.normaliseRow('queueStats', raw, {
					family: 'classic',
					requestTimeZone: window.requestTimeZone,
					outputTimeZone: 'UTC',
					subAccountId: '15910001',
					window,
				}),
			)
			.filter((row) => reports.withinWindow(row, window));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ queue: 5686, waitDur: 13, intervalStart: '2024-03-04T06:00:00+00:00', window: { start: '2024-03-04T05:00:00+00:00', end: '2024-03-04T08:00:00+00:00' } });
		expect(reports.naturalKey('queueStats', rows[0])).toBe('["15910001","2024-03-04T06:00:00.000Z","60","5686"]');
	});
});
