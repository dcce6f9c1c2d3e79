/*
 * The window sizes the API allows (API doc §5.1, §5.2). A module of their own because the node
 * descriptions show them, and n8n reads the descriptions when it loads the package: the planner
 * itself (./windowPlanner.ts) loads with the first report.
 */

export const INTERVAL_MINUTES = [15, 30, 45, 60] as const;
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

export function isIntervalMinutes(value: unknown): value is IntervalMinutes {
	return (INTERVAL_MINUTES as readonly unknown[]).includes(value);
}

export const STATISTICS_MAX_WINDOW_SECONDS = 10_800;
/** Shortest metadata window the nodes offer (the API would take 1 s). */
export const METADATA_MIN_WINDOW_SECONDS = 60;
export const METADATA_DEFAULT_WINDOW_SECONDS = 3_600;
export const METADATA_MAX_WINDOW_SECONDS = 10_800;
