#!/usr/bin/env node
/*
 * Runs a compiled command (dist/scripts/commands/<name>.js), building the package first only when its code
 * changed since the last build: `node scripts/commands/run-built.js portal-check <args>`.
 *
 * Why: trying a definition means editing its JSON and running the checker again, many times. A
 * full build (dist emptied, tsc, gulp) takes 10-40 s and is not needed for that: definitions are
 * read when the script runs. So only what the build compiles or copies counts (TypeScript, the
 * assets gulp copies, tsconfig.json, and the JSON the code imports), and never a file named on the
 * command line: that one is read at run time.
 *
 * When the code changed, only the changed files are compiled again (tsc --incremental, its build
 * info kept in .cache/, outside dist) and gulp copies the assets only when one changed. The stamp
 * lives in dist, so anything that empties dist (npm run build, a failed build) makes the next run
 * build from scratch, as npm run build does (which stays as it is: it always starts from an empty
 * dist).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { join, resolve } = require('node:path');

const root = join(__dirname, '..', '..');
const [name, ...args] = process.argv.slice(2);
const target = join(root, 'dist', 'scripts', 'commands', `${name}.js`);
const stamp = join(root, 'dist', '.built-from-sources');
const buildInfo = join(root, '.cache', 'tsconfig.tsbuildinfo');
// The folders tsconfig.json compiles, and the extensions tsc or gulp put into dist.
const FOLDERS = ['nodes', 'credentials', 'portals', 'scripts', 'testbeds'];
const BUILT = /\.(ts|json|html|css|svg|png)$/;
// What gulp copies (gulpfile.js); tsc compiles the rest.
const ASSET = /\.(html|css|svg|png)$|\.node\.json$/;
const runtimeFiles = new Set(args.filter((a) => !a.startsWith('-')).map((a) => resolve(a)));

/** The newest modification times (ms) of the code and of the assets; files named on the command line left out. */
function newestSources() {
	let code = fs.statSync(join(root, 'tsconfig.json')).mtimeMs;
	let assets = fs.statSync(join(root, 'gulpfile.js')).mtimeMs;
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (!BUILT.test(entry.name) || runtimeFiles.has(path)) continue;
			else if (ASSET.test(entry.name)) assets = Math.max(assets, fs.statSync(path).mtimeMs);
			else code = Math.max(code, fs.statSync(path).mtimeMs);
		}
	};
	for (const folder of FOLDERS) walk(join(root, folder));
	return { code, assets };
}

/** Runs a command of the project's dev dependencies (node_modules/.bin); exits with its status when it fails. */
function runTool(tool, toolArgs) {
	const result = spawnSync(join(root, 'node_modules', '.bin', tool), toolArgs, {
		cwd: root,
		stdio: 'inherit',
	});
	if (result.status !== 0) {
		if (result.error) console.error(`${tool}: ${result.error.message}`);
		process.exit(result.status ?? 1);
	}
}

const tsc = () =>
	runTool('tsc', ['-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', buildInfo]);
const gulp = () => runTool('gulp', ['build', '--silent']);

if (!name) {
	console.error(
		'usage: node scripts/commands/run-built.js <script name in dist/scripts/commands> [args]',
	);
	process.exit(2);
}
const startedAt = new Date();
const built =
	fs.existsSync(target) && fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : undefined;
const newest = newestSources();
if (built === undefined) {
	// From scratch, as npm run build: an empty dist, every file compiled, the assets copied.
	console.error('Building…');
	fs.rmSync(join(root, 'dist'), { recursive: true, force: true });
	fs.rmSync(buildInfo, { force: true });
	fs.mkdirSync(join(root, '.cache'), { recursive: true });
	tsc();
	gulp();
} else if (newest.code > built || newest.assets > built) {
	console.error('Building what changed since the last build…');
	if (newest.code > built) tsc();
	if (newest.assets > built) gulp();
}
if (built === undefined || newest.code > built || newest.assets > built) {
	// The build's start: a file saved while it ran counts as changed next time.
	fs.writeFileSync(stamp, '');
	fs.utimesSync(stamp, startedAt, startedAt);
}
const run = spawnSync(process.execPath, [target, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
