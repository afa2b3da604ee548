import type { BrowserContext } from 'playwright';
import { safeUrl } from '../outcomes/errors';

const LOCAL = new Set(['data:', 'blob:', 'about:']);

/** Whether a host is one of these domains; "*.example.com" covers example.com and every subdomain. */
export function hostAllowed(host: string, domains: string[]): boolean {
	return domains.some((d) =>
		d.startsWith('*.') ? host === d.slice(2) || host.endsWith(d.slice(1)) : host === d,
	);
}

/**
 * Keeps a login's browser on the portal: requests the page makes to any other origin are refused
 * before they leave (trackers, ads, a link or script that leads elsewhere), and any page
 * navigation that ends up elsewhere stops the run with NAVIGATION_BLOCKED.
 *
 * Known gap: a server-side redirect (HTTP 3xx) to another site is followed by the browser
 * without passing route handlers, so that one request does leave; the run is still stopped and
 * reported. Downloads through the context's request API only go to URLs read from the portal's
 * own pages.
 */
export async function confineToOrigins(
	context: BrowserContext,
	allowed: string[],
): Promise<{ blockedNavigation(): string | undefined }> {
	// "https://*.example.com" allows every subdomain of example.com (portal definitions' domains).
	const isWildcard = (a: string) => /^https?:\/\/\*\./.test(a);
	const wildcards = allowed.filter(isWildcard).map((a) => a.replace(/^https?:\/\//, ''));
	const origins = new Set(allowed.filter((a) => !isWildcard(a)).map((url) => new URL(url).origin));
	const inside = (url: URL) =>
		origins.has(url.origin) || LOCAL.has(url.protocol) || hostAllowed(url.hostname, wildcards);
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
	return { blockedNavigation: () => navigation };
}
