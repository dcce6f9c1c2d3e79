'use strict';
/*
 * A minimal Chrome DevTools Protocol client over Node's built-in WebSocket (no puppeteer or
 * playwright): launches headless chromium (Debian's `chromium`, or CHROMIUM=/path/to/chrome), opens
 * pages with a fixed viewport, evaluates, waits, clicks, drags, types and takes screenshots.
 * EV_SCREENSHOT_DEBUG=1 also writes <name>.html (the DOM) next to each screenshot.
 */
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');

const VIEWPORT = { width: 1440, height: 900 };

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

	/** Closes chromium (SIGKILL if it has not exited 5 s later) and removes its profile; idempotent. */
	async close() {
		const running = () => this.proc.exitCode === null && this.proc.signalCode === null;
		if (running()) {
			// no answer comes once the socket is closed: do not wait for one longer than the exit below
			await Promise.race([this.send('Browser.close').catch(() => {}), sleep(5000, undefined, { ref: false })]);
		}
		await new Promise((resolve) => {
			if (!running()) return resolve();
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

module.exports = { Browser };
