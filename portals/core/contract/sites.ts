import { getDomain } from 'tldts';

/**
 * The registrable domain of a host name ("example.com" for login.example.com, "example.co.uk"
 * for www.example.co.uk), from the public-suffix list (tldts, maintained with it), private
 * suffixes included, so that two users' pages on one hosting service (a.github.io, b.github.io)
 * are two sites. Undefined for IP addresses, `localhost` itself and public suffixes: such a host
 * is a site of its own, nothing beyond the exact host. Names under `.localhost` have one
 * (`login.x.localhost` → `x.localhost`), as any other name under an unlisted top-level domain.
 */
export function registrableDomain(hostname: string): string | undefined {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return getDomain(host, { allowPrivateDomains: true }) ?? undefined;
}

/**
 * The origins a portal known only by an address may visit: every host of the address's site
 * ("http://*.example.com:8080", the port only where the address names one), or the address's
 * own origin where it has no registrable domain (an IP address, localhost). See originGuard.
 */
export function siteOrigins(address: string): string[] {
	const url = new URL(address);
	const domain = registrableDomain(url.hostname);
	if (!domain) return [url.origin];
	return [url.origin, `${url.protocol}//*.${domain}${url.port ? `:${url.port}` : ''}`];
}

/** Whether two addresses are on one site (the same registrable domain, or the same host without one). */
export function sameSite(a: URL, b: URL): boolean {
	const site = (u: URL) => registrableDomain(u.hostname) ?? u.hostname;
	return site(a) === site(b);
}
