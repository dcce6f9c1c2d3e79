'use strict';
/*
 * One n8n: its own user folder, encryption key, ports and quiet, offline environment; the n8n CLI
 * (import, execute-batch, publish), its database read back, and `n8n start` under a watchdog with
 * readiness, stop and clean-up. `instance.rest` is its REST client (restClient.js).
 *
 * Environment: EV_N8N_LOG_LEVEL (n8n's log level, default warn), EV_KEEP_N8N_FOLDER=1 (dispose()
 * keeps the user folder and its logs).
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const { formatMs, log } = require('./log');
const { ensureN8n } = require('./n8nInstall');
const { PACKAGE_NAME } = require('./packageInstall');
const { freePort } = require('./ports');
const { readTail, run, spawnSupervised, tail } = require('./processes');
const { RestClient } = require('./restClient');
const { envWithNode } = require('./toolchain');
const { normalizeWorkflow, randomId } = require('./workflowJson');

/** n8n without telemetry, update checks, templates or anything else that calls out; sqlite; local. */
const QUIET_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_SECURE_COOKIE: 'false',
	DB_TYPE: 'sqlite',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: 'localhost',
	N8N_PROTOCOL: 'http',
	N8N_LOG_OUTPUT: 'console',
	N8N_HIDE_USAGE_PAGE: 'true',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
};

const SERVER_START_TIMEOUT_MS = 180000;
const CLI_TIMEOUT_MS = 300000;
const STOP_GRACE_MS = 20000;

/** Environment inherited from the caller minus anything that would steer n8n elsewhere. */
function cleanInheritedEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$)/.test(key))
			continue;
		env[key] = value;
	}
	return env;
}

class N8nInstance {
	constructor(opts) {
		Object.assign(this, opts);
		this.server = null;
		this.importCount = 0;
		this.batchCount = 0;
		this.rest = new RestClient(this.baseUrl, { hostDir: this.hostDir });
	}

	/** The community-nodes folder (`~/.n8n/nodes`) of this instance. */
	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	/** Where this package is installed in it. */
	get packageDir() {
		return path.join(this.nodesDir, 'node_modules', PACKAGE_NAME);
	}

	/** Runs an n8n CLI command to completion (`allowFail` keeps a non-zero exit from throwing). */
	async cli(args, { timeoutMs = CLI_TIMEOUT_MS, allowFail = false } = {}) {
		const logFile = path.join(this.userFolder, 'n8n-cli.log');
		return run(path.join(this.nodeBinDir, 'node'), [this.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env,
			logFile,
			timeoutMs,
			allowFail,
			supervise: true,
		});
	}

	_writeImport(kind, data) {
		const dir = path.join(this.userFolder, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${kind}-${++this.importCount}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** Imports credentials (plain-text `data`; n8n encrypts them). Each: { id?, name, type, data }. */
	async importCredentials(credentials) {
		const list = (Array.isArray(credentials) ? credentials : [credentials]).map((c) => ({
			id: c.id || randomId('cred'),
			...c,
		}));
		const file = this._writeImport('credentials', list);
		await this.cli(['import:credentials', `--input=${file}`]);
		return list;
	}

	/** Imports workflows; fills ids (must contain a digit for execute-batch), node ids, positions. */
	async importWorkflows(workflows) {
		const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) => normalizeWorkflow(w));
		const file = this._writeImport('workflows', list);
		await this.cli(['import:workflow', `--input=${file}`]);
		return list;
	}

	/**
	 * `n8n execute-batch` over the given workflow ids in one process. Returns
	 * { ms, exitCode, summary, results: { [id]: { status, error, executionTime, snapshot, execution, runError } } }.
	 * n8n writes snapshots (full run data) only for successful runs, and its summary's `error` is the
	 * error's description if it has one, else its message (+ " on node <name>"). So each result also
	 * carries the stored `execution` (decoded data) and `runError` (resultData.error: message,
	 * description, …) read from the database, for failed runs too.
	 */
	async executeBatch(ids, { timeoutMs = CLI_TIMEOUT_MS } = {}) {
		ids = Array.isArray(ids) ? ids : [ids];
		for (const id of ids) {
			if (!/\d/.test(id)) throw new Error(`execute-batch skips ids without a digit: ${id}`);
		}
		const dir = path.join(this.userFolder, `batch-${++this.batchCount}`);
		const snapshotDir = path.join(dir, 'snapshots');
		fs.mkdirSync(snapshotDir, { recursive: true });
		const output = path.join(dir, 'summary.json');
		const started = Date.now();
		const res = await this.cli(
			[
				'execute-batch',
				`--ids=${ids.join(',')}`,
				`--snapshot=${snapshotDir}`,
				`--output=${output}`,
				'--retries=0',
			],
			{ timeoutMs, allowFail: true },
		);
		const ms = Date.now() - started;
		if (!fs.existsSync(output)) {
			throw new Error(
				`execute-batch wrote no summary (exit ${res.code}):\n${tail(res.stderr || res.stdout)}`,
			);
		}
		const summary = JSON.parse(fs.readFileSync(output, 'utf8'));
		if (summary.totalWorkflows !== ids.length || summary.executions.length !== ids.length) {
			throw new Error(
				`execute-batch ran ${summary.totalWorkflows} workflow(s) (${summary.executions.length} results) for ${ids.length} id(s): ${ids.join(',')}`,
			);
		}
		// full run data of every execution (failed ones too) from the database
		const stored = await this.readExecutions({ afterId: this.lastExecutionId || 0 });
		for (const e of stored) this.lastExecutionId = Math.max(this.lastExecutionId || 0, Number(e.id));
		const results = {};
		for (const execution of summary.executions) {
			const snapFile = path.join(snapshotDir, `${execution.workflowId}-snapshot.json`);
			const fromDb = stored.filter((e) => e.workflowId === execution.workflowId).pop() || null;
			results[execution.workflowId] = {
				status: execution.executionStatus,
				error: execution.error,
				executionTime: execution.executionTime,
				snapshot: fs.existsSync(snapFile) ? JSON.parse(fs.readFileSync(snapFile, 'utf8')) : null,
				execution: fromDb,
				runError: (fromDb && fromDb.data && fromDb.data.resultData && fromDb.data.resultData.error) || null,
			};
		}
		return { ms, exitCode: res.code, summary, results };
	}

	/**
	 * Executions stored in the instance's sqlite database (read-only; safe while n8n runs, thanks to
	 * WAL). Returns [{ id, workflowId, status, mode, finished, startedAt, stoppedAt, data }] with
	 * `data` decoded from flatted (resultData.runData, resultData.error with message, description…).
	 */
	async readExecutions({ afterId = 0, workflowId } = {}) {
		const script = `
			const req = (m) => require(require.resolve(m, { paths: [process.env.EV_N8N_DIR] }));
			const sqlite3 = req('sqlite3');
			const flatted = req('flatted');
			const db = new sqlite3.Database(process.env.EV_DB, sqlite3.OPEN_READONLY, (openErr) => {
				if (openErr) { console.error(openErr.message); process.exit(1); }
				db.all(
					'select e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, d.data ' +
						'from execution_entity e left join execution_data d on d.executionId = e.id ' +
						'where e.id > ? order by e.id',
					[Number(process.env.EV_AFTER_ID)],
					(err, rows) => {
						if (err) { console.error(err.message); process.exit(1); }
						const out = rows.map((r) => ({ ...r, id: String(r.id), data: r.data ? flatted.parse(r.data) : null }));
						process.stdout.write(JSON.stringify(out));
						db.close();
					},
				);
			});`;
		const res = await run(path.join(this.nodeBinDir, 'node'), ['-e', script], {
			cwd: this.userFolder,
			env: {
				...this.env,
				EV_N8N_DIR: path.join(this.hostDir, 'node_modules', 'n8n'),
				EV_DB: path.join(this.userFolder, '.n8n', 'database.sqlite'),
				EV_AFTER_ID: String(afterId),
			},
		});
		const rows = JSON.parse(res.stdout || '[]');
		return workflowId ? rows.filter((r) => r.workflowId === workflowId) : rows;
	}

	/** `n8n publish:workflow --id=X` (activation happens when the server starts). */
	async publishWorkflow(id) {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/**
	 * Starts the n8n server process and waits until it is ready; returns the base URL. `command`:
	 * `start` (the main process; ready at /healthz/readiness), `worker` or `webhook` (queue mode;
	 * ready at /healthz of the queue health check or the webhook server). `args` are added to the
	 * command line (e.g. `--concurrency=5`).
	 */
	async startServer({ timeoutMs = SERVER_START_TIMEOUT_MS, command = 'start', args = [] } = {}) {
		if (this.server) return this.baseUrl;
		const logFile = path.join(this.userFolder, 'n8n-server.log');
		const out = fs.openSync(logFile, 'a');
		const started = Date.now();
		const readyUrl =
			command === 'worker'
				? `http://127.0.0.1:${this.env.QUEUE_HEALTH_CHECK_PORT}/healthz`
				: command === 'webhook'
					? `${this.baseUrl}/healthz`
					: `${this.baseUrl}/healthz/readiness`;
		const child = spawnSupervised(path.join(this.nodeBinDir, 'node'), [this.n8nBin, command, ...args], {
			cwd: this.userFolder,
			env: this.env,
			stdio: [out, out],
		});
		fs.closeSync(out);
		this.server = child;
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			if (this.server === child) this.server = null;
		});
		for (;;) {
			if (exited) {
				throw new Error(
					`n8n ${command} exited (${exited.signal || exited.code}) before it was ready; ${logFile}:\n${readTail(logFile)}`,
				);
			}
			if (Date.now() - started > timeoutMs) {
				await this.stop();
				throw new Error(`n8n ${command} not ready after ${formatMs(timeoutMs)}; ${logFile}:\n${readTail(logFile)}`);
			}
			try {
				const res = await fetch(readyUrl, {
					signal: AbortSignal.timeout(2000),
				});
				if (res.status === 200) break;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		this.serverStartMs = Date.now() - started;
		log(`n8n ${command} ready at ${command === 'worker' ? readyUrl : this.baseUrl} in ${formatMs(this.serverStartMs)} (log: ${logFile})`);
		return this.baseUrl;
	}

	/** Stops the server (SIGTERM, then SIGKILL after the grace period) and waits until it is gone. */
	async stop({ graceMs = STOP_GRACE_MS } = {}) {
		const child = this.server;
		this.server = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM'); // the supervisor stops n8n's whole process group
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await gone;
		clearTimeout(timer);
	}

	/** Stops the server and deletes the user folder (unless EV_KEEP_N8N_FOLDER=1 or `keep`). */
	async dispose() {
		await this.stop();
		if (process.env.EV_KEEP_N8N_FOLDER === '1' || this.keep) {
			log(`kept n8n user folder ${this.userFolder}`);
			return;
		}
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * A fresh n8n instance (own user folder, encryption key, ports); nothing runs until cli() or
 * startServer(). `n8n`: ensureN8n()'s result (installs n8n if not given). `env` adds to n8n's
 * environment (e.g. GENERIC_TIMEZONE); `keep` keeps the user folder on dispose().
 */
async function createInstance({ n8n, userFolder, port, brokerPort, encryptionKey, env = {}, keep } = {}) {
	const host = n8n || (await ensureN8n());
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'ev-n8n-host-'));
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	const httpPort = port || (await freePort());
	const runnersPort = brokerPort || (await freePort());
	const fullEnv = {
		...envWithNode(host.nodeBinDir, cleanInheritedEnv()),
		...QUIET_ENV,
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: encryptionKey || crypto.randomBytes(24).toString('hex'),
		N8N_PORT: String(httpPort),
		N8N_RUNNERS_BROKER_PORT: String(runnersPort),
		N8N_LOG_LEVEL: process.env.EV_N8N_LOG_LEVEL || 'warn',
		// webhook URLs (production and test) on the address n8n listens on (N8N_HOST's "localhost" may
		// resolve to ::1), so that the simulator can call the Events Trigger's webhooks
		N8N_WEBHOOK_URL: `http://127.0.0.1:${httpPort}/`,
		...env,
	};
	return new N8nInstance({
		userFolder: folder,
		hostDir: host.hostDir,
		n8nBin: host.n8nBin,
		nodeBinDir: host.nodeBinDir,
		port: httpPort,
		brokerPort: runnersPort,
		baseUrl: `http://127.0.0.1:${httpPort}`,
		env: fullEnv,
		keep,
	});
}

module.exports = { createInstance };
