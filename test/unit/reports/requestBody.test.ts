import { buildReportRequestBody } from '../../../nodes/EngageVoice/reports/requestBody';
import { planWindows } from '../../../nodes/EngageVoice/reports/windowPlanner';
import { wallTimeToUtc } from '../../../nodes/EngageVoice/reports/timeZone';

const window = planWindows({
	startMs: wallTimeToUtc('2026-03-02 09:00:00', 'US/Eastern'),
	endMs: wallTimeToUtc('2026-03-02 12:00:00', 'US/Eastern'),
	nowMs: Date.parse('2030-01-01T00:00:00Z'),
	timeZone: 'US/Eastern',
	kind: 'statistics',
	intervalMinutes: 30,
}).windows[0];

describe('buildReportRequestBody', () => {
	it('CX aggregates: seconds, an endDate and no outputFormat (the API doc example)', () => {
		expect(buildReportRequestBody('queueStats', 'cx', window, { intervalMinutes: 30, outputFormat: 'XML' })).toEqual({
			startDate: '2026-03-02 09:00:00',
			endDate: '2026-03-02 12:00:00',
			timeInterval: 1800,
			timeZone: 'US/Eastern',
		});
	});

	it('classic v1 file reports: minutes, WEM, the format, and an endDate (decision 4)', () => {
		expect(buildReportRequestBody('agentExtendedStats', 'classic', window, { intervalMinutes: 30 })).toEqual({
			startDate: '2026-03-02 09:00:00',
			endDate: '2026-03-02 12:00:00',
			timeInterval: 30,
			timeZone: 'US/Eastern',
			reportType: 'WEM',
			outputFormat: 'CSV',
		});
		expect(buildReportRequestBody('agentStats', 'classic', window, { intervalMinutes: 60, outputFormat: 'XML' })).toMatchObject({
			timeInterval: 60,
			outputFormat: 'XML',
		});
	});

	it('metadata, both families: the window START as segmentEndTime, length in seconds', () => {
		const metadataWindow = planWindows({
			startMs: wallTimeToUtc('2022-10-20 07:40:00', 'US/Eastern'),
			endMs: wallTimeToUtc('2022-10-20 07:50:00', 'US/Eastern'),
			nowMs: Date.parse('2030-01-01T00:00:00Z'),
			timeZone: 'US/Eastern',
			kind: 'metadata',
		}).windows[0];
		const expected = { segmentEndTime: '2022-10-20 07:40:00', timeInterval: 600, timeZone: 'US/Eastern' };
		expect(buildReportRequestBody('interactionMetadata', 'cx', metadataWindow)).toEqual(expected);
		expect(buildReportRequestBody('interactionMetadata', 'classic', metadataWindow)).toEqual(expected);
	});

	it('sends the fixed-offset zone the planner chose for an ambiguous window', () => {
		const fallBack = planWindows({
			startMs: wallTimeToUtc('2026-11-01 00:00:00', 'US/Eastern'),
			endMs: wallTimeToUtc('2026-11-01 04:00:00', 'US/Eastern'),
			nowMs: Date.parse('2030-01-01T00:00:00Z'),
			timeZone: 'US/Eastern',
			kind: 'statistics',
			intervalMinutes: 60,
		}).windows[1];
		expect(buildReportRequestBody('queueStats', 'cx', fallBack, { intervalMinutes: 60 })).toEqual({
			startDate: '2026-11-01 01:00:00',
			endDate: '2026-11-01 04:00:00',
			timeInterval: 3600,
			timeZone: 'Etc/GMT+5',
		});
	});

	it('refuses a statistics body without a valid interval', () => {
		expect(() => buildReportRequestBody('queueStats', 'cx', window)).toThrow(/15, 30, 45 or 60/);
		expect(() => buildReportRequestBody('queueStats', 'classic', window, { intervalMinutes: 20 })).toThrow(RangeError);
	});
});
