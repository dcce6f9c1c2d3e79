/*
 * Once per e2e run: build the package (unless test/e2e/run.js did), make sure Node 24 and n8n are
 * in the cache, `npm pack` the package, and prepare a template n8n user folder (migrated database,
 * the package installed from the tarball into .n8n/nodes) that every test file copies.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const { formatMs, log } = require('../../scripts/lib/log');
const { ensureN8n } = require('../../scripts/lib/n8nInstall');
const { createInstance } = require('../../scripts/lib/n8nInstance');
const { buildPackage, installTarball, packPackage } = require('../../scripts/lib/packageInstall');

const ROOT = path.resolve(__dirname, '../..');

function timed(timings, label, ms) {
	timings.push({ label, ms });
	log(`${label}: ${formatMs(ms)}`);
}

module.exports = async function globalSetup() {
	const timings = [];
	// test/e2e/run.js passes EV_E2E_DIR (and reads the timings from it afterwards); plain jest gets a temp dir
	if (!process.env.EV_E2E_DIR) {
		process.env.EV_E2E_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-e2e-'));
		process.env.EV_E2E_DIR_CREATED = '1';
	}
	const dir = process.env.EV_E2E_DIR;
	fs.mkdirSync(dir, { recursive: true });

	let t = Date.now();
	if (process.env.EV_E2E_BUILT !== '1') {
		log('building the package (npm run build)…');
		await buildPackage({ quiet: true, logFile: path.join(dir, 'build.log') });
		timed(timings, 'build', Date.now() - t);
	}
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'EngageVoice', 'EngageVoice.node.js'))) {
		throw new Error('dist/nodes/EngageVoice/EngageVoice.node.js is missing after the build');
	}

	t = Date.now();
	const n8n = await ensureN8n();
	timed(timings, n8n.installedNow ? 'n8n install (cold)' : 'n8n install (cached)', Date.now() - t);
	if (n8n.steps.npmInstallMs) timed(timings, '  npm install n8n', n8n.steps.npmInstallMs);
	if (n8n.steps.sqliteRebuildMs) timed(timings, '  sqlite3 rebuild', n8n.steps.sqliteRebuildMs);

	t = Date.now();
	// EV_E2E_PACKAGE_DIR: pack another folder with package.json + dist/ (debugging aid; default: the repo)
	const tarball = await packPackage({
		repoDir: process.env.EV_E2E_PACKAGE_DIR || ROOT,
		destDir: path.join(dir, 'pack'),
	});
	timed(timings, 'npm pack', Date.now() - t);

	// template user folder: migrate the database once, install the package once
	const encryptionKey = crypto.randomBytes(24).toString('hex');
	const template = await createInstance({
		n8n,
		userFolder: path.join(dir, 'template'),
		encryptionKey,
	});
	t = Date.now();
	await installTarball(template, tarball);
	timed(timings, 'package install into .n8n/nodes', Date.now() - t);
	t = Date.now();
	await template.cli(['list:workflow']); // runs the database migrations
	timed(timings, 'n8n database migration (first CLI start)', Date.now() - t);

	const state = {
		dir,
		tarball,
		templateFolder: template.userFolder,
		encryptionKey,
		n8n,
	};
	fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state, null, 2));
	fs.writeFileSync(path.join(dir, 'timings.json'), JSON.stringify(timings, null, 2));
};
