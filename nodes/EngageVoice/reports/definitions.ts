import type { ReportKind } from './windowPlanner';

/**
 * One table per report (API doc §3, §5.3–§5.7): where it lives in each API family, its fields in
 * output order, and every name a field is known by. The normaliser and the request builder read
 * only these tables, so a new spelling or column is added here and nowhere else.
 */

export type ReportName = 'agentExtendedStats' | 'queueStats' | 'agentStats' | 'interactionMetadata';

export type ApiFamily = 'cx' | 'classic';
/** Both families, for choice checks (API doc §3). */
export const API_FAMILIES: readonly ApiFamily[] = ['classic', 'cx'];

/**
 * - `int`: a number; `string`: text (ids too: CX sends them as strings, classic as numbers);
 * - `boolean`; `timestamp`: ISO 8601 UTC, epoch milliseconds are converted;
 * - `events`: the `segmentEvents` array;
 * - `derived`: computed by the normaliser (interval bounds, window), never read from the row.
 */
export type FieldType = 'int' | 'string' | 'boolean' | 'timestamp' | 'events' | 'derived';

export interface ReportField {
	name: string;
	type: FieldType;
}

/** Another name of a field; `scale` converts the unit (classic `segmentDuration` is in seconds). */
export interface FieldAlias {
	field: string;
	scale?: number;
}

export interface ReportDefinition {
	name: ReportName;
	displayName: string;
	kind: ReportKind;
	/** Appended to `{cx}/` = `/voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{subAccountId}/`. */
	cxPath: string;
	/** Appended to `/voice/api/integration/{apiVersion}/admin/reports/accounts/{subAccountId}/`. */
	classic: { apiVersion: 'v1' | 'v2'; path: string; body: 'file' | 'json' };
	/** Fields that identify a row across polls (dedupe in the trigger). */
	naturalKey: readonly string[];
	/** The normalised schema, in output order. */
	fields: readonly ReportField[];
	/** Documented classic file columns (§5.3, §5.4) → field, in file order. */
	classicColumns: Readonly<Record<string, string>>;
	/** Other known names (spelling variants, classic metadata names), best first. */
	aliases: Readonly<Record<string, string | FieldAlias>>;
	/**
	 * What an answer must carry to be this report (reportShape.ts), as fields (any name that maps
	 * to the field counts; `dateTimeFrom` also as the classic date and time columns):
	 * - `row`: every JSON row, and so the first one: what identifies it;
	 * - `file`: a CSV header or the records of an XML file: every column the file is known to have,
	 *   so that a file cut inside its header is never read as a report without rows.
	 */
	required: { row: readonly string[]; file: readonly string[] };
}

/** Pseudo fields: the classic files split the interval start into a date and a time column. */
export const CLASSIC_DATE = '@dateFrom';
export const CLASSIC_TIME = '@timeOfDay';

/** Names the classic date and time columns may take in CSV (`time (H24:MI)`) or XML (`time`). */
export const CLASSIC_DATE_TIME_COLUMNS: Readonly<Record<string, string>> = {
	date_from: CLASSIC_DATE,
	'time (H24:MI)': CLASSIC_TIME,
	time: CLASSIC_TIME,
	time_h24_mi: CLASSIC_TIME,
};

const int = (name: string): ReportField => ({ name, type: 'int' });
const str = (name: string): ReportField => ({ name, type: 'string' });
const derived = (name: string): ReportField => ({ name, type: 'derived' });

/** Statistics rows: what every report carries around its own fields. */
const statisticsHead = [
	str('subAccountId'),
	int('interval'),
	str('dateTimeFrom'),
	derived('intervalStart'),
	derived('intervalEnd'),
];
const windowField = derived('window');

const statisticsKey = (...fields: string[]) => ['subAccountId', 'intervalStart', 'interval', ...fields];

const agentExtendedStats: ReportDefinition = {
	name: 'agentExtendedStats',
	displayName: 'Agent Extended Statistics',
	kind: 'statistics',
	cxPath: 'agg-agent-extended-stats',
	classic: { apiVersion: 'v1', path: 'aggAgentExtendedStats', body: 'file' },
	naturalKey: statisticsKey('queue', 'agentId'),
	fields: [
		...statisticsHead,
		int('agentId'),
		str('agentName'),
		int('queue'),
		str('queueName'),
		int('talkingIxnDur'),
		int('wrapUpDur'),
		int('answIxnCnt'),
		int('transferOutIxnCnt'),
		windowField,
	],
	classicColumns: {
		interval: 'interval',
		agent_id: 'agentId',
		agent_name: 'agentName',
		queue: 'queue',
		queue_name: 'queueName',
		talking_call_dur: 'talkingIxnDur',
		wrap_up_dur: 'wrapUpDur',
		answ_call_cnt: 'answIxnCnt',
		transfer_out_call_cnt: 'transferOutIxnCnt',
	},
	aliases: {},
	// §5.3: the documented columns, in file order (date and time give dateTimeFrom).
	required: {
		row: ['dateTimeFrom', 'agentId', 'queue'],
		file: ['interval', 'dateTimeFrom', 'agentId', 'agentName', 'queue', 'queueName', 'talkingIxnDur', 'wrapUpDur', 'answIxnCnt', 'transferOutIxnCnt'],
	},
};

const queueStats: ReportDefinition = {
	name: 'queueStats',
	displayName: 'Queue Statistics',
	kind: 'statistics',
	cxPath: 'agg-queue-stats',
	classic: { apiVersion: 'v1', path: 'aggQueueStats', body: 'file' },
	naturalKey: statisticsKey('queue'),
	fields: [
		...statisticsHead,
		int('queue'),
		str('queueName'),
		int('offdDirectIxnCnt'),
		int('overflowInIxnCnt'),
		int('abandIxnCnt'),
		int('overflowOutIxnCnt'),
		int('answIxnCnt'),
		int('queuedAndAnswIxnDur'),
		int('queuedAndAbandIxnDur'),
		int('talkingIxnDur'),
		int('wrapUpDur'),
		int('queuedAnswLongestQueDur'),
		int('queuedAbandLongestQueDur'),
		int('ansServicelevelCnt'),
		int('waitDur'),
		int('abandShortIxnCnt'),
		int('abandWithinSlCnt'),
		// CX only: null in classic rows.
		int('completedContacts'),
		int('segmentHoldTime'),
		windowField,
	],
	classicColumns: {
		interval: 'interval',
		queue: 'queue',
		queue_name: 'queueName',
		offd_direct_call_cnt: 'offdDirectIxnCnt',
		overflow_in_call_cnt: 'overflowInIxnCnt',
		aband_call_cnt: 'abandIxnCnt',
		overflow_out_call_cnt: 'overflowOutIxnCnt',
		answ_call_cnt: 'answIxnCnt',
		queued_and_answ_call_dur: 'queuedAndAnswIxnDur',
		queued_and_aband_call_dur: 'queuedAndAbandIxnDur',
		talking_call_dur: 'talkingIxnDur',
		wrap_up_dur: 'wrapUpDur',
		queued_answ_longest_que_dur: 'queuedAnswLongestQueDur',
		queued_aband_longest_que_dur: 'queuedAbandLongestQueDur',
		ans_servicelevel_cnt: 'ansServicelevelCnt',
		wait_dur: 'waitDur',
		aband_short_call_cnt: 'abandShortIxnCnt',
		aband_within_sl_cnt: 'abandWithinSlCnt',
	},
	// The docs table spells it offDirectIxnCnt; the spec offdDirectIxnCnt (decision 2).
	aliases: { offDirectIxnCnt: 'offdDirectIxnCnt' },
	// §5.4: the documented columns (completedContacts and segmentHoldTime are CX only).
	required: {
		row: ['dateTimeFrom', 'queue'],
		file: [
			'interval',
			'dateTimeFrom',
			'queue',
			'queueName',
			'offdDirectIxnCnt',
			'overflowInIxnCnt',
			'abandIxnCnt',
			'overflowOutIxnCnt',
			'answIxnCnt',
			'queuedAndAnswIxnDur',
			'queuedAndAbandIxnDur',
			'talkingIxnDur',
			'wrapUpDur',
			'queuedAnswLongestQueDur',
			'queuedAbandLongestQueDur',
			'ansServicelevelCnt',
			'waitDur',
			'abandShortIxnCnt',
			'abandWithinSlCnt',
		],
	},
};

const agentStats: ReportDefinition = {
	name: 'agentStats',
	displayName: 'Agent Statistics',
	kind: 'statistics',
	cxPath: 'agg-agent-stats',
	classic: { apiVersion: 'v1', path: 'aggAgentStats', body: 'file' },
	naturalKey: statisticsKey('agentId'),
	fields: [
		...statisticsHead,
		int('agentId'),
		str('agentName'),
		int('availDur'),
		int('totWorkDur'),
		int('pauseDur'),
		int('waitDur'),
		int('adminDur'),
		int('directOutIxnCnt'),
		int('directOutIxnDur'),
		int('directInIxnCnt'),
		int('directInIxnDur'),
		windowField,
	],
	// No source lists these columns (§5.5): the §5.6 name rule maps avail_dur, direct_in_call_cnt, ...
	classicColumns: {},
	aliases: {},
	// No source lists the classic columns (§5.5), so a file must have a column for every field of the
	// report, found by the §5.6 name rule: that rule is the only way the normaliser reads them, so a
	// file whose names it does not match would give rows of nulls. (Only the key columns would let a
	// header cut after agent_name pass as a report without rows.)
	required: {
		row: ['dateTimeFrom', 'agentId'],
		file: [
			'interval',
			'dateTimeFrom',
			'agentId',
			'agentName',
			'availDur',
			'totWorkDur',
			'pauseDur',
			'waitDur',
			'adminDur',
			'directOutIxnCnt',
			'directOutIxnDur',
			'directInIxnCnt',
			'directInIxnDur',
		],
	},
};

const interactionMetadata: ReportDefinition = {
	name: 'interactionMetadata',
	displayName: 'Interaction (Agent Segment) Metadata',
	kind: 'metadata',
	cxPath: 'interaction-metadata',
	classic: { apiVersion: 'v2', path: 'interactionMetadata', body: 'json' },
	naturalKey: ['subAccountId', 'dialogId', 'interactionId', 'segmentId'],
	fields: [
		str('subAccountId'),
		str('dialogId'),
		str('interactionId'),
		str('channelId'),
		str('channelType'),
		str('channelClass'),
		str('channelEndpointAddress'),
		str('contactEndpointAddress'),
		str('dialogOrigination'),
		{ name: 'dialogStartTimeMs', type: 'timestamp' },
		{ name: 'dialogEndTimeMs', type: 'timestamp' },
		int('dialogDurationMs'),
		str('segmentId'),
		str('segmentType'),
		str('segmentParticipantId'),
		str('segmentParticipantRcExtensionId'),
		{ name: 'segmentStartTimeMs', type: 'timestamp' },
		{ name: 'segmentEndTimeMs', type: 'timestamp' },
		int('segmentDurationMs'),
		str('segmentAgentGroupId'),
		str('systemDisposition'),
		str('agentDisposition'),
		str('agentNotes'),
		{ name: 'hasRecording', type: 'boolean' },
		{ name: 'hasTranscript', type: 'boolean' },
		{ name: 'segmentEvents', type: 'events' },
		// Classic only (a direct link); CX recordings are fetched by dialogId + segmentId.
		str('segmentRecordingUrl'),
		windowField,
	],
	classicColumns: {},
	// §5.7 table and its conflict 1 (names in the classic `required` list that have no definition).
	aliases: {
		segmentID: 'segmentId',
		interactionCallingAddress: 'channelEndpointAddress',
		segmentCallingAddress: 'channelEndpointAddress',
		interactionCalledAddress: 'contactEndpointAddress',
		segmentCalledAddress: 'contactEndpointAddress',
		interactionDirection: 'dialogOrigination',
		segmentDirection: 'dialogOrigination',
		interactionStartTimeMs: 'dialogStartTimeMs',
		interactionStartTime: 'dialogStartTimeMs',
		interactionDurationMs: 'dialogDurationMs',
		// Undefined in the spec; by the classic naming (`segmentDuration` is seconds) read as seconds.
		interactionDuration: { field: 'dialogDurationMs', scale: 1000 },
		segmentAgentId: 'segmentParticipantId',
		segmentContactStartTimeMs: 'segmentStartTimeMs',
		segmentContactStartTime: 'segmentStartTimeMs',
		segmentContactEndTimeMs: 'segmentEndTimeMs',
		segmentDuration: { field: 'segmentDurationMs', scale: 1000 },
		segmentRecordingURL: 'segmentRecordingUrl',
	},
	// Both families answer JSON (classic v2 too); a segment is known by its id (segmentID in classic).
	required: { row: ['segmentId'], file: ['segmentId'] },
};

export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
	agentExtendedStats,
	queueStats,
	agentStats,
	interactionMetadata,
};

export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

export function reportDefinition(report: ReportName): ReportDefinition {
	const definition = REPORTS[report];
	if (!definition) throw new RangeError(`Unknown report "${String(report)}"`);
	return definition;
}

/**
 * The §5.6 rule for column names nobody documented: compare lower-cased, without `_`, spaces or
 * other punctuation (so `time (H24:MI)` and an XML `time_h24_mi` meet), reading `call` as `ixn`.
 */
export function columnKey(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
		.replace(/call/g, 'ixn');
}
