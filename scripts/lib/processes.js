'use strict';
/*
 * Child processes of the scripts, none of which may outlive us: run a command to completion (log
 * file, heartbeat, timeout), start a long-running one under a watchdog (supervisor.js), stop them
 * all, and stop them on Ctrl-C / SIGTERM.
 */
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const { formatMs, log } = require('./log');

const SUPERVISOR = path.join(__dirname, 'supervisor.js');

/** The last `lines` lines of a text. */
function tail(text, lines = 40) {
	return String(text || '')
		.split('\n')
		.slice(-lines)
		.join('\n');
}

/** The last `lines` lines of a file ('' if it cannot be read). */
function readTail(file, lines = 40) {
	try {
		return tail(fs.readFileSync(file, 'utf8'), lines);
	} catch {
		return '';
	}
}

// ---------------------------------------------------------------------------------------------
// bookkeeping: every child we start, until it exits

const live = new Set();
let exitHookInstalled = false;

function track(child) {
	live.add(child);
	child.on('exit', () => live.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		// Synchronous last resort. Supervised processes also die when our stdin pipe closes.
		process.on('exit', () => {
			for (const c of live) stopChild(c);
		});
	}
}

function alive(child) {
	return Boolean(child) && child.exitCode === null && child.signalCode === null;
}

/**
 * Supervised children get SIGTERM: the supervisor stops the whole process group of what it runs
 * (SIGTERM, SIGKILL after 15 s). Others get the signal directly.
 */
function stopChild(child, signal = 'SIGKILL') {
	if (!alive(child)) return;
	try {
		child.kill(child.supervised ? 'SIGTERM' : signal);
	} catch {
		/* already gone */
	}
}

/**
 * Starts `cmd` under the watchdog (supervisor.js) and tracks it. SIGTERM to the returned child
 * stops `cmd`'s whole process group; so does our death (its stdin pipe from us closes).
 * `stdio` gives the child's stdout and stderr (stdin is always our pipe to it).
 */
function spawnSupervised(cmd, args, { cwd, env, stdio = ['pipe', 'pipe'] } = {}) {
	// Not detached: Ctrl-C in a terminal reaches the supervisor directly.
	const child = childProcess.spawn(process.execPath, [SUPERVISOR, '--', cmd, ...args], {
		cwd,
		env,
		stdio: ['pipe', ...stdio],
	});
	child.supervised = true;
	track(child);
	return child;
}

/**
 * Runs a command to completion and resolves { code, signal, stdout, stderr, ms }; rejects on a
 * non-zero exit (unless `allowFail`) with the output's tail. Output goes to `logFile` (if given),
 * to our own stdout/stderr if `echo`, and is kept in memory. `heartbeat(elapsedMs, { stdout,
 * stderr })` is called every `heartbeatMs` so long installs show progress. `timeoutMs` stops it;
 * `supervise` runs it under the watchdog (its whole process group stops with it).
 */
function run(cmd, args, opts = {}) {
	const { cwd, env, logFile, heartbeat, heartbeatMs = 20000, timeoutMs, allowFail = false, echo = false } = opts;
	const supervise = Boolean(opts.supervise) && process.platform !== 'win32';
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = logFile ? fs.openSync(logFile, 'a') : null;
		if (out !== null) fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
		let stdout = '';
		let stderr = '';
		let child;
		if (supervise) {
			child = spawnSupervised(cmd, args, { cwd, env });
		} else {
			// Not detached: Ctrl-C in a terminal reaches the child directly.
			child = childProcess.spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
			track(child);
		}
		child.stdout.on('data', (d) => {
			stdout += d;
			if (out !== null) fs.writeSync(out, d);
			if (echo) process.stdout.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (out !== null) fs.writeSync(out, d);
			if (echo) process.stderr.write(d);
		});
		const beat = heartbeat
			? setInterval(() => heartbeat(Date.now() - started, { stdout, stderr }), heartbeatMs)
			: null;
		const timer = timeoutMs
			? setTimeout(() => {
					log(`timeout after ${formatMs(timeoutMs)}: ${cmd} ${args.join(' ')}`);
					stopChild(child);
				}, timeoutMs)
			: null;
		let finished = false;
		const finish = () => {
			if (finished) return false;
			finished = true;
			if (beat) clearInterval(beat);
			if (timer) clearTimeout(timer);
			if (out !== null) fs.closeSync(out);
			return true;
		};
		child.on('error', (err) => {
			if (finish()) reject(err);
		});
		child.on('close', (code, signal) => {
			if (!finish()) return;
			const result = { code, signal, stdout, stderr, ms: Date.now() - started };
			if (code !== 0 && !allowFail) {
				const shown = `${path.basename(cmd)} ${args.join(' ')}`.replace(/\s+/g, ' ').slice(0, 300);
				const err = new Error(
					`${shown} failed (${signal || `exit ${code}`})` +
						(logFile ? `; log: ${logFile}` : '') +
						`\n${tail(stderr || stdout)}`,
				);
				err.result = result;
				reject(err);
				return;
			}
			resolve(result);
		});
	});
}

/** Stops every child still running: SIGTERM, SIGKILL after `graceMs`. */
async function stopAll(graceMs = 20000) {
	const children = [...live];
	for (const child of children) stopChild(child, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && children.some(alive)) await sleep(100);
	for (const child of children) {
		if (alive(child)) {
			try {
				child.kill('SIGKILL');
			} catch {
				/* gone */
			}
		}
	}
}

/**
 * For interactive scripts (demo, screenshots): on Ctrl-C / SIGTERM / SIGHUP stop everything
 * gracefully, then exit; a second signal kills at once. `onSignal` may stop other things (the
 * simulator) first.
 */
function installSignalHandlers(onSignal) {
	let stopping = false;
	const handler = (signal) => {
		if (stopping) {
			for (const child of live) stopChild(child);
			process.exit(130);
		}
		stopping = true;
		log(`${signal}: stopping everything this script started…`);
		Promise.resolve()
			.then(() => onSignal && onSignal(signal))
			.then(() => stopAll())
			.catch((err) => log(`cleanup failed: ${err.message}`))
			.finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('SIGHUP', handler);
}

module.exports = { run, spawnSupervised, stopAll, installSignalHandlers, tail, readTail };
