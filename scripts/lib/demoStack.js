'use strict';
/*
 * The whole demo stack in one call, for `npm run demo` and `npm run screenshots`: the package built
 * if needed, the simulator, the CRM sink, n8n (installed on first use) in the demo's user folder
 * with a fresh database and this build installed from its tarball, then set up like the demo
 * (demoSetup.js). stop() takes all of it down again.
 */
const fs = require('fs');
const path = require('path');

const { cacheRoot } = require('./cache');
const { startSink } = require('./crmSink');
const { provision } = require('./demoSetup');
const { DEMO_REPORT_LIMITS, TIME_ZONE } = require('./demoWorkflows');
const { N8N_VERSION, ensureN8n } = require('./n8nInstall');
const { createInstance } = require('./n8nInstance');
const { buildNeeded, buildPackage, installCurrentBuild } = require('./packageInstall');
const { portFree } = require('./ports');
const { stopAll } = require('./processes');
const { ensureNode24 } = require('./toolchain');

const DEFAULTS = { port: 5678, simPort: 5680, sinkPort: 5681, seed: 7 };
/** How far back the demo's trigger workflows start (Start From), so that data arrives at once. */
const DEMO_BACKFILL_MS = 2 * 60 * 60_000;

const say = (text) => process.stdout.write(`${text}\n`);

/** Empties the demo's n8n user folder except its installed package (.n8n/nodes). */
function freshUserFolder(userFolder) {
	const dotN8n = path.join(userFolder, '.n8n');
	fs.mkdirSync(dotN8n, { recursive: true });
	for (const entry of fs.readdirSync(dotN8n)) {
		if (entry !== 'nodes') fs.rmSync(path.join(dotN8n, entry), { recursive: true, force: true });
	}
	for (const entry of fs.readdirSync(userFolder)) {
		if (entry !== '.n8n') fs.rmSync(path.join(userFolder, entry), { recursive: true, force: true });
	}
}

/**
 * Starts the whole demo stack and returns { sim, sink, n8n, setup, timings, totalMs, url, stop() }.
 * Options: port, simPort, sinkPort, seed, activate, build, quiet, onRecord (each CRM sink post),
 * dir (the demo's folder in the cache; its user/.n8n/nodes keeps the installed package between runs).
 * On a failure everything started so far is stopped again.
 */
async function startDemo(options = {}) {
	const opts = { ...DEFAULTS, activate: true, build: true, ...options };
	const started = Date.now();
	const timings = [];
	const step = async (label, fn) => {
		const t = Date.now();
		const result = await fn();
		timings.push({ label, ms: Date.now() - t });
		return result;
	};
	const stoppers = [];
	let stopped = null;
	// once, in reverse order of starting; a second call waits for the first
	const stop = () => {
		stopped ??= (async () => {
			for (const fn of [...stoppers].reverse()) {
				try {
					await fn();
				} catch {
					/* keep stopping */
				}
			}
			await stopAll();
		})();
		return stopped;
	};

	try {
		for (const [what, port] of [
			['n8n', opts.port],
			['the simulator', opts.simPort],
			['the CRM sink', opts.sinkPort],
		]) {
			if (!(await portFree(port))) {
				throw new Error(`port ${port} (${what}) is in use: stop what runs there, or choose another port (npm run demo -- --help)`);
			}
		}

		const nodeBinDir = await step('Node 24', () => ensureNode24());
		if (opts.build && buildNeeded()) {
			await step('build', async () => {
				if (!opts.quiet) say('Building the package (npm run build)…');
				await buildPackage({ nodeBinDir, quiet: opts.quiet });
			});
		} else if (!opts.quiet) {
			say('dist/ is up to date (npm run build rebuilds it).');
		}

		const { startSimulator } = require('../../test/simulator');
		const sim = await step('simulator', () =>
			startSimulator({ port: opts.simPort, seed: opts.seed, limits: { report: DEMO_REPORT_LIMITS } }),
		);
		stoppers.push(() => sim.close());
		const sink = await step('CRM sink', () => startSink({ port: opts.sinkPort, onRecord: opts.onRecord }));
		stoppers.push(() => sink.close());

		const n8nHost = await step('n8n install', () => ensureN8n());
		const demoDir = opts.dir || path.join(cacheRoot(), 'demo');
		const userFolder = path.join(demoDir, 'user');
		// a fresh database each run; the installed package (.n8n/nodes) is kept
		freshUserFolder(userFolder);
		const n8n = await createInstance({
			n8n: n8nHost,
			userFolder,
			port: opts.port,
			keep: true,
			env: { GENERIC_TIMEZONE: TIME_ZONE, N8N_LOG_LEVEL: process.env.EV_N8N_LOG_LEVEL || 'warn' },
		});
		const install = await step('package install', () => installCurrentBuild(n8n, demoDir));
		if (!opts.quiet) say(install.skipped ? 'This build is installed in n8n already.' : 'Installed the package from its tarball into n8n.');

		if (!opts.quiet) say(`Starting n8n ${N8N_VERSION}…`);
		await step('n8n start', () => n8n.startServer());
		stoppers.push(() => n8n.stop());
		const startFromMs = Date.now() - DEMO_BACKFILL_MS;
		const setup = await step('owner, credentials, table, workflows', () =>
			provision(n8n, { sim, sinkUrl: sink.url, activate: opts.activate, startFromMs }),
		);
		return { sim, sink, n8n, setup, timings, totalMs: Date.now() - started, stop, url: `http://localhost:${opts.port}` };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { DEFAULTS, startDemo };
