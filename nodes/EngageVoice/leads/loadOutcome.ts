import { phoneKey } from './phone';

/*
 * What one `leadLoader/direct` answer says about each lead it carried (API doc §10.4, decisions 9
 * and 22). The answer is per request, not per lead: it gives counts (supplied, accepted, inserted)
 * and the rejected rows with their values and a message. It names no lead id and no duplicate row.
 *
 * - rejected: a rejected row is matched to the lead whose values it repeats (in the order sent),
 *   else to the only lead with its external ID or phone among the values.
 * - inserted / duplicate: known when the counts decide it (nothing dropped, everything dropped), or
 *   when the node's prediction of the dropped rows has exactly the dropped count: later repeats of
 *   a phone within the request (REMOVE_FROM_LIST), or phones the campaign already had before the
 *   request (REMOVE_ALL_EXISTING, when the node looked them up first).
 * - notInserted: accepted, not inserted, RETAIN_ALL (so not as a duplicate): the API gives no reason.
 * - unknown: the counts do not say which of these leads were dropped, or the answer had no counts.
 */

export type DuplicateHandling = 'RETAIN_ALL' | 'REMOVE_ALL_EXISTING' | 'REMOVE_FROM_LIST';

export type LeadLoadResult = 'inserted' | 'duplicate' | 'rejected' | 'notInserted' | 'unknown';

export interface RejectedRow {
	message?: string;
	rowData?: unknown[];
}

/** `LeadListProcessingResult` (§10.4): the fields the node reads. */
export interface LeadLoadAnswer {
	leadsSupplied?: number;
	leadsAccepted?: number;
	leadsInserted?: number;
	leadsConverted?: number;
	rejectedRows?: RejectedRow[];
	processingStatus?: string;
	processingResult?: string;
	message?: string;
	dncReturnedCount?: number;
	failedAgentAssignment?: number;
}

export interface LeadOutcome {
	result: LeadLoadResult;
	reason?: string;
}

/** The counts of one request, repeated on each of its leads. */
export interface LoadRequestSummary {
	leadsSent: number;
	leadsSupplied: number | null;
	leadsAccepted: number | null;
	leadsInserted: number | null;
	duplicatesDropped: number | null;
	rejectedRows: number;
	dncReturnedCount: number | null;
	failedAgentAssignment: number | null;
	processingResult: string | null;
	processingStatus: string | null;
	message: string | null;
}

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * Decision 9: a 2xx load failed when `processingStatus` is present and not
 * `DEFAULT_NOT_A_FAILURE`, or when `leadsSupplied` is 0 although leads were sent. Returns what
 * failed, or undefined.
 */
export function loadFailure(answer: LeadLoadAnswer | undefined, leadsSent: number): string | undefined {
	if (!answer) return undefined;
	const status = answer.processingStatus;
	if (status !== undefined && status !== null && status !== 'DEFAULT_NOT_A_FAILURE') return String(status);
	if (leadsSent > 0 && answer.leadsSupplied === 0) return answer.message ? String(answer.message) : 'no leads supplied';
	return undefined;
}

/** The values of a lead as the API repeats them in `rowData`: in the order sent, as strings. */
export function rowDataOf(lead: Record<string, unknown>): string[] {
	return Object.values(lead).map((value) =>
		value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
	);
}

const sameRow = (a: string[], b: unknown[]) =>
	a.length === b.length && a.every((value, i) => value === String(b[i] ?? ''));

/** Matches rejected rows to leads → per lead the rejection message (or undefined), and how many stayed unmatched. */
function matchRejections(leads: Array<Record<string, unknown>>, rejected: RejectedRow[]) {
	const reasons: Array<string | undefined> = leads.map(() => undefined);
	const rows = leads.map(rowDataOf);
	const unmatched: RejectedRow[] = [];
	for (const rejection of rejected) {
		const data = Array.isArray(rejection.rowData) ? rejection.rowData.map((v) => String(v ?? '')) : [];
		const message = rejection.message ? String(rejection.message) : 'rejected (no reason given)';
		let index = rows.findIndex((row, i) => reasons[i] === undefined && sameRow(row, data));
		if (index < 0) {
			// the row data may be in another form: identify the lead by a value only it has
			for (const key of ['externId', 'leadPhone']) {
				const candidates = leads
					.map((lead, i) => ({ value: String(lead[key] ?? ''), i }))
					.filter(({ value, i }) => reasons[i] === undefined && value !== '' && data.includes(value));
				const sharing = leads.filter((lead) => candidates.some((c) => String(lead[key] ?? '') === c.value));
				if (candidates.length === 1 && sharing.length === 1) {
					index = candidates[0].i;
					break;
				}
			}
		}
		if (index >= 0) reasons[index] = message;
		else unmatched.push(rejection);
	}
	return { reasons, unmatched };
}

/** Rows (indexes into `accepted`) the node expects the API to drop as duplicates; undefined = cannot tell. */
function predictDuplicates(
	accepted: Array<Record<string, unknown>>,
	handling: DuplicateHandling,
	existingPhones?: Set<string>,
): Set<number> | undefined {
	const dropped = new Set<number>();
	if (handling === 'RETAIN_ALL') return dropped;
	if (handling === 'REMOVE_FROM_LIST') {
		const seen = new Set<string>();
		accepted.forEach((lead, i) => {
			const phone = phoneKey(lead.leadPhone ?? lead.leadPhoneE164);
			if (seen.has(phone)) dropped.add(i);
			seen.add(phone);
		});
		return dropped;
	}
	if (!existingPhones) return undefined;
	accepted.forEach((lead, i) => {
		if (existingPhones.has(phoneKey(lead.leadPhone ?? lead.leadPhoneE164))) dropped.add(i);
	});
	return dropped;
}

/**
 * Per lead of one request (in the order sent): the outcome, and the request's counts. `answer`
 * undefined = a 2xx without a body (decision 9: a success without counts).
 */
export function loadOutcomes(
	leads: Array<Record<string, unknown>>,
	answer: LeadLoadAnswer | undefined,
	handling: DuplicateHandling,
	existingPhones?: Set<string>,
): { outcomes: LeadOutcome[]; summary: LoadRequestSummary } {
	const rejected = Array.isArray(answer?.rejectedRows) ? answer.rejectedRows : [];
	const supplied = count(answer?.leadsSupplied);
	const acceptedCount = count(answer?.leadsAccepted);
	const inserted = count(answer?.leadsInserted);
	const dropped = acceptedCount !== undefined && inserted !== undefined ? acceptedCount - inserted : undefined;
	const summary: LoadRequestSummary = {
		leadsSent: leads.length,
		leadsSupplied: supplied ?? null,
		leadsAccepted: acceptedCount ?? null,
		leadsInserted: inserted ?? null,
		// under RETAIN_ALL nothing is dropped as a duplicate; a difference there has another cause
		duplicatesDropped: handling === 'RETAIN_ALL' ? (dropped === 0 ? 0 : null) : (dropped ?? null),
		rejectedRows: rejected.length,
		dncReturnedCount: count(answer?.dncReturnedCount) ?? null,
		failedAgentAssignment: count(answer?.failedAgentAssignment) ?? null,
		processingResult: answer?.processingResult ?? null,
		processingStatus: answer?.processingStatus ?? null,
		message: answer?.message ?? null,
	};

	if (!answer) {
		const reason = 'The API accepted the request without a result body (201): it says nothing about each lead';
		return { outcomes: leads.map(() => ({ result: 'unknown', reason })), summary };
	}

	const { reasons, unmatched } = matchRejections(leads, rejected);
	const outcomes: Array<LeadOutcome | undefined> = reasons.map((reason) =>
		reason === undefined ? undefined : { result: 'rejected', reason },
	);
	const open = leads.map((_, i) => i).filter((i) => outcomes[i] === undefined);
	const settle = (result: LeadLoadResult, reason?: string, indexes = open) => {
		for (const i of indexes) outcomes[i] = reason ? { result, reason } : { result };
	};

	if (unmatched.length) {
		const why = [...new Set(unmatched.map((r) => r.message ?? 'no reason given'))].join('; ');
		settle(
			'unknown',
			`${unmatched.length} of the leads in this request were rejected (${why}), but the API's row data does not say which`,
		);
	} else if (supplied !== undefined && supplied !== leads.length) {
		settle(
			'unknown',
			`The API counted ${supplied} leads supplied, but ${leads.length} were sent: its counts cannot be mapped to leads`,
		);
	} else if (acceptedCount === undefined || inserted === undefined || dropped === undefined || dropped < 0) {
		settle('unknown', 'The API answered without usable leadsAccepted / leadsInserted counts');
	} else if (acceptedCount !== open.length) {
		settle(
			'unknown',
			`The API accepted ${acceptedCount} leads, but ${open.length} were not rejected: its counts cannot be mapped to leads`,
		);
	} else if (dropped === 0) {
		settle('inserted');
	} else if (handling === 'RETAIN_ALL') {
		const reason = `The API accepted ${acceptedCount} leads but inserted ${inserted}, and does not say why or which`;
		settle(dropped === open.length ? 'notInserted' : 'unknown', reason);
	} else if (dropped === open.length) {
		settle(
			'duplicate',
			`Not inserted: a lead with this phone was ${handling === 'REMOVE_FROM_LIST' ? 'earlier in the same load' : 'already in the campaign'} (${handling})`,
		);
	} else {
		const predicted = predictDuplicates(
			open.map((i) => leads[i]),
			handling,
			existingPhones,
		);
		if (predicted && predicted.size === dropped) {
			const duplicates = open.filter((_, k) => predicted.has(k));
			settle(
				'inserted',
				undefined,
				open.filter((_, k) => !predicted.has(k)),
			);
			settle(
				'duplicate',
				`Not inserted: a lead with this phone was ${handling === 'REMOVE_FROM_LIST' ? 'earlier in the same load' : 'already in the campaign'} (${handling})`,
				duplicates,
			);
		} else {
			settle(
				'unknown',
				`The API dropped ${dropped} of these ${open.length} leads as duplicates (${handling}) and does not say which`,
			);
		}
	}
	return { outcomes: outcomes as LeadOutcome[], summary };
}
