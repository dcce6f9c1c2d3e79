/*
 * The queue-mode cluster for the tests: PostgreSQL, Redis, n8n main + two workers + a webhook
 * processor (scripts/lib/queueCluster.js), every process with the package installed from the
 * run's template folder (test/e2e/global-setup.js).
 */
import * as path from 'path';

import { e2eState, type N8n } from '../e2e/helpers';

const { startQueueCluster, executionsRunBy } = require('../../scripts/lib/queueCluster');

export interface QueueCluster {
	main: N8n;
	workers: N8n[];
	webhook?: N8n;
	pg: { query(sql: string): Promise<string> };
	env: Record<string, string>;
	restartMain(): Promise<void>;
	stop(): Promise<void>;
}

let clusterCount = 0;

export async function startCluster(options: { workers?: number; webhook?: boolean; env?: Record<string, string> } = {}): Promise<QueueCluster> {
	const state = e2eState();
	return (await startQueueCluster({
		n8n: state.n8n,
		templateFolder: state.templateFolder,
		baseDir: path.join(state.dir, `cluster-${++clusterCount}`),
		encryptionKey: state.encryptionKey,
		...options,
	})) as QueueCluster;
}

/** The ids of the executions each worker ran, from its log. */
export function executionsByWorker(cluster: QueueCluster): string[][] {
	return cluster.workers.map((worker) => executionsRunBy(worker) as string[]);
}
