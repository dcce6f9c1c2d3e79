'use strict';
/*
 * n8n's workflow and run-data JSON: ids n8n accepts, a workflow with the fields import needs,
 * connections of a simple chain, and the items a node produced in a run.
 */
const crypto = require('crypto');

/** An id n8n accepts (<= 21 chars) that execute-batch does not skip (it needs a digit). */
function randomId(prefix) {
	return `${prefix}${crypto.randomBytes(6).toString('hex')}1`.slice(0, 21);
}

/** A workflow with what `n8n import:workflow` needs filled in: ids, node ids, positions, settings. */
function normalizeWorkflow(w) {
	const nodes = (w.nodes || []).map((n, i) => ({
		id: n.id || crypto.randomUUID(),
		position: n.position || [i * 220, 0],
		parameters: {},
		...n,
	}));
	return {
		id: w.id || randomId('wf'),
		name: w.name || 'Workflow',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		pinData: {},
		...w,
		nodes,
	};
}

/** Builds `connections` for a simple chain of node names: chain('A', 'B', 'C'). */
function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** json of the items a node produced: run data from a snapshot, an IRun or an execution's data. */
function nodeItems(runOrSnapshot, nodeName, { output = 0, run = 0 } = {}) {
	const root = runOrSnapshot.data && runOrSnapshot.data.resultData ? runOrSnapshot.data : runOrSnapshot;
	const runs = root.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	const task = runs[run];
	if (!task) throw new Error(`node "${nodeName}" ran ${runs.length} time(s): there is no run ${run}`);
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
	return ((task.data && task.data.main && task.data.main[output]) || []).map((item) => item.json);
}

module.exports = { randomId, normalizeWorkflow, chain, nodeItems };
