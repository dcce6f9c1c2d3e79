/**
 * Queue-mode tests in real n8n 2.41.1 (Node 24): PostgreSQL, Redis, one main process, two workers
 * and a webhook processor, against the Engage Voice simulator. Run with `npm run test:queue`
 * (test/e2e/run.js --suite queue: build, then this config with --runInBand).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	// the same once-per-run preparation as the e2e suite: build, n8n install, pack, template folder
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }],
	},
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
