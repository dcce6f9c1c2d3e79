/*
 * Report rows from the node compared with the simulator's ground truth (sim.truth.*): every row
 * once, none missing, none extra, every value equal. Keys are instants, so the zone a window was
 * requested in (US/Eastern, or Etc/GMT+4 around a DST change) does not matter.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Simulator } from './simulator';

export type StatisticsReport = 'queueStats' | 'agentExtendedStats' | 'agentStats';
export type Family = 'cx' | 'classic';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Fields the classic files do not carry (null in normalised classic rows). */
const CX_ONLY: Record<StatisticsReport, string[]> = {
	queueStats: ['completedContacts', 'segmentHoldTime'],
	agentExtendedStats: [],
	agentStats: [],
};

/** Truth `dateTimeFrom` (MM-DD-YYYYTHH:mm:ss, asked in UTC) → epoch ms. */
function utcDateTimeFrom(text: string): number {
	const m = /^(\d{2})-(\d{2})-(\d{4})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!m) throw new Error(`unexpected dateTimeFrom ${text}`);
	return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function statisticsKey(startMs: number, row: IDataObject): string {
	return `${new Date(startMs).toISOString()}|q${String(row.queue ?? '')}|a${String(row.agentId ?? '')}`;
}

export const rowsOf = (items: INodeExecutionData[]) => items.filter((item) => !item.binary).map((item) => item.json);

/** Truth rows of a statistics report over [fromMs, toMs), keyed by interval start + queue + agent. */
export function statisticsTruth(
	sim: Simulator,
	report: StatisticsReport,
	subAccountId: string,
	fromMs: number,
	toMs: number,
	intervalMinutes: number,
	family: Family = 'cx',
): Map<string, IDataObject> {
	const expected = new Map<string, IDataObject>();
	for (const row of sim.truth[report](subAccountId, fromMs, toMs, intervalMinutes, { timeZone: 'UTC' }) as IDataObject[]) {
		const { dateTimeFrom, offDirectIxnCnt, ...fields } = row;
		if (offDirectIxnCnt !== undefined) fields.offdDirectIxnCnt = offDirectIxnCnt;
		if (family === 'classic') for (const field of CX_ONLY[report]) fields[field] = null;
		const startMs = utcDateTimeFrom(String(dateTimeFrom));
		fields.intervalStartMs = startMs;
		expected.set(statisticsKey(startMs, row), fields);
	}
	return expected;
}

/** Rows of the node keyed like statisticsTruth; fails on a key seen twice. */
export function statisticsByKey(rows: IDataObject[]): Map<string, IDataObject> {
	const byKey = new Map<string, IDataObject>();
	for (const row of rows) {
		const startMs = Date.parse(String(row.intervalStart));
		const key = statisticsKey(startMs, row);
		if (byKey.has(key)) throw new Error(`row ${key} returned twice`);
		byKey.set(key, { ...row, intervalStartMs: startMs });
	}
	return byKey;
}

/** Asserts: same keys, no duplicates, and each row holds the truth's values. */
export function expectStatisticsToMatchTruth(rows: IDataObject[], expected: Map<string, IDataObject>) {
	const actual = statisticsByKey(rows);
	expect(rows.length).toBe(actual.size);
	expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
	for (const [key, fields] of expected) expect({ key, ...actual.get(key) }).toMatchObject({ key, ...fields });
}

/** Natural key of a metadata row: CX by dialog + segment, classic by interaction + segment number. */
export function segmentKey(row: IDataObject): string {
	return `${String(row.dialogId ?? '')}|${String(row.interactionId ?? '')}|${String(row.segmentId ?? row.segmentID ?? '')}`;
}

/** Truth metadata rows over [fromMs, toMs) in the node's normalised shape (the fields both have). */
export function segmentsTruth(
	sim: Simulator,
	subAccountId: string,
	fromMs: number,
	toMs: number,
	family: Family = 'cx',
): Map<string, IDataObject> {
	const expected = new Map<string, IDataObject>();
	for (const raw of sim.truth.segments(subAccountId, fromMs, toMs, { family }) as IDataObject[]) {
		const row: IDataObject =
			family === 'cx'
				? { ...raw }
				: {
						subAccountId,
						dialogId: null,
						interactionId: raw.interactionId,
						channelEndpointAddress: raw.interactionCallingAddress,
						contactEndpointAddress: raw.interactionCalledAddress,
						dialogOrigination: raw.interactionDirection,
						dialogStartTimeMs: raw.interactionStartTimeMs,
						dialogDurationMs: raw.interactionDurationMs,
						segmentId: String(raw.segmentID ?? raw.segmentId),
						segmentParticipantId: String(raw.segmentAgentId),
						segmentStartTimeMs: raw.segmentContactStartTimeMs,
						segmentEndTimeMs: raw.segmentContactEndTimeMs,
						segmentDurationMs: Number(raw.segmentDuration) * 1000,
						segmentAgentGroupId: raw.segmentAgentGroupId,
						segmentRecordingUrl: raw.segmentRecordingURL === '' ? null : raw.segmentRecordingURL,
						hasRecording: raw.segmentRecordingURL !== '',
						hasTranscript: false,
					};
		// the normaliser gives every missing or empty value as null
		for (const [field, value] of Object.entries(row)) if (value === '') row[field] = null;
		const key = segmentKey(row);
		if (expected.has(key)) throw new Error(`truth has ${key} twice`);
		expected.set(key, row);
	}
	return expected;
}

export function expectSegmentsToMatchTruth(rows: IDataObject[], expected: Map<string, IDataObject>) {
	const actual = new Map<string, IDataObject>();
	for (const row of rows) {
		const key = segmentKey(row);
		if (actual.has(key)) throw new Error(`segment ${key} returned twice`);
		actual.set(key, row);
	}
	expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
	for (const [key, fields] of expected) expect({ key, ...actual.get(key) }).toMatchObject({ key, ...fields });
}

/** Report requests the simulator answered, with their status. */
export function reportRequests(sim: Simulator) {
	return sim.control
		.requestLog()
		.filter((e) => /\/(agg-|agg[A-Z]|interaction-metadata|interactionMetadata)/.test(e.path))
		.map((e) => ({ path: e.path, status: e.status, body: e.body as IDataObject }));
}
