#!/usr/bin/env node
'use strict';
/**
 * Benchmark 2: how much of the report rate budget the node actually uses.
 *
 * Starts the simulator in this process with its report limit at 20 requests per second (sliding
 * window, per sub-account), then runs the compiled Engage Voice node (dist/) through n8n-core's
 * WorkflowExecute, exactly as n8n runs it: Report › Queue Statistics over a range of 48 three-hour
 * windows (6 days, 60-minute intervals, UTC), with the node's budget set to the same 20 per second
 * (Options › Report Requests per Second). The node signs in with the API-token credential, so no
 * token exchange is counted.
 *
 * Printed (not asserted), from the simulator's request log:
 *   - achieved rate ÷ budget: requests started within the whole budget windows after the first
 *     request (k full seconds) divided by k × 20. 1.00 = every slot used; goal ≥ 0.95;
 *   - schedule efficiency: the earliest the last request could start under the budget
 *     (floor((N − 1) / 20) s after the first) ÷ when it did start;
 *   - the plain rate N ÷ (last start − first start), which the first burst of 20 pushes above the
 *     budget and is shown for completeness;
 *   - the number of 429 answers (goal 0), and the rows the node emitted.
 *
 * Needs the compiled package: `npm run build`, then
 * `node scripts/bench-rate.js [--windows N] [--per-second N] [--verbose]` (--verbose: the node's progress log).
 * `scripts/bench.js` calls `run()`.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function loadNode() {
	const nodeFile = path.join(DIST, 'nodes', 'EngageVoice', 'EngageVoice.node.js');
	if (!fs.existsSync(nodeFile)) throw new Error(`No compiled node in ${DIST}: run "npm run build" first.`);
	return {
		EngageVoice: require(nodeFile).EngageVoice,
		EngageVoiceTokenApi: require(path.join(DIST, 'credentials', 'EngageVoiceTokenApi.credentials.js')).EngageVoiceTokenApi,
	};
}

/** The credential store n8n would be: the API-token credential, its header resolved like n8n does. */
function credentialsHelperClass(n8nWorkflow, credentialType, data) {
	return class BenchCredentialsHelper extends n8nWorkflow.ICredentialsHelper {
		getParentTypes() {
			return [];
		}
		isCredentialUsableByNode() {
			return true;
		}
		async authenticate(credentials, _typeName, requestOptions, workflow, node) {
			// the credential signs requests with a function of its own (it checks the host first)
			if (typeof credentialType.authenticate === 'function') return await credentialType.authenticate(credentials, requestOptions);
			const headers = { ...(requestOptions.headers || {}) };
			for (const [key, value] of Object.entries(credentialType.authenticate.properties.headers || {})) {
				headers[key] = String(
					workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''),
				);
			}
			return { ...requestOptions, headers };
		}
		async preAuthentication() {
			return undefined;
		}
		async runPreAuthentication() {
			return undefined;
		}
		async getCredentials() {
			throw new Error('not used');
		}
		async getDecrypted() {
			return { ...data };
		}
		async updateCredentials() {}
		async updateCredentialsOauthTokenData() {}
		getCredentialsProperties() {
			return credentialType.properties;
		}
	};
}

async function runWorkflow(core, n8nWorkflow, node, credentialType, credentialData, parameters) {
	const nodeTypes = {
		getByName: () => node,
		getByNameAndVersion: (_type, version) => n8nWorkflow.getVersionedNodeType(node, version),
		getKnownTypes: () => ({}),
	};
	const engage = {
		id: 'engage',
		name: 'Engage Voice',
		type: 'n8n-nodes-engage-voice.engageVoice',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { engageVoiceTokenApi: { id: 'token', name: 'token' } },
	};
	const workflow = new n8nWorkflow.Workflow({
		id: 'bench',
		name: 'bench',
		nodes: [engage],
		connections: {},
		nodeTypes,
		active: false,
		staticData: {},
		settings: { timezone: 'UTC' },
	});
	const workflowData = { id: 'bench', name: 'bench', nodes: [engage], connections: {}, active: false };
	const hooks = new core.ExecutionLifecycleHooks('manual', 'bench-1', workflowData);
	const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const Helper = credentialsHelperClass(n8nWorkflow, credentialType, credentialData);
	const additionalData = {
		executionId: 'bench-1',
		hooks,
		credentialsHelper: new Helper(),
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678/',
		userId: 'bench',
		executeWorkflow: async () => {
			throw new Error('not supported');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
	const runExecutionData = n8nWorkflow.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode('Engage Voice'), data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	await new core.WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	if (run.data.resultData.error) throw new Error(`The node failed: ${run.data.resultData.error.message}`);
	return run.data.resultData.runData['Engage Voice'][0].data.main[0];
}

/** Runs the benchmark; prints the numbers (unless print: false) and returns them. */
async function run(options = {}) {
	const windows = options.windows ?? 48;
	const perSecond = options.perSecond ?? 20;
	// n8n-core writes an encryption key into its user folder on first use: keep it out of ~/.n8n.
	if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-bench-n8n-'));
	process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'engage-voice-bench-key';
	// The node logs every window ("window 7 of 48") and budget wait at info level; n8n reads the
	// level once, when its logger is first made: keep the table readable unless --verbose.
	if (!options.verbose && !process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'warn';
	const { EngageVoice, EngageVoiceTokenApi } = loadNode();
	const core = require('n8n-core');
	const n8nWorkflow = require('n8n-workflow');
	const { startSimulator } = require(path.join(ROOT, 'test', 'simulator'));

	const sim = await startSimulator({ port: 0, seed: 1, limits: { report: [{ count: perSecond, windowMs: 1000 }] } });
	try {
		// whole UTC days ending a day ago: 3-hour windows, no DST, all in the past
		const end = Math.floor(Date.now() / DAY) * DAY - DAY;
		const start = end - windows * 3 * HOUR;
		const credential = {
			host: 'customCurrent',
			customHost: sim.url,
			apiToken: sim.secrets.apiToken,
			mainAccountId: sim.world.mainAccountId,
			rcAccountId: sim.world.rcAccountId,
		};
		const parameters = {
			authentication: 'apiToken',
			resource: 'report',
			operation: 'queueStats',
			subAccount: { __rl: true, mode: 'id', value: sim.world.mainSubAccountId },
			apiFamily: 'cx',
			start: new Date(start).toISOString(),
			end: new Date(end).toISOString(),
			timeZone: 'UTC',
			interval: 60,
			options: { reportRequestsPerSecond: perSecond, retryBackoffSeconds: 0.1 },
		};
		const started = Date.now();
		const items = await runWorkflow(core, n8nWorkflow, new EngageVoice(), new EngageVoiceTokenApi(), credential, parameters);
		const wallMs = Date.now() - started;

		const reports = sim.control.requestLog().filter((entry) => entry.path.endsWith('/agg-queue-stats'));
		const times = reports.map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
		const ok = reports.filter((entry) => entry.status === 200).length;
		const tooMany = reports.filter((entry) => entry.status === 429).length;
		const first = times[0];
		const last = times[times.length - 1];
		const fullWindows = Math.floor((last - first) / 1000);
		const inFullWindows = times.filter((t) => t < first + fullWindows * 1000).length;
		const achieved = fullWindows > 0 ? inFullWindows / fullWindows : NaN;
		const idealLastStart = Math.floor((times.length - 1) / perSecond) * 1000;
		const result = {
			windows,
			budgetPerSecond: perSecond,
			requests: reports.length,
			ok,
			status429: tooMany,
			rows: items.length,
			wallMs,
			spanMs: last - first,
			achievedPerSecond: achieved,
			ratio: achieved / perSecond,
			scheduleEfficiency: last - first > 0 ? idealLastStart / (last - first) : NaN,
			plainPerSecond: last - first > 0 ? (times.length / (last - first)) * 1000 : NaN,
		};
		if (options.print !== false) print(result);
		return result;
	} finally {
		await sim.close();
	}
}

function print(r) {
	const f = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
	console.log(`\nBenchmark 2: Queue Statistics over ${r.windows} windows, budget ${r.budgetPerSecond} requests/s (simulator limit the same)\n`);
	console.log(`requests sent              ${r.requests} (${r.ok} answered 200)`);
	console.log(`429 answers                ${r.status429}   (goal 0)`);
	console.log(`rows emitted               ${r.rows}`);
	console.log(`first → last request       ${r.spanMs} ms (whole run ${r.wallMs} ms)`);
	console.log(`achieved rate              ${f(r.achievedPerSecond, 1)} requests/s over the full budget windows`);
	console.log(`achieved ÷ budget          ${f(r.ratio)}   (goal ≥ 0.95)`);
	console.log(`schedule efficiency        ${f(r.scheduleEfficiency)}   (earliest possible last start ÷ actual)`);
	console.log(`plain rate (incl. burst)   ${f(r.plainPerSecond, 1)} requests/s`);
}

function argValue(flag) {
	const at = process.argv.indexOf(flag);
	return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

if (require.main === module) {
	run({ windows: argValue('--windows'), perSecond: argValue('--per-second'), verbose: process.argv.includes('--verbose') }).catch((error) => {
		console.error(error.stack || error.message);
		process.exitCode = 1;
	});
}

module.exports = { run, runWorkflow };
