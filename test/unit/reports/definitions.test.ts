import { resolveColumn, unmappedColumns } from '../../../nodes/EngageVoice/reports/columnMapping';
import {
	columnKey,
	REPORT_NAMES,
	REPORTS,
	reportDefinition,
} from '../../../nodes/EngageVoice/reports/definitions';

const field = (report: Parameters<typeof resolveColumn>[0], column: string) => resolveColumn(report, column)?.field;

describe('report definitions', () => {
	it('has the four reports with their CX and classic paths', () => {
		expect(REPORT_NAMES).toEqual(['agentExtendedStats', 'queueStats', 'agentStats', 'interactionMetadata']);
		expect(REPORT_NAMES.map((name) => [REPORTS[name].cxPath, REPORTS[name].classic.apiVersion, REPORTS[name].classic.path])).toEqual([
			['agg-agent-extended-stats', 'v1', 'aggAgentExtendedStats'],
			['agg-queue-stats', 'v1', 'aggQueueStats'],
			['agg-agent-stats', 'v1', 'aggAgentStats'],
			['interaction-metadata', 'v2', 'interactionMetadata'],
		]);
		expect(reportDefinition('interactionMetadata').kind).toBe('metadata');
		expect(() => reportDefinition('nope' as never)).toThrow(/Unknown report/);
	});

	it('lists each field once, natural-key fields among them, every classic column mapped to a field', () => {
		for (const definition of Object.values(REPORTS)) {
			const names = definition.fields.map((f) => f.name);
			expect(new Set(names).size).toBe(names.length);
			for (const key of definition.naturalKey) expect(names).toContain(key);
			for (const target of Object.values(definition.classicColumns)) expect(names).toContain(target);
			expect(names[names.length - 1]).toBe('window');
		}
	});

	it('applies the §5.6 name rule', () => {
		expect(columnKey('talking_call_dur')).toBe('talkingixndur');
		expect(columnKey('Talking Call Dur')).toBe('talkingixndur');
		expect(columnKey('time (H24:MI)')).toBe('timeh24mi');
	});
});

describe('column mapping', () => {
	it('maps the documented classic queue-stats columns (§5.4)', () => {
		expect(field('queueStats', 'offd_direct_call_cnt')).toBe('offdDirectIxnCnt');
		expect(field('queueStats', 'queued_aband_longest_que_dur')).toBe('queuedAbandLongestQueDur');
		expect(field('queueStats', 'ans_servicelevel_cnt')).toBe('ansServicelevelCnt');
		expect(field('queueStats', 'date_from')).toBe('@dateFrom');
		expect(field('queueStats', 'time (H24:MI)')).toBe('@timeOfDay');
	});

	it('reads both spellings of the offered count and of segmentId (decision 2)', () => {
		expect(field('queueStats', 'offDirectIxnCnt')).toBe('offdDirectIxnCnt');
		expect(field('queueStats', 'off_direct_call_cnt')).toBe('offdDirectIxnCnt');
		expect(field('interactionMetadata', 'segmentID')).toBe('segmentId');
		expect(resolveColumn('interactionMetadata', 'segmentId')?.rank).toBeLessThan(resolveColumn('interactionMetadata', 'segmentID')!.rank);
	});

	it('maps undocumented agent-stats columns by the name rule (§5.5)', () => {
		expect(field('agentStats', 'avail_dur')).toBe('availDur');
		expect(field('agentStats', 'direct_in_call_cnt')).toBe('directInIxnCnt');
		expect(field('agentStats', 'TOT_WORK_DUR')).toBe('totWorkDur');
		expect(field('agentStats', 'agent_name')).toBe('agentName');
	});

	it('maps the classic metadata names to the CX ones (§5.7) with units', () => {
		expect(field('interactionMetadata', 'interactionCallingAddress')).toBe('channelEndpointAddress');
		expect(field('interactionMetadata', 'segmentAgentId')).toBe('segmentParticipantId');
		expect(resolveColumn('interactionMetadata', 'segmentDuration')).toMatchObject({ field: 'segmentDurationMs', scale: 1000 });
		expect(field('interactionMetadata', 'segmentRecordingURL')).toBe('segmentRecordingUrl');
	});

	it('lists the columns that feed no field', () => {
		expect(unmappedColumns('queueStats', ['queue', 'mystery_column', 'wait_dur'])).toEqual(['mystery_column']);
		// Statistics date columns mean nothing for metadata.
		expect(unmappedColumns('interactionMetadata', ['date_from'])).toEqual(['date_from']);
	});
});
