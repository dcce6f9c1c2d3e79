#!/usr/bin/env node
'use strict';
// Starts the Engage Voice simulator: `node scripts/simulator.js --port 5680 --seed 7`
// Options: --port N (default 5680; 0 = any free port), --seed N (default 1), --host H (default 127.0.0.1),
//          --clock-speed X (sim seconds per real second, default 1), --start ISO (initial sim time),
//          --json (print one JSON line with url, secrets and world summary instead of text),
//          --busy-day N (N calls in every 5-minute bucket of the main sub-account: thousands of segments an hour),
//          --no-auto-deliver (notifications and push events only on POST /__sim/deliveries/flush).
// Stays up until SIGINT/SIGTERM.

const path = require('node:path');
const { startSimulator } = require(path.join(__dirname, '..', 'test', 'simulator'));

function parseArgs(argv) {
	const out = { port: 5680, seed: 1, host: '127.0.0.1', clockSpeed: 1, start: undefined, json: false, busyDay: undefined, autoDeliver: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port':
				out.port = Number(value());
				break;
			case '--seed':
				out.seed = Number(value());
				break;
			case '--host':
				out.host = value();
				break;
			case '--clock-speed':
				out.clockSpeed = Number(value());
				break;
			case '--start':
				out.start = value();
				break;
			case '--json':
				out.json = true;
				break;
			case '--busy-day':
				out.busyDay = Number(value());
				if (!Number.isInteger(out.busyDay) || out.busyDay < 1 || out.busyDay > 2000) {
					console.error('invalid --busy-day (calls per 5-minute bucket, 1..2000)');
					process.exit(2);
				}
				break;
			case '--no-auto-deliver':
				out.autoDeliver = false;
				break;
			case '--help':
			case '-h':
				console.log('usage: node scripts/simulator.js [--port 5680] [--seed 1] [--host 127.0.0.1] [--clock-speed 1] [--start ISO] [--json] [--busy-day N] [--no-auto-deliver]');
				process.exit(0);
				break;
			default:
				console.error(`unknown option: ${a}`);
				process.exit(2);
		}
	}
	for (const k of ['port', 'seed', 'clockSpeed']) {
		if (!Number.isFinite(out[k])) {
			console.error(`invalid --${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
			process.exit(2);
		}
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const sim = await startSimulator({
		port: args.port,
		seed: args.seed,
		host: args.host,
		clockSpeed: args.clockSpeed,
		startTime: args.start,
		autoDeliver: args.autoDeliver,
		...(args.busyDay ? { busyDay: { callsPerBucket: args.busyDay } } : {}),
	});
	const w = sim.world;
	const summary = {
		mainAccountId: w.mainAccountId,
		rcAccountId: w.rcAccountId,
		subAccounts: w.subAccounts.map((s) => `${s.subAccountId} ${s.subAccountName}${s.wemAccess ? '' : ' (no WEM access)'}`),
		agentGroups: w.agentGroups.length,
		agents: w.agents.length,
		queueGroups: w.queueGroups.map((q) => `${q.queueGroupId} ${q.groupName} (${q.queueGroupType}, sub-account ${q.subAccountId})`),
		queues: w.queues.length,
		bigQueueGroupId: w.bigQueueGroupId,
		users: w.users.length,
		campaigns: w.campaigns.map((c) => `${c.campaignId} ${c.campaignName} (sub-account ${c.subAccountId})`),
	};
	if (args.json) {
		console.log(JSON.stringify({ url: sim.url, seed: sim.seed, secrets: sim.secrets, world: summary }));
	} else {
		const lines = [
			`Engage Voice simulator listening on ${sim.url} (seed ${sim.seed}, clock ${new Date(sim.control.now()).toISOString()}, speed ${args.clockSpeed})`,
			'',
			`  RingCentral server:  ${sim.url}`,
			`  Engage host:         ${sim.url}`,
			`  Legacy host:         ${sim.url}/api`,
			`  Control API:         ${sim.url}/__sim/   (clock, limits, faults, variants, log, push, deliveries, reset)`,
			'',
			'Secrets:',
			...Object.entries(sim.secrets).map(([k, v]) => `  ${k.padEnd(18)} ${v}`),
			'',
			'World:',
			`  mainAccountId       ${summary.mainAccountId}`,
			`  rcAccountId         ${summary.rcAccountId}`,
			...summary.subAccounts.map((s, i) => `  ${(i === 0 ? 'subAccounts' : '').padEnd(19)} ${s}`),
			`  agentGroups         ${summary.agentGroups}`,
			`  agents              ${summary.agents}`,
			...summary.queueGroups.map((s, i) => `  ${(i === 0 ? 'queueGroups' : '').padEnd(19)} ${s}`),
			`  queues              ${summary.queues}`,
			`  bigQueueGroupId     ${summary.bigQueueGroupId} (with-agents returns exactly 2000 queues)`,
			`  admin users         ${summary.users}`,
			...summary.campaigns.map((c, i) => `  ${(i === 0 ? 'campaigns' : '').padEnd(19)} ${c}`),
			...(args.busyDay ? [`  busy day            ${args.busyDay} calls per 5 minutes (main sub-account)`] : []),
			'',
			'Press Ctrl+C to stop.',
		];
		console.log(lines.join('\n'));
	}
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	process.exit(1);
});
