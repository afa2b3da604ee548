import { domainToUnicode } from 'node:url';
import type { PortalDefinition } from '../core/contract/adapter';
import { invalidInput } from '../core/outcomes/errors';
import { registrableDomain, siteOrigins } from '../core/contract/sites';
import { ADDING_A_PORTAL_URL } from '../docs-links';
import { browserOnlyToSignIn } from '../definitions/portal';
import { AutomaticAdapter, keptDefinition, type AutomaticSettings } from './automatic-adapter';

/** The credential's portal option for a portal nobody described. */
export const AUTOMATIC_PORTAL = 'automatic';

function webAddress(field: string, value: string | undefined): string | undefined {
	const raw = value?.trim();
	if (!raw) return undefined;
	try {
		const url = new URL(raw);
		if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
	} catch {
		// reported below
	}
	throw invalidInput(field, `"${raw}" is not a web address (http:// or https://).`);
}

/**
 * The site's name in file names: the login page's host name in the slugs' style
 * (`billing.example.com` → `billing-example-com`), without `www.` and without the port. The host,
 * not the registrable name, since one company's portals (`billing.x.com`, `portal.x.com`) are apart.
 */
export function siteLabel(loginUrl: string): string {
	// An international name reads as its letters (münchen → munchen), not as xn--mnchen-3ya.
	return domainToUnicode(new URL(loginUrl).hostname)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/^www\./, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * A portal found by discovery: given the login page's address (and where the documents are
 * listed, when the user knows), the first run finds the login and the documents and keeps a
 * definition for the connection (see AutomaticAdapter). The browser stays on the login URL's
 * site, every host of its registrable domain (and the documents URL's).
 */
export function automaticPortal(settings: Partial<AutomaticSettings>): PortalDefinition {
	const loginUrl = webAddress('Login URL', settings.loginUrl);
	if (!loginUrl)
		throw invalidInput(
			'Login URL',
			'is empty: the Automatic portal starts at the page where you sign in.',
		);
	const documentsUrl = webAddress('Documents URL', settings.documentsUrl);
	// A sign-in may move between hosts of one site (login.example.com → www.example.com): every
	// host of the login page's site is allowed, not another site.
	const origins = [
		...new Set([loginUrl, documentsUrl].filter(Boolean).flatMap((u) => siteOrigins(u!))),
	];
	const host = new URL(loginUrl).host;
	const site = registrableDomain(new URL(loginUrl).hostname) ?? new URL(loginUrl).hostname;
	return {
		slug: AUTOMATIC_PORTAL,
		name: `Automatic (${host})`,
		fileLabel: siteLabel(loginUrl),
		defaultUrl: new URL(loginUrl).origin,
		allowedOrigins: origins,
		boundaryHint: `The Automatic portal follows a sign-in only across the hosts of the login page's site (${site}); a portal that signs in on another site needs a definition whose domains name both (${ADDING_A_PORTAL_URL}).`,
		version: 'automatic discovery v1',
		codeValiditySeconds: 300,
		sessionMaxAgeSeconds: 12 * 3600,
		createAdapter: (learned) => new AutomaticAdapter({ loginUrl, documentsUrl }, learned),
		// Discovery needs the browser; a kept definition runs on its own engine (plain HTTP until
		// a page needs scripts), and discovering again moves the run to the browser.
		engineFor: (learned) => {
			const kept = keptDefinition(loginUrl, learned);
			if (!kept) return undefined;
			return { engine: kept.engine ?? 'auto', browserOnlyToSignIn: browserOnlyToSignIn(kept) };
		},
	};
}
