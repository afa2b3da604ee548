import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * ESLint's API in a Node process of its own: Jest's module runtime cannot load the project's ES
 * module config (eslint.config.mjs). It reads [path, text] pairs on stdin and prints, per pair,
 * the messages as "rule: message" lines.
 */
const LINT_MANY = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
	const eslint = new ESLint({ cwd: process.cwd() });
	const out = [];
	for (const [filePath, text] of JSON.parse(input)) {
		const [result] = await eslint.lintText(text, { filePath });
		out.push(result.messages.map((m) => m.ruleId + ': ' + m.message).join('\\n'));
	}
	process.stdout.write(JSON.stringify(out));
});
`;

/**
 * The lint messages for each text as if it stood at its path in the tree ("rule: message" lines),
 * in one ESLint process: a planted violation is checked without writing a file.
 */
export function lintTexts(planted: [path: string, text: string][]): string[] {
	const run = spawnSync(process.execPath, ['-e', LINT_MANY], {
		cwd: root,
		input: JSON.stringify(planted),
		encoding: 'utf8',
	});
	if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as string[];
}

/** The lint messages for one text as if it stood at `path` in the tree ("rule: message" lines). */
export function lintText(path: string, text: string): string {
	return lintTexts([[path, text]])[0];
}
