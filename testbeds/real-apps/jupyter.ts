import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	ensureRealAppsInstalled,
	freePort,
	invoiceFiles,
	startWatchedServer,
	withStateDir,
	type RealApp,
} from './shared';

/**
 * Jupyter Notebook from Debian's package `jupyter-notebook` (6.4.12), a single-page app: its file
 * browser (/tree) draws the folder from the app's JSON API, `GET /api/contents/<folder>` (an object
 * whose `content` is the array of entries: name, path, last_modified, mimetype, size, type).
 *
 * - Sign-in: a password form (`/login`, field `password`, hidden `_xsrf`), configured here with a
 *   hashed password in the start's own config folder; no token URL (token is "").
 * - After it: the cookie `username-127-0-0-1-<port>` carries the session, the cookie `_xsrf` the
 *   app's XSRF token, which its scripts send back as the header `X-XSRFToken`.
 * - Files: five PDFs in the folder `invoices`. `GET /files/<path>` serves one with the session
 *   cookie only with that header (or a Referer of the app's own); `GET /api/contents/<path>?
 *   type=file&format=base64&content=1` answers JSON whose `content` is the file in base64.
 *
 * Config, data, runtime and notebook folders live in a fresh temporary folder (JUPYTER_* and HOME
 * point there); the packaged code is only read. `--allow-root`: CI runs as root.
 */
export async function startJupyter(): Promise<RealApp> {
	ensureRealAppsInstalled();
	return withStateDir('jupyter', async (dir) => {
		const notebooks = join(dir, 'notebooks');
		const config = join(dir, 'config');
		for (const sub of [config, join(notebooks, 'invoices'), join(dir, 'data'), join(dir, 'run')])
			mkdirSync(sub, { recursive: true });
		const password = randomBytes(12).toString('base64url');
		writeFileSync(
			join(config, 'jupyter_notebook_config.json'),
			JSON.stringify({ NotebookApp: { password: passwordHash(password), token: '' } }),
		);
		const files = invoiceFiles('Jupyter');
		for (const file of files) writeFileSync(join(notebooks, 'invoices', file.name), file.bytes);
		const port = await freePort();
		const server = await startWatchedServer({
			dir,
			label: 'Jupyter Notebook',
			port,
			command: [
				'/usr/bin/jupyter-notebook',
				'--no-browser',
				'--allow-root',
				'--ip=127.0.0.1',
				`--port=${port}`,
				'--port-retries=0',
				`--notebook-dir=${notebooks}`,
			],
			env: {
				HOME: dir,
				JUPYTER_CONFIG_DIR: config,
				JUPYTER_DATA_DIR: join(dir, 'data'),
				JUPYTER_RUNTIME_DIR: join(dir, 'run'),
				IPYTHONDIR: join(dir, 'ipython'),
			},
		});
		return {
			name: 'Jupyter Notebook',
			version: jupyterVersion(),
			loginUrl: `${server.baseUrl}/login`,
			// The form asks for the password only; a user name is what a credential holds anyway.
			username: 'clerk',
			password,
			files,
			baseUrl: server.baseUrl,
			stop: server.stop,
		};
	});
}

/** Jupyter's own "sha1:<salt>:<hex>" hash (notebook.auth.security.passwd_check reads it). */
function passwordHash(password: string): string {
	const salt = randomBytes(6).toString('hex');
	return `sha1:${salt}:${createHash('sha1')
		.update(password + salt)
		.digest('hex')}`;
}

let version: string | undefined;
function jupyterVersion(): string {
	version ??= execFileSync('/usr/bin/jupyter-notebook', ['--version'], {
		encoding: 'utf8',
		timeout: 30_000,
	}).trim();
	return version;
}
