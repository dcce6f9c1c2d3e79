/*
 * Simulated time for trigger tests that must see time pass inside a poll (budget waits, backoff,
 * request timeouts, hung servers) without waiting for it.
 *
 * jest's fake timers replace Date, setTimeout and setInterval, so n8n's `sleep`, the transport's
 * attempt clocks, the simulator's clock, its slow answers and its rate limits all run on one
 * simulated clock; sockets, setImmediate and nextTick stay real. `run(work)` moves the clock to the
 * next timer only when the node can only be waiting for a timer: every request it has in flight
 * is held by a server on purpose (a hang, a slow answer) or none is in flight, and nothing has
 * changed for several turns of the event loop (loopback traffic of one process needs a few).
 * Simulated durations are then exact: real work takes no simulated time.
 */
import type * as http from 'node:http';
import { setTimeout as realSetTimeout } from 'node:timers';

/** jest fake timers for simulated time (everything else stays real). */
export const SIMULATED_TIMERS = {
	doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'],
} as const;

/** Turns of the event loop without any change before the clock may move. */
const QUIET_TURNS = 25;

/** Requests a server has received and not finished answering. */
export function openRequestsOf(server: http.Server): () => number {
	let open = 0;
	server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
		open++;
		let counted = true;
		const done = () => {
			if (counted) open--;
			counted = false;
		};
		res.on('finish', done);
		res.on('close', done);
	});
	return () => open;
}

type Helpers = Record<string, unknown> & {
	httpRequest: (...args: unknown[]) => Promise<unknown>;
	httpRequestWithAuthentication: (...args: unknown[]) => Promise<unknown>;
};

export class VirtualClock {
	/** Requests the watched contexts have in flight. */
	private inFlight = 0;

	private settled = 0;

	constructor(private readonly servers: Array<() => number>) {}

	private open(): number {
		return this.servers.reduce((sum, open) => sum + open(), 0);
	}

	/**
	 * Counts the requests of a context (n8n's request helpers). A sign-in inside a signed request
	 * is part of that request (the outer call counts once).
	 */
	watch(helpers: Helpers) {
		let outer = 0;
		const counted = <A extends unknown[]>(call: (...args: A) => Promise<unknown>, isOuter: boolean) =>
			async function (this: unknown, ...args: A) {
				const count = isOuter || outer === 0;
				if (isOuter) outer++;
				if (count) clock.inFlight++;
				try {
					return await call.apply(this, args);
				} finally {
					if (isOuter) outer--;
					if (count) {
						clock.inFlight--;
						clock.settled++;
					}
				}
			};
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const clock = this;
		helpers.httpRequestWithAuthentication = counted(helpers.httpRequestWithAuthentication, true);
		helpers.httpRequest = counted(helpers.httpRequest, false);
	}

	/** Works being driven (concurrent polls share one driver). */
	private pending = 0;

	private driving: Promise<void> | undefined;

	/** Awaits `work`, moving the simulated clock whenever the node waits only for a timer. */
	async run<T>(work: Promise<T>): Promise<T> {
		this.pending++;
		const settle = () => {
			this.pending--;
		};
		work.then(settle, settle);
		this.driving ??= this.drive().finally(() => (this.driving = undefined));
		return await work;
	}

	private async drive() {
		let quiet = 0;
		let idleTurns = 0;
		let last = '';
		while (this.pending > 0) {
			await new Promise<void>((resolve) => setImmediate(resolve));
			if (this.pending === 0) break;
			const state = `${this.inFlight}/${this.open()}/${this.settled}/${jest.getTimerCount()}`;
			if (state !== last) {
				last = state;
				quiet = 0;
				continue;
			}
			if (++quiet < QUIET_TURNS) continue;
			if (this.inFlight <= this.open() && jest.getTimerCount() > 0) {
				jest.advanceTimersToNextTimer();
				quiet = 0;
				last = '';
			} else if (++idleTurns % 1000 === 0) {
				// something real and slow (a thread-pool job): give it real time
				await new Promise<void>((resolve) => realSetTimeout(resolve, 1));
			}
		}
	}
}
