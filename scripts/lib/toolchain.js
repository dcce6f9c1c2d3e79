'use strict';
/*
 * Node 24 and npm for everything that installs or runs n8n: the running Node if it is new enough,
 * else the npm registry's node-<platform>-<arch> package installed once into the cache; which npm
 * to call, and with what environment.
 *
 * Environment: EV_NODE24_SPEC (npm version spec of node-<platform>-<arch>, default 24).
 */
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const { cacheRoot, withLock } = require('./cache');
const { formatMs, log } = require('./log');
const { run } = require('./processes');

function nodeMajor(versionString) {
	return Number(String(versionString).replace(/^v/, '').split('.')[0]);
}

/** `node -v` of a node binary, or null if it does not run. */
function nodeVersionOf(nodeBin) {
	try {
		return childProcess.execFileSync(nodeBin, ['-v'], { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
}

function nodePackageName() {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	return `node-${platform}-${process.arch}`;
}

/** Where the npm registry's Node 24 package is (or will be) installed in the cache. */
function cachedNodePackageDir() {
	return path.join(cacheRoot(), 'node24', 'node_modules', nodePackageName());
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

/** `env` (default: ours) with `nodeBinDir` first on PATH. */
function envWithNode(nodeBinDir, env = process.env) {
	return { ...env, PATH: [nodeBinDir, process.env.PATH || ''].join(path.delimiter) };
}

/**
 * Environment for npm commands that install into the cache or an n8n user folder: ours without
 * npm_config_* (under `npm run`, npm exports the project's config, and this repo's .npmrc sets
 * ignore-scripts), plus `extra`, with `nodeBinDir` (if given) first on PATH.
 */
function npmEnv(nodeBinDir, extra = {}) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)),
	);
	const env = { ...inherited, ...extra };
	return nodeBinDir ? envWithNode(nodeBinDir, env) : env;
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

/** A Node 24 installation folder with C headers (include/node), for building native modules. */
async function nodeHeadersDir(nodeBinDir) {
	const prefix = path.resolve(nodeBinDir, '..');
	if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) return prefix;
	return installNodePackage();
}

module.exports = {
	ensureNode24,
	nodeHeadersDir,
	nodeVersionOf,
	cachedNodePackageDir,
	npmCommand,
	npmEnv,
	envWithNode,
};
