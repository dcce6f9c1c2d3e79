#!/usr/bin/env node
/*
 * `npm run demo`: real n8n with this package, on the bundled Engage Voice simulator, in one command.
 *
 *   1. builds the package (skipped when dist/ is newer than every source file);
 *   2. starts the simulator (seed 7, clock = real time) on :5680 and a small "CRM" sink on :5681;
 *   3. installs Node 24 and n8n 2.41.1 into the cache on first use (progress shown; reused later);
 *   4. packs the package and installs it into the demo's ~/.n8n/nodes as a user would (npm pack +
 *      npm install <tarball>; skipped when that exact build is installed already);
 *   5. starts n8n on http://localhost:5678 with a fresh database, creates the owner account, the
 *      three kinds of credentials for the simulator, a data table and the example workflows
 *      (examples/*.json, adapted to the simulator: see demoWorkflows below), and activates the two
 *      trigger workflows with Start From two hours back so that data arrives at once;
 *   6. prints the URL, the login and what to try first. Ctrl-C stops everything it started.
 *
 * Works offline once the cache holds n8n (and npm's cache the package's two dependencies).
 *
 * Options: --port 5678 (n8n), --sim-port 5680, --sink-port 5681, --no-activate (leave the trigger
 * workflows inactive), --no-build. EV_CACHE_DIR moves the cache (default ~/.cache/n8n-nodes-engage-voice).
 *
 * The functions below are also used by the e2e tests (test/e2e/examples.e2e.test.ts, trigger.e2e.test.ts)
 * and by scripts/screenshots.js, so that they check exactly what the demo sets up.
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const { cacheRoot } = require('./lib/cache');
const { formatMs } = require('./lib/log');
const { N8N_VERSION, ensureN8n, n8nHostDir } = require('./lib/n8nInstall');
const { createInstance } = require('./lib/n8nInstance');
const { installTarball, packPackage } = require('./lib/packageInstall');
const { installSignalHandlers, stopAll } = require('./lib/processes');
const { ensureNode24 } = require('./lib/toolchain');
const { credentialData } = require('../test/simulator/credentials');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');

const DEFAULTS = { port: 5678, simPort: 5680, sinkPort: 5681, seed: 7 };
const OWNER = { email: 'demo@example.com', password: 'EngageVoice-Demo1', firstName: 'Demo', lastName: 'User' };
/** The demo's and the tests' n8n time zone (the simulator's contact center runs on US/Eastern). */
const TIME_ZONE = 'America/New_York';
/** Report budget of the demo: the simulator allows more than a real account (2/min, 9/15 min). */
const DEMO_REPORT_LIMITS = [{ count: 300, windowMs: 60_000 }];
const DEMO_REPORT_REQUESTS_PER_SECOND = 2;
/** How far back the demo's trigger workflows start (Start From), so that data arrives at once. */
const DEMO_BACKFILL_MS = 2 * 60 * 60_000;

const EXAMPLES = {
	queueStats: 'queue-statistics-to-google-sheets.json',
	roster: 'nightly-roster-sync-to-data-table.json',
	recordings: 'call-recording-to-crm.json',
	aiAgent: 'ai-agent-yesterdays-queues.json',
};

const DEMO_IDS = {
	queueStats: 'evDemoQueueStats01',
	roster: 'evDemoRoster01',
	recordings: 'evDemoRecordings01',
	aiAgent: 'evDemoAiAgent01',
};

/** The data table the queue statistics demo writes to (instead of Google Sheets). */
const QUEUE_STATS_TABLE = {
	name: 'Engage Voice queue statistics',
	columns: [
		['rowKey', 'string'],
		['intervalStart', 'string'],
		['queue', 'number'],
		['queueName', 'string'],
		['offered', 'number'],
		['answered', 'number'],
		['abandoned', 'number'],
		['answeredWithinServiceLevel', 'number'],
		['talkSeconds', 'number'],
		['wrapUpSeconds', 'number'],
		['waitSeconds', 'number'],
		['longestWaitAnsweredSeconds', 'number'],
		['changeType', 'string'],
	].map(([name, type]) => ({ name, type })),
};

const ENGAGE_TYPES = new Set([
	'n8n-nodes-engage-voice.engageVoice',
	'n8n-nodes-engage-voice.engageVoiceTrigger',
	'n8n-nodes-engage-voice.engageVoiceTool',
]);

// ---------------------------------------------------------------------------------------------
// examples and their demo variants

/** The shipped example workflows (examples/*.json), parsed. */
function readExamples() {
	const out = {};
	for (const [key, file] of Object.entries(EXAMPLES)) {
		out[key] = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
	}
	return out;
}

function renameNode(workflow, from, to) {
	for (const node of workflow.nodes) if (node.name === from) node.name = to;
	const connections = {};
	for (const [source, outputs] of Object.entries(workflow.connections)) {
		const copy = JSON.parse(JSON.stringify(outputs));
		for (const list of Object.values(copy)) {
			for (const branch of list) for (const c of branch || []) if (c.node === from) c.node = to;
		}
		connections[source === from ? to : source] = copy;
	}
	workflow.connections = connections;
}

function nodeOfType(workflow, type) {
	const node = workflow.nodes.find((n) => n.type === type);
	if (!node) throw new Error(`${workflow.name}: no ${type} node`);
	return node;
}

function demoNote(workflow, example, text) {
	const about = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote');
	const [x, y] = about ? about.position : [-40, -400];
	const width = about ? about.parameters.width : 600;
	workflow.nodes.push({
		id: crypto.randomUUID(),
		name: 'Demo variant',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [x + width + 40, y],
		parameters: {
			content: `## Demo variant\nThis is \`examples/${example}\` adapted to the simulator:\n${text}`,
			width: 380,
			height: 300,
			color: 5,
		},
	});
}

/**
 * The demo variants of the examples: every Engage Voice node on the simulator's credential and
 * main sub-account (with the demo's report budget); (a) writes to an n8n data table instead of
 * Google Sheets; (c) posts to the local CRM sink without auth; the triggers start `startFromMs`.
 *
 * ctx: { credential: {id, name} (engageVoiceJwtApi), subAccount: {subAccountId, subAccountName},
 *        queueStatsTable: {id, name, projectId}, sinkUrl, startFromMs?, pollMinutes?,
 *        demoBudget? (default true: raise the report budget to the simulator's demo limit; false keeps
 *        the node's defaults, 2 per minute and 9 per 15 minutes) }
 */
function demoWorkflows(ctx) {
	const examples = readExamples();
	const startFrom = ctx.startFromMs === undefined ? undefined : new Date(ctx.startFromMs).toISOString();
	const list = [];
	for (const [key, example] of Object.entries(examples)) {
		const workflow = JSON.parse(JSON.stringify(example));
		workflow.id = DEMO_IDS[key];
		workflow.name = `${workflow.name} (demo)`;
		workflow.settings = { ...(workflow.settings || {}), executionOrder: 'v1', timezone: TIME_ZONE };
		for (const node of workflow.nodes) {
			if (!ENGAGE_TYPES.has(node.type)) continue;
			node.parameters.authentication = 'ringCentralJwt';
			node.credentials = { engageVoiceJwtApi: { id: ctx.credential.id, name: ctx.credential.name } };
			const sub = node.parameters.subAccount;
			if (sub && sub.mode === 'list') {
				node.parameters.subAccount = {
					__rl: true,
					mode: 'list',
					value: String(ctx.subAccount.subAccountId),
					cachedResultName: ctx.subAccount.subAccountName,
				};
			}
			const reportNode =
				node.type.endsWith('engageVoiceTrigger') ||
				(node.parameters.resource === 'report' && node.parameters.operation);
			if (reportNode && ctx.demoBudget !== false) {
				node.parameters.options = {
					...(node.parameters.options || {}),
					reportRequestsPerSecond: DEMO_REPORT_REQUESTS_PER_SECOND,
				};
			}
			if (node.type.endsWith('engageVoiceTrigger')) {
				if (startFrom) node.parameters.startFrom = startFrom;
				if (ctx.pollMinutes) {
					node.parameters.pollTimes = {
						item: [ctx.pollMinutes === 1 ? { mode: 'everyMinute' } : { mode: 'everyX', value: ctx.pollMinutes, unit: 'minutes' }],
					};
				}
			}
		}
		if (key === 'queueStats') {
			const sheets = nodeOfType(workflow, 'n8n-nodes-base.googleSheets');
			const table = ctx.queueStatsTable;
			renameNode(workflow, sheets.name, 'Upsert into data table');
			Object.assign(sheets, {
				type: 'n8n-nodes-base.dataTable',
				typeVersion: 1.1,
				parameters: {
					resource: 'row',
					operation: 'upsert',
					dataTableId: {
						__rl: true,
						mode: 'list',
						value: table.id,
						cachedResultName: table.name,
						cachedResultUrl: `/projects/${table.projectId}/datatables/${table.id}`,
					},
					filters: { conditions: [{ keyName: 'rowKey', condition: 'eq', keyValue: '={{ $json.rowKey }}' }] },
					columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
					options: {},
				},
			});
			delete sheets.credentials;
			demoNote(
				workflow,
				EXAMPLES[key],
				`- rows go to the n8n data table **${table.name}** (Overview → Data tables) instead of Google Sheets, upserted on \`rowKey\`;\n` +
					`- the trigger starts two hours before the demo started (Start From), so the first poll fills the table;\n` +
					'- the simulator allows more report requests than a real account (Options › Report Requests per Second).',
			);
		} else if (key === 'recordings') {
			const post = nodeOfType(workflow, 'n8n-nodes-base.httpRequest');
			post.parameters.url = `${ctx.sinkUrl}/crm/recordings`;
			post.parameters.authentication = 'none';
			delete post.parameters.genericAuthType;
			delete post.credentials;
			demoNote(
				workflow,
				EXAMPLES[key],
				`- *Post to the CRM* posts to the demo's CRM sink (${ctx.sinkUrl}/crm/recordings; the demo's terminal prints each post, GET lists them);\n` +
					'- the trigger starts two hours before the demo started (Start From), so the first poll posts the recordings of that time;\n' +
					'- the simulator allows more report requests than a real account.',
			);
		} else if (key === 'roster') {
			demoNote(
				workflow,
				EXAMPLES[key],
				'- *Get all agents* reads the simulator\'s main sub-account.\n\nClick **Execute workflow**, then open Overview → Data tables → *Engage Voice agents*.',
			);
		} else if (key === 'aiAgent') {
			demoNote(
				workflow,
				EXAMPLES[key],
				'- *Queue statistics* reads the simulator\'s main sub-account.\n\nNo chat model is set up: add an OpenAI credential to *OpenAI Chat Model* (or swap in another model) to chat. Without one, open *Queue statistics* and run it with **Execute step** to see what the agent would get.',
			);
		}
		list.push(workflow);
	}
	return list;
}

/**
 * A workflow that runs one tool node of a workflow without a model: Manual Trigger → n8n's own Tool
 * Executor (the node the editor uses for "Execute step" on a tool), with the tool's $fromAI()
 * arguments given in `args`.
 */
function toolExecutorWorkflow({ id, name, toolNode, args }) {
	const tool = JSON.parse(JSON.stringify(toolNode));
	tool.position = [220, 220];
	const toolName = tool.name.replace(/[^A-Za-z0-9_-]/g, '_');
	return {
		id,
		name,
		nodes: [
			{ id: crypto.randomUUID(), name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: 'Tool Executor',
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position: [220, 0],
				parameters: { query: JSON.stringify({ [toolName]: args }), toolName: '', node: tool.name },
			},
			tool,
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: TIME_ZONE },
		pinData: {},
	};
}

// ---------------------------------------------------------------------------------------------
// the CRM sink: what the recording workflow posts to

/** Minimal multipart/form-data parser: [{ name, filename?, contentType?, data: Buffer }]. */
function parseMultipart(body, contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!m) throw new Error('multipart body without a boundary');
	const boundary = Buffer.from(`--${m[1] || m[2]}`);
	const parts = [];
	let pos = body.indexOf(boundary);
	while (pos !== -1) {
		const start = pos + boundary.length;
		if (body.slice(start, start + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		const next = body.indexOf(boundary, headerEnd);
		if (headerEnd === -1 || next === -1) break;
		const headers = body.slice(start + 2, headerEnd).toString('utf8');
		const data = body.slice(headerEnd + 4, next - 2); // minus the CRLF before the boundary
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] || '';
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
			data,
		});
		pos = next;
	}
	return parts;
}

/**
 * A stand-in for a CRM's upload endpoint: POST /crm/recordings (multipart/form-data: one file and
 * text fields) → 201 { id }; GET /crm/recordings → what it received (files as name, type, size,
 * sha256). `onRecord(record)` is called for each post.
 */
async function startSink({ port = 0, hostname = '127.0.0.1', onRecord } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body, null, 2));
			};
			const url = new URL(req.url, 'http://sink');
			if (url.pathname !== '/crm/recordings') return send(404, { error: 'POST or GET /crm/recordings' });
			if (req.method === 'GET') return send(200, received);
			if (req.method !== 'POST') return send(405, { error: 'method not allowed' });
			try {
				const body = Buffer.concat(chunks);
				const fields = {};
				const files = [];
				const type = req.headers['content-type'] || '';
				if (/multipart\/form-data/i.test(type)) {
					for (const part of parseMultipart(body, type)) {
						if (part.filename !== undefined) {
							files.push({
								field: part.name,
								filename: part.filename,
								contentType: part.contentType,
								size: part.data.length,
								sha256: crypto.createHash('sha256').update(part.data).digest('hex'),
								head: part.data.slice(0, 4).toString('latin1'),
							});
						} else {
							fields[part.name] = part.data.toString('utf8');
						}
					}
				} else if (/json/i.test(type)) {
					Object.assign(fields, JSON.parse(body.toString('utf8') || '{}'));
				} else {
					return send(415, { error: 'send multipart/form-data or JSON' });
				}
				const record = { id: received.length + 1, receivedAt: new Date().toISOString(), fields, files };
				received.push(record);
				if (onRecord) onRecord(record);
				send(201, { id: record.id });
			} catch (error) {
				send(400, { error: error.message });
			}
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, hostname, resolve);
	});
	const { port: actual } = server.address();
	return {
		url: `http://${hostname}:${actual}`,
		port: actual,
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections(); // n8n keeps its connections alive
			}),
	};
}

// ---------------------------------------------------------------------------------------------
// provisioning a running n8n over its REST API (what a user clicks in the editor)

/** Credentials for the simulator, one of each kind (plain data; n8n encrypts them). */
function simulatorCredentials(sim) {
	const kinds = [
		['jwt', 'Simulator (RingCentral JWT)', 'engageVoiceJwtApi'],
		['login', 'Simulator (Engage Login)', 'engageVoiceLoginApi'],
		['token', 'Simulator (API Token)', 'engageVoiceTokenApi'],
	];
	return Object.fromEntries(kinds.map(([key, name, type]) => [key, { name, type, data: credentialData(sim, type) }]));
}

async function personalProjectId(rest) {
	return (await rest.request('GET', '/rest/projects/personal')).body.data.id;
}

async function createDataTable(rest, projectId, table) {
	const res = await rest.request('POST', `/rest/projects/${projectId}/data-tables`, table);
	return { ...res.body.data, projectId };
}

/** Rows of a data table (all pages). */
async function dataTableRows(rest, projectId, tableId) {
	const rows = [];
	for (let skip = 0; ; skip += 500) {
		const res = await rest.request('GET', `/rest/projects/${projectId}/data-tables/${tableId}/rows?skip=${skip}&take=500`);
		const page = res.body.data;
		rows.push(...page.data);
		if (rows.length >= page.count || !page.data.length) return rows;
	}
}

async function findDataTable(rest, projectId, name) {
	const res = await rest.request('GET', `/rest/projects/${projectId}/data-tables?take=100`);
	return (res.body.data.data || []).find((t) => t.name === name) || null;
}

async function createWorkflow(rest, workflow) {
	const res = await rest.request('POST', '/rest/workflows', workflow);
	return res.body.data;
}

/** Activates (publishes) a saved workflow: its triggers start polling. */
async function activateWorkflow(rest, id) {
	const wf = (await rest.request('GET', `/rest/workflows/${id}`)).body.data;
	const res = await rest.request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
	return res.body.data;
}

/**
 * Waits until a trigger workflow's first poll has committed its cursor (static data): n8n saves it
 * after the poll and the execution it started succeeded. Gives up silently after `timeoutMs`.
 */
async function waitForFirstPoll(rest, id, { timeoutMs = 90_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const wf = (await rest.request('GET', `/rest/workflows/${id}`)).body.data;
		const trigger = wf.nodes.find((n) => /Trigger$/.test(n.type) && n.type.startsWith('n8n-nodes-engage-voice.'));
		if (wf.staticData && trigger && wf.staticData[`node:${trigger.name}`]) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

async function deactivateWorkflow(rest, id) {
	return (await rest.request('POST', `/rest/workflows/${id}/deactivate`, {})).body.data;
}

/**
 * Everything the demo sets up in a running, fresh n8n: owner, credentials (all three kinds), the
 * queue statistics data table, the demo workflows; activates the trigger workflows if `activate`.
 * `transform(workflow, key)` may change a workflow before it is saved (tests).
 * Returns { owner, projectId, credentials: {jwt, login, token}, table, workflows: {key: id} }.
 */
async function provision(
	instance,
	{ sim, sinkUrl, activate = true, startFromMs, pollMinutes, demoBudget = true, owner = OWNER, transform },
) {
	const rest = instance.rest;
	await rest.setupOwner(owner);
	const projectId = await personalProjectId(rest);
	const specs = simulatorCredentials(sim);
	const credentials = {};
	for (const [key, spec] of Object.entries(specs)) {
		const saved = await rest.createCredential(spec);
		credentials[key] = { id: saved.id, name: saved.name, type: spec.type };
	}
	const table = await createDataTable(rest, projectId, QUEUE_STATS_TABLE);
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	const workflows = demoWorkflows({
		credential: credentials.jwt,
		subAccount: main,
		queueStatsTable: { id: table.id, name: table.name, projectId },
		sinkUrl,
		startFromMs,
		pollMinutes,
		demoBudget,
	});
	const ids = {};
	for (const workflow of workflows) {
		const key = Object.keys(DEMO_IDS).find((k) => DEMO_IDS[k] === workflow.id);
		if (transform) transform(workflow, key);
		await createWorkflow(rest, workflow);
		ids[key] = workflow.id;
	}
	if (activate) {
		const triggers = ['queueStats', 'recordings'];
		for (const key of triggers) await activateWorkflow(rest, ids[key]);
		// activation polls once right away (after the call returns): wait until those first polls,
		// and the executions they started, are done, so that their data is there when we say "ready"
		await Promise.all(triggers.map((key) => waitForFirstPoll(rest, ids[key])));
	}
	return { owner, projectId, credentials, table: { ...table, projectId }, workflows: ids, workflowList: workflows };
}

// ---------------------------------------------------------------------------------------------
// build, package install

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
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const outputs = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(ROOT, f));
	let oldestOutput = Infinity;
	for (const f of outputs) {
		try {
			oldestOutput = Math.min(oldestOutput, fs.statSync(f).mtimeMs);
		} catch {
			return true;
		}
	}
	const sources = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'].map((p) =>
		path.join(ROOT, p),
	);
	return newestMtime(sources) > oldestOutput;
}

/** Hash of what `npm pack` puts in the tarball (package.json + dist/). */
function packageHash() {
	const hash = crypto.createHash('sha256');
	const visit = (p) => {
		const st = fs.statSync(p);
		if (st.isDirectory()) {
			for (const entry of fs.readdirSync(p).sort()) visit(path.join(p, entry));
		} else {
			hash.update(path.relative(ROOT, p));
			hash.update(fs.readFileSync(p));
		}
	};
	visit(path.join(ROOT, 'package.json'));
	visit(path.join(ROOT, 'dist'));
	return hash.digest('hex');
}

/** Packs the build and installs it into <userFolder>/.n8n/nodes unless that exact build is there. */
async function installPackage(instance, workDir) {
	const stampFile = path.join(instance.nodesDir, '.ev-demo-package-hash');
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
	const tarball = await packPackage({ repoDir: ROOT, destDir: path.join(workDir, 'pack') });
	await installTarball(instance, tarball);
	fs.writeFileSync(stampFile, hash);
	return { skipped: false, tarball };
}

// ---------------------------------------------------------------------------------------------
// the demo

function portFree(port, hostname = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, hostname, () => srv.close(() => resolve(true)));
	});
}

function parseArgs(argv) {
	const out = { ...DEFAULTS, activate: true, build: true };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
		const value = () => Number(inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') out.port = value();
		else if (flag === '--sim-port') out.simPort = value();
		else if (flag === '--sink-port') out.sinkPort = value();
		else if (flag === '--no-activate') out.activate = false;
		else if (flag === '--no-build') out.build = false;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				'usage: npm run demo [-- --port 5678 --sim-port 5680 --sink-port 5681 --no-activate --no-build]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown option ${argv[i]} (see --help)`);
	}
	return out;
}

const say = (text) => process.stdout.write(`${text}\n`);

/**
 * Starts the whole demo stack and returns { sim, sink, n8n, setup, timings, stop() }.
 * Options: port, simPort, sinkPort, seed, activate, build, quiet, onRecord, dir (the demo's folder
 * in the cache; its user/.n8n/nodes keeps the installed package between runs).
 */
async function startDemo(options = {}) {
	const opts = { ...DEFAULTS, activate: true, build: true, ...options };
	const started = Date.now();
	const timings = [];
	const step = async (label, fn) => {
		const t = Date.now();
		const result = await fn();
		timings.push({ label, ms: Date.now() - t });
		return result;
	};
	const stoppers = [];
	const stop = async () => {
		for (const fn of stoppers.reverse()) {
			try {
				await fn();
			} catch {
				/* keep stopping */
			}
		}
		await stopAll();
	};

	try {
		for (const [what, port] of [
			['n8n', opts.port],
			['the simulator', opts.simPort],
			['the CRM sink', opts.sinkPort],
		]) {
			if (!(await portFree(port))) {
				throw new Error(`port ${port} (${what}) is in use: stop what runs there, or choose another port (npm run demo -- --help)`);
			}
		}

		const nodeBinDir = await step('Node 24', () => ensureNode24());
		if (opts.build && buildNeeded()) {
			await step('build', async () => {
				if (!opts.quiet) say('Building the package (npm run build)…');
				const res = childProcess.spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
					cwd: ROOT,
					env: { ...process.env, PATH: [nodeBinDir, process.env.PATH || ''].join(path.delimiter) },
					stdio: opts.quiet ? 'pipe' : 'inherit',
				});
				if (res.status !== 0) throw new Error(`npm run build failed${opts.quiet ? `:\n${res.stderr}` : ''}`);
			});
		} else if (!opts.quiet) {
			say('dist/ is up to date (npm run build rebuilds it).');
		}

		const { startSimulator } = require(path.join(ROOT, 'test', 'simulator'));
		const sim = await step('simulator', () =>
			startSimulator({ port: opts.simPort, seed: opts.seed, limits: { report: DEMO_REPORT_LIMITS } }),
		);
		stoppers.push(() => sim.close());
		const sink = await step('CRM sink', () => startSink({ port: opts.sinkPort, onRecord: opts.onRecord }));
		stoppers.push(() => sink.close());

		const n8nHost = await step('n8n install', () => ensureN8n());
		const demoDir = opts.dir || path.join(cacheRoot(), 'demo');
		const userFolder = path.join(demoDir, 'user');
		// a fresh database each run; the installed package (.n8n/nodes) is kept
		const dotN8n = path.join(userFolder, '.n8n');
		fs.mkdirSync(dotN8n, { recursive: true });
		for (const entry of fs.readdirSync(dotN8n)) {
			if (entry !== 'nodes') fs.rmSync(path.join(dotN8n, entry), { recursive: true, force: true });
		}
		for (const entry of fs.readdirSync(userFolder)) {
			if (entry !== '.n8n') fs.rmSync(path.join(userFolder, entry), { recursive: true, force: true });
		}
		const n8n = await createInstance({
			n8n: n8nHost,
			userFolder,
			port: opts.port,
			keep: true,
			env: { GENERIC_TIMEZONE: TIME_ZONE, N8N_LOG_LEVEL: process.env.EV_N8N_LOG_LEVEL || 'warn' },
		});
		const install = await step('package install', () => installPackage(n8n, demoDir));
		if (!opts.quiet) say(install.skipped ? 'This build is installed in n8n already.' : 'Installed the package from its tarball into n8n.');

		if (!opts.quiet) say(`Starting n8n ${N8N_VERSION}…`);
		await step('n8n start', () => n8n.startServer());
		stoppers.push(() => n8n.stop());
		const startFromMs = Date.now() - DEMO_BACKFILL_MS;
		const setup = await step('owner, credentials, table, workflows', () =>
			provision(n8n, { sim, sinkUrl: sink.url, activate: opts.activate, startFromMs }),
		);
		return { sim, sink, n8n, setup, timings, totalMs: Date.now() - started, stop, url: `http://localhost:${opts.port}` };
	} catch (error) {
		await stop();
		throw error;
	}
}

function describeRecord(record) {
	const f = record.fields;
	const file = record.files[0];
	const size = file ? `${file.contentType === 'audio/mpeg' ? 'MP3' : file.contentType} ${Math.max(1, Math.round(file.size / 1024))} KB` : 'no file';
	return `[crm-sink] ← recording of segment …${String(f.segmentId || '?').slice(-12)} (agent ${f.agentId || '?'}, disposition "${f.disposition || ''}", ${size})`;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	let demo = null;
	installSignalHandlers(async () => {
		if (demo) {
			await demo.sink.close().catch(() => {});
			await demo.sim.close().catch(() => {});
		}
	});
	const started = Date.now();
	const firstRun = !fs.existsSync(path.join(n8nHostDir(), '.ev-ready.json'));
	if (firstRun) say('First run: installing Node 24 and n8n into the cache (about 6 minutes, 2.9 GB; later runs reuse it).');
	let ready = false; // posts of the first poll are printed after the banner
	demo = await startDemo({ ...opts, onRecord: (record) => ready && say(describeRecord(record)) });
	const { sim, sink, setup } = demo;
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	const took = formatMs(Date.now() - started);
	const lines = [
		'',
		`Engage Voice demo ready in ${took}${firstRun ? ' (first run, with the n8n install)' : ''}:`,
		'',
		`  n8n         http://localhost:${opts.port}`,
		`  login       ${setup.owner.email}  /  ${setup.owner.password}`,
		`  simulator   ${sim.url}  (seed ${opts.seed}, sub-account ${main.subAccountId} "${main.subAccountName}")`,
		`  CRM sink    ${sink.url}/crm/recordings  (GET lists what the recording workflow posted)`,
		`  n8n log     ${path.join(demo.n8n.userFolder, 'n8n-server.log')}`,
		'',
		'Try first:',
		'  1. Open "…nightly roster sync…" and click Execute workflow; then Overview → Data tables →',
		'     "Engage Voice agents": every agent with RingCentral user ID and supervisors.',
		'  2. Open "…queue statistics…": it is active and has filled the data table',
		`     "${QUEUE_STATS_TABLE.name}" with the intervals of the last two hours; its Executions tab shows each poll.`,
		'     Double-click the trigger and click Fetch Test Event to see one closed interval.',
		'  3. Open "…recording…CRM": active too; the posts of its first poll are printed below (and listed by the sink).',
		'  4. Add an Engage Voice node to a new workflow (search "Engage Voice"), e.g. Report → Queue Statistics,',
		'     credential "Simulator (RingCentral JWT)", and Execute step.',
		'  5. "…AI agent…" needs a chat model credential (none here): open its Queue statistics tool and Execute step.',
		'',
		'The database is fresh on every start. Ctrl-C stops n8n, the simulator and the sink.',
		'',
	];
	say(lines.join('\n'));
	if (opts.activate) say('Recording workflow posts (CRM sink):');
	for (const record of sink.received) say(describeRecord(record));
	ready = true;
	await new Promise(() => {}); // until Ctrl-C
}

module.exports = {
	DEFAULTS,
	OWNER,
	TIME_ZONE,
	EXAMPLES,
	DEMO_IDS,
	QUEUE_STATS_TABLE,
	DEMO_REPORT_LIMITS,
	DEMO_REPORT_REQUESTS_PER_SECOND,
	readExamples,
	demoWorkflows,
	toolExecutorWorkflow,
	startSink,
	parseMultipart,
	simulatorCredentials,
	personalProjectId,
	createDataTable,
	dataTableRows,
	findDataTable,
	createWorkflow,
	activateWorkflow,
	waitForFirstPoll,
	deactivateWorkflow,
	provision,
	buildNeeded,
	startDemo,
};

if (require.main === module) {
	main().catch(async (error) => {
		process.stderr.write(`\n[demo] ${error.stack || error.message}\n`);
		await stopAll();
		process.exit(1);
	});
}
