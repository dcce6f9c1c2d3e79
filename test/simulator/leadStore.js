'use strict';
// The lead store (API doc §10): leads per campaign, lead lists, the account DNC lists, and the record
// of every load, update and action (ground truth for tests). It starts from dialer.js's seeded leads
// and is put back by reset(). No HTTP here: leads.js validates requests, applies rate limits and
// renders answers; this module holds the rules of loading, searching, updating and acting.
//
// Decisions where the doc is open (README "Leads" lists them all):
//  - duplicateHandling follows the CURRENT docs (2021+): REMOVE_ALL_EXISTING drops a NEW lead whose
//    leadPhone is already in the campaign (the existing lead wins, leadsInserted counts only the
//    rest); REMOVE_FROM_LIST drops later duplicates inside the uploaded batch only; RETAIN_ALL keeps
//    everything. Duplicates dropped this way are not rejected rows.
//  - a search without campaignId/campaignIds covers every campaign of the sub-account.
//  - PUT clears every writable field it is not given (leadPhone and externId too).

const { hash } = require('./prng');
const { createDialer, LEAD_STATES, SYSTEM_DISPOSITIONS, AREA_ZONES, ZIP_ZONES } = require('./dialer');

const STRING_FIELDS = [
	'externId', 'leadPhone', 'leadPhoneE164', 'title', 'firstName', 'midName', 'lastName', 'suffix', 'address1', 'address2', 'city', 'state', 'zip',
	'email', 'gateKeeper', 'auxData1', 'auxData2', 'auxData3', 'auxData4', 'auxData5', 'auxPhone', 'auxExternalUrl', 'auxGreeting', 'callerId',
	'liveAnswerMessage', 'machAnswerMessage', 'leadTimezone',
];
const INT_FIELDS = ['leadPriority', 'maxPasses', 'dupeKeyOverride'];
const OTHER_FIELDS = ['suppressed', 'extendedLeadData', 'personaPhoneConfig', 'quotaTargetIds', 'reserveAgent'];
/** Every field a caller can write on a lead (CampaignLead, §10.4). Server-set fields are ignored when sent. */
const WRITABLE = [...STRING_FIELDS, ...INT_FIELDS, ...OTHER_FIELDS];
const CALLBACK_STATES = ['CALLBACK', 'AGENT-CALLBACK', 'PENDING-CALLBACK'];
const TIME_ZONE_OPTIONS = ['NPA_NXX', 'ZIPCODE', 'EXPLICIT', 'COUNTRY', 'NOT_APPLICABLE'];
const LIST_STATES = ['ACTIVE', 'PAUSED', 'PENDING_DNC', 'LOADING', 'DELETED', 'READY', 'CALLBACKS', 'CALLBACKS_AGENT', 'DUPLICATES_NOT_MERGED', 'DUPLICATES_NOT_MOVED', 'ARCHIVED'];
const DUPLICATE_HANDLING = ['RETAIN_ALL', 'REMOVE_ALL_EXISTING', 'REMOVE_FROM_LIST'];
const DIAL_PRIORITIES = ['IMMEDIATE', 'NORMAL'];
const LOAD_FAILURES = ['NO_LEADS_PASSED_VALIDATION', 'DNC_ACCOUNT_SETTINGS', 'DNC_UPLOAD_FAILED', 'DEFAULT_NOT_A_FAILURE', 'DNC_GREATER_ONE_DAY', 'GENERAL_FAILURE'];
const OPERATORS = ['GREATER_THAN', 'LESS_THAN', 'EQUALS'];

/** paramMap keys per action (case-sensitive, §10.7). */
const ACTION_KEYS = {
	RESET_LEADS: [],
	CANCEL_LEADS: [],
	DELETE_LEADS: [],
	PAUSE_LEADS: [],
	DIALER_REFRESH: ['force_dialer_cache_refresh'],
	READY_LEADS: [],
	MANUAL_LEADS: ['PASS_DISPOSITION', 'REQUEUE', 'DO_NOT_CALL', 'PASS_DELAY', 'MERGE_ORIGINAL'],
	EMAIL_LEADS: ['EMAIL_TO'],
	CALLBACK_LEADS: ['ACTION_TYPE', 'RESERVATION_AGENT_ID', 'CALLBACK_DATE'],
	MOVE_TO_CAMPAIGN: ['CAMPAIGN_ID', 'LIST_ID', 'LIST_NAME', 'CREATE_COPY_SETTING', 'DUPLICATE_ACTION_SETTING'],
	AGENT_RESERVATION: ['RESERVATION_AGENT_ID'],
	SUPPRESS_LEADS: [],
	UNSUPPRESS_LEADS: [],
};

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-dd'T'HH:mm:ss.SSS+0000` in UTC, the form of every lead date in the docs (§10.9). */
function formatLeadDate(ms) {
	if (ms === null || ms === undefined) return null;
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** Strict docs form with any ±HHMM offset → ms, else null (CALLBACK_DATE). */
function parseLeadDate(text) {
	if (typeof text !== 'string') return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/.exec(text);
	if (!m) return null;
	const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
	const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	const check = new Date(local);
	if (check.getUTCDate() !== d) return null;
	const offset = (Number(m[9]) * 60 + Number(m[10])) * 60000 * (m[8] === '-' ? -1 : 1);
	return local - offset;
}

/** Search criteria dates: the docs form, ISO 8601 with Z or ±HH:MM, or epoch ms. */
function parseCriteriaDate(v) {
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	if (typeof v !== 'string') return null;
	const strict = parseLeadDate(v);
	if (strict !== null) return strict;
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
		const ms = Date.parse(v);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
}

function asInt(v) {
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
	return undefined;
}

function asBool(v) {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
	return undefined;
}

/** 10-digit US numbers, optionally pipe-separated; formatting characters and a leading 1 are dropped. */
function normalisePhone(value) {
	const parts = String(value)
		.split('|')
		.map((p) => p.replace(/[\s().-]/g, ''))
		.map((p) => (/^\+?1\d{10}$/.test(p) ? p.replace(/^\+?1/, '') : p));
	if (parts.some((p) => !/^\d{10}$/.test(p))) return null;
	return parts.join('|');
}

const primaryPhone = (phone) => (phone ? String(phone).split('|')[0] : null);

/** Validates and types the writable fields of one lead → { fields, error }. Unknown keys are ignored. */
function coerceLead(input) {
	const fields = {};
	for (const [k, v] of Object.entries(input)) {
		if (!WRITABLE.includes(k)) continue;
		if (v === null || v === undefined) {
			fields[k] = k === 'suppressed' ? false : null;
			continue;
		}
		if (STRING_FIELDS.includes(k) || k === 'reserveAgent') {
			if (typeof v === 'object') return { error: `${k} must be a string` };
			fields[k] = String(v);
		} else if (INT_FIELDS.includes(k)) {
			const n = asInt(v);
			if (n === undefined) return { error: `${k} must be a whole number` };
			fields[k] = n;
		} else if (k === 'suppressed') {
			const b = asBool(v);
			if (b === undefined) return { error: 'suppressed must be true or false' };
			fields[k] = b;
		} else if (k === 'extendedLeadData' || k === 'personaPhoneConfig') {
			if (typeof v !== 'object' || Array.isArray(v)) return { error: `${k} must be an object` };
			fields[k] = Object.fromEntries(Object.entries(v).map(([x, y]) => [x, y === null ? null : typeof y === 'object' ? JSON.stringify(y) : String(y)]));
		} else if (k === 'quotaTargetIds') {
			if (!Array.isArray(v) || v.some((x) => asInt(x) === undefined)) return { error: 'quotaTargetIds must be an array of numbers' };
			fields[k] = v.map(asInt);
		}
	}
	if (typeof fields.leadPhone === 'string' && fields.leadPhone.trim() === '') fields.leadPhone = null;
	if (fields.leadPhone) {
		const p = normalisePhone(fields.leadPhone);
		if (!p) return { error: `Invalid phone number: ${fields.leadPhone}` };
		fields.leadPhone = p;
	}
	if (fields.leadPhoneE164 && !/^\+\d{8,15}$/.test(fields.leadPhoneE164)) return { error: `Invalid E.164 phone number: ${fields.leadPhoneE164}` };
	if (!fields.leadPhone && fields.leadPhoneE164) {
		fields.leadPhone = /^\+1\d{10}$/.test(fields.leadPhoneE164) ? fields.leadPhoneE164.slice(2) : fields.leadPhoneE164.slice(1);
	}
	return { fields };
}

function zoneFor(option, lead, explicit) {
	switch (option) {
		case 'NPA_NXX':
			return lead.leadPhone ? AREA_ZONES[lead.leadPhone.slice(0, 3)] || null : null;
		case 'ZIPCODE':
			return lead.zip && /^\d/.test(lead.zip) ? ZIP_ZONES[lead.zip[0]] : null;
		case 'EXPLICIT':
			return explicit === undefined ? lead.leadTimezone : explicit;
		default:
			return null;
	}
}

function createLeadStore({ world, clock }) {
	const seeded = createDialer(world);
	const campaignById = new Map(seeded.campaigns.map((c) => [c.campaignId, c]));
	const groupById = new Map(seeded.dialGroups.map((g) => [g.dialGroupId, g]));
	const agentById = new Map(world.agents.map((a) => [a.agentId, a]));
	const state = {};

	function reset() {
		state.leads = new Map(seeded.leads.map((l) => [l.leadId, { ...l }]));
		state.lists = new Map(seeded.lists.map((l) => [l.listId, { ...l }]));
		state.dnc = Object.fromEntries(Object.entries(seeded.dnc).map(([k, v]) => [k, new Set(v)]));
		state.nextLeadId = Math.max(...seeded.leads.map((l) => l.leadId)) + 1;
		state.nextListId = Math.max(...seeded.lists.map((l) => l.listId)) + 1;
		state.loads = [];
		state.updates = [];
		state.actions = [];
		state.emails = [];
	}
	reset();

	const campaignsOf = (subAccountId) => seeded.campaigns.filter((c) => c.subAccountId === subAccountId);
	const agentOf = (subAccountId, id) => {
		const a = agentById.get(id);
		return a && a.subAccountId === subAccountId && a.isActive ? a : null;
	};
	const agentName = (id) => {
		const a = agentById.get(id);
		return a ? `${a.firstName} ${a.lastName}` : null;
	};

	function newList(campaign, { listDesc, listState = 'ACTIVE', dialPriority = 'NORMAL', timeZoneOption = null }) {
		const list = { listId: state.nextListId++, campaignId: campaign.campaignId, listDesc, listState, uploadDateMs: clock.now(), dialPriority, timeZoneOption, seeded: false };
		state.lists.set(list.listId, list);
		return list;
	}

	function newLead(campaign, list, fields, extra = {}) {
		const now = clock.now();
		const lead = {
			leadId: state.nextLeadId++,
			campaignId: campaign.campaignId,
			listId: list ? list.listId : null,
			...Object.fromEntries(STRING_FIELDS.map((k) => [k, null])),
			leadPriority: null,
			maxPasses: campaign.maxPasses,
			dupeKeyOverride: null,
			extendedLeadData: null,
			personaPhoneConfig: null,
			quotaTargetIds: null,
			suppressed: false,
			leadState: 'READY',
			leadPasses: 0,
			loadedDts: now,
			nextDialTime: now,
			lastPassDts: null,
			lastPassDisposition: null,
			agentDisposition: null,
			lastPassAgentId: null,
			pendingAgentId: null,
			stateDts: now,
			uploadedBy: world.users[0].userName,
			searchableAtMs: now + (extra.searchDelayMs || 0),
		};
		for (const [k, v] of Object.entries(fields)) if (k !== 'reserveAgent') lead[k] = v;
		if (lead.maxPasses === null) lead.maxPasses = campaign.maxPasses;
		state.leads.set(lead.leadId, lead);
		return lead;
	}

	// ---------------- load (leadLoader/direct) ----------------

	/**
	 * Loads `body.uploadLeads` into `campaign` → the LeadListProcessingResult fields (without the
	 * variant-driven failure forms, which leads.js applies). `body` was checked for enum values.
	 */
	function load(campaign, body, { searchDelayMs = 0, outcome = 'normal' } = {}) {
		const sub = campaign.subAccountId;
		const uploads = body.uploadLeads;
		const supplied = uploads.length;
		const rejectedRows = [];
		const accepted = [];
		for (const raw of uploads) {
			const rowData = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.values(raw).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))) : [String(raw)];
			if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
				rejectedRows.push({ message: 'Lead must be an object', rowData });
				continue;
			}
			const c = coerceLead(raw);
			if (c.error) {
				rejectedRows.push({ message: c.error, rowData });
				continue;
			}
			if (!c.fields.leadPhone) {
				rejectedRows.push({ message: 'Missing required field: leadPhone', rowData });
				continue;
			}
			if (campaign.callingConfiguration === 'STRATEGIC' && c.fields.leadPhone.includes('|')) {
				rejectedRows.push({ message: 'The primary number must be a single number, not a pipe-delimited list', rowData });
				continue;
			}
			accepted.push({ fields: c.fields, raw });
		}
		const result = {
			leadsSupplied: supplied,
			leadsAccepted: accepted.length,
			leadsInserted: 0,
			leadsConverted: 0,
			dncReturnedCount: 0,
			failedAgentAssignment: 0,
			listState: body.listState || 'ACTIVE',
			timeZoneOption: body.timeZoneOption === 'COUNTRY' || !body.timeZoneOption ? 'NOT_APPLICABLE' : body.timeZoneOption,
			processingResult: 'OK',
			rejectedRows,
		};
		const record = { atMs: clock.now(), subAccountId: sub, campaignId: campaign.campaignId, request: body, insertedLeadIds: [], duplicateRows: [], listId: null, result };
		state.loads.push(record);
		if (outcome !== 'normal' && outcome !== 'DEFAULT_NOT_A_FAILURE') {
			Object.assign(result, { leadsAccepted: 0, processingStatus: outcome, processingResult: 'ERROR', message: `lead.load.failed.${outcome.toLowerCase()}` });
			return record;
		}
		if (outcome === 'DEFAULT_NOT_A_FAILURE') result.processingStatus = 'DEFAULT_NOT_A_FAILURE';
		if (accepted.length === 0) {
			Object.assign(result, { processingStatus: 'NO_LEADS_PASSED_VALIDATION', processingResult: 'ERROR' });
			return record;
		}
		// duplicate handling on leadPhone
		const handling = body.duplicateHandling || 'RETAIN_ALL';
		const existing = new Set([...state.leads.values()].filter((l) => l.campaignId === campaign.campaignId && l.leadPhone).map((l) => primaryPhone(l.leadPhone)));
		const batch = new Set();
		const keep = [];
		for (const a of accepted) {
			const phone = primaryPhone(a.fields.leadPhone);
			const dup = (handling === 'REMOVE_ALL_EXISTING' && existing.has(phone)) || (handling === 'REMOVE_FROM_LIST' && batch.has(phone));
			batch.add(phone);
			if (dup) record.duplicateRows.push(a.raw);
			else keep.push(a);
		}
		const list = newList(campaign, {
			listDesc: body.description || `Direct load ${formatLeadDate(clock.now())}`,
			listState: result.listState,
			dialPriority: body.dialPriority || 'NORMAL',
			timeZoneOption: body.timeZoneOption || null,
		});
		record.listId = list.listId;
		const dnc = state.dnc[sub];
		for (const { fields } of keep) {
			const lead = newLead(campaign, list, fields, { searchDelayMs });
			lead.leadTimezone = zoneFor(body.timeZoneOption || 'NOT_APPLICABLE', lead, fields.leadTimezone === undefined ? null : fields.leadTimezone);
			const reserve = fields.reserveAgent;
			if (reserve !== undefined && reserve !== null && reserve.trim() !== '') {
				const agent = /^\d+$/.test(reserve.trim()) ? agentOf(sub, Number(reserve.trim())) : null;
				if (agent) lead.pendingAgentId = agent.agentId;
				else result.failedAgentAssignment++;
			}
			if (lead.leadPhone.split('|').some((p) => dnc.has(p))) {
				lead.leadState = 'DO-NOT-CALL';
				result.dncReturnedCount++;
			}
			record.insertedLeadIds.push(lead.leadId);
		}
		result.leadsInserted = keep.length;
		result.leadsConverted = keep.length;
		return record;
	}

	/** Records a load that failed before any lead was looked at (e.g. missing.required.param). */
	function noteLoad(campaign, body, result) {
		const record = { atMs: clock.now(), subAccountId: campaign.subAccountId, campaignId: campaign.campaignId, request: body, insertedLeadIds: [], duplicateRows: [], listId: null, result };
		state.loads.push(record);
		return record;
	}

	// ---------------- search ----------------

	/** Parses CampaignLeadSearchCriteria → { filters } or { error: { attributeName, message, value } }. */
	function parseCriteria(c, { stateSpelling = 'hyphen' } = {}) {
		if (c === undefined || c === null) c = {};
		if (typeof c !== 'object' || Array.isArray(c)) return { error: { attributeName: 'campaignLeadSearchCriteria', message: 'must be an object', value: c } };
		const f = {};
		const bad = (attributeName, message, value) => ({ error: { attributeName, message, value: value === undefined ? null : value } });
		for (const k of ['campaignIds', 'listIds', 'leadIds']) {
			if (c[k] === undefined || c[k] === null) continue;
			if (!Array.isArray(c[k]) || c[k].some((x) => asInt(x) === undefined)) return bad(k, 'must be an array of numbers', c[k]);
			if (c[k].length) f[k] = new Set(c[k].map(asInt));
		}
		for (const k of ['campaignId', 'agentId', 'pendingAgentId']) {
			if (c[k] === undefined || c[k] === null) continue;
			if (asInt(c[k]) === undefined) return bad(k, 'must be a number', c[k]);
			f[k] = asInt(c[k]);
		}
		for (const k of ['externIds', 'leadPhoneNumbers', 'agentDispositions', 'physicalStates']) {
			if (c[k] === undefined || c[k] === null) continue;
			if (!Array.isArray(c[k]) || c[k].some((x) => typeof x !== 'string' && typeof x !== 'number')) return bad(k, 'must be an array of strings', c[k]);
			if (c[k].length) f[k] = c[k].map(String);
		}
		if (f.leadPhoneNumbers) f.leadPhoneNumbers = new Set(f.leadPhoneNumbers.map((p) => normalisePhone(p) || p));
		if (c.leadPhoneNum !== undefined && c.leadPhoneNum !== null && c.leadPhoneNum !== '') f.leadPhoneNum = normalisePhone(String(c.leadPhoneNum)) || String(c.leadPhoneNum);
		if (c.leadStates !== undefined && c.leadStates !== null) {
			const allowed = stateSpelling === 'underscore' ? LEAD_STATES.map((s) => s.replace(/-/g, '_')) : LEAD_STATES;
			if (!Array.isArray(c.leadStates)) return bad('leadStates', 'must be an array', c.leadStates);
			const unknown = c.leadStates.find((s) => !allowed.includes(s));
			if (unknown !== undefined) return bad('leadStates', `unknown lead state "${unknown}" (one of ${allowed.join(', ')})`, unknown);
			if (c.leadStates.length) f.leadStates = new Set(c.leadStates.map((s) => s.replace(/_/g, '-')));
		}
		if (c.systemDispositions !== undefined && c.systemDispositions !== null) {
			if (!Array.isArray(c.systemDispositions)) return bad('systemDispositions', 'must be an array', c.systemDispositions);
			const unknown = c.systemDispositions.find((s) => !SYSTEM_DISPOSITIONS.includes(s));
			if (unknown !== undefined) return bad('systemDispositions', `unknown system disposition "${unknown}"`, unknown);
			if (c.systemDispositions.length) f.systemDispositions = new Set(c.systemDispositions);
		}
		if (c.leadTimezones !== undefined && c.leadTimezones !== null) {
			if (!Array.isArray(c.leadTimezones)) return bad('leadTimezones', 'must be an array of { name }', c.leadTimezones);
			const names = c.leadTimezones.map((z) => (z && typeof z === 'object' ? z.name : z));
			if (names.some((n) => typeof n !== 'string')) return bad('leadTimezones', 'each item needs a name', c.leadTimezones);
			if (names.length) f.leadTimezones = new Set(names);
		}
		if (c.suppressed !== undefined && c.suppressed !== null) {
			if (!['ONLY_SUPPRESSED', 'ONLY_UNSUPPRESSED', 'ALL'].includes(c.suppressed)) return bad('suppressed', 'must be ONLY_SUPPRESSED, ONLY_UNSUPPRESSED or ALL', c.suppressed);
			f.suppressed = c.suppressed;
		}
		if (c.orphanedLeadsOnly !== undefined && c.orphanedLeadsOnly !== null) {
			if (asBool(c.orphanedLeadsOnly) === undefined) return bad('orphanedLeadsOnly', 'must be a boolean', c.orphanedLeadsOnly);
			f.orphanedLeadsOnly = asBool(c.orphanedLeadsOnly);
		}
		const textCriteria = { firstName: 'firstName', lastName: 'lastName', emailAddress: 'email', address1: 'address1', address2: 'address2', city: 'city', zip: 'zip', callerId: 'callerId' };
		for (let i = 1; i <= 5; i++) textCriteria[`auxData${i}`] = `auxData${i}`;
		f.text = [];
		for (const [k, field] of Object.entries(textCriteria)) {
			if (c[k] === undefined || c[k] === null || c[k] === '') continue;
			if (typeof c[k] !== 'string' && typeof c[k] !== 'number') return bad(k, 'must be a string', c[k]);
			f.text.push([field, String(c[k]).toLowerCase()]);
		}
		if (c.leadPassesCriteria !== undefined && c.leadPassesCriteria !== null) {
			const lp = c.leadPassesCriteria;
			if (!lp || !OPERATORS.includes(lp.operator) || asInt(lp.value) === undefined) return bad('leadPassesCriteria', 'needs operator GREATER_THAN|LESS_THAN|EQUALS and a numeric value', lp);
			f.leadPasses = { operator: lp.operator, value: asInt(lp.value) };
		}
		for (const [k, field] of [['lastPassTimeCriteria', 'lastPassDts'], ['nextDialTimeCriteria', 'nextDialTime']]) {
			if (c[k] === undefined || c[k] === null) continue;
			const t = c[k];
			const ms = t && parseCriteriaDate(t.value);
			if (!t || !OPERATORS.includes(t.operator) || ms === null) return bad(k, "needs operator GREATER_THAN|LESS_THAN|EQUALS and a value like 2026-07-24T16:00:00.000+0000", t);
			(f.times = f.times || []).push({ field, operator: t.operator, ms });
		}
		for (const k of ['loadedDtsStart', 'loadedDtsEnd']) {
			if (c[k] === undefined || c[k] === null) continue;
			const ms = parseCriteriaDate(c[k]);
			if (ms === null) return bad(k, 'must be a date like 2026-07-24T16:00:00.000+0000', c[k]);
			f[k] = ms;
		}
		return { filters: f };
	}

	const compare = (op, a, b) => (op === 'GREATER_THAN' ? a > b : op === 'LESS_THAN' ? a < b : a === b);

	/** Leads of `subAccountId` matching parsed filters, visible at sim-now, ordered by leadId. */
	function find(subAccountId, f, { ignoreExternIds = false } = {}) {
		const now = clock.now();
		const campaignIds = new Set(campaignsOf(subAccountId).map((c) => c.campaignId));
		let scope = null;
		if (f.campaignIds || f.campaignId !== undefined) {
			scope = new Set([...(f.campaignIds || []), ...(f.campaignId !== undefined ? [f.campaignId] : [])]);
		}
		const out = [];
		for (const l of state.leads.values()) {
			if (!campaignIds.has(l.campaignId)) continue;
			if (scope && !scope.has(l.campaignId)) continue;
			if (l.searchableAtMs > now) continue;
			if (f.listIds && !f.listIds.has(l.listId)) continue;
			if (f.leadIds && !f.leadIds.has(l.leadId)) continue;
			if (f.externIds && !ignoreExternIds && !f.externIds.includes(l.externId)) continue;
			const phones = l.leadPhone ? l.leadPhone.split('|') : [];
			if (f.leadPhoneNum && !phones.includes(f.leadPhoneNum) && l.leadPhone !== f.leadPhoneNum) continue;
			if (f.leadPhoneNumbers && !phones.some((p) => f.leadPhoneNumbers.has(p))) continue;
			if (f.leadStates && !f.leadStates.has(l.leadState)) continue;
			if (f.systemDispositions && !f.systemDispositions.has(l.lastPassDisposition)) continue;
			if (f.agentDispositions && !f.agentDispositions.includes(l.agentDisposition)) continue;
			if (f.physicalStates && !f.physicalStates.includes(l.state)) continue;
			if (f.leadTimezones && !f.leadTimezones.has(l.leadTimezone)) continue;
			if (f.suppressed === 'ONLY_SUPPRESSED' && !l.suppressed) continue;
			if (f.suppressed === 'ONLY_UNSUPPRESSED' && l.suppressed) continue;
			if (f.orphanedLeadsOnly && l.listId !== null) continue;
			if (f.agentId !== undefined && l.lastPassAgentId !== f.agentId) continue;
			if (f.pendingAgentId !== undefined && l.pendingAgentId !== f.pendingAgentId) continue;
			if (f.text.some(([field, v]) => String(l[field] ?? '').toLowerCase() !== v)) continue;
			if (f.leadPasses && !compare(f.leadPasses.operator, l.leadPasses, f.leadPasses.value)) continue;
			if (f.times && f.times.some((t) => l[t.field] === null || !compare(t.operator, l[t.field], t.ms))) continue;
			if (f.loadedDtsStart !== undefined && l.loadedDts < f.loadedDtsStart) continue;
			if (f.loadedDtsEnd !== undefined && l.loadedDts > f.loadedDtsEnd) continue;
			out.push(l);
		}
		return out.sort((a, b) => a.leadId - b.leadId);
	}

	// ---------------- update one lead ----------------

	/**
	 * PATCH (only the given fields) or PUT (every writable field not given is cleared).
	 * → { lead } or { error: { attributeName, message, value } }.
	 */
	function update(lead, body, method, { timezoneOption, listId } = {}) {
		const c = coerceLead(body);
		if (c.error) return { error: { attributeName: 'body', message: c.error, value: null } };
		const before = { ...lead };
		const sub = campaignById.get(lead.campaignId).subAccountId;
		if (c.fields.reserveAgent !== undefined && c.fields.reserveAgent !== null && c.fields.reserveAgent.trim() !== '') {
			const agent = /^\d+$/.test(c.fields.reserveAgent.trim()) ? agentOf(sub, Number(c.fields.reserveAgent.trim())) : null;
			if (!agent) return { error: { attributeName: 'reserveAgent', message: 'unknown agent', value: c.fields.reserveAgent } };
		}
		if (method === 'PUT') {
			for (const k of STRING_FIELDS) lead[k] = null;
			for (const k of INT_FIELDS) lead[k] = null;
			lead.extendedLeadData = null;
			lead.personaPhoneConfig = null;
			lead.quotaTargetIds = null;
			lead.suppressed = false;
			lead.pendingAgentId = null;
		}
		for (const [k, v] of Object.entries(c.fields)) {
			if (k === 'reserveAgent') lead.pendingAgentId = v && v.trim() ? Number(v.trim()) : null;
			else lead[k] = v;
		}
		if (timezoneOption) lead.leadTimezone = zoneFor(timezoneOption, lead);
		if (listId !== undefined) lead.listId = listId;
		lead.stateDts = clock.now();
		state.updates.push({ atMs: clock.now(), method, leadId: lead.leadId, campaignId: lead.campaignId, body, before, after: { ...lead } });
		return { lead };
	}

	// ---------------- actions ----------------

	/** Checks the paramMap → { params } or { error: message }. */
	function checkParams(sub, action, paramMap) {
		if (paramMap === undefined || paramMap === null) paramMap = {};
		if (typeof paramMap !== 'object' || Array.isArray(paramMap)) return { error: 'leadActionParams.paramMap must be an object' };
		const keys = ACTION_KEYS[action];
		const unknown = Object.keys(paramMap).find((k) => !keys.includes(k));
		if (unknown !== undefined) {
			return { error: `Unknown paramMap key "${unknown}" for ${action}${keys.length ? ` (keys are case-sensitive: ${keys.join(', ')})` : ' (it takes no parameters)'}` };
		}
		const p = paramMap;
		const params = {};
		const agentParam = (required) => {
			if (p.RESERVATION_AGENT_ID === undefined || p.RESERVATION_AGENT_ID === null || p.RESERVATION_AGENT_ID === '') {
				return required ? 'RESERVATION_AGENT_ID is required' : null;
			}
			const id = asInt(p.RESERVATION_AGENT_ID);
			if (id === undefined) return `RESERVATION_AGENT_ID must be an agent id, got ${JSON.stringify(p.RESERVATION_AGENT_ID)}`;
			if (id !== 0 && !agentOf(sub, id)) return `RESERVATION_AGENT_ID ${id} is not an active agent of account ${sub}`;
			params.agentId = id;
			return null;
		};
		switch (action) {
			case 'DIALER_REFRESH': {
				if (p.force_dialer_cache_refresh !== undefined && asBool(p.force_dialer_cache_refresh) === undefined) return { error: 'force_dialer_cache_refresh must be true or false' };
				params.force = asBool(p.force_dialer_cache_refresh) || false;
				break;
			}
			case 'MANUAL_LEADS': {
				if (typeof p.PASS_DISPOSITION !== 'string' || p.PASS_DISPOSITION.trim() === '') return { error: 'PASS_DISPOSITION is required (the agent disposition text)' };
				params.disposition = p.PASS_DISPOSITION;
				for (const [k, name] of [['REQUEUE', 'requeue'], ['DO_NOT_CALL', 'doNotCall'], ['MERGE_ORIGINAL', 'mergeOriginal']]) {
					if (p[k] === undefined) continue;
					if (asBool(p[k]) === undefined) return { error: `${k} must be true or false, got ${JSON.stringify(p[k])}` };
					params[name] = asBool(p[k]);
				}
				if (p.PASS_DELAY !== undefined) {
					const n = asInt(p.PASS_DELAY);
					if (n === undefined || n < 0) return { error: `PASS_DELAY must be a number of minutes ≥ 0, got ${JSON.stringify(p.PASS_DELAY)}` };
					params.delayMinutes = n;
				}
				break;
			}
			case 'EMAIL_LEADS': {
				const to = typeof p.EMAIL_TO === 'string' ? p.EMAIL_TO.split(',').map((x) => x.trim()) : [];
				if (!to.length || to.some((x) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(x))) return { error: 'EMAIL_TO must be one or more comma-separated email addresses' };
				params.to = to;
				break;
			}
			case 'CALLBACK_LEADS': {
				if (!['AGENT', 'CANCEL', 'RESET'].includes(p.ACTION_TYPE)) return { error: `ACTION_TYPE must be AGENT, CANCEL or RESET, got ${JSON.stringify(p.ACTION_TYPE)}` };
				params.type = p.ACTION_TYPE;
				if (params.type === 'AGENT') {
					const err = agentParam(true);
					if (err) return { error: err };
					if (params.agentId === 0) return { error: 'RESERVATION_AGENT_ID must name an agent for ACTION_TYPE AGENT' };
					if (p.CALLBACK_DATE !== undefined && p.CALLBACK_DATE !== null && p.CALLBACK_DATE !== '') {
						const ms = parseLeadDate(p.CALLBACK_DATE);
						if (ms === null) return { error: `CALLBACK_DATE must look like 2026-07-24T16:00:00.000+0000 (yyyy-MM-dd'T'HH:mm:ss.SSSZ), got ${JSON.stringify(p.CALLBACK_DATE)}` };
						if (ms <= clock.now()) return { error: `CALLBACK_DATE ${p.CALLBACK_DATE} is in the past` };
						params.callbackMs = ms;
					}
				}
				break;
			}
			case 'AGENT_RESERVATION': {
				const err = agentParam(true);
				if (err) return { error: err };
				break;
			}
			case 'MOVE_TO_CAMPAIGN': {
				const cid = asInt(p.CAMPAIGN_ID);
				if (cid === undefined) return { error: 'CAMPAIGN_ID is required (the target campaign id)' };
				const target = campaignById.get(cid);
				if (!target || target.subAccountId !== sub) return { error: `CAMPAIGN_ID ${cid} is not a campaign of account ${sub}` };
				const lid = asInt(p.LIST_ID);
				if (lid === undefined) return { error: 'LIST_ID is required (0 = a new list named LIST_NAME)' };
				if (lid === 0) {
					if (typeof p.LIST_NAME !== 'string' || !p.LIST_NAME.trim()) return { error: 'LIST_NAME is required when LIST_ID is 0 (new list)' };
				} else {
					const list = state.lists.get(lid);
					if (!list || list.campaignId !== cid) return { error: `LIST_ID ${lid} is not a list of campaign ${cid}` };
				}
				const copy = p.CREATE_COPY_SETTING === undefined ? 'false' : String(p.CREATE_COPY_SETTING);
				if (!['false', 'true', 'TRANSITION'].includes(copy)) return { error: `CREATE_COPY_SETTING must be "false", "true" or "TRANSITION", got ${JSON.stringify(p.CREATE_COPY_SETTING)}` };
				const dup = p.DUPLICATE_ACTION_SETTING === undefined ? 'MOVE' : p.DUPLICATE_ACTION_SETTING;
				if (!['MOVE', 'IGNORE'].includes(dup)) return { error: `DUPLICATE_ACTION_SETTING must be MOVE or IGNORE, got ${JSON.stringify(dup)}` };
				Object.assign(params, { target, listId: lid, listName: p.LIST_NAME, copy, duplicates: dup });
				break;
			}
			default:
				break;
		}
		return { params };
	}

	function setState(l, st) {
		l.leadState = st;
		l.stateDts = clock.now();
	}

	/**
	 * Applies `action` to every lead matching the criteria → LeadActionResult (success false with
	 * errorMessage on bad criteria or parameters).
	 */
	function act(sub, action, criteria, paramMap, { stateSpelling, ignoreExternIds, searchDelayMs = 0 } = {}) {
		const result = { success: true, errorMessage: null, leadActionType: action, leadUpdateCount: 0, leadDeleteCount: 0, redialDeleteCount: 0, dialerRefreshed: false };
		const record = { atMs: clock.now(), subAccountId: sub, leadAction: action, criteria, paramMap: paramMap ?? null, matchedLeadIds: [], result };
		state.actions.push(record);
		const fail = (message) => {
			Object.assign(result, { success: false, errorMessage: message });
			return record;
		};
		if (criteria === undefined || criteria === null) return fail('campaignLeadSearchCriteria is required');
		if (typeof criteria !== 'object' || Array.isArray(criteria)) return fail('campaignLeadSearchCriteria must be an object');
		const parsed = parseCriteria(criteria, { stateSpelling });
		if (parsed.error) return fail(`Invalid search criteria: ${parsed.error.attributeName} ${parsed.error.message}`);
		const checked = checkParams(sub, action, paramMap);
		if (checked.error) return fail(checked.error);
		const params = checked.params;
		const leads = find(sub, parsed.filters, { ignoreExternIds });
		record.matchedLeadIds = leads.map((l) => l.leadId);
		const now = clock.now();
		const all = () => (result.leadUpdateCount = leads.length);
		switch (action) {
			case 'RESET_LEADS':
				for (const l of leads) {
					Object.assign(l, { leadPasses: 0, nextDialTime: now });
					setState(l, 'READY');
				}
				all();
				break;
			case 'CANCEL_LEADS':
				for (const l of leads) setState(l, 'CANCELLED');
				all();
				break;
			case 'PAUSE_LEADS':
				for (const l of leads) setState(l, 'PAUSED');
				all();
				break;
			case 'READY_LEADS':
				for (const l of leads) setState(l, 'READY');
				all();
				break;
			case 'SUPPRESS_LEADS':
			case 'UNSUPPRESS_LEADS':
				for (const l of leads) l.suppressed = action === 'SUPPRESS_LEADS';
				all();
				break;
			case 'DELETE_LEADS':
				for (const l of leads) {
					state.leads.delete(l.leadId);
					if (CALLBACK_STATES.includes(l.leadState)) result.redialDeleteCount++;
				}
				result.leadDeleteCount = leads.length;
				break;
			case 'DIALER_REFRESH':
				result.dialerRefreshed = true;
				break;
			case 'EMAIL_LEADS':
				state.emails.push({ atMs: now, subAccountId: sub, to: params.to, leadIds: leads.map((l) => l.leadId) });
				break;
			case 'MANUAL_LEADS':
				for (const l of leads) {
					Object.assign(l, { leadPasses: l.leadPasses + 1, lastPassDisposition: 'MANUAL_PASS', agentDisposition: params.disposition, lastPassDts: now });
					if (params.doNotCall) {
						setState(l, 'DO-NOT-CALL');
						if (l.leadPhone) for (const p of l.leadPhone.split('|')) state.dnc[sub].add(p);
					} else if (params.requeue) {
						setState(l, 'READY');
						l.nextDialTime = now + (params.delayMinutes || 0) * 60000;
					} else setState(l, 'COMPLETE');
				}
				all();
				break;
			case 'CALLBACK_LEADS':
				if (params.type === 'AGENT') {
					for (const l of leads) {
						setState(l, 'AGENT-CALLBACK');
						l.pendingAgentId = params.agentId;
						l.nextDialTime = params.callbackMs ?? now;
					}
					all();
				} else if (params.type === 'CANCEL') {
					for (const l of leads) {
						if (!CALLBACK_STATES.includes(l.leadState)) continue;
						setState(l, 'CALLBACK-CANCELLED');
						l.pendingAgentId = null;
						result.leadUpdateCount++;
					}
				} else {
					for (const l of leads) {
						setState(l, 'READY');
						l.pendingAgentId = null;
						l.nextDialTime = now;
					}
					all();
				}
				break;
			case 'AGENT_RESERVATION':
				for (const l of leads) l.pendingAgentId = params.agentId === 0 ? null : params.agentId;
				all();
				break;
			case 'MOVE_TO_CAMPAIGN': {
				const target = params.target;
				const list = params.listId === 0 ? newList(target, { listDesc: params.listName }) : state.lists.get(params.listId);
				const targetPhones = () => new Set([...state.leads.values()].filter((x) => x.campaignId === target.campaignId && x.leadPhone).map((x) => primaryPhone(x.leadPhone)));
				for (const l of leads) {
					if (params.duplicates === 'IGNORE' && l.campaignId !== target.campaignId && targetPhones().has(primaryPhone(l.leadPhone))) continue;
					if (params.copy === 'false') {
						l.campaignId = target.campaignId;
						l.listId = list.listId;
						l.stateDts = now;
					} else {
						const fields = Object.fromEntries(WRITABLE.filter((k) => k !== 'reserveAgent').map((k) => [k, l[k]]));
						newLead(target, list, fields, { searchDelayMs });
						if (params.copy === 'TRANSITION') setState(l, 'TRANSITIONED');
					}
					result.leadUpdateCount++;
				}
				break;
			}
			default:
				break;
		}
		return record;
	}

	// ---------------- rendering ----------------

	const spell = (st, spelling) => (spelling === 'underscore' && st ? st.replace(/-/g, '_') : st);

	/** A search row (CampaignLeadSearchResultsView, §10.5; `agentDispostion` sic). */
	function searchRow(l, { stateSpelling } = {}) {
		const c = campaignById.get(l.campaignId);
		const list = l.listId === null ? null : state.lists.get(l.listId);
		return {
			leadId: l.leadId,
			externId: l.externId,
			campaignId: l.campaignId,
			campaignName: c.campaignName,
			dialGroupId: c.dialGroupId,
			listId: l.listId,
			listDesc: list ? list.listDesc : null,
			leadPhone: l.leadPhone,
			leadState: spell(l.leadState, stateSpelling),
			leadPasses: l.leadPasses,
			maxPasses: l.maxPasses,
			leadPriority: l.leadPriority,
			leadTimezone: l.leadTimezone,
			suppressed: l.suppressed,
			title: l.title,
			firstName: l.firstName,
			midName: l.midName,
			lastName: l.lastName,
			suffix: l.suffix,
			address1: l.address1,
			address2: l.address2,
			city: l.city,
			state: l.state,
			zip: l.zip,
			email: l.email,
			gateKeeper: l.gateKeeper,
			auxData1: l.auxData1,
			auxData2: l.auxData2,
			auxData3: l.auxData3,
			auxData4: l.auxData4,
			auxData5: l.auxData5,
			auxPhone: l.auxPhone,
			callerId: l.callerId,
			agentDispostion: l.agentDisposition,
			lastPassDispo: l.lastPassDisposition,
			lastPassDisposition: l.lastPassDisposition,
			lastPassAgentName: l.lastPassAgentId ? agentName(l.lastPassAgentId) : null,
			pendingAgentName: l.pendingAgentId ? agentName(l.pendingAgentId) : null,
			lastPassDate: formatLeadDate(l.lastPassDts),
			lastPassDts: formatLeadDate(l.lastPassDts),
			loadedDts: formatLeadDate(l.loadedDts),
			uploadDate: list ? formatLeadDate(list.uploadDateMs) : null,
			nextDialTime: formatLeadDate(l.nextDialTime),
			stateDts: formatLeadDate(l.stateDts),
			uploadedBy: l.uploadedBy,
			extraData: l.extendedLeadData,
		};
	}

	/** A CampaignLead (PATCH/PUT answer, §10.4). */
	function campaignLead(l, { stateSpelling } = {}) {
		const c = campaignById.get(l.campaignId);
		const out = { leadId: l.leadId, id: l.leadId, listId: l.listId };
		for (const k of WRITABLE) if (k !== 'reserveAgent') out[k] = l[k];
		Object.assign(out, {
			leadState: spell(l.leadState, stateSpelling),
			leadPasses: l.leadPasses,
			loadedDts: formatLeadDate(l.loadedDts),
			nextDialTime: formatLeadDate(l.nextDialTime),
			lastPassDts: formatLeadDate(l.lastPassDts),
			lastPassDisposition: l.lastPassDisposition,
			stateDts: formatLeadDate(l.stateDts),
			campaign: { campaignId: c.campaignId, campaignName: c.campaignName },
		});
		return out;
	}

	const copy = (x) => JSON.parse(JSON.stringify(x));

	return {
		reset,
		seeded,
		campaign: (id) => campaignById.get(id) || null,
		dialGroup: (id) => groupById.get(id) || null,
		campaignsOf,
		/** The campaign an outbound call of the seeded traffic belongs to (an active campaign of its sub-account). */
		campaignOfCall(call) {
			const list = campaignsOf(call.subAccountId).filter((c) => c.isActive === 1);
			return list.length ? list[hash(call.dialogId) % list.length] : null;
		},
		dialGroupsOf: (subAccountId) => seeded.dialGroups.filter((g) => g.subAccountId === subAccountId),
		listsOf: (campaignId) => [...state.lists.values()].filter((l) => l.campaignId === campaignId).sort((a, b) => a.listId - b.listId),
		lead: (id) => state.leads.get(id) || null,
		load,
		noteLoad,
		parseCriteria,
		find,
		update,
		act,
		searchRow,
		campaignLead,
		// ground truth (copies, internal shape)
		truth: {
			leads({ campaignId, subAccountId } = {}) {
				const subCampaigns = subAccountId === undefined ? null : new Set(campaignsOf(String(subAccountId)).map((c) => c.campaignId));
				return copy(
					[...state.leads.values()]
						.filter((l) => (campaignId === undefined || l.campaignId === Number(campaignId)) && (!subCampaigns || subCampaigns.has(l.campaignId)))
						.sort((a, b) => a.leadId - b.leadId),
				);
			},
			lists: (campaignId) => copy([...state.lists.values()].filter((l) => campaignId === undefined || l.campaignId === Number(campaignId))),
			loads: () => copy(state.loads),
			updates: () => copy(state.updates),
			actions: () => copy(state.actions),
			emails: () => copy(state.emails),
			dnc: (subAccountId) => [...(state.dnc[String(subAccountId)] || [])],
		},
	};
}

module.exports = {
	createLeadStore,
	formatLeadDate,
	parseLeadDate,
	ACTION_KEYS,
	TIME_ZONE_OPTIONS,
	LIST_STATES,
	DUPLICATE_HANDLING,
	DIAL_PRIORITIES,
	LOAD_FAILURES,
	LEAD_STATES,
	SYSTEM_DISPOSITIONS,
};
