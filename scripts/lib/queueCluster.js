'use strict';
/*
 * n8n in queue mode on one machine: PostgreSQL and Redis (services.js), one main process
 * (`n8n start`: editor, REST, triggers and pollers, webhook registration), N workers
 * (`n8n worker`: executions) and optionally one webhook processor (`n8n webhook`: production
 * webhooks). Every process has its own user folder with the package installed (a copy of a
 * prepared template folder), the same encryption key, and binary data in the database.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { formatMs, log } = require('./log');
const { createInstance } = require('./n8nInstance');
const { freePort } = require('./ports');
const { ensureQueueServices, startPostgres, startRedis } = require('./services');

/**
 * Starts the cluster. `templateFolder`: an n8n user folder with the package installed in
 * .n8n/nodes (test/e2e/global-setup.js prepares one). `env` is added to every process (e.g.
 * GENERIC_TIMEZONE). Returns { main, workers, webhook, pg, redis, env, stop(), restartMain() }.
 */
async function startQueueCluster({
	n8n,
	templateFolder,
	baseDir,
	encryptionKey = crypto.randomBytes(24).toString('hex'),
	workers = 2,
	webhook = true,
	concurrency = 5,
	env = {},
}) {
	const started = Date.now();
	await ensureQueueServices();
	const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
	const webhookPort = webhook ? await freePort() : undefined;
	const shared = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: pg.database,
		// files produced on a worker must be readable by the main process and other workers
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// production webhook URLs (shown in the editor, registered with services) go to the webhook processor
		...(webhookPort ? { WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/` } : {}),
		N8N_LOG_LEVEL: process.env.EV_N8N_LOG_LEVEL || 'info',
		...env,
	};

	let count = 0;
	const instance = async (role, extraEnv = {}, port) => {
		const userFolder = path.join(baseDir, `${role}-${++count}`);
		fs.cpSync(templateFolder, userFolder, { recursive: true, verbatimSymlinks: true });
		for (const f of ['n8n-cli.log', 'n8n-server.log']) fs.rmSync(path.join(userFolder, f), { force: true });
		fs.rmSync(path.join(userFolder, '.n8n', 'database.sqlite'), { force: true });
		return createInstance({ n8n, userFolder, encryptionKey, port, env: { ...shared, ...extraEnv } });
	};

	const main = await instance('main');
	// the main process migrates the database; the others start once it is ready
	await main.startServer();
	const workerList = [];
	for (let i = 0; i < workers; i++) {
		workerList.push(
			await instance('worker', {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			}),
		);
	}
	const webhookProcess = webhookPort ? await instance('webhook', {}, webhookPort) : undefined;
	await Promise.all([
		...workerList.map((w) => w.startServer({ command: 'worker', args: [`--concurrency=${concurrency}`] })),
		...(webhookProcess ? [webhookProcess.startServer({ command: 'webhook' })] : []),
	]);
	log(
		`queue cluster ready in ${formatMs(Date.now() - started)}: main ${main.baseUrl}, ${workerList.length} worker(s)${webhookProcess ? `, webhook ${webhookProcess.baseUrl}` : ''}`,
	);

	return {
		main,
		workers: workerList,
		webhook: webhookProcess,
		pg,
		redis,
		env: shared,
		/** Stops and starts the main process again (same folder, database and ports). */
		async restartMain() {
			await main.stop();
			await main.startServer();
		},
		async stop() {
			const all = [webhookProcess, ...workerList, main].filter(Boolean);
			await Promise.all(all.map((p) => p.dispose()));
			await Promise.all([redis.stop(), pg.stop()]);
		},
	};
}

/** Log lines of a worker that say which executions it ran ("Worker started execution N"). */
function executionsRunBy(instance) {
	let text = '';
	try {
		text = fs.readFileSync(path.join(instance.userFolder, 'n8n-server.log'), 'utf8');
	} catch {
		return [];
	}
	return [...text.matchAll(/started execution (\d+)/gi)].map((m) => m[1]);
}

module.exports = { startQueueCluster, executionsRunBy };
