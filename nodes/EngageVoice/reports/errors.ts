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
