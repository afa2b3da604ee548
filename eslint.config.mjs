import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

/**
 * The engine's layers, bottom first (docs/architecture.md, "Layers"). A folder of portals/core
 * imports only folders of earlier rows; folders in one row are peers and import neither each
 * other. The floor, contract/, holds the shared types (documents, storage state, raw file, the
 * allowed-origins rule, the surface both engines show, the reasons' and statuses' shapes).
 */
export const CORE_LAYERS = [
	['contract'],
	['timing'],
	['outcomes'],
	['http'],
	['browser'],
	['engine'],
	['mailbox'],
	['login', 'collection'],
	['store'],
	['status'],
	['delivery'],
	['scheduling'],
	['run'],
];

/** What the engine under portals/ never imports. */
const ENGINE_IMPORTS = [
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
		message: 'portals/ must not import from nodes/: dependencies point from nodes/ to portals/.',
	},
];

/** One zone per folder: everything in its own row (but itself) and every row above it. */
function layerZones() {
	return CORE_LAYERS.flatMap((row, level) =>
		row.map((folder) => ({
			target: `./portals/core/${folder}`,
			from: [
				...row.filter((other) => other !== folder),
				...CORE_LAYERS.slice(level + 1).flat(),
			].map((other) => `./portals/core/${other}`),
			message: `portals/core/${folder} may import only the layers under it (${CORE_LAYERS.slice(0, level).flat().join(', ') || 'none'}; order in docs/architecture.md, "Layers"). Move a shared type down to contract/ instead.`,
		})),
	).filter((zone) => zone.from.length > 0);
}

const NO_TESTS = {
	regex: '(^|/)tests(/|$)',
	message:
		'Scripts and test beds must not import test code: move what both need to testbeds/ (#32).',
};
const TESTBEDS_NOT_SCRIPTS = {
	regex: '(^|/)scripts(/|$)',
	message: 'Test beds must not import scripts: scripts import test beds, not the other way.',
};
const TESTS_NOT_SCRIPTS = {
	regex: '(^|/)scripts(/|$)',
	message:
		"Tests must not import a script's internals: run the built script as a user does, or move what both need to testbeds/ (#32).",
};
/**
 * The same walls for import() and require(), which no-restricted-imports does not see (the tests
 * loaded n8n's engine from scripts/ with await import()). esquery's regular expressions cannot
 * hold a slash: \u002F stands for it.
 */
function noDynamicImportOf(folder, message) {
	const source = `/(^|\\u002F)${folder}(\\u002F|$)/`;
	return [
		{ selector: `ImportExpression[source.value=${source}]`, message },
		{
			selector: `CallExpression[callee.name='require'][arguments.0.value=${source}]`,
			message,
		},
		{
			selector: `CallExpression[callee.object.name='jest'][arguments.0.value=${source}]`,
			message,
		},
	];
}
const COMMANDS_NOT_DEV = "The user's commands must not import developer tooling (scripts/dev/).";

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
			'no-restricted-imports': ['error', { patterns: ENGINE_IMPORTS }],
		},
	},
	{
		files: ['portals/core/**/*.ts'],
		rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones() }] },
	},
	{
		// The floor's types serve both engines: no Playwright there, so an adapter written against
		// the contract runs on plain HTTP as well as in the browser.
		files: ['portals/core/contract/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...ENGINE_IMPORTS,
						{
							group: ['playwright', 'playwright-core', 'playwright/*', 'playwright-core/*'],
							message:
								'contract/ is the floor both engines share: keep Playwright in browser/ (an adapter uses the surface).',
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
		files: ['scripts/**/*.ts', 'testbeds/**/*.ts', 'tests/**/*.ts'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	// Scripts and tests do not depend on each other (#32): what both need (the demo portal and the
	// other test beds, the in-process n8n engine, the real-n8n harness) lives in testbeds/, which
	// either may import and which imports neither. The user's commands (scripts/commands/) do not
	// lean on developer tooling (scripts/dev/). One block per folder: a later block's
	// no-restricted-imports replaces an earlier one's for the same file.
	{
		files: ['scripts/commands/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [NO_TESTS, { regex: '(^|/)dev(/|$)', message: COMMANDS_NOT_DEV }] },
			],
			'no-restricted-syntax': [
				'error',
				...noDynamicImportOf('tests', NO_TESTS.message),
				...noDynamicImportOf('dev', COMMANDS_NOT_DEV),
			],
		},
	},
	{
		files: ['scripts/dev/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [NO_TESTS] }],
			'no-restricted-syntax': ['error', ...noDynamicImportOf('tests', NO_TESTS.message)],
		},
	},
	{
		files: ['testbeds/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [NO_TESTS, TESTBEDS_NOT_SCRIPTS] }],
			'no-restricted-syntax': [
				'error',
				...noDynamicImportOf('tests', NO_TESTS.message),
				...noDynamicImportOf('scripts', TESTBEDS_NOT_SCRIPTS.message),
			],
		},
	},
	{
		files: ['tests/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [TESTS_NOT_SCRIPTS] }],
			'no-restricted-syntax': ['error', ...noDynamicImportOf('scripts', TESTS_NOT_SCRIPTS.message)],
		},
	},
	{
		// Small files named for what they hold (CONTRIBUTING.md): none over 400 lines, counting
		// every line, in the engine, the nodes, the tests and the test beds.
		files: ['portals/**/*.ts', 'nodes/**/*.ts', 'tests/**/*.ts', 'testbeds/**/*.ts'],
		rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
	},
	{
		// Functions that read on one screen in the engine and the nodes: none over 100 lines,
		// counting every line (an in-page reader too: portals/discovery/in-page.ts sends its
		// helpers along with it).
		files: ['portals/**/*.ts', 'nodes/**/*.ts'],
		rules: {
			'max-lines-per-function': [
				'error',
				{ max: 100, skipBlankLines: false, skipComments: false, IIFEs: true },
			],
		},
	},
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '!gulpfile.js'] },
];
