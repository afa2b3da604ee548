/**
 * The end-to-end tier (`npm run test:e2e`): the code templates on a real n8n server. Separate
 * from the main suite because it installs n8n once (cached outside the clone) and starts it.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/tests/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// otplib's and linkedom's helpers ship as ES modules only (see the main jest.config.js).
	transformIgnorePatterns: [
		'/node_modules/(?!(@scure|@noble|cssomnom|css-select|css-what|boolbase|nth-check|dom-serializer|domelementtype|domhandler|domutils|entities)/)(?!.*/node_modules/)',
	],
	// n8n is installed (or a broken cached install repaired) once, before any test and its timeout.
	globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
	testTimeout: 300_000,
	maxWorkers: 1,
};
