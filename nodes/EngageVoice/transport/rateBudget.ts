import { sleep } from 'n8n-workflow';

/** At most `count` requests in any `windowMs` span. */
export interface RateLimit {
	count: number;
	windowMs: number;
}

export type EndpointClass =
	| 'report'
	| 'admin'
	| 'recording'
	| 'leadLoad'
	| 'leadSearch'
	| 'leadUpdate'
	| 'leadAction'
	| 'subscription';

/*
 * Defaults from the API doc, decision 5: reports 2/min and 9/15 min per sub-account (the lowest
 * published figures); recordings, transcripts, agent-state subscriptions (§6) and other admin APIs 120/min. Lead operations
 * (decision 13, §7.1): per sub-account and operation, both windows; PATCH and PUT share
 * `leadUpdate`; dial groups, campaigns, lead states and dispositions have no stated limit and use
 * `admin`.
 */
export const DEFAULT_LIMITS: Record<EndpointClass, RateLimit[]> = {
	report: [
		{ count: 2, windowMs: 60_000 },
		{ count: 9, windowMs: 15 * 60_000 },
	],
	admin: [{ count: 120, windowMs: 60_000 }],
	recording: [{ count: 120, windowMs: 60_000 }],
	subscription: [{ count: 120, windowMs: 60_000 }],
	leadLoad: [
		{ count: 30, windowMs: 10_000 },
		{ count: 120, windowMs: 60_000 },
	],
	leadSearch: [
		{ count: 15, windowMs: 10_000 },
		{ count: 60, windowMs: 30_000 },
	],
	leadUpdate: [
		{ count: 12, windowMs: 3_000 },
		{ count: 150, windowMs: 60_000 },
	],
	leadAction: [
		{ count: 30, windowMs: 10_000 },
		{ count: 120, windowMs: 60_000 },
	],
};

export interface AcquireOptions {
	/** Give up (return false) rather than wait longer than this in total; 0 = no bound. */
	maxWaitMs?: number;
	/** Called once before each wait, with the wait in ms. */
	onWait?: (waitMs: number) => void;
	/** Stops waiting when the execution is cancelled. */
	abortSignal?: AbortSignal;
	now?: () => number;
}

/**
 * A sliding-log budget per key (host + sub-account + endpoint class). One instance serves the
 * whole n8n process, because the API counts per sub-account, not per execution.
 */
export class RateBudget {
	private readonly logs = new Map<string, number[]>();

	private readonly heldUntil = new Map<string, number>();

	/** ms until a request under `key` fits every limit (0 = now). */
	delayFor(key: string, limits: RateLimit[], now: number): number {
		const log = this.logs.get(key) ?? [];
		let delay = Math.max(0, (this.heldUntil.get(key) ?? 0) - now);
		for (const limit of limits) {
			const recent = log.filter((t) => t > now - limit.windowMs);
			if (recent.length >= limit.count) {
				// the oldest request that must leave the window before one more fits
				const oldest = recent[recent.length - limit.count];
				delay = Math.max(delay, oldest + limit.windowMs - now);
			}
		}
		return delay;
	}

	/** Counts a request at `at` (may be a reserved future slot); forgets what no window still sees. */
	record(key: string, limits: RateLimit[], at: number, now = at) {
		const longest = Math.max(0, ...limits.map((l) => l.windowMs));
		const log = (this.logs.get(key) ?? []).filter((t) => t > Math.min(now, at) - longest);
		log.push(at);
		log.sort((a, b) => a - b);
		this.logs.set(key, log);
	}

	/**
	 * Waits for a slot and takes it. A waiter reserves its slot before it sleeps, so two waiters
	 * never wake for the same freed slot (the second would find the window full again and give up).
	 * Returns a function to call when the answer arrives: the slot is then dated to the answer,
	 * because the server counted the request somewhere between sending and answering, and only the
	 * later time keeps our window from opening before the server's. Returns undefined when
	 * `maxWaitMs` would be exceeded or the execution was cancelled.
	 */
	async acquire(key: string, limits: RateLimit[], options: AcquireOptions = {}): Promise<(() => void) | undefined> {
		const now = options.now ?? Date.now;
		const delay = this.delayFor(key, limits, now());
		if (options.maxWaitMs && delay > options.maxWaitMs) return undefined;
		const slot = now() + Math.max(0, delay);
		this.record(key, limits, slot, now());
		if (delay > 0) {
			options.onWait?.(delay);
			await waitFor(delay, options.abortSignal);
			if (options.abortSignal?.aborted) {
				this.release(key, slot);
				return undefined;
			}
		}
		return () => this.redate(key, slot, now());
	}

	private release(key: string, slot: number) {
		const log = this.logs.get(key);
		const index = log?.indexOf(slot) ?? -1;
		if (log && index >= 0) log.splice(index, 1);
	}

	private redate(key: string, from: number, to: number) {
		const log = this.logs.get(key);
		const index = log?.indexOf(from) ?? -1;
		if (log && index >= 0) {
			log[index] = Math.max(from, to);
			log.sort((a, b) => a - b);
		}
	}

	/** After a 429 the server's view wins: no request under `key` before `untilMs`. */
	holdUntil(key: string, untilMs: number) {
		this.heldUntil.set(key, Math.max(untilMs, this.heldUntil.get(key) ?? 0));
	}

	reset() {
		this.logs.clear();
		this.heldUntil.clear();
	}
}

/** Sleeps in short steps so a cancelled execution stops waiting promptly. */
export async function waitFor(ms: number, abortSignal?: AbortSignal) {
	let left = ms;
	while (left > 0 && !abortSignal?.aborted) {
		const step = Math.min(left, 1000);
		await sleep(step);
		left -= step;
	}
}

export const rateBudget = new RateBudget();
