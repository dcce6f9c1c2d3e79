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
		// report load and late changes
		setBusyDay: (spec) => S.setBusyDay(spec),
		busyDay: () => S.calls.getBusy(),
		reviseStatistics: (spec) => S.revisions.add(spec),
		revisions: () => S.revisions.list(),
		clearRevisions: () => S.revisions.clear(),
		// agent-state subscriptions and deliveries
		subscriptions: () => S.subscriptions.truth.subscriptions(),
		validations: () => S.subscriptions.truth.validations(),
		deliveries: (filter) => S.deliveries.attempts(filter || {}),
		deliverDue: () => S.deliveries.flush(),
		setAutoDeliver: (on) => S.deliveries.setAuto(!!on),
		autoDeliver: () => S.deliveries.auto(),
		injectDeliveryFaults: (spec) => S.deliveries.faults.inject(spec),
		deliveryFaults: () => S.deliveries.faults.list(),
		clearDeliveryFaults: () => S.deliveries.faults.clear(),
		// WFM Generic HTTP push
		setPush: (config) => S.push.set(config),
		startPush: (from) => S.push.start(from),
		stopPush: () => S.push.stop(),
		push: () => ({ ...S.push.get(), sent: S.deliveries.attempts({ channel: 'push' }) }),
		reset: () => S.resetAll(),
	};

	const timeArg = (v, name) => {
		if (v === undefined || v === null) throw new Error(`${name} is required`);
		return parseTime(v);
	};

	const LEAD_TRUTH = ['leads', 'leadLists', 'leadLoads', 'leadUpdates', 'leadActions', 'leadEmails', 'dnc'];
	const EVENT_TRUTH = ['agentStates', 'callEvents'];

	function truthCall(name, b) {
		const fn = S.truth[name];
		if (!['segments', 'queueStats', 'agentExtendedStats', 'agentStats', 'calls', 'roster', ...LEAD_TRUTH, ...EVENT_TRUTH].includes(name)) throw new Error(`unknown truth function: ${name}`);
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
		if (name === 'calls' || EVENT_TRUTH.includes(name)) return fn(b.subAccountId, from, to);
		return fn(b.subAccountId, from, to, Number(b.intervalMinutes), { timeZone: b.timeZone || 'UTC', ...(b.asOf === undefined ? {} : { asOf: parseTime(b.asOf) }) });
	}

	const clockBody = () => ({ now: S.clock.now(), iso: new Date(S.clock.now()).toISOString() });

	/** HTTP router for /__sim/...: returns a response object (or a promise of one). */
	async function handle(method, path, bodyValue) {
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
				case 'GET /__sim/busy-day':
					return json(200, { busyDay: control.busyDay() });
				case 'POST /__sim/busy-day':
					return json(200, { busyDay: control.setBusyDay(b.busyDay === undefined ? b : b.busyDay) });
				case 'GET /__sim/revisions':
					return json(200, control.revisions());
				case 'POST /__sim/revisions': {
					const ids = control.reviseStatistics(Array.isArray(bodyValue) ? bodyValue : b);
					return json(200, { ids: Array.isArray(ids) ? ids : [ids] });
				}
				case 'DELETE /__sim/revisions':
					control.clearRevisions();
					return json(200, []);
				case 'GET /__sim/subscriptions':
					return json(200, { subscriptions: control.subscriptions(), validations: control.validations() });
				case 'GET /__sim/deliveries':
					return json(200, control.deliveries());
				case 'POST /__sim/deliveries':
					return json(200, control.deliveries(b));
				case 'POST /__sim/deliveries/flush':
					return json(200, await control.deliverDue());
				case 'GET /__sim/deliveries/auto':
					return json(200, { auto: S.deliveries.auto() });
				case 'POST /__sim/deliveries/auto':
					return json(200, { auto: control.setAutoDeliver(b.on) });
				case 'GET /__sim/delivery-faults':
					return json(200, control.deliveryFaults());
				case 'POST /__sim/delivery-faults': {
					const ids = control.injectDeliveryFaults(Array.isArray(bodyValue) ? bodyValue : b);
					return json(200, { ids: Array.isArray(ids) ? ids : [ids] });
				}
				case 'DELETE /__sim/delivery-faults':
					control.clearDeliveryFaults();
					return json(200, []);
				case 'GET /__sim/push':
					return json(200, control.push());
				case 'POST /__sim/push':
					return json(200, control.setPush(b));
				case 'POST /__sim/push/start':
					return json(200, control.startPush(b.from));
				case 'POST /__sim/push/stop':
					return json(200, control.stopPush());
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
