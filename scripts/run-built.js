#!/usr/bin/env node
/*
 * Runs a compiled script (dist/scripts/<name>.js), building the package first only when its code
 * changed since the last build: `node scripts/run-built.js portal-check <args>`.
 *
 * Why: trying a definition means editing its JSON and running the checker again, many times. A
 * full build (dist emptied, tsc, gulp) takes 10-40 s and is not needed for that: definitions are
 * read when the script runs. So only what the build compiles or copies counts (TypeScript, the
 * assets gulp copies, tsconfig.json, and the JSON the code imports), and never a file named on the
 * command line: that one is read at run time. `npm run build` still starts from an empty dist.
 *
 * The stamp lives in dist, so anything that empties dist (npm run build, a failed build) also
 * makes the next run build.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = join(__dirname, '..');
const [name, ...args] = process.argv.slice(2);
const target = join(root, 'dist', 'scripts', `${name}.js`);
const stamp = join(root, 'dist', '.built-from-sources');
// The folders tsconfig.json compiles, and the extensions tsc or gulp put into dist.
const FOLDERS = ['nodes', 'credentials', 'portals', 'scripts', 'tests/testbeds'];
const BUILT = /\.(ts|json|html|css|svg|png)$/;
const runtimeFiles = new Set(args.filter((a) => !a.startsWith('-')).map((a) => resolve(a)));

/** The newest modification time of the build's inputs (ms), files named on the command line left out. */
function newestSource() {
	let newest = Math.max(
		statSync(join(root, 'tsconfig.json')).mtimeMs,
		statSync(join(root, 'gulpfile.js')).mtimeMs,
	);
	const walk = (dir) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (BUILT.test(entry.name) && !runtimeFiles.has(path))
				newest = Math.max(newest, statSync(path).mtimeMs);
		}
	};
	for (const folder of FOLDERS) walk(join(root, folder));
	return newest;
}

if (!name) {
	console.error('usage: node scripts/run-built.js <script name in dist/scripts> [args]');
	process.exit(2);
}
const fresh = existsSync(target) && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();
if (!fresh) {
	const startedAt = new Date();
	console.error('Building (the code changed since the last build)…');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
	// The build's start: a file saved while it ran counts as changed next time.
	writeFileSync(stamp, '');
	utimesSync(stamp, startedAt, startedAt);
}
const run = spawnSync(process.execPath, [target, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
