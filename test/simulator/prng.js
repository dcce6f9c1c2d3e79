'use strict';
// Deterministic pseudo-random numbers: a string/number hash and the mulberry32 generator.
// Everything the simulator invents (world, calls, fault ratios) comes from these, so one seed
// always gives the same contact center and the same calls.

/** 32-bit hash of any list of parts (numbers or strings). */
function hash(...parts) {
	let h1 = 0xdeadbeef ^ parts.length;
	let h2 = 0x41c6ce57;
	const s = parts.map((p) => String(p)).join('\u0001');
	for (let i = 0; i < s.length; i++) {
		const ch = s.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h1 ^ h2) >>> 0;
}

/** mulberry32: returns a function giving floats in [0, 1). */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A generator with helpers, seeded from the hash of the parts. */
function rng(...parts) {
	const next = mulberry32(hash(...parts));
	const r = {
		next,
		/** integer in [min, max] */
		int(min, max) {
			return min + Math.floor(next() * (max - min + 1));
		},
		pick(list) {
			return list[Math.floor(next() * list.length)];
		},
		chance(p) {
			return next() < p;
		},
		hex(len) {
			let s = '';
			while (s.length < len) s += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
			return s.slice(0, len);
		},
		digits(len) {
			let s = String(1 + Math.floor(next() * 9));
			while (s.length < len) s += String(Math.floor(next() * 10));
			return s;
		},
		shuffle(list) {
			const out = list.slice();
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		},
	};
	return r;
}

module.exports = { hash, mulberry32, rng };
