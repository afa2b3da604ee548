import type { BrowserContext, BrowserContextOptions } from 'playwright';
import { MAX_PAGE_BYTES } from '../http/guarded-fetch';
import { PortalError, safeUrl } from '../outcomes/errors';
import { networkWords, withoutLibraryWording } from '../outcomes/network-words';
import { pageTooLarge } from '../http/page-cap';
import { startForwardProxy } from './forward-proxy';
import { sharedBrowserIsRemote, withContext } from './launch';
import { originGuard } from '../contract/origins';

/** What confineToOrigins keeps: where the run was stopped, and the rule it keeps. */
export interface Boundary {
	/** The first page address outside the allowed ones the browser was led to (and refused). */
	blockedNavigation(): string | undefined;
	/**
	 * Why the run's proxy did not hand the browser a page, the first time it did not: the page was
	 * over MAX_PAGE_BYTES, or its server could not be reached. The browser meets only a short
	 * refusal page or a failed connection; this says what happened.
	 */
	proxyRefusal(): PortalError | undefined;
	/** Whether the run may request this address (the run's originGuard). */
	allows(url: URL): boolean;
	/**
	 * Download hosts (PortalDefinition.downloadOrigins): the browser itself never goes there (the
	 * proxy and the route handlers refuse them as any other site); only the files the engine
	 * fetches with Node's client (BrowserSurface.fetchFile) may end there, bare (GuardedFetch).
	 */
	downloads?: (url: URL) => boolean;
}

/** What a run's proxy and route handlers saw, shared by them (first of each kept). */
interface Seen {
	navigation?: string;
	refusal?: PortalError;
}

/** The words both engines use for a server they cannot reach (outcomes/network-words.ts). */
function unreachable(url: URL, error: NodeJS.ErrnoException): PortalError {
	const where = safeUrl(url.href);
	const why =
		networkWords(`${error.code ?? ''} ${error.message}`) ?? withoutLibraryWording(error.message);
	return new PortalError(
		'PORTAL_UNAVAILABLE',
		`The portal cannot be reached at ${where}: ${why}.`,
		{
			url: where,
		},
	);
}

/**
 * Runs `fn` in a context of the shared browser (launch.ts withContext) that cannot send a byte
 * outside the allowed origins: the context's every request, every redirect hop included, goes
 * through its own forward proxy (forward-proxy.ts), which checks it against the run's
 * originGuard before opening any connection, and keeps rendered pages under MAX_PAGE_BYTES. The
 * proxy is closed with the context.
 *
 * A browser on another machine (a CDP endpoint) cannot reach a proxy on this one's loopback
 * address: there the route handlers alone keep the run inside, with the gap they have (see
 * confineToOrigins).
 */
export async function withConfinedContext<T>(
	allowed: string[],
	fn: (context: BrowserContext, boundary: Boundary) => Promise<T>,
	options: BrowserContextOptions = {},
	signal?: AbortSignal,
	/** Download hosts: origins, or a predicate asked at each request (DownloadHosts.allows). */
	downloads?: string[] | ((url: URL) => boolean),
): Promise<T> {
	const inside = originGuard(allowed);
	const seen: Seen = {};
	const proxy = (await sharedBrowserIsRemote())
		? undefined
		: await startForwardProxy({
				allows: inside,
				refusedPage: (url) => (seen.navigation ??= safeUrl(url.href)),
				maxPageBytes: MAX_PAGE_BYTES,
				oversizedPage: (url) => (seen.refusal ??= pageTooLarge(url.href)),
				unreachablePage: (url, error) => (seen.refusal ??= unreachable(url, error)),
			});
	try {
		return await withContext(
			async (context) => {
				const boundary = await confineToOrigins(context, allowed, seen);
				if (typeof downloads === 'function') boundary.downloads = downloads;
				else if (downloads?.length) boundary.downloads = originGuard(downloads);
				return fn(context, boundary);
			},
			proxy ? { ...options, proxy: { server: proxy.server } } : options,
			signal,
		);
	} finally {
		await proxy?.close();
	}
}

/**
 * Keeps a login's browser on the portal: requests the page makes to any other origin are refused
 * before they leave (trackers, ads, a link or script that leads elsewhere), and any page
 * navigation that ends up elsewhere stops the run with NAVIGATION_BLOCKED.
 *
 * Route handlers never see a server-side redirect (HTTP 3xx) hop: Playwright follows it by
 * itself. In a context made by withConfinedContext the context's proxy refuses such a hop before
 * it is sent (a login POST answered with 307 to another site sends nothing there); the request
 * listener below still notes it as the run's blocked navigation. A bare context (tests, or a
 * remote browser) has only the route handlers, and there that one redirected request does leave.
 * Pages the browser engine fetches without rendering (browser-surface.ts openToRead) and the
 * files it fetches (fetchFile, through the HTTP engine's client) follow their redirects the HTTP
 * engine's way, each target checked with the same originGuard before it is sent.
 */
export async function confineToOrigins(
	context: BrowserContext,
	allowed: string[],
	seen: Seen = {},
): Promise<Boundary> {
	const inside = originGuard(allowed);
	await context.route(
		(url) => !inside(url),
		async (route) => {
			if (route.request().isNavigationRequest()) seen.navigation ??= safeUrl(route.request().url());
			await route.abort('blockedbyclient');
		},
	);
	context.on('request', (request) => {
		if (request.isNavigationRequest() && !inside(new URL(request.url())))
			seen.navigation ??= safeUrl(request.url());
	});
	return {
		blockedNavigation: () => seen.navigation,
		proxyRefusal: () => seen.refusal,
		allows: inside,
	};
}
