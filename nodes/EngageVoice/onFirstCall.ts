/**
 * Async functions whose module loads on their first call. n8n loads every node of the package
 * when it starts and then needs only the descriptions; the code that runs a request (transport,
 * API calls, report readers) is required when a node first calls one of these functions.
 * Only functions that return a promise can be deferred this way (the type says so).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AsyncFunction = (this: any, ...args: any[]) => Promise<unknown>;
type AsyncNames<M> = { [K in keyof M]: M[K] extends AsyncFunction ? K : never }[keyof M];

export function onFirstCall<M, K extends AsyncNames<M>>(load: () => Promise<M>, names: Record<K, true>): Pick<M, K> {
	const functions: Record<string, AsyncFunction> = {};
	for (const name of Object.keys(names)) {
		functions[name] = async function (this: unknown, ...args: unknown[]) {
			const loaded = (await load()) as Record<string, AsyncFunction>;
			return await loaded[name].apply(this, args);
		};
	}
	return functions as Pick<M, K>;
}
