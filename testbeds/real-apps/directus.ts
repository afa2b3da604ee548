import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { directusCli, DIRECTUS_VERSION, ensureDirectus } from './directus-install';
import { freePort, invoiceFiles, startWatchedServer, withStateDir, type RealApp } from './shared';

/**
 * Directus 10.13.4 (npm `directus`, a headless content system) with its Data Studio, a Vue
 * single-page app under /admin: the sign-in form (`/admin/login`: e-mail, password) posts JSON to
 * /auth/login in "session" mode, so the session is the httpOnly cookie `directus_session_token`;
 * the file library (/admin/files) lists the files through the app's JSON API `GET /files` and
 * downloads one at `/assets/<id>?download`.
 *
 * Each start: a fresh temporary folder holds the SQLite database, the uploads and the secrets;
 * `directus bootstrap` creates the admin user, and the five PDFs and a text file (a library lists
 * every file; only the PDFs are invoices) are uploaded through the API as that user (setting up
 * the bed; the runs only read). The install is cached (directus-install.ts).
 */
export async function startDirectus(): Promise<RealApp> {
	const install = ensureDirectus();
	return withStateDir('directus', async (dir) => {
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const username = 'clerk@example.com';
		const password = randomBytes(12).toString('base64url');
		for (const sub of ['uploads', 'extensions']) mkdirSync(join(dir, sub));
		const env: NodeJS.ProcessEnv = {
			DB_CLIENT: 'sqlite3',
			DB_FILENAME: join(dir, 'data.db'),
			KEY: randomBytes(16).toString('hex'),
			SECRET: randomBytes(32).toString('hex'),
			HOST: '127.0.0.1',
			PORT: String(port),
			PUBLIC_URL: baseUrl,
			STORAGE_LOCATIONS: 'local',
			STORAGE_LOCAL_ROOT: join(dir, 'uploads'),
			EXTENSIONS_PATH: join(dir, 'extensions'),
			ADMIN_EMAIL: username,
			ADMIN_PASSWORD: password,
			TELEMETRY: 'false',
			// Directus answers 503 to every request while its event loop lags (its "pressure
			// limiter"): on a busy test machine that is the bed failing, not the app under test.
			PRESSURE_LIMITER_ENABLED: 'false',
			LOG_LEVEL: 'warn',
			HOME: dir,
		};
		execFileSync(process.execPath, [directusCli(install), 'bootstrap'], {
			cwd: dir,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'ignore', 'pipe'],
			timeout: 120_000,
		});
		const server = await startWatchedServer({
			dir,
			cwd: dir,
			label: 'Directus',
			port,
			command: [process.execPath, directusCli(install), 'start'],
			env,
		});
		const files = invoiceFiles('Directus');
		try {
			// A file library holds more than invoices: a text file beside them, never a document.
			const notes = { name: 'notes.txt', bytes: Buffer.from('Meeting notes, not an invoice.\n') };
			await upload(baseUrl, username, password, [
				...files.map((f) => ({ ...f, type: 'application/pdf' })),
				{ ...notes, type: 'text/plain' },
			]);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return {
			name: 'Directus',
			version: DIRECTUS_VERSION,
			loginUrl: `${baseUrl}/admin/login`,
			username,
			password,
			files,
			baseUrl,
			stop: server.stop,
		};
	});
}

/** Uploads the files as the admin (a token of its own, thrown away), oldest first. */
async function upload(
	baseUrl: string,
	email: string,
	password: string,
	files: { name: string; bytes: Buffer; type: string }[],
): Promise<void> {
	const login = await fetch(`${baseUrl}/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password }),
		signal: AbortSignal.timeout(30_000),
	});
	if (!login.ok) throw new Error(`Directus refused the bed's own login: HTTP ${login.status}`);
	const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
	for (const file of files) {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
		const answer = await fetch(`${baseUrl}/files`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` },
			body: form,
			signal: AbortSignal.timeout(30_000),
		});
		if (!answer.ok) throw new Error(`Directus refused ${file.name}: HTTP ${answer.status}`);
	}
}
