/** @type {import('jest').Config} */
module.exports = {
	// Jest's node environment that also removes each test file's temporary folders.
	testEnvironment: '<rootDir>/tests/helpers/environment.ts',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// otplib's crypto and base32 helpers ship as ES modules only, as do linkedom's CSS selector and
	// DOM helpers (css-select, domutils ...) and cssomnom. Node (20.19+) loads them with require(),
	// but Jest's module runtime cannot, so they are compiled for the tests. Only the innermost
	// node_modules folder of a path counts: linkedom keeps its own copies of these helpers.
	transformIgnorePatterns: [
		'/node_modules/(?!(@scure|@noble|cssomnom|css-select|css-what|boolbase|nth-check|dom-serializer|domelementtype|domhandler|domutils|entities)/)(?!.*/node_modules/)',
	],
	setupFiles: ['<rootDir>/tests/helpers/env.ts'],
	setupFilesAfterEnv: ['<rootDir>/tests/helpers/after-each-file.ts'],
	globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
	globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
	reporters: ['default', '<rootDir>/tests/helpers/summary-reporter.js'],
	testTimeout: 90_000,
	// Each worker runs its own Chromium; two cores.
	maxWorkers: 2,
};
