#!/usr/bin/env node
/*
 * `npm run test:e2e`: build the package, then run the real-n8n e2e tests (jest.e2e.config.js,
 * --runInBand) under Node 24, and print how long each stage took. `npm run test:queue` runs the
 * queue-mode suite the same way (`--suite queue`: jest.queue.config.js, test/queue).
 *
 *   npm run test:e2e                         everything
 *   npm run test:e2e -- -t "client secret"   extra arguments go to jest
 *   EV_E2E_SKIP_BUILD=1 npm run test:e2e     reuse dist/ as it is
 *   EV_KEEP_N8N_FOLDER=1 npm run test:e2e    keep the n8n user folders and logs
 *   EV_CACHE_DIR=/path                       where Node 24 and n8n are cached (default ~/.cache/n8n-nodes-engage-voice)
 */
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { formatMs, log } = require('../../scripts/lib/log');
const { buildPackage } = require('../../scripts/lib/packageInstall');
const { ensureNode24, envWithNode } = require('../../scripts/lib/toolchain');

const ROOT = path.resolve(__dirname, '../..');

const SUITES = { e2e: 'jest.e2e.config.js', queue: 'jest.queue.config.js' };

async function main() {
	const argv = process.argv.slice(2);
	const suiteAt = argv.indexOf('--suite');
	const suite = suiteAt >= 0 ? argv.splice(suiteAt, 2)[1] : 'e2e';
	if (!SUITES[suite]) throw new Error(`unknown --suite "${suite}": one of ${Object.keys(SUITES).join(', ')}`);
	const started = Date.now();
	const stages = [];
	const stage = (label, ms) => {
		stages.push({ label, ms });
		log(`${label}: ${formatMs(ms)}`);
	};

	let t = Date.now();
	const nodeBinDir = await ensureNode24();
	if (Date.now() - t > 2000) stage('Node 24', Date.now() - t);
	const env = envWithNode(nodeBinDir);

	if (process.env.EV_E2E_SKIP_BUILD !== '1') {
		t = Date.now();
		log('npm run build…');
		await buildPackage({ nodeBinDir });
		stage('build', Date.now() - t);
	}

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ev-${suite}-`));
	const jestBin = require.resolve('jest/bin/jest', { paths: [ROOT] });
	const args = [jestBin, '-c', path.join(ROOT, SUITES[suite]), '--runInBand', ...argv];
	t = Date.now();
	const code = await new Promise((resolve) => {
		const child = childProcess.spawn(path.join(nodeBinDir, 'node'), args, {
			cwd: ROOT,
			env: { ...env, EV_E2E_DIR: dir, EV_E2E_BUILT: '1' },
			stdio: 'inherit',
		});
		// Ctrl-C reaches jest and the n8n supervisors directly (same process group): just wait for them
		const onSignal = () => {};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', () => child.kill('SIGTERM'));
		child.on('exit', (c, signal) => resolve(c === null ? (signal === 'SIGINT' ? 130 : 1) : c));
	});
	stage('jest (setup + tests)', Date.now() - t);

	let timings = [];
	try {
		timings = JSON.parse(fs.readFileSync(path.join(dir, 'timings.json'), 'utf8'));
	} catch {
		/* setup failed early */
	}
	const lines = [...stages.slice(0, -1), ...timings, stages[stages.length - 1], { label: 'total', ms: Date.now() - started }];
	process.stderr.write(`\n── ${suite} timings ─────────────────────────────────────────────\n`);
	for (const { label, ms } of lines) process.stderr.write(`  ${label.padEnd(52)} ${formatMs(ms).padStart(8)}\n`);
	process.stderr.write('─────────────────────────────────────────────────────────────\n');

	if (code === 0 && process.env.EV_KEEP_N8N_FOLDER !== '1') {
		fs.rmSync(dir, { recursive: true, force: true });
	} else {
		process.stderr.write(`n8n user folders and logs kept in ${dir}\n`);
	}
	return code;
}

main().then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`[e2e] ${err.stack || err.message}\n`);
		process.exit(1);
	},
);
