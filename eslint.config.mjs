import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// This package drives a real browser (Playwright) and so cannot run on n8n Cloud; it
		// declares runtime dependencies on purpose. See README, "Installation".
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
		// Dependencies point one way: nodes/ (n8n glue) -> portals/ (the engine). Nothing under
		// portals/ imports n8n or the nodes (docs/architecture.md, "Layout"), so the engine runs anywhere (the
		// checker, the benchmark, a worker) and n8n's types never leak into it. It throws its own
		// closed error type, PortalError, which nodes/shared/errors.ts maps to NodeOperationError in
		// one place; hence n8n's require-node-api-error rule does not apply here.
		files: ['portals/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'n8n-workflow',
								'n8n-workflow/*',
								'n8n-core',
								'n8n-core/*',
								'n8n-nodes-base',
								'n8n-nodes-base/*',
								'@n8n/*',
							],
							message: 'The engine under portals/ must not import n8n: keep n8n glue in nodes/.',
						},
						{
							regex: '(^|/)nodes(/|$)',
							message:
								'portals/ must not import from nodes/: dependencies point from nodes/ to portals/.',
						},
					],
				},
			],
		},
	},
	{
		// An operation knows no other operation (issue #32): it exports its fields, its request and
		// its finish, and the router (nodes/InvoicePortal/actions/router.ts) alone puts them together,
		// Submit Code's finish too. Shared pieces live in nodes/shared/ or beside the router. A
		// resource file re-exports its operations, so it counts as one; so does the router.
		files: ['nodes/InvoicePortal/actions/*/*.operation.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(\\.operation|\\.resource|(^|/)router)$',
							message:
								'An operation must not import another operation, a resource or the router: put what they share in nodes/shared/ or beside the router.',
						},
					],
				},
			],
		},
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
