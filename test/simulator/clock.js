'use strict';
// The simulator clock: sim time = base + (real time since base was set) × speed.
// Tests move it with set()/advance(); everything time-based in the simulator
// (token life, rate-limit windows, "not in the future", late recordings) reads it.

function parseTime(value) {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'string' && value.trim() !== '') {
		if (/^\d+$/.test(value.trim())) return Number(value.trim());
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) return ms;
	}
	throw new Error(`invalid time: ${JSON.stringify(value)} (use epoch ms or an ISO 8601 string)`);
}

function createClock({ start, speed = 1 } = {}) {
	const startMs = start === undefined || start === null ? null : parseTime(start);
	let base;
	let realBase;
	const state = { speed: Number(speed) || 1 };

	function reset() {
		realBase = Date.now();
		base = startMs === null ? realBase : startMs;
	}
	reset();

	return {
		now() {
			return Math.floor(base + (Date.now() - realBase) * state.speed);
		},
		set(value) {
			base = parseTime(value);
			realBase = Date.now();
			return this.now();
		},
		advance(ms) {
			const n = Number(ms);
			if (!Number.isFinite(n)) throw new Error(`invalid advance: ${ms}`);
			base = this.now() + n;
			realBase = Date.now();
			return this.now();
		},
		get speed() {
			return state.speed;
		},
		reset,
	};
}

module.exports = { createClock, parseTime };
