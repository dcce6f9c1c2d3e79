'use strict';
// Tiny, valid audio files for recordings: a WAV (PCM 16-bit mono 8 kHz, 0.5 s tone whose pitch
// depends on the segment) and, for browser-like User-Agents, MPEG-1 Layer III frames (audio/mpeg).

const { hash } = require('./prng');

function wav(key, seconds = 0.5) {
	const rate = 8000;
	const samples = Math.floor(rate * seconds);
	const freq = 300 + (hash('tone', key) % 600);
	const buf = Buffer.alloc(44 + samples * 2);
	buf.write('RIFF', 0, 'ascii');
	buf.writeUInt32LE(36 + samples * 2, 4);
	buf.write('WAVE', 8, 'ascii');
	buf.write('fmt ', 12, 'ascii');
	buf.writeUInt32LE(16, 16); // fmt chunk size
	buf.writeUInt16LE(1, 20); // PCM
	buf.writeUInt16LE(1, 22); // mono
	buf.writeUInt32LE(rate, 24);
	buf.writeUInt32LE(rate * 2, 28); // byte rate
	buf.writeUInt16LE(2, 32); // block align
	buf.writeUInt16LE(16, 34); // bits per sample
	buf.write('data', 36, 'ascii');
	buf.writeUInt32LE(samples * 2, 40);
	for (let i = 0; i < samples; i++) {
		buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * freq * i) / rate)), 44 + i * 2);
	}
	return buf;
}

function mp3(key, frames = 20) {
	// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding, mono: 417-byte frames
	const frameLen = 417;
	const out = Buffer.alloc(frameLen * frames);
	const tag = hash('mp3', key);
	for (let f = 0; f < frames; f++) {
		const o = f * frameLen;
		out[o] = 0xff;
		out[o + 1] = 0xfb;
		out[o + 2] = 0x90;
		out[o + 3] = 0xc4;
		out[o + 4 + (f % 32)] = (tag >>> (f % 24)) & 0xff;
	}
	return out;
}

const isBrowser = (ua) => /Mozilla\/\d/.test(String(ua || ''));

module.exports = { wav, mp3, isBrowser };
