import { lintTexts } from '../helpers/lint-text';

/**
 * Scripts and tests do not depend on each other (#32): what both need lives in testbeds/. The lint
 * enforces it, for import, import() and require(); checked here with planted imports, linted as
 * if they stood in the tree (the files are never written).
 */
const PLANTED: [where: string, path: string, text: string, rule: RegExp][] = [
	[
		"a user's command",
		'scripts/commands/planted.ts',
		"import { tempDir } from '../../tests/helpers/temp-dir';\n\nexport const planted = tempDir;\n",
		/must not import test code/,
	],
	[
		'developer tooling',
		'scripts/dev/bench/planted.ts',
		"import { startDemo } from '../../../tests/helpers/demo';\n\nexport const planted = startDemo;\n",
		/must not import test code/,
	],
	[
		'a test bed',
		'testbeds/demo-portal/planted.ts',
		"import { tempDir } from '../../tests/helpers/temp-dir';\n\nexport const planted = tempDir;\n",
		/must not import test code/,
	],
	[
		'a test bed',
		'testbeds/planted.ts',
		"import { ensureBrowser } from '../scripts/commands/ensure-browser';\n\nexport const planted = ensureBrowser;\n",
		/Test beds must not import scripts/,
	],
	[
		'a test',
		'tests/integration/cli/planted.test.ts',
		"import { printDownload } from '../../../scripts/commands/portal-check/steps';\n\ntest('planted', () => expect(printDownload).toBeDefined());\n",
		/Tests must not import a script's internals/,
	],
	[
		"a user's command",
		'scripts/commands/planted.ts',
		"import { benchSeed } from '../dev/bench/planted';\n\nexport const planted = benchSeed;\n",
		/commands must not import developer tooling/,
	],
	[
		'a test',
		'tests/helpers/planted.ts',
		"export const planted = async () => (await import('../../scripts/commands/demo')).run;\n",
		/Tests must not import a script's internals/,
	],
	[
		'a test bed',
		'testbeds/planted.ts',
		"// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const planted = require('../tests/helpers/temp-dir');\n",
		/must not import test code/,
	],
	[
		'a test',
		'tests/unit/planted.test.ts',
		"test('planted', () => expect(jest.requireActual('../../scripts/dev/bench')).toBeDefined());\n",
		/Tests must not import a script's internals/,
	],
];

const ALLOWED: [where: string, path: string, from: string][] = [
	['a test', 'tests/integration/cli/planted.test.ts', '../../../testbeds/n8n-engine'],
	["a user's command", 'scripts/commands/planted.ts', '../../testbeds/n8n-engine'],
	['developer tooling', 'scripts/dev/planted.ts', '../commands/ensure-browser'],
	['a test bed', 'testbeds/planted.ts', './n8n-engine'],
];

// Linted once, in one ESLint process, for both tables below.
let found: string[];
beforeAll(() => {
	found = lintTexts([
		...PLANTED.map(([, path, text]): [string, string] => [path, text]),
		...ALLOWED.map(([, path, from]): [string, string] => [
			path,
			`import * as planted from '${from}';\n\nexport { planted };\n`,
		]),
	]);
}, 60_000);

test.each(PLANTED.map((row, i) => [...row, i] as const))(
	'%s that imports across the wall (%s) fails the lint',
	(_where, _path, _text, message, i) => {
		expect(found[i]).toMatch(new RegExp(`no-restricted-(imports|syntax): .*${message.source}`));
	},
);

test.each(ALLOWED.map((row, i) => [...row, PLANTED.length + i] as const))(
	'%s may import the test beds and what sits below it (%s)',
	(_where, _path, _from, i) => {
		expect(found[i]).not.toMatch(/no-restricted-(imports|syntax)/);
	},
);
