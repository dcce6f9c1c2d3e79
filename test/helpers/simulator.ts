/* Typed access to the simulator (plain JS under test/simulator) for the TypeScript tests. */
const { startSimulator } = require('../simulator');
const { credentialData } = require('../simulator/credentials');

export interface SimLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	headers: Record<string, string>;
	status?: number;
}

export interface Simulator {
	url: string;
	world: any;
	secrets: Record<string, string>;
	truth: any;
	control: {
		now(): number;
		setClock(isoOrMs: string | number): void;
		advanceClock(ms: number): void;
		setLimits(limits: any): any;
		injectFaults(spec: any): any;
		clearFaults(): void;
		setVariants(variants: any): any;
		requestLog(): SimLogEntry[];
		clearLog(): void;
		reset(): void;
		[key: string]: any;
	};
	/** The simulator's HTTP server (a test's virtual clock counts the requests it holds). */
	server: import('node:http').Server;
	close(): Promise<void>;
}

export async function startSim(options: { seed?: number; [key: string]: unknown } = {}): Promise<Simulator> {
	return (await startSimulator({ port: 0, seed: 1, ...options })) as Simulator;
}

/** Credential data for the harness: the simulator's table, plus an empty token (not signed in yet). */
export function jwtCredential(sim: Simulator, overrides: Record<string, unknown> = {}) {
	return { ...credentialData(sim, 'engageVoiceJwtApi'), engageToken: '', ...overrides };
}

export function loginCredential(sim: Simulator, overrides: Record<string, unknown> = {}) {
	return { ...credentialData(sim, 'engageVoiceLoginApi'), engageToken: '', ...overrides };
}

export function tokenCredential(sim: Simulator, overrides: Record<string, unknown> = {}) {
	return { ...credentialData(sim, 'engageVoiceTokenApi'), ...overrides };
}

/** API calls in the log (sign-in calls excluded), as "METHOD path". */
export function apiCalls(sim: Simulator): string[] {
	return sim.control
		.requestLog()
		.filter((e) => e.path.includes('/integration/') || e.path.includes('/v1/admin/'))
		.map((e) => `${e.method} ${e.path}`);
}

export const FIVE_MINUTES = 5 * 60_000;
