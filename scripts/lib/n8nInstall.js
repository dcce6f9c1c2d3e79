'use strict';
/*
 * n8n itself, pinned, installed once under Node 24 into <cache>/n8n-<version> and reused: npm
 * install without install scripts (they download binaries and fail offline), then sqlite3 (the one
 * native module n8n needs) built against Node 24's headers. A marker file says the install is
 * complete; a lock keeps two processes from installing at once.
 */
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const { cacheRoot, withLock } = require('./cache');
const { formatMs, log } = require('./log');
const { run } = require('./processes');
const { ensureNode24, nodeHeadersDir, nodeVersionOf, npmCommand, npmEnv } = require('./toolchain');

const N8N_VERSION = '2.41.1';
const READY_MARKER = '.ev-ready.json';

function n8nHostDir() {
	return path.join(cacheRoot(), `n8n-${N8N_VERSION}`);
}

function installedN8nVersion(hostDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(hostDir, 'node_modules', 'n8n', 'package.json'), 'utf8'))
			.version;
	} catch {
		return null;
	}
}

/** Whether the pinned n8n is installed completely (ensureN8n() would not install anything). */
function n8nInstalled(hostDir = n8nHostDir()) {
	return fs.existsSync(path.join(hostDir, READY_MARKER)) && installedN8nVersion(hostDir) === N8N_VERSION;
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

/**
 * Installs n8n (pinned) into <cache>/n8n-<version> once and returns { hostDir, n8nBin, nodeBinDir,
 * installedNow, ms, steps }; `steps` has npmInstallMs and sqliteRebuildMs when it installed now.
 */
async function ensureN8n() {
	const nodeBinDir = await ensureNode24();
	const hostDir = n8nHostDir();
	const result = () => ({
		hostDir,
		n8nBin: path.join(hostDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBinDir,
		installedNow: false,
		ms: 0,
		steps: {},
	});
	if (n8nInstalled(hostDir)) return result();

	return withLock(`n8n-${N8N_VERSION}`, async () => {
		if (n8nInstalled(hostDir)) return result();
		const started = Date.now();
		const steps = {};
		fs.mkdirSync(hostDir, { recursive: true });
		fs.writeFileSync(
			path.join(hostDir, 'package.json'),
			JSON.stringify(
				{ name: 'ev-n8n-host', private: true, dependencies: { n8n: N8N_VERSION } },
				null,
				2,
			),
		);
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
				env: npmEnv(nodeBinDir),
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
		steps.npmInstallMs = Date.now() - npmStarted;
		log(`  npm install n8n done in ${formatMs(steps.npmInstallMs)}`);

		// 2. the one native module n8n needs, built against Node 24's headers (node-gyp can't download them)
		if (!sqliteLoads(hostDir, nodeBinDir)) {
			const nodedir = await nodeHeadersDir(nodeBinDir);
			log(`  building sqlite3 for Node 24 (headers from ${nodedir})…`);
			const rebuildStarted = Date.now();
			await run(npm.cmd, [...npm.pre, 'rebuild', '--ignore-scripts=false', 'sqlite3'], {
				cwd: hostDir,
				env: npmEnv(nodeBinDir, { npm_config_nodedir: nodedir }),
				logFile: path.join(hostDir, 'rebuild.log'),
				heartbeat: (ms) => log(`  … building sqlite3: ${formatMs(ms)}`),
			});
			steps.sqliteRebuildMs = Date.now() - rebuildStarted;
			log(`  sqlite3 built in ${formatMs(steps.sqliteRebuildMs)}`);
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
		fs.writeFileSync(
			path.join(hostDir, READY_MARKER),
			JSON.stringify(
				{ n8n: N8N_VERSION, node: nodeVersionOf(path.join(nodeBinDir, 'node')), ms, at: new Date() },
				null,
				2,
			),
		);
		log(`n8n ${N8N_VERSION} ready in ${formatMs(ms)}`);
		return { ...result(), installedNow: true, ms, steps };
	});
}

/** A module n8n bundles (flatted, sqlite3), from the installed n8n; this package does not depend on them. */
function requireFromN8n(moduleName, hostDir = n8nHostDir()) {
	const n8nDir = path.join(hostDir, 'node_modules', 'n8n');
	return require(require.resolve(moduleName, { paths: [n8nDir, hostDir] }));
}

module.exports = { N8N_VERSION, n8nHostDir, n8nInstalled, ensureN8n, requireFromN8n };
