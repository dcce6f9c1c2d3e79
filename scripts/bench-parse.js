#!/usr/bin/env node
'use strict';
/**
 * Benchmark 1: what our report readers cost on top of the bare libraries.
 *
 * Generates a 100,000-row classic queue-statistics report in memory, as CSV and as XML (same
 * data), then times
 *   (a) bare `Papa.parse(text, { header: true })`  vs  our `readReportRows(text, { format: 'csv' })`;
 *   (b) bare xml2js `parseStringPromise(xml)`      vs  our `readReportRows(text, { format: 'xml' })`,
 * `readReportRows` being what the node runs on each report window (parse, normalise every row, keep
 * the rows of the window), and prints the ratios (ours / bare) with the peak memory of each case.
 * Numbers are printed, nothing is asserted.
 *
 * The fixtures are written to a temporary folder (removed afterwards) and each case runs in a
 * child process of its own that reads its fixture, so that neither the generation nor another
 * case counts against it. Peak RSS is the kernel's high-water mark (VmHWM, reset after loading)
 * where Linux allows, else sampled; heapUsed is sampled by a timer and after each phase, and no
 * timer fires during a synchronous parse, so it mostly shows what the result holds (both cases
 * alike). Both are given above the baseline taken after the fixture is loaded.
 *
 * Needs the compiled package: `npm run build`, then `node scripts/bench-parse.js [--rows N] [--repeats N]`.
 * `scripts/bench.js` calls `run()`.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { peakRssFromKernel, resetKernelPeak } = require('./lib/peakRss');
const { fork } = require('child_process');

const REPORTS_DIST = path.join(__dirname, '..', 'dist', 'nodes', 'EngageVoice', 'reports');

const QUEUE_COLUMNS = [
	'interval',
	'date_from',
	'time (H24:MI)',
	'queue',
	'queue_name',
	'offd_direct_call_cnt',
	'overflow_in_call_cnt',
	'aband_call_cnt',
	'overflow_out_call_cnt',
	'answ_call_cnt',
	'queued_and_answ_call_dur',
	'queued_and_aband_call_dur',
	'talking_call_dur',
	'wrap_up_dur',
	'queued_answ_longest_que_dur',
	'queued_aband_longest_que_dur',
	'ans_servicelevel_cnt',
	'wait_dur',
	'aband_short_call_cnt',
	'aband_within_sl_cnt',
];
// XML names cannot hold spaces or parentheses: the time column is `time` there.
const XML_NAMES = QUEUE_COLUMNS.map((name) => (name === 'time (H24:MI)' ? 'time' : name));

const CASES = ['csv-bare', 'csv-ours', 'xml-bare', 'xml-ours'];
const QUEUES = 50;

function loadOurs() {
	const file = (name) => path.join(REPORTS_DIST, name);
	if (!fs.existsSync(file('reportRows.js'))) {
		throw new Error(`No compiled reports in ${REPORTS_DIST}: run "npm run build" first.`);
	}
	return { readReportRows: require(file('reportRows.js')).readReportRows };
}

/** Deterministic rows: 50 queues per hourly interval, counts from a small LCG. */
function generateRows(count) {
	let seed = 7;
	const next = (max) => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed % max;
	};
	const start = Date.UTC(2024, 0, 1, 5);
	const rows = [];
	for (let i = 0; i < count; i++) {
		const at = new Date(start + Math.floor(i / QUEUES) * 3600000);
		const date = at.toISOString().slice(0, 10);
		const time = at.toISOString().slice(11, 16);
		const queue = 5600 + (i % QUEUES);
		const answered = next(40);
		rows.push([
			'60',
			date,
			time,
			String(queue),
			i % 7 === 0 ? `Queue ${queue}, "priority"` : `Queue ${queue}`,
			String(answered + next(5)),
			String(next(3)),
			String(next(4)),
			String(next(3)),
			String(answered),
			String(next(900)),
			String(next(300)),
			String(next(5000)),
			String(next(600)),
			String(next(120)),
			String(next(120)),
			String(next(answered + 1)),
			String(next(900)),
			String(next(2)),
			String(next(2)),
		]);
	}
	return rows;
}

function csvCell(value) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows) {
	const lines = [QUEUE_COLUMNS.map(csvCell).join(',')];
	for (const row of rows) lines.push(row.map(csvCell).join(','));
	return lines.join('\r\n') + '\r\n';
}

function xmlText(value) {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function toXml(rows) {
	const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<aggQueueStats>\n'];
	for (const row of rows) {
		parts.push('  <row>');
		row.forEach((value, i) => parts.push(`<${XML_NAMES[i]}>${xmlText(value)}</${XML_NAMES[i]}>`));
		parts.push('</row>\n');
	}
	parts.push('</aggQueueStats>\n');
	return parts.join('');
}

/* ---------- child: one case ---------- */

async function runCase(name, fixture, repeats) {
	const Papa = require('papaparse');
	const xml2js = require('xml2js');
	const ours = loadOurs();
	const text = fs.readFileSync(fixture, 'utf8');
	if (global.gc) global.gc();

	const kernelPeak = resetKernelPeak();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heapUsed: base.heapUsed };
	const sample = () => {
		const now = process.memoryUsage();
		if (now.rss > peak.rss) peak.rss = now.rss;
		if (now.heapUsed > peak.heapUsed) peak.heapUsed = now.heapUsed;
	};
	const timer = setInterval(sample, 5);

	const ctx = {
		family: 'classic',
		requestTimeZone: 'US/Eastern',
		outputTimeZone: 'US/Eastern',
		subAccountId: '15910001',
		window: { startMs: Date.UTC(2024, 0, 1), endMs: Date.UTC(2025, 0, 1) },
	};
	// What the node runs per window: parse, normalise, keep the rows of the window.
	const readRows = async (format) => {
		const { rows } = await ours.readReportRows(text, { report: 'queueStats', windowLabel: 'bench', format, context: ctx });
		sample();
		return rows.length;
	};

	const work = {
		'csv-bare': async () => Papa.parse(text, { header: true, skipEmptyLines: true }).data.length,
		'csv-ours': () => readRows('csv'),
		'xml-bare': async () => {
			const doc = await xml2js.parseStringPromise(text);
			return doc.aggQueueStats.row.length;
		},
		'xml-ours': () => readRows('xml'),
	}[name];

	const times = [];
	const cpuTimes = [];
	let rowsOut = 0;
	for (let r = 0; r < repeats; r++) {
		if (global.gc) global.gc();
		const started = process.hrtime.bigint();
		const cpuStart = process.cpuUsage();
		rowsOut = await work();
		const cpu = process.cpuUsage(cpuStart);
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
		cpuTimes.push((cpu.user + cpu.system) / 1000);
		sample();
	}
	clearInterval(timer);
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const peakRss = (kernelPeak && peakRssFromKernel()) || peak.rss;
	return {
		case: name,
		rows: rowsOut,
		inputMB: Buffer.byteLength(text) / 1048576,
		medianMs: median(times),
		minMs: Math.min(...times),
		medianCpuMs: median(cpuTimes),
		peakRssMB: (peakRss - base.rss) / 1048576,
		peakHeapUsedMB: (peak.heapUsed - base.heapUsed) / 1048576,
		rssSource: kernelPeak ? 'VmHWM' : 'sampled',
	};
}

/* ---------- parent ---------- */

function runInChild(name, fixture, repeats) {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--child', name, fixture, String(repeats)], {
			execArgv: ['--expose-gc', '--max-old-space-size=4096'],
		});
		let result;
		child.on('message', (message) => {
			if (message && message.error) reject(new Error(`${name}: ${message.error}`));
			else result = message;
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			if (result) resolve(result);
			else reject(new Error(`${name}: child exited with code ${code}`));
		});
	});
}

const fmt = (value, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));

function print(results, rowCount, repeats) {
	console.log(`\nBenchmark 1: parse + normalise ${rowCount} classic queue-stats rows (median of ${repeats})\n`);
	console.log('case       rows     input MB   median ms   min ms   median CPU ms   peak RSS MB   peak heapUsed MB');
	for (const r of results) {
		console.log(
			`${r.case.padEnd(9)} ${String(r.rows).padStart(7)} ${fmt(r.inputMB).padStart(10)} ${fmt(r.medianMs).padStart(11)} ${fmt(r.minMs).padStart(8)} ${fmt(r.medianCpuMs).padStart(15)} ${fmt(r.peakRssMB).padStart(13)} ${fmt(r.peakHeapUsedMB).padStart(18)}`,
		);
	}
	const by = Object.fromEntries(results.map((r) => [r.case, r]));
	console.log('\nratios (ours / bare)   time   CPU time   peak RSS   peak heapUsed');
	for (const format of ['csv', 'xml']) {
		const bare = by[`${format}-bare`];
		const own = by[`${format}-ours`];
		const ratio = (a, b) => (b > 0 ? fmt(a / b, 2) : '-');
		console.log(
			`${format.toUpperCase().padEnd(22)} ${ratio(own.medianMs, bare.medianMs).padStart(5)} ${ratio(own.medianCpuMs, bare.medianCpuMs).padStart(10)} ${ratio(own.peakRssMB, bare.peakRssMB).padStart(10)} ${ratio(own.peakHeapUsedMB, bare.peakHeapUsedMB).padStart(15)}`,
		);
	}
	console.log('\nCPU time counts every thread (GC helpers too); it is steadier than wall time on a busy machine.');
	console.log(`\npeak RSS: ${results[0].rssSource === 'VmHWM' ? 'kernel high-water mark (VmHWM)' : 'sampled'}; heapUsed: sampled.`);
	console.log('"ours" is what the node runs per window: parse, normalise every row (types, names, interval start/end with offsets), keep the window\'s rows.');
}

/** Runs all four cases; prints the table and returns the numbers. */
async function run(options = {}) {
	const rowCount = options.rows ?? 100000;
	const repeats = options.repeats ?? 3;
	loadOurs(); // fail early, before forking, when the build is missing
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-bench-parse-'));
	const results = [];
	try {
		const rows = generateRows(rowCount);
		const fixtures = { csv: path.join(dir, 'queue-stats.csv'), xml: path.join(dir, 'queue-stats.xml') };
		fs.writeFileSync(fixtures.csv, toCsv(rows));
		fs.writeFileSync(fixtures.xml, toXml(rows));
		for (const name of CASES) {
			results.push(await runInChild(name, fixtures[name.slice(0, 3)], repeats));
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	if (options.print !== false) print(results, rowCount, repeats);
	const by = Object.fromEntries(results.map((r) => [r.case, r]));
	return {
		rows: rowCount,
		repeats,
		results,
		ratios: {
			csvTime: by['csv-ours'].medianMs / by['csv-bare'].medianMs,
			xmlTime: by['xml-ours'].medianMs / by['xml-bare'].medianMs,
			csvCpu: by['csv-ours'].medianCpuMs / by['csv-bare'].medianCpuMs,
			xmlCpu: by['xml-ours'].medianCpuMs / by['xml-bare'].medianCpuMs,
			csvPeakRss: by['csv-ours'].peakRssMB / by['csv-bare'].peakRssMB,
			xmlPeakRss: by['xml-ours'].peakRssMB / by['xml-bare'].peakRssMB,
		},
	};
}

function argValue(flag) {
	const at = process.argv.indexOf(flag);
	return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

if (require.main === module) {
	if (process.argv[2] === '--child') {
		runCase(process.argv[3], process.argv[4], Number(process.argv[5]))
			.then((result) => process.send(result))
			.catch((error) => process.send({ error: error.stack || String(error) }))
			.finally(() => process.disconnect());
	} else {
		run({ rows: argValue('--rows'), repeats: argValue('--repeats') }).catch((error) => {
			console.error(error.message);
			process.exitCode = 1;
		});
	}
}

module.exports = { run, generateRows, toCsv, toXml };
