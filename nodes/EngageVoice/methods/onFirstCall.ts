/**
 * Methods whose code loads on their first call. n8n reads a node's method names when it loads the
 * package and calls them only when an editor opens a dropdown or a list, so the node file lists
 * the names and the module with the code (and the transport it needs) is required on first use.
 * `names` must list every method of the module: the type does not compile when one is missing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Methods = Record<string, (this: any, ...args: any[]) => Promise<unknown>>;

export function onFirstCall<M extends Methods>(load: () => Promise<M>, names: { [K in keyof M]: true }): M {
	const methods: Methods = {};
	for (const name of Object.keys(names)) {
		methods[name] = async function (this: unknown, ...args: unknown[]) {
			const loaded = await load();
			return await loaded[name].apply(this, args);
		};
	}
	return methods as M;
}
