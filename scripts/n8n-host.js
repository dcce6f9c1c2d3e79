#!/usr/bin/env node
/*
 * Real n8n for tests, the demo and CI: installs n8n under Node 24 into a cache folder outside the
 * repo (once, reused), creates throw-away n8n user folders with this package installed the way a
 * user gets it, runs the n8n CLI (import, execute-batch) and `n8n start`, and talks to its REST API.
 *
 * CommonJS, Node built-ins only (it runs before `npm ci` in CI and under any Node >= 18).
 *
 * Command line (used by .ci/run and for debugging):
 *   node scripts/n8n-host.js node24      prints the bin folder of a Node 24 (installs it if needed)
 *   node scripts/n8n-host.js n8n         installs n8n into the cache if needed, prints its folder
 *   node scripts/n8n-host.js info        prints the cache layout as JSON
 *
 * Environment: EV_CACHE_DIR (cache root, default ~/.cache/n8n-nodes-engage-voice),
 * EV_NODE24_SPEC (npm version spec of node-<platform>-<arch>, default 24), EV_N8N_QUIET=1 (no progress).
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const N8N_VERSION = '2.41.1';
const PACKAGE_NAME = 'n8n-nodes-engage-voice';
const REPO_DIR = path.resolve(__dirname, '..');

// ---------------------------------------------------------------------------------------------
// small utilities

function cacheRoot() {
	return path.resolve(
		process.env.EV_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-engage-voice'),
	);
}

function log(message) {
	if (process.env.EV_N8N_QUIET === '1') return;
	process.stderr.write(`[n8n-host] ${message}\n`);
}

function formatMs(ms) {
	const s = Math.round(ms / 1000);
	if (s < 60) return ms < 10000 ? `${(ms / 1000).toFixed(1)}s` : `${s}s`;
	return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(text, lines = 40) {
	return String(text || '')
		.split('\n')
		.slice(-lines)
		.join('\n');
}

function readTail(file, lines = 40) {
	try {
		return tail(fs.readFileSync(file, 'utf8'), lines);
	} catch {
		return '';
	}
}

function nodeMajor(versionString) {
	return Number(String(versionString).replace(/^v/, '').split('.')[0]);
}

/** Free TCP port on 127.0.0.1 (the OS picks one; tiny race, acceptable for tests). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Command to run npm: the npm that runs this script (npm_execpath) or `npm` from PATH. */
function npmCommand(nodeBinDir) {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		const node = nodeBinDir ? path.join(nodeBinDir, 'node') : process.execPath;
		return { cmd: node, pre: [execPath] };
	}
	return { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', pre: [] };
}

function envWithNode(nodeBinDir, extra = {}) {
	// Under `npm run`, npm exports the project's config (this repo's .npmrc sets ignore-scripts)
	// as npm_config_* variables; npm commands for the n8n host must not inherit them.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)),
	);
	const env = { ...inherited, ...extra };
	if (nodeBinDir) env.PATH = [nodeBinDir, process.env.PATH || ''].join(path.delimiter);
	return env;
}

/**
 * Runs a command to completion. Output goes to `logFile` (if given) and is kept in memory.
 * `heartbeat(elapsedMs)` is called every `heartbeatMs` so long installs show progress.
 */
function run(cmd, args, opts = {}) {
	const { cwd, env, logFile, heartbeat, heartbeatMs = 20000, timeoutMs, allowFail = false } = opts;
	const supervise = Boolean(opts.supervise) && process.platform !== 'win32';
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = logFile ? fs.openSync(logFile, 'a') : null;
		if (out !== null) fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
		let stdout = '';
		let stderr = '';
		// Not detached: Ctrl-C in a terminal reaches the child (or its supervisor) directly.
		const child = supervise
			? childProcess.spawn(process.execPath, [__filename, '--supervise', '--', cmd, ...args], {
					cwd,
					env,
					stdio: ['pipe', 'pipe', 'pipe'],
				})
			: childProcess.spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.supervised = supervise;
		track(child);
		child.stdout.on('data', (d) => {
			stdout += d;
			if (out !== null) fs.writeSync(out, d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (out !== null) fs.writeSync(out, d);
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

// ---------------------------------------------------------------------------------------------
// child process bookkeeping: nothing may outlive us

const live = new Set();

function track(child) {
	live.add(child);
	child.on('exit', () => live.delete(child));
	installExitHooks();
}

function alive(child) {
	return Boolean(child) && child.exitCode === null && child.signalCode === null;
}

/**
 * Supervised children (see superviseMain) get SIGTERM: the supervisor stops the whole process
 * group of what it runs (SIGTERM, SIGKILL after 15 s). Others get the signal directly.
 */
function stopChild(child, signal = 'SIGKILL') {
	if (!alive(child)) return;
	try {
		child.kill(child.supervised ? 'SIGTERM' : signal);
	} catch {
		/* already gone */
	}
}

let exitHooksInstalled = false;
function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	// Synchronous last resort. Supervised n8n processes also die when our stdin pipe closes.
	process.on('exit', () => {
		for (const child of live) stopChild(child);
	});
}

/**
 * Optional, for interactive scripts (demo): on Ctrl-C / SIGTERM stop everything gracefully, then exit.
 * `onSignal` may stop other things (the simulator) first.
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

// ---------------------------------------------------------------------------------------------
// cache lock (a demo and a test run may both try to install at the same time)

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
			let alive = false;
			if (owner) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			const age = Date.now() - fs.statSync(lockDir).mtimeMs;
			if ((owner && !alive) || (!owner && age > 10000)) {
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

// ---------------------------------------------------------------------------------------------
// Node 24

function nodePackageName() {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	return `node-${platform}-${process.arch}`;
}

function cachedNodePackageDir() {
	return path.join(cacheRoot(), 'node24', 'node_modules', nodePackageName());
}

function nodeVersionOf(nodeBin) {
	try {
		return childProcess.execFileSync(nodeBin, ['-v'], { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
}

async function installNodePackage() {
	const pkgDir = cachedNodePackageDir();
	const bin = path.join(pkgDir, 'bin');
	const have = nodeVersionOf(path.join(bin, 'node'));
	if (have && nodeMajor(have) >= 24) return pkgDir;
	return withLock('node24', async () => {
		const again = nodeVersionOf(path.join(bin, 'node'));
		if (again && nodeMajor(again) >= 24) return pkgDir;
		const dir = path.join(cacheRoot(), 'node24');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'ev-node24', private: true }, null, 2),
		);
		const spec = `${nodePackageName()}@${process.env.EV_NODE24_SPEC || '24'}`;
		log(`installing Node 24 from the npm registry (${spec}) into ${dir}…`);
		const npm = npmCommand(null);
		const started = Date.now();
		await run(
			npm.cmd,
			[...npm.pre, 'install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', spec],
			{ cwd: dir, env: { ...process.env }, logFile: path.join(dir, 'install.log') },
		);
		const version = nodeVersionOf(path.join(bin, 'node'));
		if (!version || nodeMajor(version) < 24) {
			throw new Error(`${spec} installed, but ${bin}/node does not run as Node 24 (${version})`);
		}
		log(`Node ${version} ready in ${formatMs(Date.now() - started)}`);
		return pkgDir;
	});
}

/** Bin folder of a Node >= 24: the current one if it is new enough, else one from the npm registry. */
async function ensureNode24() {
	if (nodeMajor(process.versions.node) >= 24) return path.dirname(process.execPath);
	return path.join(await installNodePackage(), 'bin');
}

/** A Node 24 installation folder with C headers (include/node), for building sqlite3. */
async function nodeHeadersDir(nodeBinDir) {
	const prefix = path.resolve(nodeBinDir, '..');
	if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) return prefix;
	return installNodePackage();
}

// ---------------------------------------------------------------------------------------------
// n8n

function n8nHostDir() {
	return path.join(cacheRoot(), `n8n-${N8N_VERSION}`);
}

function n8nBinOf(hostDir) {
	return path.join(hostDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function installedN8nVersion(hostDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(hostDir, 'node_modules', 'n8n', 'package.json'), 'utf8'))
			.version;
	} catch {
		return null;
	}
}

function sqliteLoads(hostDir, nodeBinDir) {
	const n8nDir = path.join(hostDir, 'node_modules', 'n8n');
	const probe = `require(require.resolve('sqlite3', { paths: [${JSON.stringify(n8nDir)}] }))`;
	try {
		childProcess.execFileSync(path.join(nodeBinDir, 'node'), ['-e', probe], { stdio: 'pipe' });
		return true;
	} catch {
		return false;
	}
}

const timings = {};

/**
 * Installs n8n (pinned) into <cache>/n8n-<version> once and returns
 * { hostDir, n8nBin, nodeBinDir, installedNow, ms }.
 */
async function ensureN8n() {
	const nodeBinDir = await ensureNode24();
	const hostDir = n8nHostDir();
	const marker = path.join(hostDir, '.ev-ready.json');
	const result = () => ({
		hostDir,
		n8nBin: n8nBinOf(hostDir),
		nodeBinDir,
		installedNow: false,
		ms: 0,
	});
	if (fs.existsSync(marker) && installedN8nVersion(hostDir) === N8N_VERSION) return result();

	return withLock(`n8n-${N8N_VERSION}`, async () => {
		if (fs.existsSync(marker) && installedN8nVersion(hostDir) === N8N_VERSION) return result();
		const started = Date.now();
		fs.mkdirSync(hostDir, { recursive: true });
		fs.writeFileSync(
			path.join(hostDir, 'package.json'),
			JSON.stringify(
				{ name: 'ev-n8n-host', private: true, dependencies: { n8n: N8N_VERSION } },
				null,
				2,
			),
		);
		const env = envWithNode(nodeBinDir);
		const npm = npmCommand(nodeBinDir);
		const countPackages = () => {
			try {
				return fs.readdirSync(path.join(hostDir, 'node_modules')).length;
			} catch {
				return 0;
			}
		};

		// 1. npm install without install scripts (they download binaries from GitHub and fail offline)
		log(
			`installing n8n ${N8N_VERSION} into ${hostDir} (first run only: ~4 min npm + ~2 min sqlite3, 2.9 GB)…`,
		);
		const npmStarted = Date.now();
		await run(
			npm.cmd,
			[
				...npm.pre,
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=http', // one line per registry request: progress, and the reason when it stalls
				`n8n@${N8N_VERSION}`,
			],
			{
				cwd: hostDir,
				env,
				logFile: path.join(hostDir, 'npm-install.log'),
				heartbeat: (ms, { stderr }) => {
					const fetched = (stderr.match(/http fetch GET 200/g) || []).length;
					const failures = [...stderr.matchAll(/attempt \d+ failed with (\S+)/g)];
					log(
						`  … npm install n8n: ${formatMs(ms)}, ${fetched} registry responses, ` +
							`${countPackages()} packages unpacked` +
							(failures.length
								? `, ${failures.length} failed attempts (last: ${failures[failures.length - 1][1]})`
								: ''),
					);
				},
			},
		);
		timings.n8nNpmInstallMs = Date.now() - npmStarted;
		log(`  npm install n8n done in ${formatMs(timings.n8nNpmInstallMs)}`);

		// 2. the one native module n8n needs, built against Node 24's headers (node-gyp can't download them)
		if (!sqliteLoads(hostDir, nodeBinDir)) {
			const nodedir = await nodeHeadersDir(nodeBinDir);
			log(`  building sqlite3 for Node 24 (headers from ${nodedir})…`);
			const rebuildStarted = Date.now();
			await run(npm.cmd, [...npm.pre, 'rebuild', '--ignore-scripts=false', 'sqlite3'], {
				cwd: hostDir,
				env: envWithNode(nodeBinDir, { npm_config_nodedir: nodedir }),
				logFile: path.join(hostDir, 'rebuild.log'),
				heartbeat: (ms) => log(`  … building sqlite3: ${formatMs(ms)}`),
			});
			timings.sqliteRebuildMs = Date.now() - rebuildStarted;
			log(`  sqlite3 built in ${formatMs(timings.sqliteRebuildMs)}`);
			if (!sqliteLoads(hostDir, nodeBinDir)) {
				throw new Error(
					`sqlite3 still does not load under Node 24 after the rebuild; see ${path.join(hostDir, 'rebuild.log')}`,
				);
			}
		}
		if (installedN8nVersion(hostDir) !== N8N_VERSION) {
			throw new Error(`n8n ${N8N_VERSION} is not in ${hostDir}/node_modules after npm install`);
		}
		const ms = Date.now() - started;
		timings.n8nInstallMs = ms;
		fs.writeFileSync(
			marker,
			JSON.stringify(
				{ n8n: N8N_VERSION, node: nodeVersionOf(path.join(nodeBinDir, 'node')), ms, at: new Date() },
				null,
				2,
			),
		);
		log(`n8n ${N8N_VERSION} ready in ${formatMs(ms)}`);
		return { ...result(), installedNow: true, ms };
	});
}

/** n8n bundles `flatted` (execution data encoding); this package does not depend on it. */
function requireFromN8n(moduleName, hostDir = n8nHostDir()) {
	const n8nDir = path.join(hostDir, 'node_modules', 'n8n');
	return require(require.resolve(moduleName, { paths: [n8nDir, hostDir] }));
}

function decodeFlatted(value, hostDir) {
	if (typeof value !== 'string') return value;
	return requireFromN8n('flatted', hostDir).parse(value);
}

// ---------------------------------------------------------------------------------------------
// the package, the way a user gets it

/** `npm pack` of the (already built) repo into destDir; returns the tarball's path. */
async function packPackage({ repoDir = REPO_DIR, destDir } = {}) {
	if (!fs.existsSync(path.join(repoDir, 'dist'))) {
		throw new Error(`${repoDir}/dist does not exist: run \`npm run build\` before packing`);
	}
	const dest = destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ev-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const npm = npmCommand(null);
	// --ignore-scripts: the package is built already; prepack/prepublish hooks must not rebuild it here
	const res = await run(
		npm.cmd,
		[...npm.pre, 'pack', '--json', '--ignore-scripts', '--pack-destination', dest],
		{ cwd: repoDir, env: { ...process.env } },
	);
	const info = JSON.parse(res.stdout)[0];
	const tarball = path.join(dest, info.filename);
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
	return tarball;
}

// ---------------------------------------------------------------------------------------------
// supervised long-running processes (n8n start): a small watchdog per process that stops it
// when we stop it, when we die (its stdin pipe closes, even on SIGKILL) and on Ctrl-C.

function superviseMain(argv) {
	const sep = argv.indexOf('--');
	const [cmd, ...args] = argv.slice(sep + 1);
	const graceMs = 15000;
	const child = childProcess.spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
	let stopping = false;
	const stop = (why) => {
		if (stopping) return;
		stopping = true;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
		setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			process.exit(why === 'parent-gone' ? 1 : 143);
		}, graceMs).unref();
	};
	process.stdin.on('data', () => {});
	process.stdin.on('end', () => stop('parent-gone'));
	process.stdin.on('close', () => stop('parent-gone'));
	process.on('SIGTERM', () => stop('sigterm'));
	process.on('SIGINT', () => stop('sigint'));
	process.on('SIGHUP', () => stop('sighup'));
	child.on('exit', (code, signal) => {
		// the task runner and anything else in its group go too
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
		process.exit(code === null ? (signal === 'SIGTERM' ? 143 : 137) : code);
	});
}

// ---------------------------------------------------------------------------------------------
// an n8n instance: user folder + environment + CLI + server

const QUIET_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_SECURE_COOKIE: 'false',
	DB_TYPE: 'sqlite',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: 'localhost',
	N8N_PROTOCOL: 'http',
	N8N_LOG_OUTPUT: 'console',
	N8N_HIDE_USAGE_PAGE: 'true',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
};

/** Environment inherited from the caller minus anything that would steer n8n elsewhere. */
function cleanInheritedEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$)/.test(key))
			continue;
		env[key] = value;
	}
	return env;
}

class N8nInstance {
	constructor(opts) {
		Object.assign(this, opts);
		this.server = null;
		this.importCount = 0;
		this.batchCount = 0;
		this.rest = new RestClient(this.baseUrl);
	}

	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	get packageDir() {
		return path.join(this.nodesDir, 'node_modules', PACKAGE_NAME);
	}

	/** Runs an n8n CLI command to completion (`allowFail` keeps a non-zero exit from throwing). */
	async cli(args, { timeoutMs = 300000, allowFail = false } = {}) {
		const logFile = path.join(this.userFolder, 'n8n-cli.log');
		return run(path.join(this.nodeBinDir, 'node'), [this.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env,
			logFile,
			timeoutMs,
			allowFail,
			supervise: true,
		});
	}

	/**
	 * Installs the packed tarball into <userFolder>/.n8n/nodes like `cd ~/.n8n/nodes && npm install <pkg>`.
	 * The package's peer `n8n-workflow` must NOT be installed beside it: n8n puts its own
	 * node_modules on NODE_PATH, so the package resolves n8n's n8n-workflow (one copy, `instanceof
	 * NodeApiError` holds). The package marks the peer optional (peerDependenciesMeta), so the plain
	 * `npm install` the README gives installs no second copy; the check below proves it.
	 */
	async installPackage(tarball) {
		fs.mkdirSync(this.nodesDir, { recursive: true });
		const pkgJson = path.join(this.nodesDir, 'package.json');
		if (!fs.existsSync(pkgJson)) {
			fs.writeFileSync(
				pkgJson,
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			);
		}
		const npm = npmCommand(this.nodeBinDir);
		const started = Date.now();
		await run(
			npm.cmd,
			[
				...npm.pre,
				'install',
				'--ignore-scripts',
				'--omit=dev',
				'--no-audit',
				'--no-fund',
				'--prefer-offline',
				'--loglevel=warn',
				tarball,
			],
			{
				cwd: this.nodesDir,
				env: envWithNode(this.nodeBinDir),
				logFile: path.join(this.userFolder, 'npm-install-package.log'),
			},
		);
		const dupe = path.join(this.nodesDir, 'node_modules', 'n8n-workflow');
		if (fs.existsSync(dupe)) {
			throw new Error(
				`${dupe} exists: a second n8n-workflow beside the package breaks instanceof checks in n8n`,
			);
		}
		if (!fs.existsSync(path.join(this.packageDir, 'package.json'))) {
			throw new Error(`the package is not in ${this.packageDir} after npm install`);
		}
		// n8n skips the whole package (logging only "Failed to load package") if one listed file is missing
		const pkg = JSON.parse(fs.readFileSync(path.join(this.packageDir, 'package.json'), 'utf8'));
		const listed = [...((pkg.n8n && pkg.n8n.nodes) || []), ...((pkg.n8n && pkg.n8n.credentials) || [])];
		const missing = listed.filter((file) => !fs.existsSync(path.join(this.packageDir, file)));
		if (missing.length) {
			throw new Error(
				`package.json's "n8n" block lists ${missing.join(', ')}, but the packed package has no such file: n8n would not load the package`,
			);
		}
		return { packageDir: this.packageDir, ms: Date.now() - started };
	}

	/** Symlinks a folder (the repo, with dist/) as the package instead — fast, for development. */
	linkPackage(dir = REPO_DIR) {
		fs.mkdirSync(path.dirname(this.packageDir), { recursive: true });
		fs.rmSync(this.packageDir, { recursive: true, force: true });
		fs.symlinkSync(dir, this.packageDir, 'dir');
		return { packageDir: this.packageDir };
	}

	_writeImport(kind, data) {
		const dir = path.join(this.userFolder, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${kind}-${++this.importCount}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** Imports credentials (plain-text `data`; n8n encrypts them). Each: { id?, name, type, data }. */
	async importCredentials(credentials) {
		const list = (Array.isArray(credentials) ? credentials : [credentials]).map((c) => ({
			id: c.id || randomId('cred'),
			...c,
		}));
		const file = this._writeImport('credentials', list);
		await this.cli(['import:credentials', `--input=${file}`]);
		return list;
	}

	/** Imports workflows; fills ids (must contain a digit for execute-batch), node ids, positions. */
	async importWorkflows(workflows) {
		const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) => normalizeWorkflow(w));
		const file = this._writeImport('workflows', list);
		await this.cli(['import:workflow', `--input=${file}`]);
		return list;
	}

	/**
	 * `n8n execute-batch` over the given workflow ids in one process. Returns
	 * { ms, exitCode, summary, results: { [id]: { status, error, executionTime, snapshot, execution, runError } } }.
	 * n8n writes snapshots (full run data) only for successful runs, and its summary's `error` is the
	 * error's description if it has one, else its message (+ " on node <name>"). So each result also
	 * carries the stored `execution` (decoded data) and `runError` (resultData.error: message,
	 * description, …) read from the database, for failed runs too.
	 */
	async executeBatch(ids, { timeoutMs = 300000 } = {}) {
		ids = Array.isArray(ids) ? ids : [ids];
		for (const id of ids) {
			if (!/\d/.test(id)) throw new Error(`execute-batch skips ids without a digit: ${id}`);
		}
		const dir = path.join(this.userFolder, `batch-${++this.batchCount}`);
		const snapshotDir = path.join(dir, 'snapshots');
		fs.mkdirSync(snapshotDir, { recursive: true });
		const output = path.join(dir, 'summary.json');
		const started = Date.now();
		const res = await this.cli(
			[
				'execute-batch',
				`--ids=${ids.join(',')}`,
				`--snapshot=${snapshotDir}`,
				`--output=${output}`,
				'--retries=0',
			],
			{ timeoutMs, allowFail: true },
		);
		const ms = Date.now() - started;
		if (!fs.existsSync(output)) {
			throw new Error(
				`execute-batch wrote no summary (exit ${res.code}):\n${tail(res.stderr || res.stdout)}`,
			);
		}
		const summary = JSON.parse(fs.readFileSync(output, 'utf8'));
		if (summary.totalWorkflows !== ids.length || summary.executions.length !== ids.length) {
			throw new Error(
				`execute-batch ran ${summary.totalWorkflows} workflow(s) (${summary.executions.length} results) for ${ids.length} id(s): ${ids.join(',')}`,
			);
		}
		// full run data of every execution (failed ones too) from the database
		const stored = await this.readExecutions({ afterId: this.lastExecutionId || 0 });
		for (const e of stored) this.lastExecutionId = Math.max(this.lastExecutionId || 0, Number(e.id));
		const results = {};
		for (const execution of summary.executions) {
			const snapFile = path.join(snapshotDir, `${execution.workflowId}-snapshot.json`);
			const fromDb = stored.filter((e) => e.workflowId === execution.workflowId).pop() || null;
			results[execution.workflowId] = {
				status: execution.executionStatus,
				error: execution.error,
				executionTime: execution.executionTime,
				snapshot: fs.existsSync(snapFile) ? JSON.parse(fs.readFileSync(snapFile, 'utf8')) : null,
				execution: fromDb,
				runError: (fromDb && fromDb.data && fromDb.data.resultData && fromDb.data.resultData.error) || null,
			};
		}
		return { ms, exitCode: res.code, summary, results };
	}

	/**
	 * Executions stored in the instance's sqlite database (n8n must not be writing: call it after a
	 * CLI run or with the server stopped — reads are safe while it runs, too, thanks to WAL).
	 * Returns [{ id, workflowId, status, mode, startedAt, stoppedAt, data }] with `data` decoded
	 * from flatted (resultData.runData, resultData.error with message, description, httpCode…).
	 */
	async readExecutions({ afterId = 0, workflowId } = {}) {
		const script = `
			const req = (m) => require(require.resolve(m, { paths: [process.env.EV_N8N_DIR] }));
			const sqlite3 = req('sqlite3');
			const flatted = req('flatted');
			const db = new sqlite3.Database(process.env.EV_DB, sqlite3.OPEN_READONLY, (openErr) => {
				if (openErr) { console.error(openErr.message); process.exit(1); }
				db.all(
					'select e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, d.data ' +
						'from execution_entity e left join execution_data d on d.executionId = e.id ' +
						'where e.id > ? order by e.id',
					[Number(process.env.EV_AFTER_ID)],
					(err, rows) => {
						if (err) { console.error(err.message); process.exit(1); }
						const out = rows.map((r) => ({ ...r, id: String(r.id), data: r.data ? flatted.parse(r.data) : null }));
						process.stdout.write(JSON.stringify(out));
						db.close();
					},
				);
			});`;
		const res = await run(path.join(this.nodeBinDir, 'node'), ['-e', script], {
			cwd: this.userFolder,
			env: {
				...this.env,
				EV_N8N_DIR: path.join(this.hostDir, 'node_modules', 'n8n'),
				EV_DB: path.join(this.userFolder, '.n8n', 'database.sqlite'),
				EV_AFTER_ID: String(afterId),
			},
		});
		const rows = JSON.parse(res.stdout || '[]');
		return workflowId ? rows.filter((r) => r.workflowId === workflowId) : rows;
	}

	/** `n8n publish:workflow --id=X` (activation happens when the server starts). */
	async publishWorkflow(id) {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** Starts `n8n start` and waits for /healthz/readiness. */
	async startServer({ timeoutMs = 180000 } = {}) {
		if (this.server) return this.baseUrl;
		const logFile = path.join(this.userFolder, 'n8n-server.log');
		const out = fs.openSync(logFile, 'a');
		const started = Date.now();
		const child = childProcess.spawn(
			process.execPath,
			[__filename, '--supervise', '--', path.join(this.nodeBinDir, 'node'), this.n8nBin, 'start'],
			{ cwd: this.userFolder, env: this.env, stdio: ['pipe', out, out] },
		);
		fs.closeSync(out);
		child.supervised = true;
		track(child);
		this.server = child;
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			if (this.server === child) this.server = null;
		});
		for (;;) {
			if (exited) {
				throw new Error(
					`n8n start exited (${exited.signal || exited.code}) before it was ready; ${logFile}:\n${readTail(logFile)}`,
				);
			}
			if (Date.now() - started > timeoutMs) {
				await this.stop();
				throw new Error(`n8n start not ready after ${formatMs(timeoutMs)}; ${logFile}:\n${readTail(logFile)}`);
			}
			try {
				const res = await fetch(`${this.baseUrl}/healthz/readiness`, {
					signal: AbortSignal.timeout(2000),
				});
				if (res.status === 200) break;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		this.serverStartMs = Date.now() - started;
		log(`n8n ready at ${this.baseUrl} in ${formatMs(this.serverStartMs)} (log: ${logFile})`);
		return this.baseUrl;
	}

	/** Stops the server (SIGTERM, then SIGKILL after the grace period) and waits until it is gone. */
	async stop({ graceMs = 20000 } = {}) {
		const child = this.server;
		this.server = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM'); // the supervisor stops n8n's whole process group
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await gone;
		clearTimeout(timer);
	}

	/** Stops everything and deletes the user folder (unless EV_KEEP_N8N_FOLDER=1). */
	async dispose() {
		await this.stop();
		if (process.env.EV_KEEP_N8N_FOLDER === '1' || this.keep) {
			log(`kept n8n user folder ${this.userFolder}`);
			return;
		}
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function randomId(prefix) {
	// n8n ids: <= 21 chars; execute-batch wants a digit in it
	return `${prefix}${crypto.randomBytes(6).toString('hex')}1`.slice(0, 21);
}

function normalizeWorkflow(w) {
	const nodes = (w.nodes || []).map((n, i) => ({
		id: n.id || crypto.randomUUID(),
		position: n.position || [i * 220, 0],
		parameters: {},
		...n,
	}));
	return {
		id: w.id || randomId('wf'),
		name: w.name || 'Workflow',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		pinData: {},
		...w,
		nodes,
	};
}

/** Builds `connections` for a simple chain of node names: chain('A', 'B', 'C'). */
function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/**
 * A fresh n8n instance (own user folder, encryption key, ports). Call ensureN8n() first or pass
 * its result as `n8n`.
 */
async function createInstance({ n8n, userFolder, port, brokerPort, encryptionKey, env = {}, keep } = {}) {
	const host = n8n || (await ensureN8n());
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'ev-n8n-host-'));
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	const httpPort = port || (await freePort());
	const runnersPort = brokerPort || (await freePort());
	const fullEnv = {
		...cleanInheritedEnv(),
		...QUIET_ENV,
		PATH: [host.nodeBinDir, process.env.PATH || ''].join(path.delimiter),
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: encryptionKey || crypto.randomBytes(24).toString('hex'),
		N8N_PORT: String(httpPort),
		N8N_RUNNERS_BROKER_PORT: String(runnersPort),
		N8N_LOG_LEVEL: process.env.EV_N8N_LOG_LEVEL || 'warn',
		...env,
	};
	return new N8nInstance({
		userFolder: folder,
		hostDir: host.hostDir,
		n8nBin: host.n8nBin,
		nodeBinDir: host.nodeBinDir,
		port: httpPort,
		brokerPort: runnersPort,
		baseUrl: `http://127.0.0.1:${httpPort}`,
		env: fullEnv,
		keep,
	});
}

// ---------------------------------------------------------------------------------------------
// REST API (what the editor does): cookie jar + a fixed browser-id header on every call

class RestClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookies = new Map();
		this.browserId = crypto.randomUUID();
	}

	async request(method, urlPath, body, { expect = [200] } = {}) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookies.size) {
			headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		}
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(120000),
		});
		for (const cookie of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
			const [pair] = cookie.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (expect && !expect.includes(res.status)) {
			const err = new Error(`${method} ${urlPath} → ${res.status}: ${text.slice(0, 500)}`);
			err.status = res.status;
			err.body = json ?? text;
			throw err;
		}
		return { status: res.status, body: json ?? text };
	}

	/** Creates the owner account (first call on a fresh instance) and keeps its session cookie. */
	async setupOwner({
		email = 'owner@example.com',
		password = 'Engage-Voice-1',
		firstName = 'Demo',
		lastName = 'Owner',
	} = {}) {
		const res = await this.request('POST', '/rest/owner/setup', { email, password, firstName, lastName });
		this.owner = { email, password };
		return res.body.data;
	}

	async login({ email, password } = this.owner || {}) {
		const res = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		return res.body.data;
	}

	async createCredential({ name, type, data }) {
		const res = await this.request('POST', '/rest/credentials', { name, type, data });
		return res.body.data;
	}

	/** The editor's "Test" button: { status: 'OK' | 'Error', message }. */
	async testCredential({ id, name = '', type, data }) {
		const res = await this.request('POST', '/rest/credentials/test', {
			credentials: { id, name, type, data },
		});
		return res.body.data;
	}

	async getWorkflow(id) {
		return (await this.request('GET', `/rest/workflows/${id}`)).body.data;
	}

	/** Manual run from a trigger (runs a poll trigger's poll() once); returns the execution id. */
	async runWorkflow(id, { triggerName, data } = {}) {
		const body = triggerName ? { triggerToStartFrom: { name: triggerName, ...(data ? { data } : {}) } } : {};
		const res = await this.request('POST', `/rest/workflows/${id}/run`, body);
		const out = res.body.data || {};
		if (!out.executionId) throw new Error(`run of ${id} returned no executionId: ${JSON.stringify(out)}`);
		return out.executionId;
	}

	/** GET /rest/executions/<id> with `data` decoded from flatted. */
	async getExecution(id) {
		const res = await this.request('GET', `/rest/executions/${id}`);
		const execution = res.body.data;
		if (execution && typeof execution.data === 'string') execution.data = decodeFlatted(execution.data);
		return execution;
	}

	async waitForExecution(id, { timeoutMs = 120000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.request('GET', `/rest/executions/${id}`, undefined, {
				expect: [200, 404],
			});
			const e = execution.body && execution.body.data;
			if (e && !['new', 'running', 'waiting'].includes(e.status) && (e.stoppedAt || e.finished)) {
				return this.getExecution(id);
			}
			if (Date.now() > deadline) throw new Error(`execution ${id} not finished after ${formatMs(timeoutMs)}`);
			await sleep(250);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// run data helpers

/** json of the items a node produced: run data from a snapshot, an IRun or an execution's data. */
function nodeItems(runOrSnapshot, nodeName, { output = 0, run = 0 } = {}) {
	const root = runOrSnapshot.data && runOrSnapshot.data.resultData ? runOrSnapshot.data : runOrSnapshot;
	const runs = root.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	const task = runs[run];
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
	return ((task.data && task.data.main && task.data.main[output]) || []).map((item) => item.json);
}

module.exports = {
	N8N_VERSION,
	PACKAGE_NAME,
	REPO_DIR,
	cacheRoot,
	timings,
	formatMs,
	log,
	freePort,
	ensureNode24,
	ensureN8n,
	n8nHostDir,
	packPackage,
	createInstance,
	N8nInstance,
	RestClient,
	requireFromN8n,
	decodeFlatted,
	nodeItems,
	chain,
	stopAll,
	installSignalHandlers,
	run,
};

// ---------------------------------------------------------------------------------------------
// command line

if (require.main === module) {
	const cmd = process.argv[2];
	if (cmd === '--supervise') {
		superviseMain(process.argv.slice(3));
	} else {
		(async () => {
			if (cmd === 'node24') {
				process.stdout.write(`${await ensureNode24()}\n`);
			} else if (cmd === 'n8n') {
				process.stdout.write(`${(await ensureN8n()).hostDir}\n`);
			} else if (cmd === 'info') {
				process.stdout.write(
					`${JSON.stringify({ cacheRoot: cacheRoot(), n8nHostDir: n8nHostDir(), node24: cachedNodePackageDir() }, null, 2)}\n`,
				);
			} else {
				process.stderr.write('usage: node scripts/n8n-host.js node24 | n8n | info\n');
				process.exit(2);
			}
		})().catch((err) => {
			process.stderr.write(`[n8n-host] ${err.stack || err.message}\n`);
			process.exit(1);
		});
	}
}
