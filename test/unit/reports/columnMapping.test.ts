import { columnPlan } from '../../../nodes/EngageVoice/reports/columnMapping';
import { reportDefinition } from '../../../nodes/EngageVoice/reports/definitions';
import { normaliseCells, normaliseRow, type NormaliseContext } from '../../../nodes/EngageVoice/reports/normalise';

const ctx: NormaliseContext = {
	family: 'classic',
	requestTimeZone: 'US/Eastern',
	outputTimeZone: 'US/Eastern',
	subAccountId: '15910001',
	window: { startMs: Date.parse('2024-03-04T05:00:00Z'), endMs: Date.parse('2024-03-04T08:00:00Z') },
};

describe('columnPlan: the column map of one header', () => {
	const keys = ['date_from', 'time (H24:MI)', 'Wait Dur', 'queue', 'junk', 'waitDur', 'wait_dur'];
	const plan = columnPlan('queueStats', keys);
	const fields = reportDefinition('queueStats').fields;
	const sourcesOf = (name: string) => plan.byField[fields.findIndex((f) => f.name === name)];

	it("gives each field its columns best first, with each column's position in the header", () => {
		expect(sourcesOf('waitDur')).toEqual([
			{ key: 'waitDur', index: 5, scale: 1 },
			{ key: 'Wait Dur', index: 2, scale: 1 },
			{ key: 'wait_dur', index: 6, scale: 1 },
		]);
		expect(sourcesOf('queue')).toEqual([{ key: 'queue', index: 3, scale: 1 }]);
		expect(plan.sources.get('@dateFrom')).toEqual([{ key: 'date_from', index: 0, scale: 1 }]);
		expect(sourcesOf('queueName')).toBeUndefined();
	});

	it('never reads a derived field from a column', () => {
		const derivedPlan = columnPlan('queueStats', ['intervalStart', 'window', 'queue']);
		fields.forEach((field, i) => {
			if (field.type === 'derived') expect(derivedPlan.byField[i]).toBeUndefined();
		});
	});

	it('is worked out once per header and reused while the keys match', () => {
		const first = columnPlan('queueStats', keys);
		expect(columnPlan('queueStats', [...keys])).toBe(first);
		expect(columnPlan('queueStats', keys.slice(1))).not.toBe(first);
	});

	it('normalises cells by position exactly as the record with the same keys', () => {
		const cells = ['2024-03-04', '01:00', '', '5686', 'x', '', '13'];
		const record = Object.fromEntries(keys.map((key, i) => [key, cells[i]]));
		const fromCells = normaliseCells('queueStats', columnPlan('queueStats', keys), cells, ctx);
		expect(fromCells).toEqual(normaliseRow('queueStats', record, ctx));
		expect(fromCells).toMatchObject({ waitDur: 13, queue: 5686, intervalStart: '2024-03-04T01:00:00-05:00' });
	});
});
