import { formatLeadDate } from '../../../nodes/EngageVoice/leads/leadDate';
import { loadFailure, loadOutcomes, rowDataOf } from '../../../nodes/EngageVoice/leads/loadOutcome';

const leads = [
	{ externId: 'a', leadPhone: '4155550100' },
	{ externId: 'b', leadPhone: '4155550101' },
	{ externId: 'c', leadPhone: '123' },
	{ externId: 'd', leadPhone: '4155550100' },
];
const ok = (accepted: number, inserted: number, rejectedRows: unknown[] = []) => ({
	leadsSupplied: leads.length,
	leadsAccepted: accepted,
	leadsInserted: inserted,
	processingResult: 'OK',
	rejectedRows: rejectedRows as any,
});
const results = (outcome: ReturnType<typeof loadOutcomes>) => outcome.outcomes.map((o) => o.result);

describe('loadFailure (decision 9)', () => {
	it('fails on a processingStatus other than DEFAULT_NOT_A_FAILURE, and on leadsSupplied 0 with leads sent', () => {
		expect(loadFailure({ processingStatus: 'GENERAL_FAILURE' }, 3)).toBe('GENERAL_FAILURE');
		expect(loadFailure({ processingStatus: 'NO_LEADS_PASSED_VALIDATION', leadsSupplied: 3 }, 3)).toBe('NO_LEADS_PASSED_VALIDATION');
		expect(loadFailure({ processingStatus: 'DEFAULT_NOT_A_FAILURE', leadsSupplied: 3 }, 3)).toBeUndefined();
		expect(loadFailure({ leadsSupplied: 0, message: 'missing.required.param' }, 3)).toBe('missing.required.param');
		expect(loadFailure({ leadsSupplied: 3, processingResult: 'OK' }, 3)).toBeUndefined();
		expect(loadFailure(undefined, 3)).toBeUndefined();
	});
});

describe('loadOutcomes: one answer per request → one result per lead', () => {
	const rejected = [{ message: 'Invalid phone number: 123', rowData: rowDataOf(leads[2]) }];

	it('matches rejected rows to leads by their values and counts the rest as inserted', () => {
		const outcome = loadOutcomes(leads, ok(3, 3, rejected), 'RETAIN_ALL');
		expect(results(outcome)).toEqual(['inserted', 'inserted', 'rejected', 'inserted']);
		expect(outcome.outcomes[2].reason).toBe('Invalid phone number: 123');
		expect(outcome.summary).toMatchObject({ leadsSent: 4, leadsAccepted: 3, leadsInserted: 3, duplicatesDropped: 0, rejectedRows: 1 });
	});

	it('matches a rejected row in another form by the one lead whose external ID it contains', () => {
		const outcome = loadOutcomes(leads, ok(3, 3, [{ message: 'bad', rowData: ['123', 'c'] }]), 'RETAIN_ALL');
		expect(results(outcome)).toEqual(['inserted', 'inserted', 'rejected', 'inserted']);
	});

	it('says unknown when a rejected row names no single lead', () => {
		const outcome = loadOutcomes(leads, ok(3, 3, [{ message: 'bad row', rowData: ['?'] }]), 'RETAIN_ALL');
		expect(results(outcome)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
		expect(outcome.outcomes[0].reason).toMatch(/1 of the leads in this request were rejected \(bad row\)/);
	});

	it('REMOVE_FROM_LIST: later repeats of a phone in the request are the duplicates when the count agrees', () => {
		const outcome = loadOutcomes(leads, ok(3, 2, rejected), 'REMOVE_FROM_LIST');
		expect(results(outcome)).toEqual(['inserted', 'inserted', 'rejected', 'duplicate']);
		expect(outcome.summary.duplicatesDropped).toBe(1);
	});

	it('REMOVE_FROM_LIST read the other way (existing leads dropped): the count disagrees, so unknown', () => {
		const outcome = loadOutcomes(leads, ok(3, 1, rejected), 'REMOVE_FROM_LIST');
		expect(results(outcome)).toEqual(['unknown', 'unknown', 'rejected', 'unknown']);
		expect(outcome.outcomes[0].reason).toMatch(/dropped 2 of these 3 leads as duplicates/);
	});

	it('REMOVE_ALL_EXISTING: the phones found before the load are the duplicates when the count agrees', () => {
		const outcome = loadOutcomes(leads, ok(3, 2, rejected), 'REMOVE_ALL_EXISTING', new Set(['4155550101']));
		expect(results(outcome)).toEqual(['inserted', 'duplicate', 'rejected', 'inserted']);
		expect(outcome.outcomes[1].reason).toMatch(/already in the campaign/);
	});

	it('REMOVE_ALL_EXISTING without a look-up, or with one the count contradicts: unknown', () => {
		expect(results(loadOutcomes(leads, ok(3, 2, rejected), 'REMOVE_ALL_EXISTING'))).toEqual(['unknown', 'unknown', 'rejected', 'unknown']);
		expect(results(loadOutcomes(leads, ok(3, 2, rejected), 'REMOVE_ALL_EXISTING', new Set()))).toEqual(['unknown', 'unknown', 'rejected', 'unknown']);
	});

	it('the counts alone decide when nothing or everything was dropped', () => {
		expect(results(loadOutcomes(leads, ok(3, 0, rejected), 'REMOVE_ALL_EXISTING'))).toEqual(['duplicate', 'duplicate', 'rejected', 'duplicate']);
		expect(results(loadOutcomes(leads, ok(3, 3, rejected), 'REMOVE_ALL_EXISTING'))).toEqual(['inserted', 'inserted', 'rejected', 'inserted']);
	});

	it('RETAIN_ALL drops nothing as a duplicate: fewer inserted than accepted is notInserted or unknown, never duplicate', () => {
		expect(results(loadOutcomes(leads, ok(3, 0, rejected), 'RETAIN_ALL'))).toEqual(['notInserted', 'notInserted', 'rejected', 'notInserted']);
		const partly = loadOutcomes(leads, ok(3, 1, rejected), 'RETAIN_ALL');
		expect(results(partly)).toEqual(['unknown', 'unknown', 'rejected', 'unknown']);
		expect(partly.summary.duplicatesDropped).toBeNull();
	});

	it('counts that do not fit what was sent make every result unknown', () => {
		expect(results(loadOutcomes(leads, { ...ok(4, 4), leadsSupplied: 5 }, 'RETAIN_ALL'))).toEqual(Array(4).fill('unknown'));
		expect(results(loadOutcomes(leads, { leadsSupplied: 4, processingResult: 'OK' }, 'RETAIN_ALL'))).toEqual(Array(4).fill('unknown'));
		expect(results(loadOutcomes(leads, ok(2, 2), 'RETAIN_ALL'))).toEqual(Array(4).fill('unknown'));
	});

	it('a 2xx without a body is a success without counts: every result unknown', () => {
		const outcome = loadOutcomes(leads, undefined, 'RETAIN_ALL');
		expect(results(outcome)).toEqual(Array(4).fill('unknown'));
		expect(outcome.outcomes[0].reason).toMatch(/without a result body/);
		expect(outcome.summary.leadsInserted).toBeNull();
	});
});

describe('formatLeadDate (decision 12)', () => {
	it('writes UTC in the docs form', () => {
		expect(formatLeadDate(Date.UTC(2026, 6, 24, 16, 0, 0))).toBe('2026-07-24T16:00:00.000+0000');
		expect(formatLeadDate(Date.parse('2026-03-08T01:30:05.120-05:00'))).toBe('2026-03-08T06:30:05.120+0000');
	});
});
