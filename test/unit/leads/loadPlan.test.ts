import { planLoadRequests } from '../../../nodes/EngageVoice/leads/loadPlan';
import { phoneKey, phoneKeys } from '../../../nodes/EngageVoice/leads/phone';

const lead = (itemIndex: number, phone: string, requestKey = 'a') => ({ itemIndex, requestKey, phone: phoneKey(phone), lead: { itemIndex } });
const indexes = (requests: Array<Array<{ itemIndex: number }>>) => requests.map((r) => r.map((l) => l.itemIndex));

describe('phoneKey', () => {
	it('compares the primary number by its digits, without a US country code', () => {
		expect(phoneKey('(415) 555-0100')).toBe('4155550100');
		expect(phoneKey('+1 415 555 0100')).toBe('4155550100');
		expect(phoneKey('14155550100|2125550100')).toBe('4155550100');
		expect(phoneKey('+44 20 7946 0958')).toBe('442079460958');
		expect(phoneKey(undefined)).toBe('');
		expect(phoneKeys('4155550100|(212) 555-0100')).toEqual(['4155550100', '2125550100']);
	});
});

describe('planLoadRequests', () => {
	it('packs leads of one request key into as few requests as the batch size allows, in input order', () => {
		const leads = Array.from({ length: 7 }, (_, i) => lead(i, `41555501${10 + i}`));
		expect(indexes(planLoadRequests(leads, 3))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
		expect(indexes(planLoadRequests(leads, 1000))).toEqual([[0, 1, 2, 3, 4, 5, 6]]);
	});

	it('keeps leads with different request keys (campaign, settings) in different requests', () => {
		const leads = [lead(0, '4155550100', 'a'), lead(1, '4155550101', 'b'), lead(2, '4155550102', 'a'), lead(3, '4155550103', 'b')];
		expect(indexes(planLoadRequests(leads, 10))).toEqual([[0, 2], [1, 3]]);
	});

	it('keeps leads with the same primary phone in one request, so the API compares them together', () => {
		// items 0 and 3 share a phone (in two spellings); with 3 per request they would be split
		const leads = [lead(0, '4155550100'), lead(1, '4155550101'), lead(2, '4155550102'), lead(3, '+1 (415) 555-0100'), lead(4, '4155550104')];
		const requests = indexes(planLoadRequests(leads, 3));
		expect(requests).toEqual([[0, 1, 3], [2, 4]]);
		expect(requests.flat().sort()).toEqual([0, 1, 2, 3, 4]);
	});

	it('splits a same-phone group only when it is larger than a request', () => {
		const leads = [lead(0, '4155550199'), ...[1, 2, 3, 4, 5].map((i) => lead(i, '4155550100'))];
		const requests = indexes(planLoadRequests(leads, 3));
		expect(requests).toEqual([[0], [1, 2, 3], [4, 5]]);
	});

	it('never groups leads without a phone together', () => {
		const leads = [lead(0, ''), lead(1, ''), lead(2, '')];
		expect(indexes(planLoadRequests(leads, 2))).toEqual([[0, 1], [2]]);
	});
});
