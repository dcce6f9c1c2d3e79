import { convertValue } from '../../../nodes/EngageVoice/reports/values';

describe('convertValue', () => {
	it('reads integer and decimal text as numbers, plain digits included', () => {
		expect(['0', '7', '007', '3376', '123456789012345'].map((v) => convertValue(v, 'int'))).toEqual([0, 7, 7, 3376, 123456789012345]);
		expect(['-3', '+4', ' 12 ', '1.5', '1234567890123456789'].map((v) => convertValue(v, 'int'))).toEqual([-3, 4, 12, 1.5, Number('1234567890123456789')]);
		expect(convertValue('1800', 'int', 1000)).toBe(1800000);
	});

	it('keeps text that is not a number as it came, and empties as null', () => {
		expect(['n/a', '1e3', '12a', '1,5', '0x10', '٣'].map((v) => convertValue(v, 'int'))).toEqual(['n/a', '1e3', '12a', '1,5', '0x10', '٣']);
		expect(['', '  ', undefined, null].map((v) => convertValue(v, 'int'))).toEqual([null, null, null, null]);
	});
});
