import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheRoot } from '../n8n/n8n-install';

/**
 * Directus (npm package `directus`), installed once into the same cache folder as the end-to-end
 * tier's n8n (INVOICE_PORTALS_E2E_CACHE, else ~/.cache/n8n-nodes-invoice-portals) and reused.
 *
 * 10.13.4 is the newest 10.x (Node 20; 11+ wants Node 22). Install scripts stay off (as n8n's
 * installer runs them) except for its two native packages whose binaries are not in the npm
 * package and would come from a host this network cannot reach, so they compile (node-gyp, with
 * the running Node's own headers): sqlite3 (its database here) and isolated-vm (loaded at start).
 * sharp and argon2 ship their Linux binaries inside registry packages. Measured on 2 shared cores:
 * 420 s for a first install (ensureDirectus into an empty cache), most of it the two builds.
 */
export const DIRECTUS_VERSION = '10.13.4';
export const DIRECTUS_NATIVE = ['sqlite3', 'isolated-vm'];

const manifest = () => ({ private: true, dependencies: { directus: DIRECTUS_VERSION } });

export function directusDir(): string {
	const key = createHash('sha256')
		.update(JSON.stringify(manifest(), null, 2))
		.digest('hex')
		.slice(0, 12);
	return join(cacheRoot(), `directus-${DIRECTUS_VERSION}-${key}`);
}

/**
 * Directus's command line without its wrapper (node_modules/directus/cli.js), which first asks the
 * npm registry whether a newer version exists: a test bed makes no call to the internet.
 */
export const directusCli = (dir: string) =>
	join(dir, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js');

/** npm for the install: scripts decided by the command line, node-gyp on this Node's headers. */
function npm(args: string[], cwd: string): void {
	const env: NodeJS.ProcessEnv = { ...process.env, JOBS: 'max' };
	for (const key of Object.keys(env))
		if (/^npm_config_ignore[-_]scripts$/i.test(key)) delete env[key];
	const prefix = dirname(dirname(process.execPath));
	if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h')))
		env.npm_config_nodedir = prefix;
	execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd,
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

/** Why an install cannot run Directus (its CLI or a native package missing), or undefined. */
export function directusProblem(dir: string): string | undefined {
	if (!existsSync(directusCli(dir))) return `${directusCli(dir)} is missing`;
	for (const name of DIRECTUS_NATIVE) {
		const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], {
			cwd: dir,
			encoding: 'utf8',
			timeout: 60_000,
		});
		if (run.status !== 0) return `${name} does not load`;
	}
	return undefined;
}

/** The folder holding node_modules/directus; installs it when missing, replaces it when broken. */
export function ensureDirectus(log: (line: string) => void = console.log): string {
	const dir = directusDir();
	if (cachedWorks(dir, log)) return dir;
	mkdirSync(cacheRoot(), { recursive: true });
	// jest runs the Directus test files in parallel workers: one installs, the others wait for it
	// (two installs at once would double the seven minutes, and the second could not move in).
	const lock = `${dir}.lock`;
	takeLock(lock, log);
	try {
		if (cachedWorks(dir, log)) return dir;
		return install(dir, log);
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Whether a complete install is there and loads; a broken one is removed. */
function cachedWorks(dir: string, log: (line: string) => void): boolean {
	if (!existsSync(join(dir, '.complete'))) return false;
	const problem = directusProblem(dir);
	if (!problem) return true;
	log(`The cached Directus in ${dir} is broken (${problem}); installing it again...`);
	rmSync(dir, { recursive: true, force: true });
	return false;
}

/** mkdir is atomic: the worker that creates the lock installs. A lock older than 20 min is a dead worker's. */
function takeLock(lock: string, log: (line: string) => void): void {
	let told = false;
	for (;;) {
		try {
			mkdirSync(lock);
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
		if (age > 20 * 60_000) rmSync(lock, { recursive: true, force: true });
		if (!told) log(`Waiting for another test's Directus install (${lock})...`);
		told = true;
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000);
	}
}

/** Installed beside the final place and moved when it works: a broken install never counts. */
function install(dir: string, log: (line: string) => void): string {
	const staging = `${dir}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest(), null, 2));
	log(`Installing Directus ${DIRECTUS_VERSION} into ${dir} (once; about 7 minutes)...`);
	const started = Date.now();
	try {
		npm(['install', '--ignore-scripts'], staging);
		npm(['rebuild', ...DIRECTUS_NATIVE, '--ignore-scripts=false'], staging);
	} catch (error) {
		rmSync(staging, { recursive: true, force: true });
		throw new Error(
			`Installing Directus ${DIRECTUS_VERSION} failed (${(error as Error).message}). ` +
				'Its native builds need python3, make and g++ (apt-get install -y python3 make g++).',
		);
	}
	const problem = directusProblem(staging);
	if (problem) {
		rmSync(staging, { recursive: true, force: true });
		throw new Error(`The Directus ${DIRECTUS_VERSION} install does not work: ${problem}.`);
	}
	writeFileSync(join(staging, '.complete'), new Date().toISOString());
	renameSync(staging, dir);
	log(`Directus ${DIRECTUS_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return dir;
}

if (require.main === module) console.log(ensureDirectus());
