import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../helpers/lint-text';

const root = join(__dirname, '..', '..', '..');

/**
 * The one-way rule (nodes/ -> portals/) is enforced by the linter, not only written down: a file
 * under portals/ that imports n8n or the nodes fails `npm run lint`. Checked here with planted
 * imports, linted as if they stood in the tree (the files are never written).
 */
test.each([
	['n8n-workflow', "import type { INode } from 'n8n-workflow';\n\nexport type Planted = INode;\n"],
	[
		'n8n-core',
		"import { WorkflowExecute } from 'n8n-core';\n\nexport const planted = WorkflowExecute;\n",
	],
	[
		'the nodes',
		"import { runForItem } from '../../../nodes/shared/run';\n\nexport const planted = runForItem;\n",
	],
])(
	'a file under portals/ that imports %s fails the lint',
	(_what, text) => {
		expect(lintText('portals/core/run/planted.ts', text)).toMatch(
			/no-restricted-imports: .*(must not import n8n|must not import from nodes)/,
		);
		// The same import is the nodes' business and fine there.
		expect(lintText('nodes/shared/planted.ts', text)).not.toMatch(/no-restricted-imports/);
	},
	60_000,
);

/**
 * Inside portals/core, folders are layers (docs/architecture.md, "Layers"): a folder imports only
 * the folders under it. Planted imports that run back up the order, or sideways between peers,
 * fail the lint; the same imports downwards pass.
 */
describe('the layers of portals/core', () => {
	const upward: [string, string, string][] = [
		['the floor (contract)', 'portals/core/contract/planted.ts', '../outcomes/errors'],
		['outcomes', 'portals/core/outcomes/planted.ts', '../run/portal-run'],
		['the HTTP engine', 'portals/core/http/planted.ts', '../browser/browser-surface'],
		['login, a peer of collection', 'portals/core/login/planted.ts', '../collection/pipeline'],
		['status', 'portals/core/status/planted.ts', '../run/portal-run'],
	];
	test.each(upward)(
		'%s cannot import from above it',
		(_what, path, from) => {
			const text = `import * as above from '${from}';\n\nexport const planted = above;\n`;
			expect(lintText(path, text)).toMatch(
				/import-x\/no-restricted-paths: .*may import only the layers under it/,
			);
		},
		60_000,
	);

	test('the floor imports no Playwright (an adapter uses the surface) and still no n8n', () => {
		const playwright = "import type { Page } from 'playwright';\n\nexport type Planted = Page;\n";
		expect(lintText('portals/core/contract/planted.ts', playwright)).toMatch(
			/no-restricted-imports: .*keep Playwright in browser/,
		);
		expect(lintText('portals/core/browser/planted.ts', playwright)).toBe('');
		const n8n = "import type { INode } from 'n8n-workflow';\n\nexport type Planted = INode;\n";
		expect(lintText('portals/core/contract/planted.ts', n8n)).toMatch(/must not import n8n/);
	}, 60_000);

	test('the same folders import downwards freely', () => {
		const text =
			"import * as below from '../contract/documents';\n\nexport const planted = below;\n";
		expect(lintText('portals/core/run/planted.ts', text)).toBe('');
		const outcomes =
			"import * as below from '../outcomes/errors';\n\nexport const planted = below;\n";
		expect(lintText('portals/core/collection/planted.ts', outcomes)).toBe('');
	}, 60_000);
});

test('every folder of portals/core has its place in the layer order, and the order names no other', () => {
	// A folder missing from CORE_LAYERS would fall under no zone: it could import anything.
	const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
	const block = /export const CORE_LAYERS = \[([\s\S]*?)\n\];/.exec(config)?.[1] ?? '';
	const layered = [...block.matchAll(/'([\w-]+)'/g)].map((m) => m[1]).sort();
	const folders = readdirSync(join(root, 'portals', 'core'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	expect(layered.length).toBeGreaterThan(10);
	expect(layered).toEqual(folders);
});
