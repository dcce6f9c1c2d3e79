#!/usr/bin/env node
/*
 * `npm run screenshots`: regenerates the README's pictures (docs/images/*.png) from the real n8n
 * editor. Starts the demo stack headlessly (scripts/demo.js startDemo: simulator, n8n with this
 * package, owner, credentials, example workflows) on free ports, drives Debian's chromium over the
 * Chrome DevTools Protocol (Node's built-in WebSocket; no puppeteer/playwright), and stops
 * everything at the end.
 *
 * Needs `chromium` (Debian: apt-get install -y chromium), or CHROMIUM=/path/to/chrome. Not run in CI.
 *
 *   npm run screenshots                 all pictures
 *   npm run screenshots -- --keep       leave the stack running afterwards (Ctrl-C stops it)
 *   EV_SCREENSHOT_DEBUG=1               also writes <name>.html (the DOM) next to each picture
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const { cacheRoot } = require('./lib/cache');
const { formatMs } = require('./lib/log');
const { installSignalHandlers, stopAll } = require('./lib/processes');
const demo = require('./demo');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'images');
const VIEWPORT = { width: 1440, height: 900 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text) => process.stdout.write(`${text}\n`);

// ---------------------------------------------------------------------------------------------
// a minimal Chrome DevTools Protocol client

class Browser {
	static async launch() {
		const exe = process.env.CHROMIUM || ['chromium', 'chromium-browser', 'google-chrome'].find((c) => which(c));
		if (!exe) throw new Error('chromium not found: apt-get update && apt-get install -y chromium (or set CHROMIUM=/path)');
		const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-chromium-'));
		const args = [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--hide-scrollbars',
			'--force-color-profile=srgb',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			`--user-data-dir=${userDataDir}`,
			'--remote-debugging-port=0',
			'about:blank',
		];
		const proc = childProcess.spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		const wsUrl = await new Promise((resolve, reject) => {
			let err = '';
			const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${err}`)), 30000);
			proc.stderr.on('data', (d) => {
				err += d;
				const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
				if (m) {
					clearTimeout(timer);
					resolve(m[1]);
				}
			});
			proc.on('exit', (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
		});
		const browser = new Browser(proc, userDataDir);
		await browser.connect(wsUrl);
		return browser;
	}

	constructor(proc, userDataDir) {
		this.proc = proc;
		this.userDataDir = userDataDir;
		this.nextId = 1;
		this.pending = new Map();
		this.listeners = new Set();
	}

	connect(wsUrl) {
		return new Promise((resolve, reject) => {
			this.ws = new WebSocket(wsUrl);
			this.ws.onopen = () => resolve();
			this.ws.onerror = (e) => reject(new Error(`CDP websocket: ${e.message || e.type}`));
			this.ws.onmessage = (event) => {
				const msg = JSON.parse(typeof event.data === 'string' ? event.data : Buffer.from(event.data).toString());
				if (msg.id && this.pending.has(msg.id)) {
					const { resolve: ok, reject: fail, method } = this.pending.get(msg.id);
					this.pending.delete(msg.id);
					if (msg.error) fail(new Error(`${method}: ${msg.error.message}`));
					else ok(msg.result);
				} else if (msg.method) {
					for (const listener of this.listeners) listener(msg);
				}
			};
		});
	}

	send(method, params = {}, sessionId) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, method });
			this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	}

	async newPage() {
		const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
		const page = new Page(this, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
		return page;
	}

	async close() {
		try {
			await this.send('Browser.close');
		} catch {
			/* gone */
		}
		await new Promise((resolve) => {
			if (this.proc.exitCode !== null) return resolve();
			const timer = setTimeout(() => {
				this.proc.kill('SIGKILL');
				resolve();
			}, 5000);
			this.proc.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
		});
		fs.rmSync(this.userDataDir, { recursive: true, force: true });
	}
}

function which(cmd) {
	try {
		childProcess.execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'pipe' });
		return true;
	} catch {
		return false;
	}
}

class Page {
	constructor(browser, sessionId) {
		this.browser = browser;
		this.sessionId = sessionId;
	}

	send(method, params) {
		return this.browser.send(method, params, this.sessionId);
	}

	async goto(url) {
		await this.send('Page.navigate', { url });
		await this.waitFor('document.readyState === "complete"', { timeoutMs: 60000, what: `load ${url}` });
	}

	/** Evaluates an expression (or a function with JSON arguments) in the page. */
	async eval(expression, ...args) {
		const source = typeof expression === 'function' ? `(${expression})(...${JSON.stringify(args)})` : expression;
		const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
			expression: source,
			awaitPromise: true,
			returnByValue: true,
		});
		if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
		return result.value;
	}

	async waitFor(expression, { timeoutMs = 30000, what, args = [] } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.eval(expression, ...args).catch(() => undefined);
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what || expression}`);
			await sleep(200);
		}
	}

	/** Center of the first visible element matching `selector` (and containing `text`). */
	async locate(selector, text, { timeoutMs = 30000 } = {}) {
		return this.waitFor(
			(sel, txt) => {
				for (const el of document.querySelectorAll(sel)) {
					const r = el.getBoundingClientRect();
					if (!r.width || !r.height) continue;
					if (txt && !(el.innerText || el.textContent || el.value || '').includes(txt)) continue;
					return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, width: r.width, height: r.height };
				}
				return null;
			},
			{ timeoutMs, what: `${selector}${text ? ` containing "${text}"` : ''}`, args: [selector, text || ''] },
		);
	}

	async click(selector, text, { clickCount = 1, timeoutMs } = {}) {
		const { x, y } = await this.locate(selector, text, { timeoutMs });
		await this.mouse(x, y, clickCount);
		return { x, y };
	}

	async mouse(x, y, clickCount = 1) {
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
		for (let i = 1; i <= clickCount; i++) {
			await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: i });
			await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: i });
		}
	}

	/** Drags with the left button from one point to another, in small steps (as a hand would). */
	async drag(from, to, steps = 12) {
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: from.x, y: from.y });
		await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: from.x, y: from.y, button: 'left', clickCount: 1 });
		for (let i = 1; i <= steps; i++) {
			const x = from.x + ((to.x - from.x) * i) / steps;
			const y = from.y + ((to.y - from.y) * i) / steps;
			await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 });
			await sleep(30);
		}
		await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: to.x, y: to.y, button: 'left', clickCount: 1 });
	}

	async type(text) {
		await this.send('Input.insertText', { text });
	}

	async key(key) {
		const codes = { Enter: 13, Escape: 27, Tab: 9 };
		for (const type of ['keyDown', 'keyUp']) {
			await this.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: codes[key] || 0 });
		}
	}

	async screenshot(file, clip) {
		const params = { format: 'png', captureBeyondViewport: false };
		if (clip) params.clip = { ...clip, scale: 1 };
		const { data } = await this.send('Page.captureScreenshot', params);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
		if (process.env.EV_SCREENSHOT_DEBUG === '1') {
			fs.writeFileSync(file.replace(/\.png$/, '.html'), await this.eval('document.documentElement.outerHTML'));
		}
		return file;
	}
}

// ---------------------------------------------------------------------------------------------
// the pictures

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

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
					timeZone: 'America/New_York',
					interval: 30,
					options: { reportRequestsPerSecond: demo.DEMO_REPORT_REQUESTS_PER_SECOND },
				},
				credentials: { engageVoiceJwtApi: { id: setup.credentials.jwt.id, name: setup.credentials.jwt.name } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Queue Statistics', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: demo.TIME_ZONE },
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
	say('Starting the demo stack (simulator, n8n with the package) on free ports…');
	const [port, simPort, sinkPort] = [await freePort(), await freePort(), await freePort()];
	const stack = await demo.startDemo({
		port,
		simPort,
		sinkPort,
		quiet: true,
		activate: true,
		dir: path.join(cacheRoot(), 'screenshots'),
	});
	installSignalHandlers(async () => {
		await stack.stop();
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	let browser;
	let page;
	try {
		await demo.createWorkflow(stack.n8n.rest, reportWorkflow(stack.setup, stack.sim));
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

	// 2. the trigger's settings (the demo's recording workflow)
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

module.exports = { Browser, Page };

if (require.main === module) {
	main().catch(async (error) => {
		process.stderr.write(`\n[screenshots] ${error.stack || error.message}\n`);
		await stopAll();
		process.exit(1);
	});
}
