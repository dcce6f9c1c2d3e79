#!/usr/bin/env node
/*
 * Command line for the real-n8n toolchain in scripts/lib (used by .ci/run and for debugging):
 *
 *   node scripts/n8n-host.js node24      prints the bin folder of a Node 24 (installs it if needed)
 *   node scripts/n8n-host.js n8n         installs n8n into the cache if needed, prints its folder
 *   node scripts/n8n-host.js info        prints the cache layout as JSON
 *
 * CommonJS, Node built-ins only: it runs before `npm ci` in CI and under any Node >= 18.
 * Environment: EV_CACHE_DIR (cache root, default ~/.cache/n8n-nodes-engage-voice),
 * EV_NODE24_SPEC (npm version spec of node-<platform>-<arch>, default 24), EV_N8N_QUIET=1 (no progress).
 */
'use strict';

const { cacheRoot } = require('./lib/cache');
const { ensureN8n, n8nHostDir } = require('./lib/n8nInstall');
const { cachedNodePackageDir, ensureNode24 } = require('./lib/toolchain');

const COMMANDS = {
	node24: async () => ensureNode24(),
	n8n: async () => (await ensureN8n()).hostDir,
	info: async () =>
		JSON.stringify({ cacheRoot: cacheRoot(), n8nHostDir: n8nHostDir(), node24: cachedNodePackageDir() }, null, 2),
};

const command = COMMANDS[process.argv[2]];
if (!command) {
	process.stderr.write(`usage: node scripts/n8n-host.js ${Object.keys(COMMANDS).join(' | ')}\n`);
	process.exit(2);
}
command().then(
	(out) => process.stdout.write(`${out}\n`),
	(err) => {
		process.stderr.write(`[n8n-host] ${err.stack || err.message}\n`);
		process.exit(1);
	},
);
