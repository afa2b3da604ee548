import { registrableDomain } from '../core/contract/sites';

/**
 * A definition's address on the base URL a run uses: the credential may point the portal
 * elsewhere (a test instance, the demo portal on 127.0.0.1), and the definition's addresses move
 * with it. Its login host's addresses move to the credential's origin. Another host of the login
 * host's site (a portal that signs in on `login.` and lists on `app.`) moves to the host with the
 * same first labels on the credential's site, on its scheme and port: app.portal.example with a
 * credential on login.test.localhost:3300 is app.test.localhost:3300. A credential on an address
 * without a site (an IP address, `localhost`) holds the whole site on that one origin. Addresses
 * on other sites (an identity provider, a CDN) stay as they are.
 */
export function credentialAddress(target: string, loginUrl: string, baseUrl: string): string {
	const url = new URL(target, loginUrl);
	const login = new URL(loginUrl);
	const base = new URL(baseUrl);
	if (url.origin === login.origin) return `${base.origin}${url.pathname}${url.search}`;
	const site = registrableDomain(login.hostname);
	const onSite = site && (url.hostname === site || url.hostname.endsWith(`.${site}`));
	if (!onSite || base.origin === login.origin) return url.toString();
	const baseSite = registrableDomain(base.hostname);
	const labels = url.hostname.slice(0, url.hostname.length - site.length);
	const host = baseSite ? `${labels}${baseSite}` : base.hostname;
	return `${base.protocol}//${host}${base.port ? `:${base.port}` : ''}${url.pathname}${url.search}`;
}
