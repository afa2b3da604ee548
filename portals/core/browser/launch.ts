import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright';
import { PortalError, redactUrls } from '../outcomes/errors';
import { findBrowser, isHeadless, type BrowserLocation } from './finder';
import { chromiumType } from './playwright';

// Without these, Chromium phones home at start (updates, sync, field trials); on closed
// networks those connections fail noisily and slow the start.
const QUIET_ARGS = [
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-default-apps',
	'--no-first-run',
	'--disable-quic',
];

/** Chromium's sandbox cannot start as root or inside most containers. */
export function needsNoSandbox(): boolean {
	if (process.env.INVOICE_PORTALS_NO_SANDBOX === 'true') return true;
	if (typeof process.getuid === 'function' && process.getuid() === 0) return true;
	return existsSync('/.dockerenv') || existsSync('/run/.containerenv');
}

let shared: Promise<Browser> | undefined;
let launches = 0;
/** Browsers reached over CDP (INVOICE_PORTALS_BROWSER_ENDPOINT): they run on another machine. */
const remote = new WeakSet<Browser>();

async function start(location: BrowserLocation): Promise<Browser> {
	if (location.kind === 'endpoint') {
		try {
			const browser = await chromiumType().connectOverCDP(location.endpoint, {
				timeout: 30_000,
			});
			remote.add(browser);
			return browser;
		} catch (error) {
			throw new PortalError(
				'BROWSER_UNAVAILABLE',
				redactUrls(
					`The remote browser at ${location.endpoint} (from ${location.source}) cannot be reached: ${String((error as Error).message).split('\n')[0]}`,
				),
			);
		}
	}
	// Chromium writes crash-report settings (~/.config/chromium) and a GTK settings cache
	// (~/.cache/dconf) into the home folder even with a throw-away profile. The home folder is
	// the n8n user's; these go to a scratch folder that is deleted with the browser.
	const scratch = mkdtempSync(join(tmpdir(), 'invoice-portals-chromium-'));
	const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
	try {
		const browser = await chromiumType().launch({
			executablePath: location.path,
			headless: isHeadless(),
			args: [...QUIET_ARGS, ...(needsNoSandbox() ? ['--no-sandbox'] : [])],
			env: {
				...process.env,
				XDG_CONFIG_HOME: join(scratch, 'config'),
				XDG_CACHE_HOME: join(scratch, 'cache'),
			},
			timeout: 60_000,
		});
		browser.on('disconnected', removeScratch);
		return browser;
	} catch (error) {
		removeScratch();
		throw new PortalError(
			'BROWSER_UNAVAILABLE',
			`Chromium at ${location.path} (from ${location.source}) did not start: ${String((error as Error).message).split('\n')[0]}`,
		);
	}
}

/** The one browser of this Node process, started on first use and shared by all logins. */
export function sharedBrowser(): Promise<Browser> {
	if (!shared) {
		const pending = Promise.resolve()
			.then(() => findBrowser())
			.then((location) => start(location))
			.then((browser) => {
				launches += 1;
				browser.on('disconnected', () => {
					if (shared === pending) shared = undefined;
				});
				return browser;
			});
		pending.catch(() => {
			if (shared === pending) shared = undefined;
		});
		shared = pending;
	}
	return shared;
}

/**
 * Whether the shared browser runs elsewhere (a CDP endpoint): it cannot reach a proxy listening
 * on this machine's loopback address (see boundary.ts).
 */
export async function sharedBrowserIsRemote(): Promise<boolean> {
	return remote.has(await sharedBrowser());
}

/** How many times this process started (or connected to) a browser; for benchmarks and tests. */
export function browserLaunchCount(): number {
	return launches;
}

/** How many logins may have a browser context open at once in this process (memory bound). */
export const ENV_MAX_CONTEXTS = 'INVOICE_PORTALS_MAX_CONTEXTS';
export const DEFAULT_MAX_CONTEXTS = 4;
let openContexts = 0;
const waitingForContext: (() => void)[] = [];

function maxContexts(): number {
	const configured = Number(process.env[ENV_MAX_CONTEXTS]);
	return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_CONTEXTS;
}

/**
 * Waits for a free context slot. Each context costs tens of megabytes in the browser: twenty
 * connections starting at the same minute would otherwise need gigabytes. A slot that is given
 * up passes straight to the next in line; a cancelled waiter leaves the line.
 */
async function contextSlot(signal?: AbortSignal): Promise<() => void> {
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		const next = waitingForContext.shift();
		if (next) next();
		else openContexts -= 1;
	};
	if (openContexts < maxContexts()) {
		openContexts += 1;
		return release;
	}
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			const at = waitingForContext.indexOf(granted);
			if (at >= 0) waitingForContext.splice(at, 1);
			reject(signal?.reason ?? new Error('The run was cancelled.'));
		};
		const granted = () => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		};
		waitingForContext.push(granted);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	return release;
}

/**
 * Runs `fn` in a fresh, isolated context (own cookies and storage) of the shared browser, once
 * a context slot is free (INVOICE_PORTALS_MAX_CONTEXTS, default 4). The context is closed on
 * success, failure and cancellation.
 */
export async function withContext<T>(
	fn: (context: BrowserContext) => Promise<T>,
	options: BrowserContextOptions = {},
	signal?: AbortSignal,
): Promise<T> {
	signal?.throwIfAborted();
	const release = await contextSlot(signal);
	try {
		return await inContext(fn, options, signal);
	} finally {
		release();
	}
}

async function inContext<T>(
	fn: (context: BrowserContext) => Promise<T>,
	options: BrowserContextOptions,
	signal?: AbortSignal,
): Promise<T> {
	signal?.throwIfAborted();
	const browser = await sharedBrowser();
	const context = await browser.newContext({ acceptDownloads: true, ...options });
	// One close, awaited by everyone: a second close() call while the first one is under way
	// returns early, and the caller would go on while the context still exists.
	let closing: Promise<void> | undefined;
	const close = () => (closing ??= context.close().catch(() => undefined));
	let onAbort: (() => void) | undefined;
	// Cancellation does not wait for the work to notice: some Playwright calls (a page being
	// opened, say) never settle once their context is gone.
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => {
			void close();
			reject(signal?.reason ?? new Error('The run was cancelled.'));
		};
	});
	aborted.catch(() => undefined);
	if (signal?.aborted) onAbort!();
	else signal?.addEventListener('abort', onAbort!, { once: true });
	const work = fn(context);
	work.catch(() => undefined);
	try {
		return await (signal ? Promise.race([work, aborted]) : work);
	} finally {
		signal?.removeEventListener('abort', onAbort!);
		await close();
	}
}

/** Closes the shared browser (end of a test suite, a CLI, or a process shutting down). */
export async function closeBrowser(): Promise<void> {
	const current = shared;
	shared = undefined;
	if (!current) return;
	const browser = await current.catch(() => undefined);
	await browser?.close().catch(() => undefined);
}
