import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/*
 * n8n-workflow's `updateDisplayOptions`, without lodash. n8n loads every node of the package when
 * it starts, and the first run of lodash's deep merge was a sixth of the package's load time
 * (issue 10). Display options are plain data, and this merges them the way lodash's `merge` does
 * (objects key by key, arrays index by index, into fresh copies); test/unit/parameters/
 * displayOptions.test.ts compares the two on every operation of the node.
 */

type Container = Record<string, unknown> | unknown[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	[Object.prototype, null].includes(Object.getPrototypeOf(value));

function merged(target: unknown, source: unknown): unknown {
	if (Array.isArray(source)) return mergeInto(Array.isArray(target) ? target : [], source);
	if (isPlainObject(source)) return mergeInto(isPlainObject(target) ? target : {}, source);
	return source;
}

function mergeInto<T extends Container>(target: T, source: Container): T {
	const into = target as Record<string, unknown>;
	const from = source as Record<string, unknown>;
	for (const key of Object.keys(from)) {
		// as lodash: an undefined value does not replace one that is there
		if (from[key] === undefined && key in into) continue;
		into[key] = merged(into[key], from[key]);
	}
	return target;
}

/** Each property, shown only where `displayOptions` says, on top of its own display options. */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: mergeInto(mergeInto({}, (property.displayOptions ?? {}) as Container), displayOptions as Container),
	}));
}
