/**
 * Errors of the pure report logic. They are plain classes on purpose: this folder has no node
 * context, so the node wraps them into NodeOperationError (keeping the message, which already
 * names the window).
 */

export type ReportFileFormat = 'csv' | 'xml' | 'json';

/** A report body that cannot be read. The message names the window and, when known, the line. */
export class ReportParseError extends Error {
	readonly format: ReportFileFormat;
	readonly windowLabel: string;
	/** 1-based line of the body where reading failed, when the parser could tell. */
	readonly line: number | undefined;

	constructor(
		message: string,
		details: { format: ReportFileFormat; windowLabel: string; line?: number },
	) {
		super(message);
		this.name = 'ReportParseError';
		this.format = details.format;
		this.windowLabel = details.windowLabel;
		this.line = details.line;
	}
}

/**
 * An answer that reads as the format asked for but is not the report: a page, a notice, a header
 * cut short, JSON of another shape. The message says what it lacks; the node quotes its start.
 */
export class NotAReportError extends ReportParseError {
	constructor(message: string, details: { format: ReportFileFormat; windowLabel: string }) {
		super(message, details);
		this.name = 'NotAReportError';
	}
}

/** A field longer than the node's bound (Options › Max Field Size). */
export class FieldTooLargeError extends ReportParseError {
	/** Characters of the field, and the bound it broke. */
	readonly chars: number;
	readonly maxChars: number;

	constructor(
		message: string,
		details: { format: ReportFileFormat; windowLabel: string; line?: number; chars: number; maxChars: number },
	) {
		super(message, details);
		this.name = 'FieldTooLargeError';
		this.chars = details.chars;
		this.maxChars = details.maxChars;
	}
}

/** The error of a field longer than `maxChars`, worded the same by every parser. */
export function fieldTooLarge(
	format: ReportFileFormat,
	windowLabel: string,
	chars: number,
	maxChars: number,
	at: { line?: number; row?: number } = {},
): FieldTooLargeError {
	const where = at.line !== undefined ? ` at line ${at.line}` : at.row !== undefined ? ` in row ${at.row}` : '';
	return new FieldTooLargeError(
		`The ${format.toUpperCase()} report of window ${windowLabel} has a field of ${chars.toLocaleString('en-US')} characters${where}, over the bound of ${maxChars.toLocaleString('en-US')}`,
		{ format, windowLabel, line: at.line, chars, maxChars },
	);
}

/** Planner input that cannot be turned into windows (bad zone, interval, range or maximum). */
export class WindowPlanError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WindowPlanError';
	}
}

/** A range that needs more request windows than one run may send. */
export class TooManyWindowsError extends WindowPlanError {
	constructor(
		/** The windows the range needs (`exact`), or at least needs (not exact: planning was skipped). */
		readonly count: number,
		readonly exact: boolean,
		readonly maxWindows: number,
		/** Length of the longest window, ms: at most `maxWindows` of them make one run. */
		readonly windowMs: number,
		/** The range as asked (start) and as far as it can be read now (end). */
		readonly startMs: number,
		readonly endMs: number,
	) {
		super(
			`The range needs ${exact ? '' : 'at least '}${count.toLocaleString('en-US')} request windows, more than the ${maxWindows.toLocaleString('en-US')} one run may send`,
		);
		this.name = 'TooManyWindowsError';
	}
}
