#!/usr/bin/env node
'use strict';
/**
 * Benchmark 4: the memory one oversized answer costs (issue 9 item 14).
 *
 * A local HTTP server stands in for a classic Engage host and answers Queue Statistics with a CSV
 * whose one row holds a single field of N MB (default 50) in `queue_name`. The compiled node
 * (dist/) runs Report › Queue Statistics (classic, CSV, one window) through n8n-core's
 * WorkflowExecute in a fresh child process, which measures its own peak RSS (VmHWM, reset just
 * before the run) above its RSS before the run. The node's answer and field bounds are left at
 * their defaults unless --max-answer-mb / --max-field-kb are given.
 *
 * Printed, not asserted: the peak RSS, whether the node failed (and its message) and how many
 * bytes the server managed to send before the node stopped reading.
 *
 * `node scripts/bench-field.js [--field-mb 50] [--dist DIR] [--max-answer-mb N] [--max-field-kb N]
 * [--output items|both|files] [--include-raw]` (--dist: another build, e.g. of the previous commit,
 * to compare; default Output: Items). `scripts/bench.js` calls `run()`.
 */
const { fork } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { peakRssFromKernel, resetKernelPeak } = require('./lib/peakRss');

const ROOT = path.join(__dirname, '..');

const HEADER =
	'interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt';

/** The classic CSV: a header and one row whose queue name is `fieldBytes` long. */
function oversizedCsv(fieldBytes) {
	const head = Buffer.from(`${HEADER}\r\n60,2026-01-05,09:00,5686,`);
	const tail = Buffer.from(',3,0,0,0,3,9,0,90,13,1,0,0,13,0,0\r\n');
	return Buffer.concat([head, Buffer.alloc(fieldBytes, 'x'), tail]);
}

/* ---------- child: one run of the node ---------- */

async function child(dist, host, options) {
	if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-bench-n8n-'));
	process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'engage-voice-bench-key';
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'error';
	const { runWorkflow } = require('./bench-rate');
	const core = require('n8n-core');
	const n8nWorkflow = require('n8n-workflow');
	const { EngageVoice } = require(path.join(dist, 'nodes', 'EngageVoice', 'EngageVoice.node.js'));
	const { EngageVoiceTokenApi } = require(path.join(dist, 'credentials', 'EngageVoiceTokenApi.credentials.js'));
	const credential = { host: 'customCurrent', customHost: host, apiToken: 'bench-token-0123456789', mainAccountId: '1', rcAccountId: '1' };
	const parameters = {
		authentication: 'apiToken',
		resource: 'report',
		operation: 'queueStats',
		subAccount: { __rl: true, mode: 'id', value: '15910001' },
		apiFamily: 'classic',
		start: '2026-01-05T09:00:00',
		end: '2026-01-05T10:00:00',
		timeZone: 'UTC',
		interval: 60,
		options: {
			reportRequestsPerSecond: 10,
			maxRetries: 0,
			...(options.maxAnswerMb ? { maxAnswerMegabytes: options.maxAnswerMb } : {}),
			...(options.maxFieldKb ? { maxFieldKilobytes: options.maxFieldKb } : {}),
			...(options.output ? { output: options.output } : {}),
			...(options.includeRaw ? { includeRaw: true } : {}),
		},
	};
	global.gc?.();
	const kernelPeak = resetKernelPeak();
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	let outcome;
	try {
		const items = await runWorkflow(core, n8nWorkflow, new EngageVoice(), new EngageVoiceTokenApi(), credential, parameters);
		outcome = { failed: false, items: items.length };
	} catch (error) {
		outcome = { failed: true, message: String(error.message).slice(0, 300) };
	}
	clearInterval(timer);
	const peakRss = (kernelPeak && peakRssFromKernel()) || peak;
	return { ...outcome, peakRssMB: (peakRss - base) / 1048576, rssSource: kernelPeak ? 'VmHWM' : 'sampled' };
}

/* ---------- parent ---------- */

async function run(options = {}) {
	const fieldMb = options.fieldMb ?? 50;
	const dist = path.resolve(options.dist ?? path.join(ROOT, 'dist'));
	if (!fs.existsSync(path.join(dist, 'nodes', 'EngageVoice', 'EngageVoice.node.js'))) {
		throw new Error(`No compiled node in ${dist}: run "npm run build" first.`);
	}
	const body = oversizedCsv(fieldMb * 1048576);
	let sentBytes = 0;
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			if (req.method !== 'POST') {
				res.writeHead(404).end();
				return;
			}
			res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': body.length });
			// in 64 KB pieces, so that what was sent before the client hung up can be counted
			let offset = 0;
			const write = () => {
				while (offset < body.length) {
					const piece = body.subarray(offset, offset + 65536);
					offset += piece.length;
					sentBytes += piece.length;
					if (!res.write(piece)) return void res.once('drain', write);
				}
				res.end();
			};
			res.on('close', () => (offset = body.length));
			write();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const host = `http://127.0.0.1:${server.address().port}`;
	try {
		const result = await new Promise((resolve, reject) => {
			const proc = fork(__filename, ['--child', dist, host, JSON.stringify(options)], {
				execArgv: ['--expose-gc', '--max-old-space-size=4096'],
			});
			proc.on('message', resolve);
			proc.on('error', reject);
			proc.on('exit', (code) => (code ? reject(new Error(`child exited with ${code}`)) : undefined));
		});
		const answerMB = body.length / 1048576;
		const summary = { fieldMb, answerMB, sentMB: sentBytes / 1048576, dist, ...result, rssRatio: result.peakRssMB / answerMB };
		if (options.print !== false) print(summary);
		return summary;
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

function print(r) {
	console.log(`\nBenchmark 4: one CSV field of ${r.fieldMb} MB (answer ${r.answerMB.toFixed(1)} MB), node from ${path.relative(process.cwd(), r.dist) || '.'}\n`);
	console.log(`peak RSS above the start  ${r.peakRssMB.toFixed(0)} MB (${r.rssSource}), ${r.rssRatio.toFixed(2)}× the answer`);
	console.log(`bytes the server sent     ${r.sentMB.toFixed(1)} MB`);
	console.log(`node                      ${r.failed ? `failed: ${r.message}` : `returned ${r.items} item(s)`}`);
}

function argValue(flag) {
	const at = process.argv.indexOf(flag);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[2] === '--child') {
	const [dist, host, options] = process.argv.slice(3);
	child(dist, host, JSON.parse(options)).then(
		(result) => process.send(result, () => process.exit(0)),
		(error) => {
			console.error(error.stack || error.message);
			process.exit(1);
		},
	);
} else if (require.main === module) {
	run({
		fieldMb: argValue('--field-mb') === undefined ? undefined : Number(argValue('--field-mb')),
		dist: argValue('--dist'),
		maxAnswerMb: argValue('--max-answer-mb') === undefined ? undefined : Number(argValue('--max-answer-mb')),
		maxFieldKb: argValue('--max-field-kb') === undefined ? undefined : Number(argValue('--max-field-kb')),
		output: argValue('--output'),
		includeRaw: process.argv.includes('--include-raw'),
	}).catch((error) => {
		console.error(error.stack || error.message);
		process.exitCode = 1;
	});
}

module.exports = { run };
