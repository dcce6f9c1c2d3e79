'use strict';
// Statistics revisions: the real API may change an interval's statistics after they were first read
// (issue 14). A revision adds `wrapDeltaSec` of wrap-up (after-call work finished late) to every
// answered segment of `subAccountId` that STARTS in [from, to), for every answer given at sim time
// ≥ `at`. So once the clock passes `at`, wrapUpDur of agent extended and queue statistics, and the
// busy/available/wait times of agent statistics, change: agent rows in the intervals of [from, to),
// queue rows in the intervals where those segments' calls arrived. Interaction metadata (no wrap-up)
// does not change. truth.* answer as of sim-now by default (option `asOf`).

const { parseTime } = require('./clock');

function createRevisions(world, clock, initial) {
	let list = [];
	let nextId = 1;

	function validate(spec) {
		if (!spec || typeof spec !== 'object') throw new Error('a revision is { subAccountId?, from, to, at?, wrapDeltaSec? }');
		const subAccountId = spec.subAccountId === undefined ? world.mainSubAccountId : String(spec.subAccountId);
		if (!world.subAccounts.some((s) => s.subAccountId === subAccountId)) throw new Error(`revision: unknown sub-account ${subAccountId}`);
		if (spec.from === undefined || spec.to === undefined) throw new Error('revision: from and to are required');
		const fromMs = parseTime(spec.from);
		const toMs = parseTime(spec.to);
		if (!(toMs > fromMs)) throw new Error('revision: to must be after from');
		const atMs = spec.at === undefined || spec.at === null ? clock.now() : parseTime(spec.at);
		const wrapDeltaSec = spec.wrapDeltaSec === undefined ? 30 : Number(spec.wrapDeltaSec);
		if (!Number.isInteger(wrapDeltaSec) || wrapDeltaSec < 1 || wrapDeltaSec > 3600) throw new Error('revision: wrapDeltaSec must be 1..3600');
		return { subAccountId, fromMs, toMs, atMs, wrapDeltaSec };
	}

	/** Adds one revision (or several) → id(s). */
	function add(spec) {
		const specs = Array.isArray(spec) ? spec : [spec];
		const checked = specs.map(validate);
		const ids = checked.map((r) => {
			const id = nextId++;
			list.push({ id, ...r });
			return id;
		});
		return Array.isArray(spec) ? ids : ids[0];
	}

	const show = (r) => ({ ...r, from: new Date(r.fromMs).toISOString(), to: new Date(r.toMs).toISOString(), at: new Date(r.atMs).toISOString() });

	function reset() {
		list = [];
		nextId = 1;
		if (initial) add(initial);
	}
	reset();

	return {
		add,
		list: () => list.map(show),
		active: () => list,
		clear() {
			list = [];
		},
		reset,
	};
}

module.exports = { createRevisions };
