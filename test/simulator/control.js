'use strict';
// The control API: the same operations in-process (sim.control.*) and over HTTP under /__sim/.
// Control requests are never logged, faulted or rate-limited.

const { json } = require('./http');
const { parseTime } = require('./clock');

function createControl(S) {
	const control = {
		now: () => S.clock.now(),
		setClock: (isoOrMs) => S.clock.set(isoOrMs),
		advanceClock: (ms) => S.clock.advance(ms),
		getLimits: () => S.limits.get(),
		setLimits: (partial) => S.limits.set(partial),
		injectFaults: (spec) => S.faults.inject(spec),
		clearFaults: () => S.faults.clear(),
		faults: () => S.faults.list(),
		getVariants: () => S.variants(),
		setVariants: (partial) => S.variantStore.set(partial),
		requestLog: () => S.log.list(),
		clearLog: () => S.log.clear(),
		invalidateTokens: (opts) => S.auth.invalidate(opts),
		setRosterChurn: (opts) => S.roster.set(opts),
		rosterChurn: () => S.roster.get(),
		reset: () => S.resetAll(),
	};

	const timeArg = (v, name) => {
		if (v === undefined || v === null) throw new Error(`${name} is required`);
		return parseTime(v);
	};

	const LEAD_TRUTH = ['leads', 'leadLists', 'leadLoads', 'leadUpdates', 'leadActions', 'leadEmails', 'dnc'];

	function truthCall(name, b) {
		const fn = S.truth[name];
		if (!['segments', 'queueStats', 'agentExtendedStats', 'agentStats', 'calls', 'roster', ...LEAD_TRUTH].includes(name)) throw new Error(`unknown truth function: ${name}`);
		if (name === 'roster') return fn(b.subAccountId, b.at === undefined ? undefined : parseTime(b.at));
		if (name === 'leads') return fn({ campaignId: b.campaignId, subAccountId: b.subAccountId });
		if (name === 'leadLists') return fn(b.campaignId);
		if (name === 'dnc') return fn(b.subAccountId);
		if (LEAD_TRUTH.includes(name)) return fn();
		const from = timeArg(b.from, 'from');
		const to = timeArg(b.to, 'to');
		if (name === 'segments') {
			return fn(b.subAccountId, from, to, { visibleAt: b.visibleAt === undefined ? undefined : parseTime(b.visibleAt), family: b.family || 'cx' });
		}
		if (name === 'calls') return fn(b.subAccountId, from, to);
		return fn(b.subAccountId, from, to, Number(b.intervalMinutes), { timeZone: b.timeZone || 'UTC' });
	}

	const clockBody = () => ({ now: S.clock.now(), iso: new Date(S.clock.now()).toISOString() });

	/** HTTP router for /__sim/...: returns a response object. */
	function handle(method, path, bodyValue) {
		const b = bodyValue && typeof bodyValue === 'object' ? bodyValue : {};
		const route = `${method} ${path.replace(/\/+$/, '')}`;
		try {
			switch (route) {
				case 'GET /__sim/health':
					return json(200, { ok: true });
				case 'GET /__sim/clock':
					return json(200, clockBody());
				case 'POST /__sim/clock':
					if (b.set !== undefined) S.clock.set(b.set);
					if (b.advance !== undefined) S.clock.advance(b.advance);
					if (b.advanceMs !== undefined) S.clock.advance(b.advanceMs);
					return json(200, clockBody());
				case 'POST /__sim/clock/set':
					S.clock.set(b.time ?? b.set ?? b.now);
					return json(200, clockBody());
				case 'POST /__sim/clock/advance':
					S.clock.advance(b.ms ?? b.advanceMs);
					return json(200, clockBody());
				case 'GET /__sim/limits':
					return json(200, S.limits.get());
				case 'POST /__sim/limits':
					return json(200, S.limits.set(b));
				case 'GET /__sim/faults':
					return json(200, S.faults.list());
				case 'POST /__sim/faults': {
					const ids = S.faults.inject(Array.isArray(bodyValue) ? bodyValue : b);
					return json(200, { ids: Array.isArray(ids) ? ids : [ids] });
				}
				case 'DELETE /__sim/faults':
					S.faults.clear();
					return json(200, []);
				case 'GET /__sim/variants':
					return json(200, S.variants());
				case 'POST /__sim/variants':
					return json(200, S.variantStore.set(b));
				case 'GET /__sim/log':
					return json(200, S.log.list());
				case 'DELETE /__sim/log':
					S.log.clear();
					return json(200, []);
				case 'POST /__sim/tokens/invalidate':
					S.auth.invalidate(b);
					return json(200, { ok: true });
				case 'GET /__sim/roster':
					return json(200, { churn: S.roster.get() });
				case 'POST /__sim/roster':
					return json(200, { churn: S.roster.set(b.churn === undefined ? b : b.churn) });
				case 'POST /__sim/reset':
					S.resetAll();
					return json(200, { ok: true, ...clockBody() });
				case 'GET /__sim/world':
					return json(200, S.world);
				case 'GET /__sim/secrets':
					return json(200, S.secrets);
				default: {
					const m = /^POST \/__sim\/truth\/(\w+)$/.exec(route);
					if (m) return json(200, truthCall(m[1], b));
					return json(404, { error: `unknown control endpoint: ${method} ${path}` });
				}
			}
		} catch (e) {
			return json(400, { error: e.message });
		}
	}

	return { control, handle };
}

module.exports = { createControl };
