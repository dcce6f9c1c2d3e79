/**
 * End-to-end tests in real n8n 2.41.1 (Node 24) against the Engage Voice simulator.
 * Run with `npm run test:e2e` (test/e2e/run.js: build, then this config with --runInBand).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }],
	},
	// each test starts real n8n processes (3–15 s each, more on a busy 2-core machine)
	testTimeout: 10 * 60 * 1000,
	// one n8n at a time: 0.5–0.9 GB each, 2 cores
	maxWorkers: 1,
	verbose: true,
};
