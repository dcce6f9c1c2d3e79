/** One record of a classic report file, keyed by the file's own column (or element) names. */
export type ReportRecord = Record<string, string>;

export interface ParseReportOptions {
	/** The planner's window label: every parse error names the window it came from. */
	windowLabel: string;
	/** Longest field accepted (characters); a longer one throws a FieldTooLargeError. None = no bound. */
	maxFieldChars?: number;
}
