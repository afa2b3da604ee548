import { existsSync } from 'node:fs';
import { PortalError } from '../outcomes/errors';
import { chromiumType } from './playwright';

/** Path to a Chromium or Chrome executable; wins over everything else. */
export const ENV_CHROMIUM_PATH = 'INVOICE_PORTALS_CHROMIUM_PATH';
/** CDP endpoint of a browser running elsewhere (a browser container), e.g. ws://browser:3000 or http://127.0.0.1:9222. */
export const ENV_BROWSER_ENDPOINT = 'INVOICE_PORTALS_BROWSER_ENDPOINT';

/**
 * "none" hides every browser, as on n8n's stock Docker image (which has none): runs that need one
 * fail with BROWSER_UNAVAILABLE, portals that work over plain HTTP are unaffected. The test
 * suite and the e2e tier use it to prove that.
 */
export const ENV_BROWSER = 'INVOICE_PORTALS_BROWSER';

/** Set to "false" to watch the browser (debugging a portal). */
export const ENV_HEADLESS = 'INVOICE_PORTALS_HEADLESS';

export function isHeadless(env: NodeJS.ProcessEnv = process.env): boolean {
	return env[ENV_HEADLESS] !== 'false';
}

/**
 * Chromium's headless shell (Debian's chromium-headless-shell), used first when no window is
 * wanted, as Playwright does with its own copy. Full Chromium's headless mode starts the whole
 * browser: on this project's 2-core benchmark machine it took about 0.6 s to open a page and
 * 1.8 s of CPU in its first 4 seconds (mostly a renderer drawing its own interface), against
 * 0.25 s and about 0.4 s for the shell; that CPU was taken from the run it started for. The
 * shell cannot show a window.
 */
export const HEADLESS_SHELL_PATHS = ['/usr/bin/chromium-headless-shell'];

export const SYSTEM_BROWSER_PATHS = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/snap/bin/chromium',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export type BrowserLocation =
	| { kind: 'endpoint'; endpoint: string; source: string }
	| { kind: 'executable'; path: string; source: string };

export const BROWSER_MISSING_HELP =
	'No Chromium browser was found. Fix it in one of these ways:\n' +
	'  - install Chromium with the system package manager, e.g. `apt-get install -y chromium` (Debian/Ubuntu; on a Debian server `chromium-headless-shell` is lighter) or `apk add chromium` (Alpine);\n' +
	'  - run `npx playwright install chromium` where downloads are allowed;\n' +
	`  - set ${ENV_CHROMIUM_PATH} to the path of a Chromium or Chrome executable;\n` +
	`  - set ${ENV_BROWSER_ENDPOINT} to the CDP endpoint of a browser container (e.g. ws://browser:3000).`;

function playwrightCachePath(): string | undefined {
	try {
		const path = chromiumType().executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Finds a browser, in this order: explicit executable, remote endpoint, Playwright's own
 * browser cache, the headless shell (unless a window is wanted), usual system paths.
 * `fileExists` is injectable for tests.
 */
export function findBrowser(
	env: NodeJS.ProcessEnv = process.env,
	fileExists: (path: string) => boolean = existsSync,
	cachePath: () => string | undefined = playwrightCachePath,
): BrowserLocation {
	if (env[ENV_BROWSER]?.trim().toLowerCase() === 'none')
		throw new PortalError(
			'BROWSER_UNAVAILABLE',
			`Browsers are switched off here (${ENV_BROWSER}=none). Portals that work over plain HTTP run without one; for this one, remove the setting where a browser is installed, or set ${ENV_BROWSER_ENDPOINT} to a browser container.`,
		);
	const explicit = env[ENV_CHROMIUM_PATH]?.trim();
	if (explicit) {
		if (!fileExists(explicit)) {
			throw new PortalError(
				'BROWSER_UNAVAILABLE',
				`${ENV_CHROMIUM_PATH} is set to "${explicit}", but no file is there.\n${BROWSER_MISSING_HELP}`,
			);
		}
		if (!isHeadless(env) && isHeadlessShell(explicit)) throw shellCannotShow(explicit);
		return { kind: 'executable', path: explicit, source: ENV_CHROMIUM_PATH };
	}
	const endpoint = env[ENV_BROWSER_ENDPOINT]?.trim();
	if (endpoint) return { kind: 'endpoint', endpoint, source: ENV_BROWSER_ENDPOINT };
	const cached = cachePath();
	if (cached) return { kind: 'executable', path: cached, source: 'playwright cache' };
	const headless = isHeadless(env);
	for (const path of [...(headless ? HEADLESS_SHELL_PATHS : []), ...SYSTEM_BROWSER_PATHS]) {
		if (fileExists(path)) return { kind: 'executable', path, source: 'system' };
	}
	const shell = headless ? undefined : HEADLESS_SHELL_PATHS.find(fileExists);
	throw shell
		? shellCannotShow(shell)
		: new PortalError('BROWSER_UNAVAILABLE', BROWSER_MISSING_HELP);
}

function isHeadlessShell(path: string): boolean {
	return /headless[-_]shell(\.exe)?$/i.test(path);
}

/** Launched for a window, the shell would run headless all the same: nothing to watch, no word why. */
function shellCannotShow(shell: string): PortalError {
	return new PortalError(
		'BROWSER_UNAVAILABLE',
		`${shell} is Chromium's headless shell, which cannot show a window, and one was asked for (--headed, or ${ENV_HEADLESS}=false). Run without the window, or install full Chromium (e.g. \`apt-get install -y chromium\`) and, if ${ENV_CHROMIUM_PATH} is set, point it there.`,
	);
}
