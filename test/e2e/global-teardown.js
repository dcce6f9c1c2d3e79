/* Stops anything still running (nothing should be) and removes the run's temp folder. */
const fs = require('fs');

const { stopAll } = require('../../scripts/lib/processes');

module.exports = async function globalTeardown() {
	await stopAll();
	const dir = process.env.EV_E2E_DIR;
	if (dir && process.env.EV_E2E_DIR_CREATED === '1' && process.env.EV_KEEP_N8N_FOLDER !== '1') {
		fs.rmSync(dir, { recursive: true, force: true });
	}
};
