'use strict';
// Switchable spellings and shapes where the sources disagree (API doc conflicts). Defaults first.

const ALLOWED = {
	supervision: ['ids', 'where', 'both'], // supervisorAgentIds/superviseeAgentIds | whereSupervisee/whereSupervisor
	withAgentsTypo: [false, true], // classic withAgents: every 2nd item has `agentId` instead of `agentIds`
	queueStatsSpelling: ['offd', 'off'], // CX queue stats: offdDirectIxnCnt | offDirectIxnCnt
	segmentIdSpelling: ['segmentID', 'segmentId'], // classic v2 metadata
	xmlLayout: ['elements', 'attributes'], // classic XML files
	csvDelimiter: [',', ';', '\t', '|'], // classic CSV files
	rateLimitBody: ['text', 'json'], // 429 body: `rate` (text/plain) | JSON errorCode shape
	retryAfter: ['one', 'exact', 'none'], // 429 Retry-After: 1 | seconds until a slot frees | no header
	listShape: ['slim', 'full'], // users / agent groups / agents: doc example fields | plus full-schema extras
	recordingAuth: ['none', 'basic'], // classic recording links: open | HTTP basic (username:password)
	cxOutputFormat: ['ignore', 'honour'], // CX aggregates: always JSON | CSV/XML file when outputFormat is sent
	agentNotes: ['plain', 'formula'], // CX metadata agentNotes: as typed | non-empty notes start with =, +, - or @ (spreadsheet formula injection)
	// lead management (API doc §10, open questions 20–29)
	leadLoadResponse: ['body', 'created'], // leadLoader/direct: 200 LeadListProcessingResult | 201 without a body
	leadLoadRequired: ['none', 'docs'], // nothing required ([spec]) | dialPriority, duplicateHandling, timeZoneOption required (2026 docs): missing → 2xx with leadsSupplied 0 + missing.required.param
	leadLoadOutcome: ['normal', 'DEFAULT_NOT_A_FAILURE', 'GENERAL_FAILURE', 'DNC_UPLOAD_FAILED', 'DNC_ACCOUNT_SETTINGS', 'DNC_GREATER_ONE_DAY'], // processingStatus of every load
	leadSearchShape: ['array', 'records', 'page'], // leadSearch rows: bare array | { records, totalRecords } | Spring page { content, totalElements, … }
	leadPageBase: [0, 1], // leadSearch (and list) `page`: zero-based | one-based (page 0 answers page 1)
	leadExternIds: ['filter', 'ignore'], // the externIds criterion filters | is ignored (search and actions)
	leadStateSpelling: ['hyphen', 'underscore'], // AGENT-CALLBACK ([spec]) | AGENT_CALLBACK (old docs), in answers and accepted in criteria
	leadUpdateResponse: ['body', 'empty'], // PATCH/PUT one lead: 200 CampaignLead | PATCH 204 / PUT 201 without a body
	// agent-state subscriptions and the WFM push (API doc §6, open questions 30–32)
	agentStatePayload: ['wfm', 'camel', 'wfm-form'], // notification body: WFM snake_case JSON | camelCase JSON | WFM fields URL-encoded
	subscriptionExpiry: ['deactivate', 'delete', 'keep'], // at expiresAt: listed with active false | gone (404) | listed unchanged; never delivers after it
	subscriptionPut: ['replace', 'merge'], // PUT: optional fields not given go back to defaults | keep their values
	subscriptionPutValidation: ['never', 'always', 'urlChanged'], // receiver validation on PUT
	validationHeaders: ['token', 'custom'], // the validation request carries Validation-Token only | also the customHeaders
	notificationUrlRule: ['any', 'https'], // notificationUrl: http or https | https only (400 otherwise)
	breakState: ['ON BREAK', 'BREAK', 'ON_BREAK'], // wire name of the break state
	wfmTimeZone: ['utc', 'home'], // zone of WFM date_time / call_start: UTC | world.homeTimeZone (US/Eastern)
	pushFormPlacement: ['query', 'body'], // URL-encoded push: fields in the query string ("puts the details in the URI") | a form body
};

const DEFAULTS = () => Object.fromEntries(Object.entries(ALLOWED).map(([k, v]) => [k, v[0]]));

function createVariants(initial = {}) {
	let current = DEFAULTS();
	function set(partial = {}) {
		const next = { ...current };
		for (const [k, v] of Object.entries(partial)) {
			if (!(k in ALLOWED)) throw new Error(`unknown variant: ${k} (known: ${Object.keys(ALLOWED).join(', ')})`);
			if (!ALLOWED[k].includes(v)) throw new Error(`variant ${k} must be one of ${ALLOWED[k].map((x) => JSON.stringify(x)).join(', ')}`);
			next[k] = v;
		}
		current = next;
		return { ...current };
	}
	function reset() {
		current = DEFAULTS();
		set(initial);
	}
	reset();
	return { get: () => ({ ...current }), set, reset };
}

module.exports = { createVariants, VARIANTS: ALLOWED };
