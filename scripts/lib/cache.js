'use strict';
/*
 * The cache folder outside the repo that holds Node 24, n8n and the demo's user folder
 * (EV_CACHE_DIR, default ~/.cache/n8n-nodes-engage-voice), and the locks that keep two processes
 * (a demo and a test run, say) from installing into it at the same time.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const { log } = require('./log');

function cacheRoot() {
	return path.resolve(
		process.env.EV_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-engage-voice'),
	);
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Runs `fn` holding <cache>/<name>.lock (a folder with the owner's pid). Waits while another live
 * process holds it; takes over a lock whose owner is gone (or that has no pid after 10 s).
 */
async function withLock(name, fn) {
	const lockDir = path.join(cacheRoot(), `${name}.lock`);
	fs.mkdirSync(cacheRoot(), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let age;
			try {
				age = Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch (statErr) {
				if (statErr.code === 'ENOENT') continue; // released meanwhile: try again
				throw statErr;
			}
			if ((owner && !pidAlive(owner)) || (!owner && age > 10000)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`waiting for another process (pid ${owner}) that is installing ${name}…`);
				announced = true;
			}
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

module.exports = { cacheRoot, withLock };
