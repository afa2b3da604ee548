import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The one-way rule (nodes/ -> portals/) is enforced by the linter, not only written down: a file
 * under portals/ that imports n8n or the nodes fails `npm run lint`. Checked here with planted
 * imports, linted as if they stood in the tree (the files are never written).
 */
const root = join(__dirname, '..', '..', '..');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

function lint(path: string, text: string): string {
	const run = spawnSync(
		process.execPath,
		[eslint, '--stdin', '--stdin-filename', path, '--format', 'json'],
		{ cwd: root, input: text, encoding: 'utf8' },
	);
	const [result] = JSON.parse(run.stdout) as {
		messages: { ruleId: string | null; message: string }[];
	}[];
	return result.messages.map((m) => `${m.ruleId}: ${m.message}`).join('\n');
}

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
		expect(lint('portals/core/run/planted.ts', text)).toMatch(
			/no-restricted-imports: .*(must not import n8n|must not import from nodes)/,
		);
		// The same import is the nodes' business and fine there.
		expect(lint('nodes/shared/planted.ts', text)).not.toMatch(/no-restricted-imports/);
	},
	60_000,
);
