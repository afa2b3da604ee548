import { withConfinedContext } from '../browser/boundary';
import { BrowserSurface } from '../browser/browser-surface';
import { restoreSessionStorage } from '../browser/in-page-call';
import { pageTimeoutMs } from '../http/guarded-fetch';
import { HttpSurface } from '../http/http-surface';
import { PortalError } from '../outcomes/errors';
import type { StorageState } from '../contract/session';
import { AutoSurface } from './auto-surface';
import { DownloadHosts } from '../contract/download-hosts';
import type { EngineChoice, EngineName, Surface } from '../contract/surface';

export interface EngineOptions {
	/** What the portal asks for; coded adapters and discovery: the browser. */
	choice: EngineChoice;
	/** Why the portal needs the browser (its `browser` choice), for the error when none can start. */
	browserBecause?: string;
	/** `auto` only: the engine this connection's last run worked with (it starts there). */
	remembered?: EngineName;
	/** Origins the run may visit (see contract/origins.ts); everything else is refused. */
	allowed: string[];
	/**
	 * Origins allowed only as the final GET of a file (contract PortalDefinition.downloadOrigins);
	 * a DownloadHosts the run may add to (hosts Automatic learns while it discovers).
	 */
	downloads?: string[] | DownloadHosts;
	/** A saved session or a parked login's cookies (and the browser's local storage). */
	storage?: StorageState;
	signal?: AbortSignal;
}

/** How a run's engine went, for its result and the checker. */
export interface EngineReport {
	/** The engine that showed the last page. */
	engine: EngineName;
	/** `auto` moved from HTTP to the browser, and why. */
	switchedBecause?: string;
}

/**
 * The browser, for as long as the run needs it, in a context of the shared browser (see
 * launch.ts: context slots, cancellation, the context closed at the end) that sends nothing
 * outside the allowed origins (boundary.ts: its own proxy checks every request and redirect hop).
 */
function browserWhile(
	allowed: string[],
	signal?: AbortSignal,
	downloads?: (url: URL) => boolean,
): { start(storage?: StorageState): Promise<BrowserSurface>; close(): Promise<void> } {
	let finish!: () => void;
	const done = new Promise<void>((resolve) => (finish = resolve));
	let started: Promise<BrowserSurface> | undefined;
	let running: Promise<unknown> = Promise.resolve();
	return {
		start(storage) {
			started ??= new Promise<BrowserSurface>((resolve, reject) => {
				running = withConfinedContext(
					allowed,
					async (context, boundary) => {
						// Playwright restores cookies and localStorage; our saved sessionStorage goes back
						// into the page before the app's scripts run (browser/in-page-call.ts).
						const saved = storage?.sessionStorage ?? [];
						if (saved.length) await context.addInitScript(restoreSessionStorage, saved);
						const page = await context.newPage();
						page.setDefaultTimeout(20_000);
						// A page that never loads ends the run as a fetched page does (guarded-fetch.ts).
						page.setDefaultNavigationTimeout(pageTimeoutMs());
						resolve(new BrowserSurface(page, context, boundary, saved));
						await done;
					},
					storage ? { storageState: { cookies: storage.cookies, origins: storage.origins } } : {},
					signal,
					downloads,
				).catch(reject);
			});
			return started;
		},
		async close() {
			finish();
			await running.catch(() => undefined);
		},
	};
}

/**
 * Runs `fn` with a page shown by the engine the portal chose: the browser; plain HTTP; or `auto`,
 * HTTP until a page needs scripts, then the browser for the rest of the run (the connection's
 * remembered engine first, where it has one). A run that stays on HTTP starts no browser at all.
 */
export async function withEngine<T>(
	options: EngineOptions,
	fn: (surface: Surface) => Promise<T>,
): Promise<T> {
	const { choice, allowed, storage, signal } = options;
	const hosts =
		options.downloads instanceof DownloadHosts
			? options.downloads
			: new DownloadHosts(options.downloads ?? []);
	// Asked at each request: a host added while the run goes on applies from then on.
	const downloads = hosts.allows;
	const browser = browserWhile(allowed, signal, downloads);
	// Cancellation does not wait for the work to notice: some Playwright calls never settle once
	// their context is gone (launch.ts closes it on abort).
	const cancellable = <R>(work: Promise<R>): Promise<R> => {
		if (!signal) return work;
		work.catch(() => undefined);
		return Promise.race([
			work,
			new Promise<never>((_, reject) => {
				const abort = () => reject(signal.reason ?? new Error('The run was cancelled.'));
				if (signal.aborted) abort();
				else signal.addEventListener('abort', abort, { once: true });
				void work.finally(() => signal.removeEventListener('abort', abort)).catch(() => undefined);
			}),
		]);
	};
	const unavailable = (error: unknown) =>
		error instanceof PortalError && error.code === 'BROWSER_UNAVAILABLE';
	try {
		if (choice === 'browser') {
			const page = await browser.start(storage).catch((error: unknown) => {
				// Say why this portal is one that needs it (HTTP portals run without).
				if (!unavailable(error)) throw error;
				const why = options.browserBecause ?? 'it works only in a browser';
				throw new PortalError(
					'BROWSER_UNAVAILABLE',
					`This portal needs a browser (${why}). ${(error as Error).message}`,
				);
			});
			return await cancellable(fn(page));
		}
		if (choice === 'auto' && options.remembered === 'browser') {
			// Where the connection's last runs needed the browser; if none can start here any more
			// (n8n moved to an image without one), plain HTTP gets its chance again.
			const page = await browser.start(storage).catch((error: unknown) => {
				if (unavailable(error)) return undefined;
				throw error;
			});
			if (page) return await cancellable(fn(page));
		}
		const http = new HttpSurface(allowed, {
			storageState: storage,
			signal,
			downloads,
		});
		if (choice === 'http') return await cancellable(fn(http));
		return await cancellable(fn(new AutoSurface(http, (cookies) => browser.start(cookies))));
	} finally {
		await browser.close();
	}
}

/** Which engine a surface ended with, and whether `auto` moved to the browser. */
export function engineReport(surface: Surface): EngineReport {
	return surface instanceof AutoSurface
		? { engine: surface.engine, switchedBecause: surface.switchedBecause }
		: { engine: surface.engine };
}
