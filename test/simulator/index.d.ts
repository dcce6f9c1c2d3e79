// Types of the Engage Voice simulator (plain CommonJS in index.js). See README.md.

export interface SubAccount {
	subAccountId: string;
	subAccountName: string;
	isActive: boolean;
	wemAccess: boolean;
}
export interface AgentGroup {
	agentGroupId: number;
	groupName: string;
	subAccountId: string;
	isDefault: boolean;
}
export interface Agent {
	agentId: number;
	rcUserId: number;
	agentGroupId: number;
	subAccountId: string;
	firstName: string;
	lastName: string;
	/** 'Last, First', as in report rows */
	agentName: string;
	email: string;
	engageUserName: string;
	userName: string;
	agentType: 'AGENT' | 'SUPERVISOR' | 'MULTI_USER' | 'MULTI_SUPERVISOR';
	isActive: boolean;
	supervisorAgentIds: number[];
	superviseeAgentIds: number[];
	queueIds: number[];
}
export interface QueueGroup {
	queueGroupId: number;
	groupName: string;
	queueGroupType: 'VOICE' | 'DIGITAL';
	subAccountId: string;
}
export interface Queue {
	queueId: number;
	queueName: string;
	queueGroupId: number;
	queueType: 'VOICE' | 'DIGITAL';
	subAccountId: string;
	isActive: boolean;
	createdOn: string;
	agentIds: number[];
	dnis: string | null;
	recording: boolean;
}
export interface AdminUser {
	rcUserId: number;
	userId: number;
	engageUserName: string;
	userName: string;
	email: string;
	firstName: string;
	lastName: string;
	parentPath: string;
	envID: string;
}
export interface DialGroup {
	dialGroupId: number;
	subAccountId: string;
	dialGroupName: string;
	dialGroupDesc: string;
	dialMode: 'PREVIEW' | 'CLICK_TO_TALK' | 'PREDICTIVE' | 'POWER' | 'TCPA_SAFE_MODE';
	isActive: boolean;
	allowLeadSearch: 'YES' | 'NO';
	maxLeadsReturned: number;
	enableAgentFilter: boolean;
	hciEnabled: 'DISABLED' | 'HCI_FETCH' | 'HCI_PACING';
}
export interface Campaign {
	campaignId: number;
	dialGroupId: number;
	subAccountId: string;
	campaignName: string;
	campaignDesc: string;
	callerId: string;
	/** int32 as in [spec]: 1 active, 0 not */
	isActive: 0 | 1;
	startDateMs: number;
	endDateMs: number | null;
	callingConfiguration: 'SIMPLE' | 'STRATEGIC';
	maxPasses: number;
}
export interface LeadList {
	listId: number;
	campaignId: number;
	listDesc: string;
	listState: string;
	uploadDateMs: number;
	dialPriority: 'IMMEDIATE' | 'NORMAL';
	timeZoneOption: string | null;
	/** true for the lists the world starts with */
	seeded: boolean;
}
/** A lead in the store (internal shape: times in epoch ms, states hyphenated, agent ids). */
export interface StoredLead {
	leadId: number;
	campaignId: number;
	listId: number | null;
	externId: string | null;
	leadPhone: string | null;
	leadPhoneE164: string | null;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	state: string | null;
	zip: string | null;
	leadTimezone: string | null;
	leadPriority: number | null;
	maxPasses: number | null;
	suppressed: boolean;
	leadState: string;
	leadPasses: number;
	loadedDts: number;
	nextDialTime: number | null;
	lastPassDts: number | null;
	lastPassDisposition: string | null;
	agentDisposition: string | null;
	lastPassAgentId: number | null;
	pendingAgentId: number | null;
	stateDts: number;
	/** sim time from which leadSearch and actions see the lead (limits.leadSearchDelayMs after a load) */
	searchableAtMs: number;
	[field: string]: any;
}
export interface LeadLoadRecord {
	atMs: number;
	subAccountId: string;
	campaignId: number;
	/** the request body as received */
	request: Row;
	insertedLeadIds: number[];
	/** upload rows dropped by duplicateHandling (not rejected rows) */
	duplicateRows: Row[];
	listId: number | null;
	/** the LeadListProcessingResult answered (also when the 201 variant answered without a body) */
	result: Row;
}
export interface LeadActionRecord {
	atMs: number;
	subAccountId: string;
	leadAction: string;
	criteria: Row;
	paramMap: Row | null;
	matchedLeadIds: number[];
	result: Row;
}
export interface LeadUpdateRecord {
	atMs: number;
	method: 'PATCH' | 'PUT';
	leadId: number;
	campaignId: number;
	body: Row;
	before: StoredLead;
	after: StoredLead;
}
export interface AuthConfig {
	authConfigId: string;
	subAccountId: string;
	authType: 'APIKEY' | 'BASIC';
	providerName: string;
	description: string;
}
export interface World {
	seed: number;
	envID: string;
	mainAccountId: string;
	rcAccountId: string;
	platformId: string;
	homeTimeZone: string;
	subAccounts: SubAccount[];
	mainSubAccountId: string;
	partnerSubAccountId: string;
	noWemSubAccountId: string;
	agentGroups: AgentGroup[];
	agents: Agent[];
	queueGroups: QueueGroup[];
	queues: Queue[];
	bigQueueGroupId: number;
	bigQueueGroup: QueueGroup & { size: number; firstQueueId: number };
	users: AdminUser[];
	ownerRcUserId: number;
	ownerAgentId: number;
	/** dial groups of every sub-account (the one without WEM too: lead management needs no WEM) */
	dialGroups: DialGroup[];
	campaigns: Campaign[];
	/** the lead lists the world starts with (loads add more: truth.leadLists) */
	leadLists: LeadList[];
	/** external auth configs a subscription may name (authConfigId); the APIKEY one's key is secrets.authConfigApiKey */
	authConfigs: AuthConfig[];
	readonly truth: Truth;
}
export interface Secrets {
	clientId: string;
	clientSecret: string;
	jwt: string;
	jwtNoReadAccounts: string;
	jwtNoWem: string;
	username: string;
	password: string;
	platformId: string;
	apiToken: string;
	/** the API key of the seeded APIKEY auth configs, echoed as authConfig.apiKey in subscription answers */
	authConfigApiKey: string;
}
export type Row = Record<string, any>;
export interface AggOptions {
	/** zone used for dateTimeFrom (default 'UTC') */
	timeZone?: string;
	/** statistics as answered at this sim time (revisions applied; default sim now) */
	asOf?: number;
}
export interface BusyDay {
	/** calls arriving in every 5-minute bucket of the range (1..2000) */
	callsPerBucket: number;
	/** range start (ISO or ms; default: always) */
	from?: string | number;
	/** range end, exclusive (default: always) */
	to?: string | number;
	/** default: [world.mainSubAccountId] */
	subAccountIds?: string[];
}
export interface BusyDayState {
	callsPerBucket: number;
	from: string | null;
	to: string | null;
	subAccountIds: string[];
}
export interface RevisionSpec {
	/** default world.mainSubAccountId */
	subAccountId?: string;
	/** segments STARTING in [from, to) are revised */
	from: string | number;
	to: string | number;
	/** sim time from which answers include the revision (default sim now) */
	at?: string | number;
	/** wrap-up seconds added to each of those segments (1..3600, default 30) */
	wrapDeltaSec?: number;
}
export interface Revision {
	id: number;
	subAccountId: string;
	fromMs: number;
	toMs: number;
	atMs: number;
	wrapDeltaSec: number;
	from: string;
	to: string;
	at: string;
}
export interface Truth {
	queueStats(subAccountId: string, fromMs: number, toMs: number, intervalMinutes: number, opts?: AggOptions): Row[];
	agentExtendedStats(subAccountId: string, fromMs: number, toMs: number, intervalMinutes: number, opts?: AggOptions): Row[];
	agentStats(subAccountId: string, fromMs: number, toMs: number, intervalMinutes: number, opts?: AggOptions): Row[];
	segments(subAccountId: string, fromMs: number, toMs: number, opts?: { visibleAt?: number; family?: 'cx' | 'classic' }): Row[];
	calls(subAccountId: string, fromMs: number, toMs: number): Row[];
	findSegment(subAccountId: string, dialogId: string, segmentId: string): { call: Row; seg: Row } | null;
	findClassicSegment(subAccountId: string, interactionId: string, seq: number | string): { call: Row; seg: Row } | null;
	classicRecordingUrl(call: Row, seg: Row): string;
	/** Agents (internal shape, copies) of a sub-account (all when undefined) at sim time `atMs` (default now); roster churn applied. */
	roster(subAccountId?: string, atMs?: number): Agent[];
	/** Times of the roster churn events in (fromMs, toMs]. */
	rosterEventTimes(fromMs: number, toMs: number): number[];
	/** The lead store now (copies), optionally of one campaign or sub-account, by leadId. */
	leads(filter?: { campaignId?: number; subAccountId?: string }): StoredLead[];
	leadLists(campaignId?: number): LeadList[];
	leadLoads(): LeadLoadRecord[];
	leadUpdates(): LeadUpdateRecord[];
	leadActions(): LeadActionRecord[];
	leadEmails(): Array<{ atMs: number; subAccountId: string; to: string[]; leadIds: number[] }>;
	/** The DNC phone numbers of a sub-account (seeded, plus MANUAL_LEADS DO_NOT_CALL). */
	dnc(subAccountId: string): string[];
	/** Agent state changes of a sub-account with fromMs < atMs ≤ toMs, by time (state names as on the wire now). */
	agentStates(subAccountId: string, fromMs: number, toMs: number): AgentStateChange[];
	/** END-CALL events of the WFM push of a sub-account with fromMs < atMs ≤ toMs (atMs = segment end + 2 s). */
	callEvents(subAccountId: string, fromMs: number, toMs: number): CallEvent[];
}
export interface AgentStateChange {
	/** `${subAccountId}:${agentId}:${atMs}` */
	id: string;
	atMs: number;
	subAccountId: string;
	agentId: number;
	agentGroupId: number;
	/** LOGIN | AVAILABLE | TRANSITION | ENGAGED | WORKING | ON BREAK (variant breakState) | LUNCH | TRAINING | AWAY | LOGOUT */
	state: string;
	prevState: string | null;
	/** the label the agent sees ('Available', 'On Break', 'Lunch', 'Training', 'Away') or '' */
	auxState: string;
	prevAuxState: string | null;
	/** seconds in the previous state (LOGOUT: seconds online) */
	durationSec: number;
	/** true on WORKING (after-call work, disposition pending) */
	pendingDisposition: boolean;
	loginId: string;
	/** on TRANSITION, ENGAGED, WORKING */
	call: { callId: string; dialogId: string; segmentId: string; callType: 'ACD' | 'VPD'; sourceId: number | null; sourceName: string | null; dnis: string | null } | null;
}
export interface CallEvent {
	id: string;
	atMs: number;
	dialogId: string;
	/** null for an abandoned queue call */
	segmentId: string | null;
	/** the WFM END-CALL fields as sent (strings or null) */
	payload: Record<string, string | null>;
}
export interface Subscription {
	subscriptionId: string;
	subscriptionName: string;
	description: string | null;
	notificationUrl: string;
	maxRetryCount: number;
	authConfigId: string | null;
	active: boolean;
	customHeaders: Record<string, string>;
	/** epoch seconds, 0 = never */
	expiresAt: number;
	mainAccountId: string;
	subAccountId: string;
	createdBy: string;
	updatedBy: string;
	createdAt: string;
	updatedAt: string;
	authConfig?: { authType: string; apiKey: string | null };
}
export interface SubscriptionTruth extends Subscription {
	deleted: boolean;
	deletedAtMs: number | null;
	/** sim time of expiry once it happened */
	expiredAtMs: number | null;
	createdAtMs: number;
	/** events up to this sim time have been handed to the delivery queue */
	cursorMs: number;
	/** receives notifications now (not deleted, active, not expired) */
	receiving: boolean;
}
export interface ValidationRecord {
	atMs: number;
	purpose: 'create' | 'update';
	subscriptionName: string;
	url: string;
	token: string;
	status: number | null;
	echoed: boolean;
	/** bytes the receiver sent on the socket: status line, headers and body */
	bytes: number;
	headerBytes: number | null;
	bodyBytes: number | null;
	elapsedMs: number;
	ok: boolean;
	/** why it failed (SUB-525), else null */
	reason: string | null;
}
export interface DeliveryAttempt {
	messageId: number;
	/** 1 = first attempt, 2 = first retry, … */
	attempt: number;
	/** true for the extra request of a 'duplicate' delivery fault */
	duplicate: boolean;
	channel: 'subscription' | 'push';
	/** the subscriptionId, or 'push:agent' / 'push:call' */
	targetId: string;
	kind: 'agentState' | 'agentEvent' | 'endCall';
	eventId: string;
	eventAtMs: number;
	/** sim time the attempt was due */
	dueAtMs: number;
	/** sim time it was sent */
	sentAtMs: number;
	url: string;
	/** headers sent (values of authorization/secret/token/key-like names redacted) */
	requestHeaders: Record<string, string>;
	body: string;
	payload: Record<string, any>;
	status: number | null;
	ok: boolean;
	error: string | null;
	/** real ms */
	elapsedMs: number;
	responseBytes: number;
}
export interface PushConfig {
	subAccountId?: string;
	agentEventUrl?: string | null;
	callEventUrl?: string | null;
	format?: 'form' | 'json';
	headers?: Record<string, string>;
	events?: { login?: boolean; logout?: boolean; agentStates?: boolean; endCall?: boolean };
}
export interface PushState {
	config: Required<PushConfig> | null;
	running: boolean;
	startedAtMs: number | null;
}
export interface RateRule {
	count: number;
	windowMs: number;
}
export interface Limits {
	exchangePerMinute: number;
	report: RateRule[];
	admin: RateRule[];
	metadataMaxSeconds: number;
	/** How long after its end a segment appears in interaction metadata (default 120000). */
	metadataVisibleDelayMs: number;
	/** Lead operations, per sub-account (API doc §7.1). */
	leadLoad: RateRule[];
	leadSearch: RateRule[];
	leadSearchCount: RateRule[];
	/** PATCH and PUT of one lead share this budget. */
	leadUpdate: RateRule[];
	leadAction: RateRule[];
	/** How long (sim ms) after a load or copy a lead stays invisible to leadSearch and actions (default 0). */
	leadSearchDelayMs: number;
	/** Receiver validation: real ms the receiver has (default 3000). */
	validationTimeoutMs: number;
	/** Receiver validation: most bytes of the whole answer, headers and body (default 1024). */
	validationMaxBytes: number;
	/** Real ms one delivery attempt may take (default 5000). */
	deliveryTimeoutMs: number;
	/** Retry n waits min(base × 2^(n−1), max) SIM ms after the failed attempt (defaults 5000, 300000). */
	deliveryRetryBaseMs: number;
	deliveryRetryMaxMs: number;
}
export type DeliveryFaultKind = 'fail' | 'delay' | 'duplicate';
export interface DeliveryFaultSpec {
	kind: DeliveryFaultKind;
	count?: number;
	ratio?: number;
	/** substring of, or '/regex/' on, the target URL */
	match?: string | RegExp;
	delayMs?: number;
	after?: number;
}
export type FaultKind = '500' | '502' | '503' | '429' | 'slow' | 'truncated' | 'cutHeader' | 'invalidJson' | 'reset' | 'expire';
export interface FaultSpec {
	kind: FaultKind;
	count?: number;
	ratio?: number;
	match?: string | RegExp;
	method?: string;
	retryAfter?: number | null;
	delayMs?: number;
	/** let the first `after` matching requests through untouched (default 0) */
	after?: number;
}
export interface Variants {
	supervision: 'ids' | 'where' | 'both';
	withAgentsTypo: boolean;
	queueStatsSpelling: 'offd' | 'off';
	segmentIdSpelling: 'segmentID' | 'segmentId';
	xmlLayout: 'elements' | 'attributes';
	csvDelimiter: ',' | ';' | '\t' | '|';
	rateLimitBody: 'text' | 'json';
	retryAfter: 'one' | 'exact' | 'none';
	listShape: 'slim' | 'full';
	recordingAuth: 'none' | 'basic';
	cxOutputFormat: 'ignore' | 'honour';
	/** CX metadata agentNotes: as typed | non-empty notes start with =, +, - or @ */
	agentNotes: 'plain' | 'formula';
	leadLoadResponse: 'body' | 'created';
	leadLoadRequired: 'none' | 'docs';
	leadLoadOutcome: 'normal' | 'DEFAULT_NOT_A_FAILURE' | 'GENERAL_FAILURE' | 'DNC_UPLOAD_FAILED' | 'DNC_ACCOUNT_SETTINGS' | 'DNC_GREATER_ONE_DAY';
	leadSearchShape: 'array' | 'records' | 'page';
	leadPageBase: 0 | 1;
	leadExternIds: 'filter' | 'ignore';
	leadStateSpelling: 'hyphen' | 'underscore';
	leadUpdateResponse: 'body' | 'empty';
	agentStatePayload: 'wfm' | 'camel' | 'wfm-form';
	subscriptionExpiry: 'deactivate' | 'delete' | 'keep';
	subscriptionPut: 'replace' | 'merge';
	subscriptionPutValidation: 'never' | 'always' | 'urlChanged';
	validationHeaders: 'token' | 'custom';
	notificationUrlRule: 'any' | 'https';
	breakState: 'ON BREAK' | 'BREAK' | 'ON_BREAK';
	wfmTimeZone: 'utc' | 'home';
	pushFormPlacement: 'query' | 'body';
}
export interface LogEntry {
	time: string;
	method: string;
	path: string;
	query: Record<string, any>;
	body: any;
	headers: Record<string, string>;
	status: number | 'reset' | null;
}
export interface Control {
	now(): number;
	setClock(isoOrMs: string | number): number;
	advanceClock(ms: number): number;
	getLimits(): Limits;
	setLimits(partial: Partial<Limits>): Limits;
	injectFaults(spec: FaultSpec): number;
	injectFaults(spec: FaultSpec[]): number[];
	clearFaults(): void;
	faults(): Array<Record<string, any>>;
	getVariants(): Variants;
	setVariants(partial: Partial<Variants>): Variants;
	requestLog(): LogEntry[];
	clearLog(): void;
	invalidateTokens(opts?: { access?: boolean; refresh?: boolean; rc?: boolean; legacy?: boolean }): void;
	/** Turns roster churn on ({ everyMs, from? }; from defaults to sim now) or off (null). */
	setRosterChurn(opts: RosterChurn | null): RosterChurnState | null;
	rosterChurn(): RosterChurnState | null;
	/** Busy day on (spec) or off (null); the calls of the affected buckets change at once. */
	setBusyDay(spec: BusyDay | null): BusyDayState | null;
	busyDay(): BusyDayState | null;
	/** Revises closed intervals' statistics from sim time `at` on → id(s). */
	reviseStatistics(spec: RevisionSpec): number;
	reviseStatistics(spec: RevisionSpec[]): number[];
	revisions(): Revision[];
	clearRevisions(): void;
	/** Every subscription ever created (deleted and expired ones too). */
	subscriptions(): SubscriptionTruth[];
	/** Every receiver validation (handshake) with its measured answer. */
	validations(): ValidationRecord[];
	/** Every delivery attempt (subscriptions and push), optionally of one channel / target. */
	deliveries(filter?: { channel?: 'subscription' | 'push'; targetId?: string }): DeliveryAttempt[];
	/** Delivers everything due at the current sim time (waits for it); retries due later stay pending. */
	deliverDue(): Promise<{ delivered: number; pending: number; failed: number; cancelled: number; attempts: number }>;
	/** The real-time pump (every 50 ms) on or off; returns the new state. */
	setAutoDeliver(on: boolean): boolean;
	autoDeliver(): boolean;
	injectDeliveryFaults(spec: DeliveryFaultSpec): number;
	injectDeliveryFaults(spec: DeliveryFaultSpec[]): number[];
	deliveryFaults(): Array<Record<string, any>>;
	clearDeliveryFaults(): void;
	/** Sets (merges) the WFM push configuration. */
	setPush(config: PushConfig): PushState;
	/** Starts the push: events after `from` (default sim now) are sent. */
	startPush(from?: string | number): PushState;
	stopPush(): PushState;
	push(): PushState & { sent: DeliveryAttempt[] };
	reset(): void;
}
export interface RosterChurn {
	/** One churn event every this many sim ms (≥ 1000). */
	everyMs: number;
	/** Sim time of event 0 (ISO or epoch ms); events happen at from + k × everyMs, k ≥ 1. */
	from?: string | number;
}
export interface RosterChurnState {
	everyMs: number;
	fromMs: number;
	from: string;
}
export interface SimulatorOptions {
	port?: number;
	host?: string;
	seed?: number;
	/** simulated seconds per real second (default 1) */
	clockSpeed?: number;
	/** initial sim time (ISO or epoch ms); default: real now */
	startTime?: string | number;
	limits?: Partial<Limits>;
	variants?: Partial<Variants>;
	/** Roster churn from the start (also what `reset()` restores). */
	rosterChurn?: RosterChurn;
	/** Deliver due notifications from a real-time timer (default true); off = only control.deliverDue(). */
	autoDeliver?: boolean;
	/** A busy day from the start (also what `reset()` restores). */
	busyDay?: BusyDay;
	/** Statistics revisions from the start (also what `reset()` restores). */
	revisions?: RevisionSpec | RevisionSpec[];
}
export interface Simulator {
	url: string;
	port: number;
	seed: number;
	world: World;
	secrets: Secrets;
	truth: Truth;
	control: Control;
	server: import('http').Server;
	close(): Promise<void>;
}
export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
