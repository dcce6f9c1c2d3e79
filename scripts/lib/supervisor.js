#!/usr/bin/env node
'use strict';
/*
 * The watchdog of one supervised process (processes.js spawns it as `node supervisor.js -- cmd args`):
 * runs `cmd` in a process group of its own and stops that whole group (n8n, its task runner and
 * anything else it started) when
 *   - we are told to (SIGTERM, SIGINT, SIGHUP): SIGTERM to the group, SIGKILL after 15 s;
 *   - our parent dies, even by SIGKILL: our stdin pipe from it closes;
 *   - `cmd` itself exits: the rest of its group gets SIGKILL.
 * Exits with `cmd`'s exit code (143/137 for a signal).
 */

const childProcess = require('child_process');

const GRACE_MS = 15000;

function supervise(argv) {
	const sep = argv.indexOf('--');
	const [cmd, ...args] = argv.slice(sep + 1);
	const child = childProcess.spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
	const killGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			/* gone */
		}
	};
	let stopping = false;
	const stop = (why) => {
		if (stopping) return;
		stopping = true;
		killGroup('SIGTERM');
		setTimeout(() => {
			killGroup('SIGKILL');
			process.exit(why === 'parent-gone' ? 1 : 143);
		}, GRACE_MS).unref();
	};
	process.stdin.on('data', () => {});
	process.stdin.on('end', () => stop('parent-gone'));
	process.stdin.on('close', () => stop('parent-gone'));
	process.on('SIGTERM', () => stop('sigterm'));
	process.on('SIGINT', () => stop('sigint'));
	process.on('SIGHUP', () => stop('sighup'));
	child.on('exit', (code, signal) => {
		// the task runner and anything else in its group go too
		killGroup('SIGKILL');
		process.exit(code === null ? (signal === 'SIGTERM' ? 143 : 137) : code);
	});
}

if (require.main === module) supervise(process.argv.slice(2));
