import { lintTexts } from '../helpers/lint-text';

/**
 * No file over 400 lines under portals/, nodes/, tests/ or testbeds/: the lint's max-lines rule,
 * checked here with planted files linted as if they stood in the tree (never written).
 */
const lines = (count: number) =>
	Array.from({ length: count }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
const FOLDERS = [
	'portals/core/run/planted.ts',
	'nodes/shared/planted.ts',
	'tests/unit/planted.test.ts',
	'testbeds/demo-portal/planted.ts',
];

let found: string[];
beforeAll(() => {
	found = lintTexts(
		FOLDERS.flatMap((path): [string, string][] => [
			[path, lines(401)],
			[path, lines(400)],
		]),
	);
}, 60_000);

test.each(FOLDERS.map((path, i) => [path, i] as const))(
	'%s: 401 lines fail the lint, 400 pass',
	(_path, i) => {
		expect(found[2 * i]).toMatch(/max-lines: .*Maximum allowed is 400/);
		expect(found[2 * i + 1]).not.toMatch(/max-lines/);
	},
);

/** No function over 100 lines under portals/ or nodes/: the lint's max-lines-per-function rule. */
const fn = (count: number) =>
	`export function planted(): number {\n${Array.from({ length: count - 3 }, (_, i) => `\tconst v${i} = ${i};`).join('\n')}\n\treturn 0;\n}\n`;
const ENGINE = [
	'portals/core/run/planted.ts',
	'portals/discovery/planted.ts',
	'nodes/shared/planted.ts',
];

test.each(ENGINE)(
	'%s: a function of 101 lines fails the lint, 100 pass',
	(path) => {
		const [long, fits] = lintTexts([
			[path, fn(101)],
			[path, fn(100)],
		]);
		expect(long).toMatch(/max-lines-per-function: .*Maximum allowed is 100/);
		expect(fits).not.toMatch(/max-lines-per-function/);
	},
	60_000,
);
