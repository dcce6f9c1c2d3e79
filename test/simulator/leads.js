'use strict';
// Lead management endpoints (API doc §10) under /voice/api/v1/admin/accounts/{accountId}, where
// accountId is a sub-account id: dial groups, campaigns, lead lists, leadLoader/direct, leadSearch,
// PATCH/PUT of one lead, lead actions, lead states and system dispositions. Authentication as on the
// other admin endpoints (no WEM needed). The rules live in leadStore.js; this file checks requests,
// spends the per-operation budgets of §7.1 and renders the answers and their variants.
//
// Order of checks: 401 → accountId (400 non-numeric, 404 unknown) → path ids in the path (400
// non-numeric; 404 unknown dial group / campaign where the path names one) → 429 → query and body
// validation (400) → lead/campaign named in the query or body (404).

const { json, errors } = require('./http');
const A = require('./access');
const { TIME_ZONE_OPTIONS, LIST_STATES, DUPLICATE_HANDLING, DIAL_PRIORITIES, ACTION_KEYS, LEAD_STATES, SYSTEM_DISPOSITIONS, formatLeadDate } = require('./leadStore');

/** Rows per page when maxRows is not given, and the most a page holds (silently capped). */
const DEFAULT_MAX_ROWS = 100;
const MAX_MAX_ROWS = 1000;
const LOAD_REQUIRED_DOCS = ['dialPriority', 'duplicateHandling', 'timeZoneOption'];

function createLeads(S) {
	const store = S.leadStore;
	const v = () => S.variants();
	const ve = (attributeName, message, value) => ({ attributeName, message, value: value === undefined ? null : value });
	const invalid = (ctx, list) => errors(ctx, 400, { validationErrors: list });

	function account(ctx) {
		const id = ctx.params.accountId;
		if (!A.isNumeric(id)) return { response: A.badId(ctx, 'accountId', id) };
		const sub = S.world.subAccounts.find((s) => s.subAccountId === id);
		if (!sub || ctx.principal.mainAccountId !== S.world.mainAccountId) return { response: A.notFound(ctx, `Account ${id} not found`) };
		return { sub };
	}

	function jsonBody(ctx, { emptyIs } = {}) {
		const parsed = ctx.json();
		if (!parsed.error && parsed.value === null && emptyIs !== undefined) return { body: emptyIs };
		if (parsed.error || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
			return { response: errors(ctx, 400, { developerMessage: 'Malformed JSON request', validationErrors: [ve('body', 'must be a JSON object', null)] }) };
		}
		return { body: parsed.value };
	}

	/** page/maxRows → { index, size, page } or { error }; page base per variant (0, or 1 where page 0 = page 1). */
	function paging(query, { always = false } = {}) {
		const hasPage = query.page !== undefined && query.page !== '';
		const hasRows = query.maxRows !== undefined && query.maxRows !== '';
		if (!always && !hasPage && !hasRows) return { all: true };
		const base = v().leadPageBase;
		const page = hasPage ? Number(query.page) : base;
		const rows = hasRows ? Number(query.maxRows) : DEFAULT_MAX_ROWS;
		if (!Number.isInteger(page) || page < 0) return { error: ve('page', 'must be a whole number ≥ 0', query.page) };
		if (!Number.isInteger(rows) || rows < 1) return { error: ve('maxRows', 'must be a whole number ≥ 1', query.maxRows) };
		return { index: base === 1 ? Math.max(page, 1) - 1 : page, size: Math.min(rows, MAX_MAX_ROWS), page };
	}

	const slice = (list, p) => (p.all ? list : list.slice(p.index * p.size, p.index * p.size + p.size));

	// ---------------- dial groups and campaigns ----------------

	function campaignItem(c) {
		const g = store.dialGroup(c.dialGroupId);
		return {
			campaignId: c.campaignId,
			campaignName: c.campaignName,
			campaignDesc: c.campaignDesc,
			callerId: c.callerId,
			isActive: c.isActive,
			startDate: formatLeadDate(c.startDateMs),
			endDate: formatLeadDate(c.endDateMs),
			callingConfiguration: c.callingConfiguration,
			maxPasses: c.maxPasses,
			aux1Label: 'Tier',
			aux2Label: 'Days',
			aux3Label: null,
			aux4Label: null,
			aux5Label: null,
			dialGroup: { id: g.dialGroupId, description: g.dialGroupName },
			permissions: [],
		};
	}

	function dialGroupItem(g, { children = false, permissions = false } = {}) {
		const item = {
			dialGroupId: g.dialGroupId,
			dialGroupName: g.dialGroupName,
			dialGroupDesc: g.dialGroupDesc,
			dialMode: g.dialMode,
			isActive: g.isActive,
			allowLeadSearch: g.allowLeadSearch,
			maxLeadsReturned: g.maxLeadsReturned,
			enableAgentFilter: g.enableAgentFilter,
			hciEnabled: g.hciEnabled,
		};
		if (children) {
			item.campaigns = store
				.campaignsOf(g.subAccountId)
				.filter((c) => c.dialGroupId === g.dialGroupId)
				.map((c) => ({ campaignId: c.campaignId, campaignName: c.campaignName, isActive: c.isActive, ...(permissions ? { permissions: ['READ', 'UPDATE'] } : {}) }));
		}
		item.permissions = permissions ? ['READ', 'UPDATE', 'DELETE'] : [];
		return item;
	}

	function listGuard(ctx) {
		const a = account(ctx);
		if (a.response) return a;
		const lim = A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (lim) return { response: lim };
		return a;
	}

	function dialGroups(withChildren) {
		return (ctx) => {
			const a = listGuard(ctx);
			if (a.response) return a.response;
			const p = paging(ctx.query);
			if (p.error) return invalid(ctx, [p.error]);
			const permissions = withChildren && String(ctx.query.includePermissions).toLowerCase() === 'true';
			return json(200, slice(store.dialGroupsOf(a.sub.subAccountId), p).map((g) => dialGroupItem(g, { children: withChildren, permissions })));
		};
	}

	/** The dial group (and campaign) named in the path → { sub, group, campaign } or { response }. */
	function groupPath(ctx, withCampaign) {
		const a = account(ctx);
		if (a.response) return a;
		const gid = ctx.params.dialGroupId;
		if (!A.isNumeric(gid)) return { response: A.badId(ctx, 'dialGroupId', gid) };
		if (withCampaign && !A.isNumeric(ctx.params.campaignId)) return { response: A.badId(ctx, 'campaignId', ctx.params.campaignId) };
		const group = store.dialGroup(Number(gid));
		if (!group || group.subAccountId !== a.sub.subAccountId) return { response: A.notFound(ctx, `Dial group ${gid} not found`) };
		let campaign = null;
		if (withCampaign) {
			campaign = store.campaign(Number(ctx.params.campaignId));
			if (!campaign || campaign.dialGroupId !== group.dialGroupId) return { response: A.notFound(ctx, `Campaign ${ctx.params.campaignId} not found`) };
		}
		const lim = A.limit(S, ctx, 'admin', ctx.principal.mainAccountId);
		if (lim) return { response: lim };
		return { sub: a.sub, group, campaign };
	}

	function campaigns(ctx) {
		const g = groupPath(ctx, false);
		if (g.response) return g.response;
		const p = paging(ctx.query);
		if (p.error) return invalid(ctx, [p.error]);
		return json(200, slice(store.campaignsOf(g.sub.subAccountId).filter((c) => c.dialGroupId === g.group.dialGroupId), p).map(campaignItem));
	}

	function campaign(ctx) {
		const g = groupPath(ctx, true);
		if (g.response) return g.response;
		return json(200, campaignItem(g.campaign));
	}

	function lists(ctx) {
		const g = groupPath(ctx, true);
		if (g.response) return g.response;
		return json(
			200,
			store.listsOf(g.campaign.campaignId).map((l) => ({
				listId: l.listId,
				listDesc: l.listDesc,
				listState: l.listState,
				campaignId: l.campaignId,
				uploadDate: formatLeadDate(l.uploadDateMs),
				dialPriority: l.dialPriority,
			})),
		);
	}

	// ---------------- leadLoader/direct ----------------

	/** The campaign in the path (campaigns/{campaignId}/...) → { sub, campaign } or { response }. */
	function campaignPath(ctx) {
		const a = account(ctx);
		if (a.response) return a;
		const cid = ctx.params.campaignId;
		if (!A.isNumeric(cid)) return { response: A.badId(ctx, 'campaignId', cid) };
		const c = store.campaign(Number(cid));
		if (!c || c.subAccountId !== a.sub.subAccountId) return { response: A.notFound(ctx, `Campaign ${cid} not found`) };
		return { sub: a.sub, campaign: c };
	}

	function missingParam(supplied) {
		return {
			leadsSupplied: supplied,
			leadsAccepted: 0,
			leadsInserted: 0,
			leadsConverted: 0,
			dncReturnedCount: 0,
			failedAgentAssignment: 0,
			processingResult: 'ERROR',
			message: 'missing.required.param',
			rejectedRows: [],
		};
	}

	function loadDirect(ctx) {
		const c = campaignPath(ctx);
		if (c.response) return c.response;
		const lim = A.limit(S, ctx, 'leadLoad', c.sub.subAccountId);
		if (lim) return lim;
		const p = jsonBody(ctx);
		if (p.response) return p.response;
		const b = p.body;
		const errs = [];
		const enumCheck = (name, allowed) => {
			if (b[name] !== undefined && b[name] !== null && !allowed.includes(b[name])) errs.push(ve(name, `must be one of ${allowed.join(', ')}`, b[name]));
		};
		enumCheck('dialPriority', DIAL_PRIORITIES);
		enumCheck('duplicateHandling', DUPLICATE_HANDLING);
		enumCheck('listState', LIST_STATES);
		enumCheck('timeZoneOption', TIME_ZONE_OPTIONS);
		if (b.uploadLeads !== undefined && b.uploadLeads !== null && !Array.isArray(b.uploadLeads)) errs.push(ve('uploadLeads', 'must be an array of leads', null));
		if (errs.length) return invalid(ctx, errs);
		const variants = v();
		let result;
		if (!Array.isArray(b.uploadLeads) || b.uploadLeads.length === 0) {
			result = store.noteLoad(c.campaign, b, missingParam(0)).result;
		} else if (variants.leadLoadRequired === 'docs' && LOAD_REQUIRED_DOCS.some((k) => b[k] === undefined || b[k] === null || b[k] === '')) {
			// the 2026 docs' "Required" fields: the load fails in a 2xx body that supplies nothing
			result = store.noteLoad(c.campaign, b, missingParam(0)).result;
		} else {
			result = store.load(c.campaign, b, { searchDelayMs: S.limits.value('leadSearchDelayMs'), outcome: variants.leadLoadOutcome }).result;
		}
		if (variants.leadLoadResponse === 'created') return { status: 201, headers: {}, body: '' };
		return json(200, result);
	}

	// ---------------- leadSearch ----------------

	function leadSearch(ctx) {
		const a = account(ctx);
		if (a.response) return a.response;
		const counting = String(ctx.query.count).toLowerCase() === 'true';
		const lim = A.limit(S, ctx, counting ? 'leadSearchCount' : 'leadSearch', a.sub.subAccountId);
		if (lim) return lim;
		const errs = [];
		if (ctx.query.count !== undefined && !/^(true|false)$/i.test(String(ctx.query.count))) errs.push(ve('count', 'must be true or false', ctx.query.count));
		const p = paging(ctx.query, { always: true });
		if (p.error) errs.push(p.error);
		if (errs.length) return invalid(ctx, errs);
		const body = jsonBody(ctx, { emptyIs: {} });
		if (body.response) return body.response;
		const variants = v();
		const parsed = store.parseCriteria(body.body, { stateSpelling: variants.leadStateSpelling });
		if (parsed.error) return invalid(ctx, [parsed.error]);
		const found = store.find(a.sub.subAccountId, parsed.filters, { ignoreExternIds: variants.leadExternIds === 'ignore' });
		if (counting) return json(200, { count: found.length });
		const rows = slice(found, p).map((l) => store.searchRow(l, { stateSpelling: variants.leadStateSpelling }));
		switch (variants.leadSearchShape) {
			case 'records':
				return json(200, { records: rows, totalRecords: found.length });
			case 'page': {
				const totalPages = Math.ceil(found.length / p.size);
				return json(200, {
					content: rows,
					totalElements: found.length,
					totalPages,
					number: p.page,
					size: p.size,
					numberOfElements: rows.length,
					first: p.index === 0,
					last: p.index >= totalPages - 1,
				});
			}
			default:
				return json(200, rows);
		}
	}

	// ---------------- one lead: PATCH / PUT ----------------

	function updateLead(ctx) {
		const a = account(ctx);
		if (a.response) return a.response;
		const rawLead = ctx.params.leadId;
		if (!A.isNumeric(rawLead)) return A.badId(ctx, 'leadId', rawLead);
		const lim = A.limit(S, ctx, 'leadUpdate', a.sub.subAccountId);
		if (lim) return lim;
		const q = ctx.query;
		const errs = [];
		if (q.campaignId === undefined || q.campaignId === '') errs.push(ve('campaignId', "Required request parameter 'campaignId' for method parameter type Integer is not present", null));
		else if (!A.isNumeric(q.campaignId)) errs.push(ve('campaignId', 'must be a number', q.campaignId));
		if (q.listId !== undefined && !A.isNumeric(q.listId)) errs.push(ve('listId', 'must be a number', q.listId));
		if (q.timezoneOption !== undefined && !TIME_ZONE_OPTIONS.filter((o) => o !== 'COUNTRY').includes(q.timezoneOption)) {
			errs.push(ve('timezoneOption', 'must be one of NPA_NXX, ZIPCODE, EXPLICIT, NOT_APPLICABLE', q.timezoneOption));
		}
		if (q.duplicateHandling !== undefined && !DUPLICATE_HANDLING.includes(q.duplicateHandling)) errs.push(ve('duplicateHandling', `must be one of ${DUPLICATE_HANDLING.join(', ')}`, q.duplicateHandling));
		if (errs.length) return invalid(ctx, errs);
		const campaign = store.campaign(Number(q.campaignId));
		if (!campaign || campaign.subAccountId !== a.sub.subAccountId) return A.notFound(ctx, `Campaign ${q.campaignId} not found`);
		const lead = store.lead(Number(rawLead));
		if (!lead || lead.campaignId !== campaign.campaignId) return A.notFound(ctx, `Lead ${rawLead} not found in campaign ${q.campaignId}`);
		let listId;
		if (q.listId !== undefined) {
			listId = Number(q.listId);
			if (!store.listsOf(campaign.campaignId).some((l) => l.listId === listId)) return A.notFound(ctx, `List ${q.listId} not found in campaign ${q.campaignId}`);
		}
		const body = jsonBody(ctx);
		if (body.response) return body.response;
		const r = store.update(lead, body.body, ctx.method, { timezoneOption: q.timezoneOption, listId });
		if (r.error) return invalid(ctx, [r.error]);
		if (v().leadUpdateResponse === 'empty') return { status: ctx.method === 'PATCH' ? 204 : 201, headers: {}, body: '' };
		return json(200, store.campaignLead(r.lead, { stateSpelling: v().leadStateSpelling }));
	}

	// ---------------- actions ----------------

	function actions(ctx) {
		const a = account(ctx);
		if (a.response) return a.response;
		const lim = A.limit(S, ctx, 'leadAction', a.sub.subAccountId);
		if (lim) return lim;
		const action = ctx.query.leadAction;
		if (action === undefined || action === '') return invalid(ctx, [ve('leadAction', "Required request parameter 'leadAction' is not present", null)]);
		if (!(action in ACTION_KEYS)) return invalid(ctx, [ve('leadAction', `must be one of ${Object.keys(ACTION_KEYS).join(', ')}`, action)]);
		const body = jsonBody(ctx);
		if (body.response) return body.response;
		const b = body.body;
		const params = b.leadActionParams;
		if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
			return invalid(ctx, [ve('leadActionParams', 'must be an object { paramMap }', null)]);
		}
		const variants = v();
		const record = store.act(a.sub.subAccountId, action, b.campaignLeadSearchCriteria, params ? params.paramMap : undefined, {
			stateSpelling: variants.leadStateSpelling,
			ignoreExternIds: variants.leadExternIds === 'ignore',
			searchDelayMs: S.limits.value('leadSearchDelayMs'),
		});
		return json(200, record.result);
	}

	// ---------------- enums ----------------

	function enumList(values) {
		return (ctx) => {
			const a = listGuard(ctx);
			if (a.response) return a.response;
			return json(200, values());
		};
	}

	return {
		dialGroups: dialGroups(false),
		dialGroupsWithChildren: dialGroups(true),
		campaigns,
		campaign,
		lists,
		loadDirect,
		leadSearch,
		updateLead,
		actions,
		leadStates: enumList(() => (v().leadStateSpelling === 'underscore' ? LEAD_STATES.map((s) => s.replace(/-/g, '_')) : [...LEAD_STATES])),
		systemDispositions: enumList(() => [...SYSTEM_DISPOSITIONS]),
	};
}

module.exports = { createLeads, DEFAULT_MAX_ROWS, MAX_MAX_ROWS };
