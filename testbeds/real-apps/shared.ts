import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../demo-portal/pdf';

/**
 * Real open-source web applications, installed from Debian's packages, as the portals the
 * Automatic portal must cope with: nobody on the team wrote their login pages or file lists.
 * Each start gets a fresh temporary folder for all of the app's state (config, users, data,
 * uploads, database, PHP sessions); the packaged code under /usr/share is only read.
 */
export interface RealApp {
	name: string;
	version: string;
	/** Where a person would start: the app's own login page. */
	loginUrl: string;
	username: string;
	password: string;
	/** Set only where the app offers two-factor authentication from Debian's packages. */
	totpSecret?: string;
	/** The PDF files uploaded to the app, by the name the app lists them under. */
	files: { name: string; bytes: Buffer }[];
	baseUrl: string;
	stop(): Promise<void>;
}

/** Debian packages the test bed needs, and a file each one installs. */
const REQUIRED: { pkg: string; present: () => boolean }[] = [
	{ pkg: 'php-cli', present: () => existsSync('/usr/bin/php') },
	{ pkg: 'dokuwiki', present: () => existsSync('/usr/share/dokuwiki/doku.php') },
	{ pkg: 'mediawiki', present: () => existsSync('/usr/share/mediawiki/index.php') },
	{ pkg: 'jupyter-notebook', present: () => existsSync('/usr/bin/jupyter-notebook') },
	...['sqlite3', 'xml', 'mbstring', 'intl'].map((ext) => ({
		pkg: `php-${ext}`,
		present: () => phpModules().includes(ext === 'sqlite3' ? 'pdo_sqlite' : ext),
	})),
];
export const APT_PACKAGES = REQUIRED.map((r) => r.pkg);
export const APT_COMMAND = `apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;

let modules: string[] | undefined;
function phpModules(): string[] {
	if (!existsSync('/usr/bin/php')) return [];
	modules ??= execFileSync('/usr/bin/php', ['-m'], { encoding: 'utf8' })
		.split('\n')
		.map((m) => m.trim().toLowerCase());
	return modules;
}

/** Throws, naming the apt command, when a package is missing: these tests never skip. */
export function ensureRealAppsInstalled(): void {
	const missing = REQUIRED.filter((r) => !r.present()).map((r) => r.pkg);
	if (missing.length > 0)
		throw new Error(
			`The real-apps test bed needs Debian packages that are not installed: ${missing.join(', ')}. ` +
				`Install them as root with: DEBIAN_FRONTEND=noninteractive ${APT_COMMAND} ` +
				`(.ci/run does this on CI).`,
		);
}

/** Five distinct, real PDFs with invoice-like names (each carries its own number). */
export function invoiceFiles(app: string): { name: string; bytes: Buffer }[] {
	return [1, 2, 3, 4, 5].map((n) => {
		const number = `2026-${String(n).padStart(3, '0')}`;
		return {
			name: `invoice-${number}.pdf`,
			bytes: renderPdf([
				`Invoice ${number}`,
				`Issued by the ${app} test bed`,
				`Amount due: ${(n * 37.5).toFixed(2)} EUR`,
			]),
		};
	});
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Prepares one start of an app in a fresh temporary folder (`prepare` writes its state there
 * and starts its server); the folder is removed if preparing fails, else by the app's stop().
 */
export async function withStateDir<T>(
	app: string,
	prepare: (dir: string) => Promise<T>,
): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), `invoice-portals-${app}-`));
	try {
		mkdirSync(join(dir, 'sessions'));
		return await prepare(dir);
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Runs a PHP command-line script (the apps' maintenance scripts) and returns its output. */
export function php(args: string[], env: NodeJS.ProcessEnv = {}): string {
	return execFileSync('/usr/bin/php', args, {
		encoding: 'utf8',
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
}

// The shell stays as the parent of PHP's built-in server, checks every second that the test
// process ($PPID) is still alive and, once it is gone, ends its whole process group (PHP and
// its worker processes) and removes the app's state folder. A Jest worker killed hard therefore
// leaves neither a server nor the app's files behind.
const WATCHDOG = `
"$@" &
while kill -0 "$PPID" 2>/dev/null && kill -0 "$!" 2>/dev/null; do sleep 1; done
kill -0 "$PPID" 2>/dev/null || rm -rf "$REAL_APP_STATE_DIR"
kill -TERM 0
`;

const running = new Set<number>();
process.on('exit', () => {
	for (const pid of running) killGroup(pid);
});

function killGroup(pid: number): void {
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		// already gone
	}
}

export interface PhpServer {
	baseUrl: string;
	stop(): Promise<void>;
}

/**
 * PHP's built-in web server on 127.0.0.1:`port` serving `docroot`, with `prepend` run before
 * every PHP script (how an app is pointed at its temporary state). Sessions go to `dir`.
 * Resolves once the server answers HTTP; stop() ends it and removes `dir`.
 */
export async function startPhpServer(options: {
	dir: string;
	docroot: string;
	port: number;
	prepend?: string;
	env?: NodeJS.ProcessEnv;
}): Promise<PhpServer> {
	const { dir, docroot, port } = options;
	const args = [
		'-d',
		`session.save_path=${join(dir, 'sessions')}`,
		'-d',
		'display_errors=stderr',
		...(options.prepend ? ['-d', `auto_prepend_file=${options.prepend}`] : []),
		'-S',
		`127.0.0.1:${port}`,
		'-t',
		docroot,
	];
	return startWatchedServer({
		dir,
		command: ['/usr/bin/php', ...args],
		port,
		label: `PHP's server for ${docroot}`,
		// Several workers: a browser loads a page's styles and scripts in parallel.
		env: { PHP_CLI_SERVER_WORKERS: '4', ...options.env },
	});
}

/**
 * An app's own server process (`command`) on 127.0.0.1:`port`, under the watchdog above, with its
 * state in `dir`. Resolves once it answers HTTP; stop() ends it and removes `dir`.
 */
export async function startWatchedServer(options: {
	dir: string;
	command: string[];
	port: number;
	label: string;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
}): Promise<PhpServer> {
	const { dir, port, label } = options;
	// Its own process group (detached), so stop() and the watchdog end the server's workers too.
	const child = spawn('/bin/sh', ['-c', WATCHDOG, 'watchdog', ...options.command], {
		detached: true,
		cwd: options.cwd,
		stdio: ['ignore', 'ignore', 'pipe'],
		env: { ...process.env, REAL_APP_STATE_DIR: dir, ...options.env },
	});
	const pid = child.pid!;
	running.add(pid);
	let output = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		if (output.length < 100_000) output += chunk.toString();
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const baseUrl = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (running.delete(pid)) killGroup(pid);
		await exited;
		rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`${label} stopped: ${output}`);
		}
		try {
			await fetch(baseUrl, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
			break;
		} catch {
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`${label} did not answer on ${baseUrl}: ${output}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return { baseUrl, stop };
}
