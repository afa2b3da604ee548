import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowser, type BrowserLocation } from '../../portals/core/browser/finder';
import { PortalError } from '../../portals/core/outcomes/errors';

/**
 * Finds a browser; when there is none and this process may install one (root on a Debian or
 * Ubuntu machine), installs Debian's Chromium with apt. Otherwise the error lists the fixes.
 */
export function ensureBrowser(log: (line: string) => void = console.log): BrowserLocation {
	try {
		return findBrowser();
	} catch (error) {
		const canApt =
			typeof process.getuid === 'function' &&
			process.getuid() === 0 &&
			existsSync('/usr/bin/apt-get');
		if (!(error instanceof PortalError) || !canApt) throw error;
		log(
			"No Chromium found; installing Debian's chromium package with apt-get (running as root)...",
		);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
		return findBrowser();
	}
}

if (require.main === module) {
	try {
		const location = ensureBrowser();
		console.log(
			location.kind === 'executable'
				? `Browser: ${location.path} (${location.source})`
				: `Browser endpoint: ${location.endpoint}`,
		);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
