import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The n8n server the end-to-end tier runs against: one setting (N8N_E2E_VERSION), installed once
 * into a cache folder outside the clone and reused by later runs.
 *
 * n8n 2.8.4 is the newest release that installs here (Node 20; later ones need Node 22/24, and
 * 2.30+ have dependencies the reachable registry lacks). Its install needs a few pins:
 * `xlsx` is normally fetched from a CDN (unreachable), the others settle peer mismatches.
 */
export const N8N_VERSION = process.env.N8N_E2E_VERSION?.trim() || '2.8.4';

/** Where the install is cached; CI points it at an empty folder to prove a first install works. */
export const ENV_E2E_CACHE = 'INVOICE_PORTALS_E2E_CACHE';

/**
 * The packages whose native build n8n needs to start: sqlite3 is its database driver. Their
 * prebuilt binaries come from a host the registry-only network cannot reach, so they compile
 * (node-gyp). Every other install script stays off: the rest of n8n's native parts ship prebuilt
 * packages or are optional, and scripts from 1,800 packages are not run for nothing.
 */
export const NATIVE_PACKAGES = ['sqlite3'];

function manifest(version: string): object {
	return {
		private: true,
		dependencies: {
			n8n: version,
			'@opentelemetry/api': '~1.9.0',
			'@opentelemetry/core': '^2.1.0',
			'@opentelemetry/sdk-trace-base': '^2.9.0',
		},
		overrides: { xlsx: '0.18.5', '@langchain/langgraph-checkpoint': '1.0.0' },
	};
}

export function cacheRoot(): string {
	const own = process.env[ENV_E2E_CACHE]?.trim();
	if (own) return own;
	return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-invoice-portals');
}

export function installDir(version = N8N_VERSION): string {
	const key = createHash('sha256')
		.update(JSON.stringify(manifest(version), null, 2))
		.digest('hex')
		.slice(0, 12);
	return join(cacheRoot(), `n8n-${version}-${key}`);
}

/**
 * npm's own settings for a child npm: what `npm test` exported (this project's .npmrc says
 * ignore-scripts=true, which npm passes on as npm_config_ignore_scripts) must not decide how
 * n8n is installed. Scripts are switched on or off by the command line instead.
 */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, JOBS: 'max' };
	for (const key of Object.keys(env))
		if (/^npm_config_ignore[-_]scripts$/i.test(key)) delete env[key];
	// node-gyp would download Node's headers (no such host here); the running Node's own serve.
	const prefix = dirname(dirname(process.execPath));
	if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h')))
		env.npm_config_nodedir = prefix;
	return env;
}

function npm(args: string[], cwd: string): void {
	execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd,
		env: npmEnv(),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

/** Builds the native packages n8n needs, with their install scripts on (and only theirs). */
function buildNative(dir: string): void {
	npm(['rebuild', ...NATIVE_PACKAGES, '--ignore-scripts=false'], dir);
}

/**
 * Why an install cannot run n8n, or undefined when it can: n8n's entry point is there and its
 * database driver loads and opens a database (which needs the native build).
 */
export function installProblem(dir: string): string | undefined {
	if (!existsSync(n8nBin(dir))) return `${n8nBin(dir)} is missing`;
	const probe =
		"const s = require('sqlite3'); new s.Database(':memory:', (e) => { if (e) throw e; process.exit(0); });";
	const run = spawnSync(process.execPath, ['-e', probe], {
		cwd: dir,
		encoding: 'utf8',
		timeout: 60_000,
	});
	if (run.status === 0) return undefined;
	const why =
		`${run.stderr ?? ''}`.split('\n').find((line) => /Error|Cannot find/.test(line)) ??
		`exit ${run.status}`;
	return `sqlite3 (n8n's database driver) does not load: ${why.trim()}`;
}

/** The folder holding node_modules/n8n for this version; installs it when missing, repairs it when broken. */
export function ensureN8n(
	log: (line: string) => void = console.log,
	version = N8N_VERSION,
): string {
	const dir = installDir(version);
	if (existsSync(join(dir, '.complete'))) {
		const problem = installProblem(dir);
		if (!problem) return dir;
		log(
			`The cached n8n ${version} in ${dir} is broken (${problem}); rebuilding its native packages...`,
		);
		try {
			buildNative(dir);
		} catch {
			// Reported below: the install is then replaced.
		}
		const still = installProblem(dir);
		if (!still) {
			log(`n8n ${version} repaired.`);
			return dir;
		}
		log(`Still broken (${still}); reinstalling it once.`);
		rmSync(dir, { recursive: true, force: true });
	}
	return install(dir, version, log);
}

function install(dir: string, version: string, log: (line: string) => void): string {
	mkdirSync(cacheRoot(), { recursive: true });
	// Installed next to the final place, moved when it works: an interrupted or broken install never counts.
	const staging = `${dir}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest(version), null, 2));
	log(
		`Installing n8n ${version} into ${dir} (once; later runs reuse it; about 5 minutes with its database driver's build)...`,
	);
	const started = Date.now();
	npm(['install', '--legacy-peer-deps', '--ignore-scripts'], staging);
	buildNative(staging);
	const problem = installProblem(staging);
	if (problem) {
		rmSync(staging, { recursive: true, force: true });
		throw new Error(
			`The n8n ${version} install does not work: ${problem}. Node-gyp needs python3, make and a C++ compiler (apt-get install -y python3 make g++).`,
		);
	}
	writeFileSync(join(staging, '.complete'), new Date().toISOString());
	rmSync(dir, { recursive: true, force: true });
	renameSync(staging, dir);
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return dir;
}

export function n8nBin(dir: string): string {
	return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

if (require.main === module) console.log(ensureN8n());
