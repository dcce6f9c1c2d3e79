#!/usr/bin/env node
/*
 * `npm run demo`: real n8n with this package, on the bundled Engage Voice simulator, in one command.
 *
 *   1. builds the package (skipped when dist/ is newer than every source file);
 *   2. starts the simulator (seed 7, clock = real time) on :5680 and a small "CRM" sink on :5681;
 *   3. installs Node 24 and n8n 2.41.1 into the cache on first use (progress shown; reused later);
 *   4. packs the package and installs it into the demo's ~/.n8n/nodes as a user would (npm pack +
 *      npm install <tarball>; skipped when that exact build is installed already);
 *   5. starts n8n on http://localhost:5678 with a fresh database, creates the owner account, the
 *      three kinds of credentials for the simulator, two data tables and the example workflows
 *      (examples/*.json, adapted to the simulator), and activates the three trigger workflows (the
 *      polling ones with Start From two hours back so that data arrives at once; the agent-state
 *      one subscribes in the simulator, which calls n8n on every agent state change);
 *   6. prints the URL, the login and what to try first. Ctrl-C stops everything it started.
 *
 * Works offline once the cache holds n8n (and npm's cache the package's two dependencies).
 *
 * Options: --port 5678 (n8n), --sim-port 5680, --sink-port 5681, --no-activate (leave the trigger
 * workflows inactive), --no-build. EV_CACHE_DIR moves the cache (default ~/.cache/n8n-nodes-engage-voice).
 *
 * The work is done by scripts/lib (demoStack.js starts the stack); this file is the command line.
 */
'use strict';

const path = require('path');

const { DEFAULTS, startDemo } = require('./lib/demoStack');
const { QUEUE_STATS_TABLE, agentStatesTable } = require('./lib/demoWorkflows');
const { formatMs } = require('./lib/log');
const { n8nInstalled } = require('./lib/n8nInstall');
const { installSignalHandlers, stopAll } = require('./lib/processes');

const USAGE = 'usage: npm run demo [-- --port 5678 --sim-port 5680 --sink-port 5681 --no-activate --no-build]';

class UsageError extends Error {}

function parseArgs(argv) {
	const out = { ...DEFAULTS, activate: true, build: true };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
		const port = () => {
			const text = inline !== undefined ? inline : argv[++i];
			const value = Number(text);
			if (!Number.isInteger(value) || value < 1 || value > 65535) {
				throw new UsageError(`${flag} needs a port number from 1 to 65535, got ${JSON.stringify(text ?? '')} (${USAGE})`);
			}
			return value;
		};
		if (flag === '--port') out.port = port();
		else if (flag === '--sim-port') out.simPort = port();
		else if (flag === '--sink-port') out.sinkPort = port();
		else if (flag === '--no-activate') out.activate = false;
		else if (flag === '--no-build') out.build = false;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else throw new UsageError(`unknown option ${argv[i]} (see --help)`);
	}
	return out;
}

const say = (text) => process.stdout.write(`${text}\n`);

function describeRecord(record) {
	const f = record.fields;
	const file = record.files[0];
	const size = file ? `${file.contentType === 'audio/mpeg' ? 'MP3' : file.contentType} ${Math.max(1, Math.round(file.size / 1024))} KB` : 'no file';
	return `[crm-sink] ← recording of segment …${String(f.segmentId || '?').slice(-12)} (agent ${f.agentId || '?'}, disposition "${f.disposition || ''}", ${size})`;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	let demo = null;
	// the simulator and the sink go first, so that a poll in flight fails at once instead of
	// holding up n8n's shutdown; then stopAll() stops n8n
	installSignalHandlers(async () => {
		if (demo) {
			await demo.sink.close().catch(() => {});
			await demo.sim.close().catch(() => {});
		}
	});
	const started = Date.now();
	const firstRun = !n8nInstalled();
	if (firstRun) say('First run: installing Node 24 and n8n into the cache (about 6 minutes, 2.9 GB; later runs reuse it).');
	let ready = false; // posts of the first poll are printed after the banner
	demo = await startDemo({ ...opts, onRecord: (record) => ready && say(describeRecord(record)) });
	const { sim, sink, setup } = demo;
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	const took = formatMs(Date.now() - started);
	const lines = [
		'',
		`Engage Voice demo ready in ${took}${firstRun ? ' (first run, with the n8n install)' : ''}:`,
		'',
		`  n8n         http://localhost:${opts.port}`,
		`  login       ${setup.owner.email}  /  ${setup.owner.password}`,
		`  simulator   ${sim.url}  (seed ${opts.seed}, sub-account ${main.subAccountId} "${main.subAccountName}")`,
		`  CRM sink    ${sink.url}/crm/recordings  (GET lists what the recording workflow posted), ${sink.url}/crm/deals`,
		`  n8n log     ${path.join(demo.n8n.userFolder, 'n8n-server.log')}`,
		'',
		'Try first:',
		'  1. Open "…nightly roster sync…" and click Execute workflow; then Overview → Data tables →',
		'     "Engage Voice agents": every agent with RingCentral user ID and supervisors.',
		'  2. Open "…queue statistics…": it is active and has filled the data table',
		`     "${QUEUE_STATS_TABLE.name}" with the intervals of the last two hours; its Executions tab shows each poll.`,
		'     Double-click the trigger and click Fetch Test Event to see one closed interval.',
		'  3. Open "…recording…CRM": active too; the posts of its first poll are printed below (and listed by the sink).',
		'  4. Add an Engage Voice node to a new workflow (search "Engage Voice"), e.g. Report → Queue Statistics,',
		'     credential "Simulator (RingCentral JWT)", and Execute step.',
		'  5. "…AI agent…" needs a chat model credential (none here): open its Queue statistics tool and Execute step.',
		'  6. Open "…agent state log…": active; every agent state change in the simulator (US/Eastern office hours',
		`     on weekdays) starts it at once and adds a row to "${agentStatesTable().name}".`,
		`  7. "…CRM contact → campaign lead…" is active: post a contact to it and open its Executions tab:`,
		`     curl -X POST http://localhost:${opts.port}/webhook/engage-voice-lead -H 'content-type: application/json' \\`,
		`       -d '{"crmId":"crm-1","phone":"6175550142","firstName":"Grace","lastName":"Hopper","callbackAt":"2030-07-24T09:00:00","timeZone":"America/Chicago"}'`,
		`  8. Open "…deals closed in the CRM…" and click Execute workflow: the leads of the won deals in`,
		`     ${sink.url}/crm/deals are removed from "${setup.leads.campaign.campaignName}", those of the lost deals paused.`,
		'',
		'The database is fresh on every start. Ctrl-C stops n8n, the simulator and the sink.',
		'',
	];
	say(lines.join('\n'));
	if (opts.activate) say('Recording workflow posts (CRM sink):');
	for (const record of sink.received) say(describeRecord(record));
	ready = true;
	await new Promise(() => {}); // until Ctrl-C
}

main().catch(async (error) => {
	if (error instanceof UsageError) {
		process.stderr.write(`[demo] ${error.message}\n`);
		process.exit(2);
	}
	process.stderr.write(`\n[demo] ${error.stack || error.message}\n`);
	await stopAll();
	process.exit(1);
});
