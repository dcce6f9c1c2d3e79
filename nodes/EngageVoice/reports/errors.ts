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
