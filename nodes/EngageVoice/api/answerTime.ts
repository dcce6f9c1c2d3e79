import type { IDataObject } from 'n8n-workflow';

import { headerValue } from '../../../credentials/common/errorText';

/*
 * When an answer was made, by the server's clock (its `Date` header), and when it arrived, by
 * n8n's: what the trigger needs to plan on the server's clock rather than on n8n's.
 */
export interface AnswerTime {
	/** The `Date` header: the server's clock when it answered, rounded down to the second. */
	serverMs: number;
	/** n8n's clock when the answer arrived. */
	receivedMs: number;
}

/** The answer's time, or undefined when it has no readable `Date` header. */
export function answerTime(headers: IDataObject | undefined, receivedMs: number): AnswerTime | undefined {
	const text = headerValue(headers, 'date').trim();
	const serverMs = text ? Date.parse(text) : NaN;
	return Number.isFinite(serverMs) ? { serverMs, receivedMs } : undefined;
}
