/**
 * The pure report logic, for the action node and the trigger: plan windows → build request
 * bodies → parse bodies → normalise rows. Nothing here does HTTP or touches n8n.
 */
export { columnPlan, resolveColumn, unmappedColumns } from './columnMapping';
export {
	API_FAMILIES,
	CLASSIC_DATE,
	CLASSIC_TIME,
	columnKey,
	REPORT_NAMES,
	REPORTS,
	reportDefinition,
	type ApiFamily,
	type FieldType,
	type ReportDefinition,
	type ReportField,
	type ReportName,
} from './definitions';
export { parseDateInput } from './dateInput';
export { FieldTooLargeError, NotAReportError, ReportParseError, TooManyWindowsError, WindowPlanError, type ReportFileFormat } from './errors';
export {
	naturalKey,
	normaliseCells,
	normaliseRow,
	rowTimeMs,
	spreadsheetSafe,
	withinWindow,
	type NormaliseContext,
	type NormalisedRow,
} from './normalise';
export {
	detectReportFormat,
	parseCsvReport,
	parseJsonReport,
	parseReportBody,
	parseXmlReport,
	type JsonRecord,
	type ParseReportOptions,
	type ReportRecord,
} from './parsers';
export { readReportRows, type ReadReportRowsOptions, type ReportRows } from './reportRows';
export { checkCsvHeader, checkJsonReport, checkXmlReport, isEmptyBody, missingFields } from './reportShape';
export {
	buildReportRequestBody,
	type ClassicOutputFormat,
	type ReportRequestBody,
	type RequestBodyOptions,
} from './requestBody';
export {
	canonicalTimeZone,
	fixedOffsetZone,
	formatWallTime,
	isValidTimeZone,
	knownTimeZones,
	offsetMinutesAt,
	resolveWallTime,
	toIsoWithOffset,
	wallTimeToUtc,
} from './timeZone';
export {
	DEFAULT_MAX_WINDOWS,
	METADATA_SAFETY_LAG_MS,
	firstWindowStartMs,
	planWindows,
	STATISTICS_SAFETY_LAG_MS,
	windowFileStamp,
	type PlanWindowsInput,
	type ReportKind,
	type ReportWindow,
	type SkippedRange,
	type WindowPlan,
} from './windowPlanner';
export {
	INTERVAL_MINUTES,
	isIntervalMinutes,
	METADATA_DEFAULT_WINDOW_SECONDS,
	METADATA_MAX_WINDOW_SECONDS,
	METADATA_MIN_WINDOW_SECONDS,
	STATISTICS_MAX_WINDOW_SECONDS,
	type IntervalMinutes,
} from './windowSizes';
