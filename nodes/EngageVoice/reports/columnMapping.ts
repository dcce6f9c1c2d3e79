import {
	CLASSIC_DATE_TIME_COLUMNS,
	columnKey,
	reportDefinition,
	type ReportName,
} from './definitions';

/**
 * Which normalised field a raw column or property feeds, from the tables in definitions.ts.
 * When a row carries several names of one field, the lowest `rank` with a value wins: the exact
 * field name, then a name that differs only in case or punctuation, then a documented classic
 * column, then the aliases in their listed order.
 */

export interface ColumnTarget {
	field: string;
	scale: number;
	rank: number;
}

type Lookup = Map<string, ColumnTarget>;

const lookups = new Map<ReportName, Lookup>();
// Rows repeat the same keys: resolve each distinct key once per report.
const resolved = new Map<ReportName, Map<string, ColumnTarget | null>>();

function buildLookup(report: ReportName): Lookup {
	const definition = reportDefinition(report);
	const lookup: Lookup = new Map();
	const add = (name: string, field: string, rank: number, scale = 1) => {
		const key = columnKey(name);
		if (!lookup.has(key)) lookup.set(key, { field, scale, rank });
	};
	for (const field of definition.fields) {
		if (field.type !== 'derived') add(field.name, field.name, 1);
	}
	for (const [column, field] of Object.entries(definition.classicColumns)) add(column, field, 2);
	if (definition.kind === 'statistics') {
		for (const [column, field] of Object.entries(CLASSIC_DATE_TIME_COLUMNS)) add(column, field, 2);
	}
	Object.entries(definition.aliases).forEach(([name, alias], i) => {
		if (typeof alias === 'string') add(name, alias, 3 + i);
		else add(name, alias.field, 3 + i, alias.scale);
	});
	return lookup;
}

/** The field a raw key maps to, or undefined when the report has no such field. */
export function resolveColumn(report: ReportName, rawKey: string): ColumnTarget | undefined {
	let cache = resolved.get(report);
	if (!cache) {
		cache = new Map();
		resolved.set(report, cache);
	}
	let target = cache.get(rawKey);
	if (target === undefined) {
		let lookup = lookups.get(report);
		if (!lookup) {
			lookup = buildLookup(report);
			lookups.set(report, lookup);
		}
		const found = lookup.get(columnKey(rawKey));
		target = found ? { ...found, rank: rawKey === found.field ? 0 : found.rank } : null;
		// A file with thousands of distinct junk columns must not grow the cache without bound.
		if (cache.size < 10_000) cache.set(rawKey, target);
	}
	return target ?? undefined;
}

/** The columns of a header that feed no field: the node can warn about them. */
export function unmappedColumns(report: ReportName, columns: Iterable<string>): string[] {
	return [...columns].filter((column) => resolveColumn(report, column) === undefined);
}

export interface FieldSource {
	key: string;
	/** The key's position in the plan's keys: the cell of a CSV row that holds it. */
	index: number;
	scale: number;
}

/** For one set of raw keys (a header): each field's source keys, best first, worked out once. */
export interface ColumnPlan {
	keys: readonly string[];
	sources: Map<string, FieldSource[]>;
	/** The same, by position in the report's `fields` (the normaliser's hot loop). */
	byField: Array<FieldSource[] | undefined>;
}

// Rows of one body share their keys: keep the last plan per report and reuse it while they match.
const lastPlans = new Map<ReportName, ColumnPlan>();

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

export function columnPlan(report: ReportName, keys: readonly string[]): ColumnPlan {
	const last = lastPlans.get(report);
	if (last && sameKeys(last.keys, keys)) return last;
	const ranked = new Map<string, Array<FieldSource & { rank: number }>>();
	keys.forEach((key, index) => {
		const target = resolveColumn(report, key);
		if (!target) return;
		const list = ranked.get(target.field) ?? [];
		list.push({ key, index, scale: target.scale, rank: target.rank });
		ranked.set(target.field, list);
	});
	const sources = new Map<string, FieldSource[]>();
	for (const [field, list] of ranked) {
		list.sort((a, b) => a.rank - b.rank);
		sources.set(field, list.map(({ key, index, scale }) => ({ key, index, scale })));
	}
	// Derived fields are computed by the normaliser, never read from a column.
	const byField = reportDefinition(report).fields.map((field) =>
		field.type === 'derived' ? undefined : sources.get(field.name),
	);
	const plan = { keys: [...keys], sources, byField };
	lastPlans.set(report, plan);
	return plan;
}
