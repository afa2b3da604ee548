import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureN8n, n8nBin, N8N_VERSION } from './n8n-install';

/** The repository root, from the sources (testbeds/n8n) or the build (dist/testbeds/n8n). */
export const ROOT = [resolve(__dirname, '..', '..'), resolve(__dirname, '..', '..', '..')].find(
	(d) => existsSync(join(d, 'gulpfile.js')),
)!;

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

/** `npm pack` of this package (built beforehand), as a user would get it from the registry. */
export function packPackage(into: string): string {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', into], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return join(into, out.trim().split('\n').pop()!);
}

/**
 * Installs the packed package the way users do: into `<N8N_USER_FOLDER>/.n8n/nodes`, with install
 * scripts off and only `dependencies` (what n8n's community-package installer does), so node
 * types load under the real package name.
 */
export function installPackage(userFolder: string, tarball: string): void {
	const nodes = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(
		join(nodes, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	execFileSync(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--omit=dev',
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: nodes, stdio: ['ignore', 'ignore', 'inherit'] },
	);
}

export interface OwnerLogin {
	email: string;
	password: string;
}

/**
 * A real n8n server on 127.0.0.1 with a temporary user folder and SQLite; or, with `role`
 * worker, a queue-mode worker (`n8n worker`), which serves no editor and takes executions from
 * Redis (the caller passes the queue mode's settings to start()).
 */
export class N8nServer {
	readonly version = N8N_VERSION;
	readonly userFolder: string;
	role: 'main' | 'worker' = 'main';
	port = 0;
	private process?: ChildProcess;
	private cookie = '';
	apiKey = '';
	private owner?: OwnerLogin;
	readonly log: string[] = [];

	constructor(userFolder?: string) {
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The n8n process's id while it runs: what it starts (a browser, say) are its descendants. */
	get pid(): number | undefined {
		return this.process?.exitCode === null ? this.process.pid : undefined;
	}

	/**
	 * Starts n8n; `overrides` set (or, with undefined, remove) environment variables for this
	 * start only, as an operator would start the same installation with another setting.
	 */
	async start(overrides: Record<string, string | undefined> = {}): Promise<void> {
		const dir = ensureN8n((line) => process.stderr.write(`${line}\n`));
		if (!this.port) this.port = await freePort();
		// n8n's temporary files, and its browsers' (Playwright's profile and artifact folders,
		// Chromium's own), go inside the user folder, which dispose() removes: a process stopped with
		// SIGKILL (a crash test) cannot clean up after itself, and those would stay in the OS temp folder.
		const tmp = join(this.userFolder, 'tmp');
		mkdirSync(tmp, { recursive: true });
		const env: NodeJS.ProcessEnv = {
			...process.env,
			TMPDIR: tmp,
			// The templates run against the demo portal, listed only in demo mode.
			INVOICE_PORTALS_DEMO: 'true',
			// n8n refuses to start with NODE_ENV=test (set by Jest); a server runs in production mode.
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${this.port}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			// The task broker's default port (5679) would collide between servers.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			DB_TYPE: 'sqlite',
			EXECUTIONS_MODE: 'regular',
			// Every status path leaves its data in the execution, as the tests read it.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			GENERIC_TIMEZONE: 'Europe/Amsterdam',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		};
		for (const [key, value] of Object.entries(overrides))
			if (value === undefined) delete env[key];
			else env[key] = value;
		const command = this.role === 'worker' ? ['worker', '--concurrency=10'] : ['start'];
		// A restarted worker says it is ready again: only this start's lines count.
		const firstLine = this.log.length;
		const child = spawn(process.execPath, [n8nBin(dir), ...command], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process = child;
		for (const stream of [child.stdout!, child.stderr!])
			stream.on('data', (chunk: Buffer) =>
				this.log.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
			);
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) {
				await new Promise((r) => setTimeout(r, 200)); // let the last output arrive
				throw new Error(`n8n exited (${child.exitCode}):\n${this.log.slice(-20).join('\n')}`);
			}
			if (this.role === 'worker') {
				if (this.log.slice(firstLine).some((line) => line.includes('n8n worker is now ready')))
					return;
				await new Promise((r) => setTimeout(r, 200));
				continue;
			}
			// Until n8n has started, every route answers 200 "n8n is starting up": wait for real JSON.
			const ok = await fetch(`${this.url}/rest/settings`).then(
				(r) => r.ok && (r.headers.get('content-type') ?? '').includes('json'),
				() => false,
			);
			if (ok) {
				// A restart ends the editor session: sign in again for the REST API.
				if (this.owner) await this.login(this.owner);
				return;
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not become ready in 120 s:\n${this.log.slice(-20).join('\n')}`);
	}

	/**
	 * Stops the process (SIGTERM, as a container stop does; SIGKILL, as a crash) and waits until
	 * it is gone.
	 */
	async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		await exited;
		clearTimeout(timer);
		this.cookie = '';
	}

	/** Creates the owner account and a public-API key, non-interactively (first start only). */
	async setupOwner(owner: OwnerLogin): Promise<void> {
		const setup = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: owner.email,
				firstName: 'Test',
				lastName: 'Owner',
				password: owner.password,
			}),
		});
		if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
		this.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		const key = await this.rest('POST', '/rest/api-keys', {
			label: 'e2e',
			expiresAt: null,
			scopes: (await this.rest('GET', '/rest/api-keys/scopes')) as string[],
		});
		this.apiKey = (key as { rawApiKey: string }).rawApiKey;
		this.owner = owner;
	}

	async login(owner: OwnerLogin): Promise<string> {
		const res = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!res.ok) throw new Error(`login failed: ${res.status}`);
		this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
		return this.cookie;
	}

	/** The editor's internal REST API, with the owner's session cookie. */
	async rest(method: string, path: string, body?: unknown): Promise<unknown> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
		return (JSON.parse(text) as { data: unknown }).data;
	}

	/** A file of an execution's data, as the editor's Download button fetches it. */
	async binary(id: string): Promise<Buffer> {
		const query = new URLSearchParams({ id, action: 'download' });
		const res = await fetch(`${this.url}/rest/binary-data?${query}`, {
			headers: { cookie: this.cookie },
		});
		if (!res.ok) throw new Error(`GET /rest/binary-data: ${res.status} ${await res.text()}`);
		return Buffer.from(await res.arrayBuffer());
	}

	/** The public API (`/api/v1`), with the API key. */
	async api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}/api/v1${path}`, {
			method,
			headers: { 'x-n8n-api-key': this.apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /api/v1${path}: ${res.status} ${text.slice(0, 300)}`);
		return JSON.parse(text) as T;
	}

	dispose(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** A packed package, installed into a fresh user folder: what every server of a run shares. */
export function preparedUserFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	const packs = mkdtempSync(join(tmpdir(), 'n8n-e2e-pack-'));
	try {
		installPackage(folder, packPackage(packs));
	} finally {
		rmSync(packs, { recursive: true, force: true });
	}
	if (
		!readdirSync(join(folder, '.n8n', 'nodes', 'node_modules')).includes(
			'n8n-nodes-invoice-portals',
		)
	)
		throw new Error('package not installed');
	return folder;
}
