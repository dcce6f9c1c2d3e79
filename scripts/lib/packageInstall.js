'use strict';
/*
 * This package the way a user gets it: built (`npm run build`), packed (`npm pack`) and installed
 * from the tarball into an n8n's community-nodes folder (`cd ~/.n8n/nodes && npm install <tarball>`),
 * with the checks that n8n will load it.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { run } = require('./processes');
const { envWithNode, npmCommand, npmEnv } = require('./toolchain');

const REPO_DIR = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')).name;
const INSTALLED_HASH_FILE = '.ev-demo-package-hash';

function newestMtime(paths) {
	let newest = 0;
	const visit = (p) => {
		let st;
		try {
			st = fs.statSync(p);
		} catch {
			return;
		}
		if (st.isDirectory()) {
			for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
		} else {
			newest = Math.max(newest, st.mtimeMs);
		}
	};
	for (const p of paths) visit(p);
	return newest;
}

/** Whether dist/ is missing or older than a source file. */
function buildNeeded() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
	const outputs = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(REPO_DIR, f));
	let oldestOutput = Infinity;
	for (const f of outputs) {
		try {
			oldestOutput = Math.min(oldestOutput, fs.statSync(f).mtimeMs);
		} catch {
			return true;
		}
	}
	const sources = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'].map((p) =>
		path.join(REPO_DIR, p),
	);
	return newestMtime(sources) > oldestOutput;
}

/**
 * `npm run build` in the repo, with `nodeBinDir` (if given) first on PATH. Its output goes to our
 * terminal unless `quiet`, and to `logFile` if given; a failure throws with the output's tail.
 */
async function buildPackage({ nodeBinDir, quiet = false, logFile } = {}) {
	await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
		cwd: REPO_DIR,
		env: nodeBinDir ? envWithNode(nodeBinDir) : { ...process.env },
		logFile,
		echo: !quiet,
	});
}

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

/**
 * Installs the packed tarball into the instance's .n8n/nodes like `cd ~/.n8n/nodes && npm install
 * <pkg>`. The package's peer `n8n-workflow` must NOT be installed beside it: n8n puts its own
 * node_modules on NODE_PATH, so the package resolves n8n's n8n-workflow (one copy, `instanceof
 * NodeApiError` holds). The package marks the peer optional (peerDependenciesMeta), so the plain
 * `npm install` the README gives installs no second copy; the check below proves it.
 * `instance`: { userFolder, nodesDir, packageDir, nodeBinDir } (an n8nInstance).
 */
async function installTarball(instance, tarball) {
	const { nodesDir, packageDir } = instance;
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson)) {
		fs.writeFileSync(
			pkgJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const npm = npmCommand(instance.nodeBinDir);
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
			cwd: nodesDir,
			env: npmEnv(instance.nodeBinDir),
			logFile: path.join(instance.userFolder, 'npm-install-package.log'),
		},
	);
	const dupe = path.join(nodesDir, 'node_modules', 'n8n-workflow');
	if (fs.existsSync(dupe)) {
		throw new Error(
			`${dupe} exists: a second n8n-workflow beside the package breaks instanceof checks in n8n`,
		);
	}
	if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
		throw new Error(`the package is not in ${packageDir} after npm install`);
	}
	// n8n skips the whole package (logging only "Failed to load package") if one listed file is missing
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const listed = [...((pkg.n8n && pkg.n8n.nodes) || []), ...((pkg.n8n && pkg.n8n.credentials) || [])];
	const missing = listed.filter((file) => !fs.existsSync(path.join(packageDir, file)));
	if (missing.length) {
		throw new Error(
			`package.json's "n8n" block lists ${missing.join(', ')}, but the packed package has no such file: n8n would not load the package`,
		);
	}
	return { packageDir, ms: Date.now() - started };
}

/** Hash of what `npm pack` puts in the tarball (package.json + dist/). */
function packageHash() {
	const hash = crypto.createHash('sha256');
	const visit = (p) => {
		const st = fs.statSync(p);
		if (st.isDirectory()) {
			for (const entry of fs.readdirSync(p).sort()) visit(path.join(p, entry));
		} else {
			hash.update(path.relative(REPO_DIR, p));
			hash.update(fs.readFileSync(p));
		}
	};
	visit(path.join(REPO_DIR, 'package.json'));
	visit(path.join(REPO_DIR, 'dist'));
	return hash.digest('hex');
}

/**
 * Packs the current build (into <workDir>/pack) and installs it into the instance unless that
 * exact build is installed there already (a hash stamp in .n8n/nodes). Returns { skipped, tarball? }.
 */
async function installCurrentBuild(instance, workDir) {
	const stampFile = path.join(instance.nodesDir, INSTALLED_HASH_FILE);
	const hash = packageHash();
	let stamp = null;
	try {
		stamp = fs.readFileSync(stampFile, 'utf8').trim();
	} catch {
		/* first install */
	}
	if (stamp === hash && fs.existsSync(path.join(instance.packageDir, 'package.json'))) {
		return { skipped: true };
	}
	const tarball = await packPackage({ destDir: path.join(workDir, 'pack') });
	await installTarball(instance, tarball);
	fs.writeFileSync(stampFile, hash);
	return { skipped: false, tarball };
}

module.exports = {
	PACKAGE_NAME,
	buildNeeded,
	buildPackage,
	packPackage,
	installTarball,
	installCurrentBuild,
};
