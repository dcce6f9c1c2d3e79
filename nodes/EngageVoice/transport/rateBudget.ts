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

/** Who uses the budget, for fairness: a trigger (workflow + node) or an execution. */
export const ANONYMOUS_CALLER = 'anonymous';
/** Slots restored after a restart that no caller of this process sent (see `restore`). */
const UNKNOWN_CALLER = 'unknown';
/** At most this many slots are assumed for the time nobody recorded (see `restore`). */
const MAX_ASSUMED_SLOTS = 1000;
/** A snapshot keeps the newest slots only (about 25 characters of JSON each). */
export const SNAPSHOT_MAX_SLOTS = 30;

/** One request counted against a key. */
interface Slot {
	/** When the server counts it: the reserved time, then the time its answer arrived. */
	at: number;
	caller: string;
	/** When it was reserved; with the caller it names the slot across a restart. */
	bookedAt: number;
}

/** A caller that asked for a slot, did not get one, and will ask again (a trigger's next poll). */
interface Claim {
	since: number;
	until: number;
}

interface KeyState {
	slots: Slot[];
	heldUntil: number;
	claims: Map<string, Claim>;
	/** Whether this process has taken a slot under the key: then it knows its own budget. */
	live: boolean;
	/** Names of the slots restored from snapshots, so two snapshots do not count one slot twice. */
	restored: Set<string>;
}

export interface AcquireOptions {
	/** Refuse (instead of waiting) when the slot is further away than this; undefined = no bound. */
	maxWaitMs?: number;
	/** Who asks, for fairness between callers that share a key. */
	caller?: string;
	/** Called once before a wait, with the wait in ms. */
	onWait?: (waitMs: number) => void;
	/** Stops waiting when the execution is cancelled; the reserved slot is given back. */
	abortSignal?: AbortSignal;
	now?: () => number;
}

export type BudgetSlot =
	| {
			granted: true;
			waitedMs: number;
			/**
			 * Call when the attempt is over. Sent: the slot is dated to now (the answer), because the
			 * server counted the request somewhere between sending and answering, and only the later
			 * time keeps our window from opening before the server's. Not sent: the slot is given back.
			 */
			settle(sent: boolean): void;
	  }
	| { granted: false; reason: 'cancelled' | 'tooLong'; waitMs: number };

/** What a trigger keeps in its static data so that a restarted n8n knows the budget it used. */
export interface BudgetSnapshot {
	/** When the snapshot was taken (ms). */
	since: number;
	/** `caller|bookedAt|at` (times in ms, base 36), every slot any window still counted. */
	slots: string[];
}

/** The limits in words: "2 per minute and 9 per 15 minutes". */
export function describeLimits(limits: readonly RateLimit[]): string {
	const unit = (ms: number) =>
		ms === 1_000 ? 'second' : ms === 60_000 ? 'minute' : ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${ms / 1000} seconds`;
	return limits.map((limit) => `${limit.count} per ${unit(limit.windowMs)}`).join(' and ');
}

/** The shortest time in which `count` requests can all be sent from an empty budget. */
export function minimumDurationMs(count: number, limits: readonly RateLimit[]): number {
	let duration = 0;
	for (const limit of limits) {
		if (limit.count > 0) duration = Math.max(duration, Math.floor((count - 1) / limit.count) * limit.windowMs);
	}
	return duration;
}

const longestWindow = (limits: readonly RateLimit[]) => Math.max(0, ...limits.map((limit) => limit.windowMs));

/**
 * A sliding-log budget per key (host + sub-account + endpoint class). One instance serves the
 * whole n8n process, because the API counts per sub-account, not per execution.
 *
 * Fair between callers: a caller whose claim is still open (it asked, got nothing, and will ask
 * again) and who used less of the longest window than the caller asking now, or as much but
 * claimed earlier, goes first: the caller asking now must leave one slot of every limit free for
 * each such claim. A caller nobody waits for may use the whole budget.
 */
export class RateBudget {
	private readonly keys = new Map<string, KeyState>();

	private readonly contention = new Map<string, { level: number; at: number }>();

	/** When this process's budget began: it knows nothing sent before. */
	startedMs = Date.now();

	private state(key: string): KeyState {
		let state = this.keys.get(key);
		if (!state) {
			state = { slots: [], heldUntil: 0, claims: new Map(), live: false, restored: new Set() };
			this.keys.set(key, state);
		}
		return state;
	}

	/** The callers whose open claims go before `caller` at `now`. */
	private claimsAhead(state: KeyState, caller: string, limits: readonly RateLimit[], now: number): number {
		const since = now - longestWindow(limits);
		const used = (who: string) => state.slots.filter((slot) => slot.caller === who && slot.at > since).length;
		const mine = used(caller);
		const myClaim = state.claims.get(caller)?.since ?? now;
		let ahead = 0;
		for (const [other, claim] of state.claims) {
			if (other === caller || claim.until <= now) continue;
			const theirs = used(other);
			if (theirs < mine || (theirs === mine && claim.since < myClaim)) ahead++;
		}
		return ahead;
	}

	/** ms until `caller` may send under `key` (0 = now). */
	delayFor(key: string, limits: RateLimit[], now: number, caller: string = ANONYMOUS_CALLER): number {
		limits = this.contendedLimits(key, limits, now);
		const state = this.keys.get(key);
		if (!state) return 0;
		return this.delayWithin(state.slots, state.heldUntil, limits, now, this.claimsAhead(state, caller, limits, now));
	}

	/** The delay for a slot list, leaving room for `ahead` earlier claims in every limit. */
	private delayWithin(slots: readonly Slot[], heldUntil: number, limits: readonly RateLimit[], now: number, ahead = 0): number {
		let delay = Math.max(0, heldUntil - now);
		for (const limit of limits) {
			// slots this caller may fill: the count, less one for each claim ahead (it always keeps one)
			const room = limit.count - Math.min(ahead, Math.max(0, limit.count - 1));
			const recent = slots.filter((slot) => slot.at > now - limit.windowMs);
			if (recent.length >= room) {
				// the slot that must leave the window before one more fits
				const oldest = recent[recent.length - room];
				delay = Math.max(delay, oldest.at + limit.windowMs - now);
			}
		}
		return delay;
	}

	/** Counts a request at `at` (may be a reserved future slot); forgets what no window still sees. */
	record(key: string, limits: RateLimit[], at: number, now = at, caller: string = ANONYMOUS_CALLER) {
		const slot: Slot = { at, caller, bookedAt: now };
		const state = this.state(key);
		this.insert(state, limits, slot, now);
		state.live = true;
		return slot;
	}

	private insert(state: KeyState, limits: readonly RateLimit[], slot: Slot, now: number) {
		const forget = Math.min(now, slot.at) - longestWindow(limits);
		state.slots = state.slots.filter((s) => s.at > forget);
		state.slots.push(slot);
		state.slots.sort((a, b) => a.at - b.at);
	}

	/**
	 * A caller that asked and got no slot says it will ask again until `untilMs`: callers that used
	 * more of the budget leave it a slot meanwhile (see the class comment).
	 */
	claim(key: string, caller: string, now: number, untilMs: number) {
		const claims = this.state(key).claims;
		const open = claims.get(caller);
		claims.set(caller, { since: open && open.until > now ? open.since : now, until: Math.max(untilMs, open?.until ?? 0) });
	}

	/**
	 * Waits for a slot and takes it. A waiter reserves its slot before it sleeps, so two waiters
	 * never wake for the same freed slot. Refuses when the slot is further away than `maxWaitMs`
	 * or the execution is cancelled (a reserved slot is then given back).
	 */
	async acquire(key: string, limits: RateLimit[], options: AcquireOptions = {}): Promise<BudgetSlot> {
		const now = options.now ?? Date.now;
		const caller = options.caller ?? ANONYMOUS_CALLER;
		if (options.abortSignal?.aborted) return { granted: false, reason: 'cancelled', waitMs: 0 };
		const delay = this.delayFor(key, limits, now(), caller);
		if (options.maxWaitMs !== undefined && delay > options.maxWaitMs) {
			return { granted: false, reason: 'tooLong', waitMs: delay };
		}
		const state = this.state(key);
		const slot: Slot = { at: now() + delay, caller, bookedAt: now() };
		this.insert(state, limits, slot, now());
		state.claims.delete(caller);
		state.live = true;
		if (delay > 0) {
			options.onWait?.(delay);
			try {
				await sleep(delay, options.abortSignal);
			} catch {
				this.release(state, slot);
				return { granted: false, reason: 'cancelled', waitMs: delay };
			}
		}
		return {
			granted: true,
			waitedMs: delay,
			settle: (sent: boolean) => {
				if (!sent) return this.release(state, slot);
				slot.at = Math.max(slot.at, now());
				state.slots.sort((a, b) => a.at - b.at);
			},
		};
	}

	private release(state: KeyState, slot: Slot) {
		const index = state.slots.indexOf(slot);
		if (index >= 0) state.slots.splice(index, 1);
	}

	/** After a 429 the server's view wins: no request under `key` before `untilMs`. */
	holdUntil(key: string, untilMs: number) {
		const state = this.state(key);
		state.heldUntil = Math.max(untilMs, state.heldUntil);
	}

	/**
	 * How long until `count` more requests of `caller` have all been sent, one after the other, if
	 * nobody else asks meanwhile (request times not included). Used to say how long a range takes.
	 */
	estimateMs(key: string, limits: RateLimit[], count: number, now: number, caller: string = ANONYMOUS_CALLER): number {
		return count > 0 ? this.scheduleMs(key, limits, count, now, caller)[count - 1] : 0;
	}

	/** When each of `count` requests of `caller` would be sent, ms from `now` (see estimateMs). */
	scheduleMs(key: string, limits: RateLimit[], count: number, now: number, caller: string = ANONYMOUS_CALLER): number[] {
		const state = this.keys.get(key);
		const slots: Slot[] = [...(state?.slots ?? [])];
		const ahead = state ? this.claimsAhead(state, caller, limits, now) : 0;
		const offsets: number[] = [];
		let at = now;
		for (let i = 0; i < count; i++) {
			at += this.delayWithin(slots, state?.heldUntil ?? 0, limits, at, ahead);
			slots.push({ at, caller, bookedAt: at });
			offsets.push(at - now);
		}
		return offsets;
	}

	/** The slots under `key` that any window still counts, to keep in a trigger's static data. */
	snapshot(key: string, limits: readonly RateLimit[], now: number): BudgetSnapshot {
		const since = now - longestWindow(limits);
		const slots = (this.keys.get(key)?.slots ?? [])
			.filter((slot) => slot.at > since)
			.slice(-SNAPSHOT_MAX_SLOTS)
			.map((slot) => `${slot.caller}|${slot.bookedAt.toString(36)}|${Math.round(slot.at).toString(36)}`);
		return { since: now, slots };
	}

	/**
	 * After a restart the budget is empty while the server still counts what the previous process
	 * sent. Until this process sends under `key` itself, the snapshots its triggers kept are merged
	 * in (a slot in two snapshots counts once), and the time between a snapshot taken before this
	 * process started and the start, when nobody recorded anything, is assumed used as fully as the
	 * limits allow: the first requests after a restart wait rather than meet a 429.
	 */
	restore(key: string, limits: RateLimit[], snapshot: BudgetSnapshot | undefined, now: number) {
		if (!snapshot || !Number.isFinite(snapshot.since)) return;
		const state = this.state(key);
		if (state.live) return;
		const forget = now - longestWindow(limits);
		// two requests of one caller may be booked in the same ms: the nth such slot is its own
		const occurrences = new Map<string, number>();
		for (const text of snapshot.slots ?? []) {
			const [caller, booked, at] = String(text).split('|');
			const slot: Slot = { caller, bookedAt: parseInt(booked, 36), at: parseInt(at, 36) };
			const nth = (occurrences.get(`${caller}|${booked}`) ?? 0) + 1;
			occurrences.set(`${caller}|${booked}`, nth);
			const name = `${caller}|${booked}|${nth}`;
			if (!caller || !Number.isFinite(slot.at) || slot.at <= forget || state.restored.has(name)) continue;
			state.restored.add(name);
			this.insert(state, limits, slot, now);
		}
		const unrecordedEnd = Math.min(this.startedMs, now);
		if (snapshot.since >= unrecordedEnd) return;
		let at = Math.max(snapshot.since, forget);
		for (let assumed = 0; assumed < MAX_ASSUMED_SLOTS; assumed++) {
			at += this.delayWithin(state.slots, 0, limits, at);
			if (at >= unrecordedEnd) break;
			this.insert(state, limits, { at, caller: UNKNOWN_CALLER, bookedAt: at }, now);
		}
	}

	/**
	 * A 429 means someone else spends this budget too (another n8n process, another tool): count
	 * one more contender, so this process keeps to a smaller share of the shortest window (where
	 * requests sent at once collide) from now on. Forgotten once the longest window has passed
	 * without another 429.
	 */
	noteRejected(key: string, now = Date.now()) {
		const level = this.contention.get(key)?.level ?? 0;
		this.contention.set(key, { level: Math.min(MAX_CONTENDERS, level + 1), at: now });
	}

	private contendedLimits(key: string, limits: RateLimit[], now: number): RateLimit[] {
		const seen = this.contention.get(key);
		if (!seen || now - seen.at > longestWindow(limits)) return limits;
		const shortest = Math.min(...limits.map((l) => l.windowMs));
		return limits.map((l) => (l.windowMs === shortest ? processShare([l], 1 + seen.level)[0] : l));
	}

	/** Everything forgotten, as in a new process (tests use it for a restart of n8n). */
	reset() {
		this.keys.clear();
		this.contention.clear();
		this.startedMs = Date.now();
	}
}

/** At most this many extra contenders are assumed after repeated 429s. */
const MAX_CONTENDERS = 8;

/*
 * Queue mode: every n8n process (main, each worker) keeps its own budget in memory, and the API
 * counts per sub-account across all of them. A process that knows it is one of `processes` keeps
 * to its share of each limit: floor(count / processes), at least 1. Together they stay inside the
 * limit as long as every share is at least 1 (2 per minute covers 2 processes; beyond that the
 * 429 path, noteRejected, takes over).
 */
export function processShare(limits: RateLimit[], processes: number): RateLimit[] {
	const n = Math.max(1, Math.floor(processes) || 1);
	if (n === 1) return limits;
	return limits.map((limit) => ({ ...limit, count: Math.max(1, Math.floor(limit.count / n)) }));
}

export const rateBudget = new RateBudget();
