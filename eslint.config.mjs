import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// This package drives a real browser (Playwright) and so cannot run on n8n Cloud; it
		// declares runtime dependencies on purpose. See README, "Installing in n8n".
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// The one override pins xlsx for the dev-only n8n-nodes-base (tests and demo run real n8n
		// nodes); its default source is a CDN that package registries do not serve. It never
		// applies when n8n installs this package.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-overrides-field': 'off' },
	},
	{
		// The engine under portals/ must not import n8n (DEVELOPERS.md): it throws its own closed
		// error type, PortalError, which nodes/shared/errors.ts maps to NodeOperationError in one place.
		files: ['portals/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Development tools, not node code: the demo CLI installs a browser with apt, tests start
		// processes and use the demo portal's published test secrets; both talk on the console.
		files: ['scripts/**/*.ts', 'tests/**/*.ts'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '!gulpfile.js'] },
];
