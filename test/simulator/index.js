'use strict';
// Engage Voice / RingCX simulator: one HTTP server (node:http only) serving the RingCentral
// platform endpoints, Engage auth, the legacy portal, and both integration API families.
// See README.md for the contract.

const http = require('node:http');
const { createWorld } = require('./world');
const { createClock } = require('./clock');
const { createCalls } = require('./calls');
const { createTruth } = require('./truth');
const { createAuth, createSecrets } = require('./auth');
const { createLimits } = require('./limits');
const { createFaults } = require('./faults');
const { createLog } = require('./log');
const { createVariants } = require('./variants');
const { createDirectory } = require('./directory');
const { createReports } = require('./reports');
const { createControl } = require('./control');
const { createRoster } = require('./roster');
const { createLeadStore } = require('./leadStore');
const { createLeads } = require('./leads');
const { createAgentStates } = require('./agentStates');
const { createPayloads } = require('./payloads');
const { createOutbound } = require('./outbound');
const { createDeliveries } = require('./deliveries');
const { createSubscriptions, createAuthConfigs } = require('./subscriptions');
const { createPush } = require('./push');
const { createRevisions } = require('./revisions');
const H = require('./http');

const CI = '/voice/api/integration/v1/admin';
const CR = `${CI}/reports/accounts/:subAccountId`;
const CR2 = '/voice/api/integration/v2/admin/reports/accounts/:subAccountId';
const CX = '/voice/api/cx/integration/v1/accounts/:rcAccountId/sub-accounts/:subAccountId';
const ADM = '/voice/api/v1/admin/accounts/:accountId';
const MAX_BODY = 1024 * 1024;

function compile(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				names.push(part.slice(1));
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&');
		})
		.join('/');
	return { re: new RegExp(`^${source}$`), names };
}

function buildRoutes(S, auth, dir, rep, leads, subs) {
	const A = auth.handlers;
	const list = [
		// RingCentral platform
		['POST', '/restapi/oauth/token', A.rcToken],
		['GET', '/restapi/v1.0/account/~', A.rcAccount],
		// Engage auth (no /voice)
		['POST', '/api/auth/login/rc/accesstoken', A.exchange],
		['POST', '/api/auth/token/refresh', A.refresh],
		['POST', '/api/auth/login/admin', A.adminLogin],
		['GET', '/api/auth/token/validate', A.validate],
		['GET', '/api/auth/token/claims', A.claims],
		['DELETE', '/api/auth/logout/:refreshToken', A.logout],
		// legacy portal login (served as /api/v1/auth/login, see normalise())
		['POST', '/voice/api/v1/auth/login', A.legacyLogin],
		// admin
		['POST', '/voice/api/v1/admin/token', A.tokenCreate, { auth: true, limit: 'admin' }],
		['GET', '/voice/api/v1/admin/token', A.tokenList, { auth: true, limit: 'admin' }],
		['DELETE', '/voice/api/v1/admin/token/:token', A.tokenDelete, { auth: true, limit: 'admin' }],
		['GET', '/voice/api/v1/admin/accounts', dir.adminAccounts, { auth: true }],
		// lead management (admin API, sub-account id in the path)
		['GET', `${ADM}/dialGroups`, leads.dialGroups, { auth: true }],
		['GET', `${ADM}/dialGroups/withChildren`, leads.dialGroupsWithChildren, { auth: true }],
		['GET', `${ADM}/dialGroups/:dialGroupId/campaigns`, leads.campaigns, { auth: true }],
		['GET', `${ADM}/dialGroups/:dialGroupId/campaigns/:campaignId`, leads.campaign, { auth: true }],
		['GET', `${ADM}/dialGroups/:dialGroupId/campaigns/:campaignId/lists`, leads.lists, { auth: true }],
		['POST', `${ADM}/campaigns/:campaignId/leadLoader/direct`, leads.loadDirect, { auth: true }],
		['POST', `${ADM}/campaignLeads/leadSearch`, leads.leadSearch, { auth: true }],
		['GET', `${ADM}/campaignLeads/leadStates`, leads.leadStates, { auth: true }],
		['GET', `${ADM}/campaignLeads/systemDispositions`, leads.systemDispositions, { auth: true }],
		['PUT', `${ADM}/campaignLeads/actions`, leads.actions, { auth: true }],
		['PATCH', `${ADM}/campaignLeads/:leadId`, leads.updateLead, { auth: true }],
		['PUT', `${ADM}/campaignLeads/:leadId`, leads.updateLead, { auth: true }],
		// classic directory
		['GET', `${CI}/users/:mainAccountId`, dir.users, { auth: true }],
		['GET', `${CI}/accounts/:mainAccountId/subaccounts`, dir.subAccounts, { auth: true }],
		['GET', `${CI}/accounts/:subAccountId/agentGroups`, dir.agentGroups, { auth: true }],
		['GET', `${CI}/accounts/:subAccountId/agentGroups/:agentGroupId/agents`, dir.agents, { auth: true }],
		['GET', `${CI}/accounts/:subAccountId/gateGroups`, dir.gateGroups, { auth: true }],
		['GET', `${CI}/accounts/:subAccountId/gateGroups/:gateGroupId/withAgents`, dir.gateGroupWithAgents, { auth: true }],
		// classic reports
		['POST', `${CR}/aggAgentExtendedStats`, rep.classicAggregate('aggAgentExtendedStats'), { auth: true }],
		['POST', `${CR}/aggQueueStats`, rep.classicAggregate('aggQueueStats'), { auth: true }],
		['POST', `${CR}/aggAgentStats`, rep.classicAggregate('aggAgentStats'), { auth: true }],
		['POST', `${CR2}/interactionMetadata`, rep.metadata('classic'), { auth: true }],
		// CX
		['GET', `${CX}/queue-groups`, dir.cxQueueGroups, { auth: true }],
		['GET', `${CX}/queue-groups/:queueGroupId/with-agents`, dir.cxWithAgents, { auth: true }],
		['POST', `${CX}/agg-agent-extended-stats`, rep.cxAggregate('agg-agent-extended-stats'), { auth: true }],
		['POST', `${CX}/agg-queue-stats`, rep.cxAggregate('agg-queue-stats'), { auth: true }],
		['POST', `${CX}/agg-agent-stats`, rep.cxAggregate('agg-agent-stats'), { auth: true }],
		['POST', `${CX}/interaction-metadata`, rep.metadata('cx'), { auth: true }],
		['GET', `${CX}/recordings/dialogs/:dialogId/segments/:segmentId`, rep.recording, { auth: true }],
		['GET', `${CX}/transcripts/dialogs/:dialogId/segments/:segmentId`, rep.transcript, { auth: true }],
		['GET', `${CX}/agent-states/subscriptions`, subs.list, { auth: true }],
		['POST', `${CX}/agent-states/subscriptions`, subs.create, { auth: true }],
		['PUT', `${CX}/agent-states/subscriptions/:subscriptionId`, subs.update, { auth: true }],
		['DELETE', `${CX}/agent-states/subscriptions/:subscriptionId`, subs.remove, { auth: true }],
		// classic recording links (segmentRecordingURL points here)
		['GET', '/recordings/api/v1/calls/recordings', rep.classicRecordingFile],
	];
	return list.map(([method, pattern, handler, opts = {}]) => ({ method, pattern, handler, ...compile(pattern), ...opts }));
}

/** Legacy host `${url}/api` = the same paths without `/voice`. */
function normalise(rawPath) {
	let p = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
	let legacy = false;
	if (p.startsWith('/api/') && !p.startsWith('/api/auth/')) {
		p = `/voice${p}`;
		legacy = true;
	}
	return { path: p, legacy };
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size <= MAX_BODY) chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function startSimulator(options = {}) {
	const { port = 0, host = '127.0.0.1', seed = 1, clockSpeed = 1, startTime, limits, variants, rosterChurn, autoDeliver = true, busyDay, revisions } = options;
	const world = createWorld(seed);
	const secrets = createSecrets(world);
	const clock = createClock({ start: startTime, speed: clockSpeed });
	const calls = createCalls(world);
	const variantStore = createVariants(variants || {});

	const S = { world, secrets, clock, calls, variantStore, variants: () => variantStore.get(), baseUrl: () => sim.url };
	S.truth = createTruth({
		world,
		calls,
		variants: S.variants,
		baseUrl: S.baseUrl,
		now: () => clock.now(),
		metadataVisibleDelay: () => S.limits.value('metadataVisibleDelayMs'),
		revisions: () => S.revisions.active(),
	});
	S.revisions = createRevisions(world, clock, revisions || null);
	S.setBusyDay = (spec) => {
		const state = calls.setBusy(spec);
		if (S.agentStates) S.agentStates.clearCache();
		return state;
	};
	S.setBusyDay(busyDay || null);
	S.limits = createLimits(clock, limits || {});
	S.roster = createRoster(world, clock, rosterChurn || null);
	S.truth.roster = (subAccountId, atMs) =>
		S.roster.agentsAt(atMs).filter((a) => subAccountId === undefined || a.subAccountId === String(subAccountId));
	S.truth.rosterEventTimes = (fromMs, toMs) => S.roster.eventTimes(fromMs, toMs);
	S.leadStore = createLeadStore({ world, clock });
	world.dialGroups = S.leadStore.seeded.dialGroups;
	world.campaigns = S.leadStore.seeded.campaigns;
	world.leadLists = S.leadStore.seeded.lists;
	S.truth.leads = S.leadStore.truth.leads;
	S.truth.leadLists = S.leadStore.truth.lists;
	S.truth.leadLoads = S.leadStore.truth.loads;
	S.truth.leadUpdates = S.leadStore.truth.updates;
	S.truth.leadActions = S.leadStore.truth.actions;
	S.truth.leadEmails = S.leadStore.truth.emails;
	S.truth.dnc = S.leadStore.truth.dnc;
	world.authConfigs = createAuthConfigs(world);
	S.agentStates = createAgentStates({ world, calls, campaignOfCall: S.leadStore.campaignOfCall });
	S.payloads = createPayloads({ world, variants: S.variants });
	S.truth.agentStates = (subAccountId, fromMs, toMs) =>
		S.agentStates.changes(subAccountId, fromMs, toMs).map((ev) => ({ ...ev, state: S.payloads.wireState(ev.state), prevState: S.payloads.wireState(ev.prevState) }));
	S.outbound = createOutbound();
	S.faults = createFaults(seed);
	S.auth = createAuth(S);
	S.deliveries = createDeliveries(S, { autoDeliver });
	S.subscriptions = createSubscriptions(S);
	S.push = createPush(S);
	S.deliveries.addSource(S.subscriptions.source);
	S.deliveries.addSource(S.push.source);
	S.truth.callEvents = (subAccountId, fromMs, toMs) =>
		S.push.callEvents(subAccountId, fromMs, toMs).map((e) => ({ id: e.id, atMs: e.atMs, dialogId: e.call.dialogId, segmentId: e.seg ? e.seg.segmentId : null, payload: S.payloads.wfmEndCall(e) }));
	S.log = createLog({ sensitiveValues: () => S.auth.sensitiveValues() });
	S.rateLimited = (ctx, retryAfterMs) => {
		const v = variantStore.get();
		const headers = { 'X-Rate-Limit-Remaining': '0' };
		if (v.retryAfter === 'one') headers['Retry-After'] = '1';
		else if (v.retryAfter === 'exact') headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
		if (v.rateLimitBody === 'json') {
			return H.json(429, { errorCode: 'rate.limit.exceeded', generalMessage: 'Too many requests', timestamp: clock.now() }, headers);
		}
		return H.text(429, 'rate', headers);
	};
	S.resetAll = () => {
		clock.reset();
		S.limits.reset();
		S.faults.clear();
		variantStore.reset();
		S.auth.reset();
		S.log.clear();
		S.roster.reset();
		S.revisions.reset();
		S.setBusyDay(busyDay || null);
		S.leadStore.reset();
		S.subscriptions.reset();
		S.push.reset();
		S.deliveries.reset();
	};
	const directory = createDirectory(S);
	const reports = createReports(S);
	const leads = createLeads(S);
	const routes = buildRoutes(S, S.auth, directory, reports, leads, S.subscriptions);
	const { control, handle: handleControl } = createControl(S);

	function route(ctx) {
		let pathMatched = false;
		for (const r of routes) {
			const m = r.re.exec(ctx.path);
			if (!m) continue;
			pathMatched = true;
			if (r.method !== ctx.method) continue;
			ctx.params = {};
			r.names.forEach((n, i) => (ctx.params[n] = decodeURIComponent(m[i + 1])));
			if (r.auth) {
				const a = S.auth.authenticate(ctx);
				if (a.response) return a.response;
				ctx.principal = a.principal;
			}
			if (r.limit) {
				const slot = S.limits.take(r.limit, ctx.principal.mainAccountId);
				if (!slot.ok) return S.rateLimited(ctx, slot.retryAfterMs);
			}
			return r.handler(ctx);
		}
		if (pathMatched) return H.errors(ctx, 405);
		if (ctx.path.startsWith('/voice/') || ctx.path.startsWith('/api/')) return H.errors(ctx, 404);
		return H.text(404, 'Not Found');
	}

	function send(res, resp) {
		const body = resp.body === undefined || resp.body === null ? '' : resp.body;
		const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
		// Date from the sim clock (not the host's), as a server states its own time
		const headers = { Date: new Date(clock.now()).toUTCString(), ...resp.headers, 'Content-Length': String(buf.length) };
		res.writeHead(resp.status, headers);
		res.end(resp.status === 204 ? undefined : buf);
	}

	async function onRequest(req, res) {
		const url = new URL(req.url, 'http://sim.local');
		const rawPath = url.pathname;
		const bodyBuf = await readBody(req);
		const bodyText = bodyBuf.toString('utf8');
		if (rawPath === '/__sim' || rawPath.startsWith('/__sim/')) {
			let value = null;
			if (bodyText.trim()) {
				try {
					value = JSON.parse(bodyText);
				} catch {
					return send(res, H.json(400, { error: 'control body must be JSON' }));
				}
			}
			return send(res, await handleControl(req.method, rawPath, value));
		}
		const query = {};
		for (const [k, v] of url.searchParams) query[k] = v;
		const contentType = String(req.headers['content-type'] || '');
		let form = null;
		if (contentType.includes('application/x-www-form-urlencoded')) {
			form = {};
			for (const [k, v] of new URLSearchParams(bodyText)) form[k] = v;
		}
		const { path, legacy } = normalise(rawPath);
		let parsedJson;
		const ctx = {
			method: req.method,
			rawPath,
			path,
			legacy,
			query,
			headers: req.headers,
			bodyText,
			form,
			remote: req.socket.remoteAddress,
			now: () => clock.now(),
			json() {
				if (!parsedJson) {
					try {
						parsedJson = { value: bodyText.trim() ? JSON.parse(bodyText) : null };
					} catch (e) {
						parsedJson = { error: e.message };
					}
				}
				return parsedJson;
			},
		};
		const entry = S.log.add(ctx);
		const fault = S.faults.pick(req.method, rawPath);
		let resp = null;
		if (fault) {
			switch (fault.kind) {
				case 'reset':
					entry.status = 'reset';
					req.socket.destroy();
					return;
				case '500':
				case '502':
				case '503':
					resp = H.htmlPage(Number(fault.kind));
					break;
				case '429':
					resp = H.text(429, 'rate', fault.retryAfter === null || fault.retryAfter === false ? {} : { 'Retry-After': String(fault.retryAfter) });
					break;
				case 'expire':
					resp = H.text(401, H.expiredText(path));
					break;
				case 'invalidJson':
					resp = { status: 200, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: '{"rows": [1, 2,, ]<html><body>oops</body></html>' };
					break;
				case 'slow':
					await delay(fault.delayMs);
					break;
				default:
					break;
			}
		}
		if (!resp) resp = await route(ctx);
		if (fault && fault.kind === 'truncated') {
			const buf = Buffer.isBuffer(resp.body) ? resp.body : Buffer.from(String(resp.body ?? ''));
			resp = { ...resp, body: buf.subarray(0, Math.floor(buf.length / 2)) };
		}
		if (fault && fault.kind === 'cutHeader') {
			// what a connection dropped inside the first TCP segment leaves of a small file
			const buf = Buffer.isBuffer(resp.body) ? resp.body : Buffer.from(String(resp.body ?? ''));
			const lineEnd = buf.indexOf(10);
			const firstLine = lineEnd < 0 ? buf.length : lineEnd;
			resp = { ...resp, body: buf.subarray(0, Math.max(1, Math.floor(firstLine / 2))) };
		}
		entry.status = resp.status;
		if (res.destroyed || req.socket.destroyed) return;
		send(res, resp);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) {
				const body = JSON.stringify({ developerMessage: String(err && err.stack), generalMessage: H.GENERAL_MESSAGES[500], timestamp: clock.now() });
				res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
				res.end(body);
			}
		});
	});
	server.keepAliveTimeout = 2000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

	Object.defineProperty(world, 'truth', { value: S.truth, enumerable: false });

	const sim = {
		url: `http://${displayHost}:${address.port}`,
		port: address.port,
		seed,
		world,
		secrets,
		truth: S.truth,
		control,
		server,
		close() {
			S.deliveries.close();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return sim;
}

module.exports = { startSimulator };
