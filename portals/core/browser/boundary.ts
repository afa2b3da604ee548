import type { BrowserContext } from 'playwright';
import { safeUrl } from '../outcomes/errors';

const LOCAL = new Set(['data:', 'blob:', 'about:']);

/**
 * Whether a host is one of these domains; "*.example.com" covers example.com and every subdomain.
 * A domain with a port ("127.0.0.1:3300", a portal on a non-standard port) covers that port only;
 * `port` is the address's effective port (see urlAllowed). Without a port any port matches, as
 * before ports could be written.
 */
export function hostAllowed(host: string, domains: string[], port?: string): boolean {
	return domains.some((entry) => {
		const [d, only] = entry.split(':');
		if (only !== undefined && only !== port) return false;
		return d.startsWith('*.') ? host === d.slice(2) || host.endsWith(d.slice(1)) : host === d;
	});
}

/** Whether an address's host (and port, where a domain names one) is one of these domains. */
export function urlAllowed(url: URL, domains: string[]): boolean {
	const port =
		url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
	return hostAllowed(url.hostname, domains, port);
}

/**
 * The one rule both engines keep a run inside: whether an address is one of the allowed origins
 * ("https://portal.example", exact origin) or wildcard domains ("https://*.example.com", every
 * subdomain), or local to the page (data:, blob:, about:).
 */
export function originGuard(allowed: string[]): (url: URL) => boolean {
	// "https://*.example.com" allows every subdomain of example.com (portal definitions' domains).
	const isWildcard = (a: string) => /^https?:\/\/\*\./.test(a);
	const wildcards = allowed.filter(isWildcard).map((a) => a.replace(/^https?:\/\//, ''));
	const origins = new Set(allowed.filter((a) => !isWildcard(a)).map((url) => new URL(url).origin));
	return (url: URL) =>
		origins.has(url.origin) || LOCAL.has(url.protocol) || urlAllowed(url, wildcards);
}

/** What confineToOrigins keeps: where the run was stopped, and the rule it keeps. */
export interface Boundary {
	/** The first page address outside the allowed ones the browser was led to (and refused). */
	blockedNavigation(): string | undefined;
	/** Whether the run may request this address (the run's originGuard). */
	allows(url: URL): boolean;
}

/**
 * Keeps a login's browser on the portal: requests the page makes to any other origin are refused
 * before they leave (trackers, ads, a link or script that leads elsewhere), and any page
 * navigation that ends up elsewhere stops the run with NAVIGATION_BLOCKED.
 *
 * Known gap (browser engine only): a server-side redirect (HTTP 3xx) to another site is followed
 * by the browser without passing route handlers, so that one request does leave; the run is
 * still stopped and reported. The HTTP engine follows redirects itself and checks each target
 * with the same originGuard before sending it, so there the redirect is refused before it is
 * sent. Pages the browser engine fetches without rendering (browser-surface.ts openToRead) and
 * the files it fetches (fetchFile, through the HTTP engine's client) follow their redirects the
 * same way.
 */
export async function confineToOrigins(
	context: BrowserContext,
	allowed: string[],
): Promise<Boundary> {
	const inside = originGuard(allowed);
	let navigation: string | undefined;
	await context.route(
		(url) => !inside(url),
		async (route) => {
			if (route.request().isNavigationRequest()) navigation ??= safeUrl(route.request().url());
			await route.abort('blockedbyclient');
		},
	);
	context.on('request', (request) => {
		if (request.isNavigationRequest() && !inside(new URL(request.url())))
			navigation ??= safeUrl(request.url());
	});
	return { blockedNavigation: () => navigation, allows: inside };
}
