#!/usr/bin/env node
/*
 * `npm run screenshots`: regenerates the README's pictures (docs/images/*.png) from the real n8n
 * editor. Starts the demo stack headlessly (scripts/lib/demoStack.js: simulator, n8n with this
 * package, owner, credentials, example workflows) on free ports, drives Debian's chromium over the
 * Chrome DevTools Protocol (scripts/lib/chromium.js), and stops everything at the end.
 *
 * Needs `chromium` (Debian: apt-get install -y chromium), or CHROMIUM=/path/to/chrome. Not run in CI.
 *
 *   npm run screenshots                 all pictures
 *   npm run screenshots -- --keep       leave the stack running afterwards (Ctrl-C stops it)
 *   EV_SCREENSHOT_DEBUG=1               also writes <name>.html (the DOM) next to each picture
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const { cacheRoot } = require('./lib/cache');
const { Browser } = require('./lib/chromium');
const { startDemo } = require('./lib/demoStack');
const { DEMO_REPORT_REQUESTS_PER_SECOND, TIME_ZONE } = require('./lib/demoWorkflows');
const { formatMs } = require('./lib/log');
const { freePort } = require('./lib/ports');
const { installSignalHandlers, stopAll } = require('./lib/processes');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'images');
const say = (text) => process.stdout.write(`${text}\n`);

/** Manual Trigger → Engage Voice · Report › Queue Statistics (yesterday 09:00–12:00, 30 minutes). */
function reportWorkflow(setup, sim) {
	const main = sim.world.subAccounts.find((s) => String(s.subAccountId) === String(sim.world.mainSubAccountId));
	return {
		id: 'evShotReport01',
		name: 'Queue statistics of yesterday morning',
		nodes: [
			{ id: crypto.randomUUID(), name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: 'Queue Statistics',
				type: 'n8n-nodes-engage-voice.engageVoice',
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					authentication: 'ringCentralJwt',
					resource: 'report',
					operation: 'queueStats',
					subAccount: { __rl: true, mode: 'list', value: String(main.subAccountId), cachedResultName: main.subAccountName },
					apiFamily: 'cx',
					start: "={{ $today.minus({ days: 1 }).set({ hour: 9 }) }}",
					end: "={{ $today.minus({ days: 1 }).set({ hour: 12 }) }}",
					timeZone: TIME_ZONE,
					interval: 30,
					options: { reportRequestsPerSecond: DEMO_REPORT_REQUESTS_PER_SECOND },
				},
				credentials: { engageVoiceJwtApi: { id: setup.credentials.jwt.id, name: setup.credentials.jwt.name } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Queue Statistics', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: TIME_ZONE },
		pinData: {},
	};
}

async function login(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page.click('input[type="email"], input[name="emailOrLdapLoginId"]');
	await page.type(owner.email);
	await page.click('input[type="password"]');
	await page.type(owner.password);
	await page.key('Enter');
	await page.waitFor('!location.pathname.startsWith("/signin")', { what: 'sign-in', timeoutMs: 30000 });
}

/** Closes whatever modal n8n greets with (what's new, upgrade offers). */
async function dismissModals(page) {
	for (let i = 0; i < 3; i++) {
		const closed = await page.eval(() => {
			const btn = document.querySelector('.el-dialog__headerbtn, [data-test-id="close-button"], .modal-close');
			const visible = btn && btn.getBoundingClientRect().width;
			if (visible) btn.click();
			return Boolean(visible);
		});
		if (!closed) return;
		await sleep(500);
	}
}

async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locate('[data-test-id="canvas-node"]', null, { timeoutMs: 60000 });
	await sleep(1500);
	await dismissModals(page);
}

async function openNode(page, name) {
	const { x, y } = await page.locate('[data-test-id="canvas-node"]', name);
	await page.mouse(x, y, 2);
	await page.locate('[data-test-id="ndv"]', null, { timeoutMs: 30000 });
	await sleep(1500);
}

async function capture(page, name) {
	const file = path.join(OUT_DIR, `${name}.png`);
	await page.screenshot(file);
	say(`  ${path.relative(ROOT, file)}`);
	return file;
}

async function main() {
	const keep = process.argv.includes('--keep');
	const started = Date.now();
	let stack = null;
	let browser = null;
	let page = null;
	// before anything starts: Ctrl-C (or SIGTERM) at any point stops what has started
	installSignalHandlers(async () => {
		if (browser) await browser.close();
		if (stack) await stack.stop();
	});
	say('Starting the demo stack (simulator, n8n with the package) on free ports…');
	const [port, simPort, sinkPort] = [await freePort(), await freePort(), await freePort()];
	stack = await startDemo({
		port,
		simPort,
		sinkPort,
		quiet: true,
		activate: true,
		dir: path.join(cacheRoot(), 'screenshots'),
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await stack.n8n.rest.createWorkflow(reportWorkflow(stack.setup, stack.sim));
		browser = await Browser.launch();
		page = await browser.newPage();
		await login(page, baseUrl, stack.setup.owner);
		await dismissModals(page);
		say('Pictures:');
		await shoot(page, baseUrl, stack);
	} catch (error) {
		// what the page looked like when it failed
		if (page) {
			const file = path.join(os.tmpdir(), 'ev-screenshot-failure.png');
			await page.screenshot(file).catch(() => {});
			fs.writeFileSync(file.replace(/\.png$/, '.html'), await page.eval('document.documentElement.outerHTML').catch(() => ''));
			process.stderr.write(`page at failure: ${file} (+ .html)\n`);
		}
		throw error;
	} finally {
		if (browser) await browser.close();
		if (!keep) await stack.stop();
	}
	say(`done in ${formatMs(Date.now() - started)}`);
	if (keep) {
		say(`n8n stays up at ${baseUrl} (login ${stack.setup.owner.email} / ${stack.setup.owner.password}); Ctrl-C stops it`);
		await new Promise(() => {});
	}
}

/** Closes n8n's toasts ("Node executed successfully") so that they do not cover the picture. */
async function closeToasts(page) {
	await page.eval(() => {
		for (const btn of document.querySelectorAll('.el-notification__closeBtn')) btn.click();
	});
	await sleep(800);
}

async function shoot(page, baseUrl, stack) {
	// 1. the nodes panel: "What happens next?" → search "Engage Voice" → the node and its actions
	await openWorkflow(page, baseUrl, 'evShotReport01');
	await page.click('[data-test-id="node-creator-plus-button"]');
	await page.locate('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator"] input');
	await page.type('Engage Voice');
	await page.click('[data-test-id="item-iterator-item"]', 'Engage Voice');
	await page.locate('[data-test-id="node-creator"]', 'Actions');
	await sleep(1200);
	await capture(page, 'nodes-panel');
	await page.key('Escape');

	// 2. a lead action's parameters (the demo's contact workflow: the callback it books)
	await openWorkflow(page, baseUrl, stack.setup.workflows.contactToLead);
	await openNode(page, 'Book the callback');
	await capture(page, 'lead-callback-parameters');
	await page.key('Escape');

	// the trigger's settings (the demo's recording workflow)
	await openWorkflow(page, baseUrl, stack.setup.workflows.recordings);
	await openNode(page, 'New call segments');
	await capture(page, 'trigger-settings');

	// 3./4. a report operation's parameters, then its output table after Execute step (last: the
	// editor remembers the panel layout changed below)
	await openWorkflow(page, baseUrl, 'evShotReport01');
	await openNode(page, 'Queue Statistics');
	await capture(page, 'report-parameters');
	await page.click('[data-test-id="node-execute-button"]');
	await page.locate('[data-test-id="output-panel"] table', null, { timeoutMs: 60000 });
	// give the output panel the room of the input panel: drag the parameters panel to the left
	const handle = await page.locate('[data-test-id="panel-drag-button"]');
	await page.drag(handle, { x: handle.x - 400, y: handle.y });
	await closeToasts(page);
	await sleep(1000);
	await capture(page, 'report-output-table');
}

if (require.main === module) {
	main().catch(async (error) => {
		process.stderr.write(`\n[screenshots] ${error.stack || error.message}\n`);
		await stopAll();
		process.exit(1);
	});
}
