import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The n8n server the end-to-end tier runs against: one setting (N8N_E2E_VERSION), installed once
 * into a cache folder outside the clone and reused by later runs.
 *
 * n8n 2.8.4 is the newest release that installs here (Node 20; later ones need Node 22/24, and
 * 2.30+ have dependencies the reachable registry lacks). Its install needs a few pins:
 * `xlsx` is normally fetched from a CDN (unreachable), the others settle peer mismatches.
 */
export const N8N_VERSION = process.env.N8N_E2E_VERSION?.trim() || '2.8.4';

function manifest(version: string): object {
	return {
		private: true,
		dependencies: { n8n: version, '@opentelemetry/api': '~1.9.0', '@opentelemetry/core': '^2.1.0', '@opentelemetry/sdk-trace-base': '^2.9.0' },
		overrides: { xlsx: '0.18.5', '@langchain/langgraph-checkpoint': '1.0.0' },
	};
}

export function cacheRoot(): string {
	return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-invoice-portals');
}

/** The folder holding node_modules/n8n for this version; installs it when missing. */
export function ensureN8n(log: (line: string) => void = console.log, version = N8N_VERSION): string {
	const text = JSON.stringify(manifest(version), null, 2);
	const key = createHash('sha256').update(text).digest('hex').slice(0, 12);
	const dir = join(cacheRoot(), `n8n-${version}-${key}`);
	if (existsSync(join(dir, '.complete'))) return dir;
	mkdirSync(cacheRoot(), { recursive: true });
	// Installed next to the final place, moved when complete: an interrupted install never counts.
	const staging = `${dir}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, 'package.json'), text);
	log(`Installing n8n ${version} into ${dir} (once; later runs reuse it; about 4 minutes)...`);
	const started = Date.now();
	execFileSync('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: ['ignore', 'ignore', 'inherit'] });
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
