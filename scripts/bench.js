#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the benchmarks of the package, numbers printed, nothing asserted.
 *   1. scripts/bench-parse.js: parse + normalise 100,000 classic rows (CSV and XML) vs bare papaparse / xml2js;
 *   2. scripts/bench-rate.js: 48 report windows through the real node against the simulator at 20 requests/s;
 *   3. scripts/bench-load.js: require + construct the three nodes and four credentials vs requiring n8n-workflow;
 *   4. scripts/bench-field.js: the peak RSS one classic CSV answer with a single 50 MB field costs (it must fail).
 * All run on the compiled package; it is built first when dist/ is missing.
 */
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const ROOT = path.join(__dirname, '..');

function ensureBuild() {
	const built =
		fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'EngageVoice', 'EngageVoice.node.js')) &&
		fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'EngageVoice', 'reports', 'reportRows.js'));
	if (built) return;
	console.log('dist/ is missing: running "npm run build" first\n');
	execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}

async function main() {
	ensureBuild();
	const parse = await require('./bench-parse').run({});
	const rate = await require('./bench-rate').run({});
	const load = await require('./bench-load').run({});
	const field = await require('./bench-field').run({});
	const f = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
	console.log('\nSummary');
	console.log(`  parse ${parse.rows} rows, ours ÷ bare: CSV CPU ${f(parse.ratios.csvCpu)} (time ${f(parse.ratios.csvTime)}), XML CPU ${f(parse.ratios.xmlCpu)} (time ${f(parse.ratios.xmlTime)}), CSV peak RSS ${f(parse.ratios.csvPeakRss)}, XML peak RSS ${f(parse.ratios.xmlPeakRss)}`);
	console.log(`  rate  ${rate.windows} windows at ${rate.budgetPerSecond}/s: achieved ÷ budget ${f(rate.ratio)}, 429s ${rate.status429}`);
	console.log(`  field one ${field.fieldMb} MB CSV field: ${field.failed ? 'failed' : 'ACCEPTED'}, peak RSS ${f(field.peakRssMB, 0)} MB = ${f(field.rssRatio)}× the answer (${f(field.answerMB, 1)} MB)`);
	console.log(`  load  three nodes + four credentials ${f(load.medianMs, 1)} ms (CPU ${f(load.medianCpuMs, 1)} ms; both nodes + three credentials ${f(load.firstScopeMedianMs, 1)} ms), ÷ requiring n8n-workflow ${f(load.ratio)} (CPU ${f(load.cpuRatio)}), ${load.loadedModules} modules; parser libraries required at load: ${load.parserLibraries.length ? load.parserLibraries.join(', ') : 'none'}`);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
