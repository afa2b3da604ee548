import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';

// Issue 32: a test run used to leave a couple of hundred folders in the OS temp folder (each test
// file's n8n user and files folders, the tests' own status, lease and definition folders,
// Chromium profiles). Jest is run here on two light test files with TMPDIR pointing to an empty
// folder, which os.tmpdir() then returns: whatever is left in it afterwards, the run left behind.
const FILES = [
	// n8n-user-, n8n-files- (env.ts) as every file, and status- (tempDir).
	'tests/unit/portals/core/run/connection-run.test.ts',
	// overview- (tempDir), also at the top of describe blocks.
	'tests/unit/portals/core/status/overview.test.ts',
];

test('a test run leaves no folder in the temp folder: not the n8n user and files folders of each test file, nor those its tests made', async () => {
	const root = tempDir('temp-folders-');
	const tmp = join(root, 'tmp');
	mkdirSync(tmp);
	const jest = join(__dirname, '..', '..', '..', 'node_modules', 'jest', 'bin', 'jest.js');
	const { code, out } = await new Promise<{ code: number | null; out: string }>((done) => {
		const child = spawn(
			process.execPath,
			// Jest's own cache would go to TMPDIR as well; it is not the tests' doing.
			[jest, '-w', '1', '--cacheDirectory', join(root, 'jest-cache'), ...FILES],
			{ cwd: join(__dirname, '..', '..', '..'), env: { ...process.env, TMPDIR: tmp } },
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.on('close', (code) => done({ code, out }));
	});
	// The files passed (so they ran and made their folders) ...
	expect({ code, summary: out.match(/^Tests:.*$/m)?.[0] }).toEqual({
		code: 0,
		summary: expect.stringMatching(/^Tests: +\d+ passed, \d+ total/),
	});
	// ... and nothing of theirs is left (two levels listed: what a test file's folder still held).
	const left = readdirSync(tmp, { recursive: true }).map(String);
	expect(left.filter((path) => path.split(sep).length <= 2)).toEqual([]);
});
