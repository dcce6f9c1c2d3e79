'use strict';
/*
 * n8n's REST API the way the editor uses it: a cookie jar and a fixed browser-id header on every
 * call; the owner account, credentials, workflows (save, activate, run), executions (their data
 * decoded from flatted) and data tables.
 */
const crypto = require('crypto');
const { setTimeout: sleep } = require('timers/promises');

const { formatMs } = require('./log');
const { requireFromN8n } = require('./n8nInstall');

const REQUEST_TIMEOUT_MS = 120000;

class RestClient {
	/** `hostDir`: the n8n install whose `flatted` decodes execution data (default: the pinned one). */
	constructor(baseUrl, { hostDir } = {}) {
		this.baseUrl = baseUrl;
		this.hostDir = hostDir;
		this.cookies = new Map();
		this.browserId = crypto.randomUUID();
	}

	/** One call; throws (with status and body) unless the status is in `expect`. */
	async request(method, urlPath, body, { expect = [200] } = {}) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookies.size) {
			headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		}
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		for (const cookie of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
			const [pair] = cookie.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (expect && !expect.includes(res.status)) {
			const err = new Error(`${method} ${urlPath} → ${res.status}: ${text.slice(0, 500)}`);
			err.status = res.status;
			err.body = json ?? text;
			throw err;
		}
		return { status: res.status, body: json ?? text };
	}

	// -- owner ---------------------------------------------------------------------------------

	/** Creates the owner account (first call on a fresh instance) and keeps its session cookie. */
	async setupOwner({
		email = 'owner@example.com',
		password = 'Engage-Voice-1',
		firstName = 'Demo',
		lastName = 'Owner',
	} = {}) {
		const res = await this.request('POST', '/rest/owner/setup', { email, password, firstName, lastName });
		this.owner = { email, password };
		return res.body.data;
	}

	async login({ email, password } = this.owner || {}) {
		const res = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		return res.body.data;
	}

	/** Id of the signed-in user's personal project (where data tables live). */
	async personalProjectId() {
		return (await this.request('GET', '/rest/projects/personal')).body.data.id;
	}

	// -- credentials ---------------------------------------------------------------------------

	async createCredential({ name, type, data }) {
		const res = await this.request('POST', '/rest/credentials', { name, type, data });
		return res.body.data;
	}

	/** The editor's "Test" button: { status: 'OK' | 'Error', message }. */
	async testCredential({ id, name = '', type, data }) {
		const res = await this.request('POST', '/rest/credentials/test', {
			credentials: { id, name, type, data },
		});
		return res.body.data;
	}

	// -- workflows -----------------------------------------------------------------------------

	async getWorkflow(id) {
		return (await this.request('GET', `/rest/workflows/${id}`)).body.data;
	}

	async createWorkflow(workflow) {
		return (await this.request('POST', '/rest/workflows', workflow)).body.data;
	}

	/** Activates (publishes) a saved workflow: its triggers start polling. */
	async activateWorkflow(id) {
		const wf = await this.getWorkflow(id);
		const res = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
		return res.body.data;
	}

	async deactivateWorkflow(id) {
		return (await this.request('POST', `/rest/workflows/${id}/deactivate`, {})).body.data;
	}

	/**
	 * Waits until an Engage Voice trigger workflow's first poll has committed its cursor (static
	 * data): n8n saves it after the poll and the execution it started succeeded. Resolves false
	 * (gives up silently) after `timeoutMs`.
	 */
	async waitForFirstPoll(id, { timeoutMs = 90_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const wf = await this.getWorkflow(id);
			const trigger = wf.nodes.find((n) => /Trigger$/.test(n.type) && n.type.startsWith('n8n-nodes-engage-voice.'));
			if (wf.staticData && trigger && wf.staticData[`node:${trigger.name}`]) return true;
			await sleep(500);
		}
		return false;
	}

	// -- executions ----------------------------------------------------------------------------

	/** Manual run from a trigger (runs a poll trigger's poll() once); returns the execution id. */
	async runWorkflow(id, { triggerName, data } = {}) {
		const body = triggerName ? { triggerToStartFrom: { name: triggerName, ...(data ? { data } : {}) } } : {};
		const res = await this.request('POST', `/rest/workflows/${id}/run`, body);
		const out = res.body.data || {};
		if (!out.executionId) throw new Error(`run of ${id} returned no executionId: ${JSON.stringify(out)}`);
		return out.executionId;
	}

	/** The ids of a workflow's executions, newest first (GET /rest/executions, first page). */
	async executionIds(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await this.request('GET', `/rest/executions?filter=${filter}&limit=100`);
		const data = res.body.data;
		return (Array.isArray(data) ? data : data.results || []).map((e) => String(e.id));
	}

	/** GET /rest/executions/<id> with `data` decoded from flatted. */
	async getExecution(id) {
		const res = await this.request('GET', `/rest/executions/${id}`);
		const execution = res.body.data;
		if (execution && typeof execution.data === 'string') {
			execution.data = requireFromN8n('flatted', this.hostDir).parse(execution.data);
		}
		return execution;
	}

	/** Polls until the execution has finished (any final status), then returns getExecution(id). */
	async waitForExecution(id, { timeoutMs = 120000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.request('GET', `/rest/executions/${id}`, undefined, {
				expect: [200, 404],
			});
			const e = execution.body && execution.body.data;
			if (e && !['new', 'running', 'waiting'].includes(e.status) && (e.stoppedAt || e.finished)) {
				return this.getExecution(id);
			}
			if (Date.now() > deadline) throw new Error(`execution ${id} not finished after ${formatMs(timeoutMs)}`);
			await sleep(250);
		}
	}

	// -- data tables ---------------------------------------------------------------------------

	/** Creates a data table ({ name, columns: [{ name, type }] }); returns it with its projectId. */
	async createDataTable(projectId, table) {
		const res = await this.request('POST', `/rest/projects/${projectId}/data-tables`, table);
		return { ...res.body.data, projectId };
	}

	/** Rows of a data table (all pages). */
	async dataTableRows(projectId, tableId) {
		const rows = [];
		for (let skip = 0; ; skip += 500) {
			const res = await this.request(
				'GET',
				`/rest/projects/${projectId}/data-tables/${tableId}/rows?skip=${skip}&take=500`,
			);
			const page = res.body.data;
			rows.push(...page.data);
			if (rows.length >= page.count || !page.data.length) return rows;
		}
	}
}

module.exports = { RestClient };
