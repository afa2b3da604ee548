// The allowed-origins rule, shared by both engines, the mailbox's links and the definitions.

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
