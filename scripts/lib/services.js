'use strict';
/*
 * The servers n8n's queue mode needs, from Debian's packages, run as throw-away processes of our
 * own: PostgreSQL (database) and Redis (the Bull queue). Installed with apt-get when missing (CI
 * starts from a fresh machine), started on free ports in a temporary folder, stopped with us.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const { formatMs, log } = require('./log');
const { freePort } = require('./ports');
const { run, spawnSupervised, readTail } = require('./processes');

const PG_BIN_ROOT = '/usr/lib/postgresql';

function postgresBinDir() {
	if (!fs.existsSync(PG_BIN_ROOT)) return undefined;
	const versions = fs
		.readdirSync(PG_BIN_ROOT)
		.filter((v) => fs.existsSync(path.join(PG_BIN_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_BIN_ROOT, versions[0], 'bin') : undefined;
}

function redisBin() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) => fs.existsSync(f));
}

/**
 * Installs Debian's postgresql and redis-server when their binaries are missing. Needs root (CI and
 * these machines run as root); says what to run otherwise.
 */
async function ensureQueueServices() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisBin()) missing.push('redis-server');
	if (!missing.length) return { installedNow: [] };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`${missing.join(' and ')} missing: run \`sudo apt-get install -y ${missing.join(' ')}\``);
	}
	const started = Date.now();
	log(`installing ${missing.join(', ')} from Debian's packages…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
			env,
			timeoutMs: 10 * 60_000,
			allowFail: true,
		});
	let res = await install();
	if (res.code !== 0) {
		// a fresh machine may have no package lists yet
		await run('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
		res = await install();
	}
	if (res.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${res.stderr.slice(-2000)}`);
	log(`${missing.join(', ')} installed in ${formatMs(Date.now() - started)}`);
	return { installedNow: missing };
}

/** Runs a command as the `postgres` system user (PostgreSQL refuses to run as root). */
function asPostgres(cmd, args, opts = {}) {
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	return root ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : run(cmd, args, opts);
}

/**
 * A fresh PostgreSQL cluster in a temporary folder on a free port, trust auth on 127.0.0.1, with
 * an empty database `n8n`. Returns { host, port, user, database, dir, stop() }.
 */
async function startPostgres({ database = 'n8n' } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (ensureQueueServices first)');
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-pg-'));
	fs.chmodSync(dir, 0o755);
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root) await run('chown', ['postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	const port = await freePort();
	await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8'], {
		timeoutMs: 120_000,
	});
	const logFile = path.join(dir, 'postgres.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawnSupervised(
		root ? 'runuser' : path.join(bin, 'postgres'),
		[
			...(root ? ['-u', 'postgres', '--', path.join(bin, 'postgres')] : []),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'max_connections=200',
		],
		{ stdio: [out, out] },
	);
	fs.closeSync(out);
	let exited = false;
	child.on('exit', () => (exited = true));
	for (let i = 0; ; i++) {
		if (exited) throw new Error(`postgres exited during start:\n${readTail(logFile)}`);
		const probe = await asPostgres(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			allowFail: true,
		});
		if (probe.code === 0) break;
		if (i > 120) throw new Error(`postgres not ready after 60 s:\n${readTail(logFile)}`);
		await sleep(500);
	}
	await asPostgres(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
	log(`PostgreSQL ready on 127.0.0.1:${port} in ${formatMs(Date.now() - started)}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database,
		dir,
		/** Runs SQL with psql and returns its unaligned output (tests read n8n's tables this way). */
		async query(sql) {
			const res = await asPostgres(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-At', '-c', sql],
				{ timeoutMs: 60_000 },
			);
			return res.stdout;
		},
		stop: () => stopServer(child, dir),
	};
}

/** Stops a server started here (SIGTERM through its supervisor, then its exit) and removes its folder. */
async function stopServer(child, dir) {
	if (child.exitCode === null && child.signalCode === null) {
		const gone = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await gone;
	}
	fs.rmSync(dir, { recursive: true, force: true });
}

/** A Redis server without persistence on a free port. Returns { host, port, stop() }. */
async function startRedis() {
	const bin = redisBin();
	if (!bin) throw new Error('redis-server not found (ensureQueueServices first)');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-redis-'));
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawnSupervised(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{ stdio: [out, out] },
	);
	fs.closeSync(out);
	let exited = false;
	child.on('exit', () => (exited = true));
	for (let i = 0; ; i++) {
		if (exited) throw new Error(`redis-server exited during start:\n${readTail(logFile)}`);
		if (/Ready to accept connections/.test(readTail(logFile, 200))) break;
		if (i > 120) throw new Error(`redis-server not ready after 60 s:\n${readTail(logFile)}`);
		await sleep(500);
	}
	log(`Redis ready on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		stop: () => stopServer(child, dir),
	};
}

module.exports = { ensureQueueServices, startPostgres, startRedis };
