'use strict';
/*
 * Progress lines of the scripts (stderr, so that a command's stdout stays its result) and how
 * durations are shown in them. EV_N8N_QUIET=1 silences the progress lines.
 */

function log(message) {
	if (process.env.EV_N8N_QUIET === '1') return;
	process.stderr.write(`[n8n-host] ${message}\n`);
}

/** 850 → "0.9s", 42_000 → "42s", 325_000 → "5m 25s". */
function formatMs(ms) {
	const s = Math.round(ms / 1000);
	if (s < 60) return ms < 10000 ? `${(ms / 1000).toFixed(1)}s` : `${s}s`;
	return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

module.exports = { log, formatMs };
