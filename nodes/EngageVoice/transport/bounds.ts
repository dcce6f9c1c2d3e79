/*
 * The time bounds of one run of a node (a trigger poll, a tool call), kept per n8n context so that
 * every request the run makes keeps them, whichever helper sends it (a report window, the account
 * lookup before it, a roster list). The transport reads them; nothing here waits or sends.
 */

export interface CallBounds {
	/** Every wait and every request of this run ends by this time (ms). */
	deadlineMs?: number;
	/** Time kept free before the deadline for a request to complete once it is sent. */
	reserveMs?: number;
	/** What the deadline is, for messages: e.g. "this poll's deadline (Max Poll Duration)". */
	deadlineName?: string;
	/** Who uses the rate budget (see rateBudget.ts, fairness). */
	caller?: string;
}

const boundsByContext = new WeakMap<object, CallBounds>();

export function setCallBounds(ctx: object, bounds: CallBounds): void {
	boundsByContext.set(ctx, bounds);
}

export function callBoundsOf(ctx: object): CallBounds {
	return boundsByContext.get(ctx) ?? {};
}

/** The rate-budget caller of a context: set by the run, else its execution. */
export function callerOf(ctx: object): string {
	const set = boundsByContext.get(ctx)?.caller;
	if (set) return set;
	const executionId = (ctx as { getExecutionId?: () => string | undefined }).getExecutionId?.();
	return executionId ? `execution:${executionId}` : 'anonymous';
}
