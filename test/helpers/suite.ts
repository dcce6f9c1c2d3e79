/*
 * The setup every in-process workflow suite shares: one simulator per file, reset before each
 * test together with the process-wide rate budget, and fresh stored credentials of all three kinds.
 */
import { rateBudget } from '../../nodes/EngageVoice/transport';
import type { HostileServer } from '../hostile/server';
import { startHostile } from '../hostile/server';
import { TestCredentialsHelper } from './harness';
import { storeCredentials, useFastLimit } from './reportRun';
import type { Simulator } from './simulator';
import { startSim } from './simulator';

export interface SimulatorSuite {
	sim: Simulator;
	/** Holds the JWT, login and token credentials of the simulator (ids 'jwt', 'login', 'token'). */
	creds: TestCredentialsHelper;
	world: any;
	/** The simulator's main sub-account id. */
	mainSub: string;
}

export interface SimulatorSuiteOptions {
	seed: number;
	/** Raise the simulator's report limit so report tests run fast (the node gets `fastOptions()`). */
	fastReports?: boolean;
	/** More options for startSimulator. */
	simulator?: Record<string, unknown>;
}

/**
 * Registers the suite's hooks; `bind` receives the suite once the simulator runs and again after
 * each reset, so a test file keeps plain variables: `useSimulator({ seed: 3 }, (s) => ({ sim, creds } = s))`.
 */
export function useSimulator(options: SimulatorSuiteOptions, bind: (suite: SimulatorSuite) => unknown) {
	let suite: SimulatorSuite | undefined;
	beforeAll(async () => {
		const sim = await startSim({ seed: options.seed, ...options.simulator });
		suite = { sim, creds: new TestCredentialsHelper(), world: sim.world, mainSub: sim.world.mainSubAccountId };
		storeCredentials(sim, suite.creds);
		bind(suite);
	});
	afterAll(async () => await suite?.sim.close());
	beforeEach(() => {
		const s = suite!;
		s.sim.control.reset();
		rateBudget.reset();
		if (options.fastReports) useFastLimit(s.sim);
		s.creds = new TestCredentialsHelper();
		storeCredentials(s.sim, s.creds);
		bind(s);
	});
}

/**
 * A hostile server (test/hostile/server.ts) for the test file: started once, and before each test
 * emptied of routes and requests and pointed at `target()` (usually the suite's simulator; none =
 * it answers only what a test routes). Register it after useSimulator, whose reset runs first.
 */
export function useHostileServer(
	target: () => string | undefined,
	bind: (server: HostileServer) => unknown,
	options: { tls?: boolean } = {},
) {
	let server: HostileServer | undefined;
	beforeAll(async () => {
		server = await startHostile(options);
		bind(server);
	});
	afterAll(async () => await server?.close());
	beforeEach(() => {
		server!.reset();
		server!.forwardTo(target());
	});
}
