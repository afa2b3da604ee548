import type { BrowserContext } from 'playwright';
import { PortalError, safeUrl } from '../outcomes/errors';
import { throwForStatus } from '../outcomes/http-status';
import { MAX_PAGE_BYTES, MAX_REDIRECTS, REDIRECTS, refusal } from '../http/guarded-fetch';
import { decodeHtml, parsePage, type HtmlPage } from '../http/html-page';

/** Answers a browser shows as a page. */
const HTML_TYPES = /html|xml/i;

export interface FetchedPage {
	/** Undefined when the answer is no page to read here (a file, or larger than a page may be). */
	page?: HtmlPage;
	/** The portal set cookies on the way (the session's, now in the browser context). */
	cookiesSet: boolean;
}

/**
 * Fetches a page's HTML through the browser context's request API (the session's cookies, both
 * ways; no rendering) and parses it as the HTTP engine does. Redirects are followed here, each
 * target checked with the run's guard before it is requested (the context's own redirect
 * following would not pass the browser's route handlers). HTTP errors become reasons as in
 * openPage. No page when the answer is none to read here: the caller opens it in the browser.
 */
export async function fetchPage(
	context: BrowserContext,
	address: string,
	allowed: (url: URL) => boolean,
): Promise<FetchedPage> {
	let url = new URL(address);
	let cookiesSet = false;
	for (let hop = 0; ; hop++) {
		const refused = refusal(url, allowed);
		if (refused) throw refused;
		const response = await context.request.get(url.href, {
			failOnStatusCode: false,
			maxRedirects: 0,
			timeout: 30_000,
		});
		try {
			const headers = response.headers();
			cookiesSet ||= response.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie');
			const location = headers.location;
			if (REDIRECTS.has(response.status()) && location !== undefined) {
				if (hop >= MAX_REDIRECTS)
					throw new PortalError(
						'PORTAL_UNAVAILABLE',
						`The portal redirected more than ${MAX_REDIRECTS} times from ${safeUrl(address)}.`,
						{ url: safeUrl(address) },
					);
				try {
					url = new URL(location, url);
				} catch {
					throw new PortalError(
						'PORTAL_UNAVAILABLE',
						'The portal redirected to a broken address.',
						{
							url: safeUrl(url.href),
						},
					);
				}
				continue;
			}
			const type = headers['content-type'] ?? '';
			const size = Number(headers['content-length'] ?? 0);
			if (response.status() < 429 && ((type && !HTML_TYPES.test(type)) || size > MAX_PAGE_BYTES))
				return { cookiesSet };
			const body = await response.body();
			if (body.length > MAX_PAGE_BYTES) return { cookiesSet };
			const page = parsePage(decodeHtml(body, type || null), url.href);
			if (response.status() >= 429)
				throwForStatus(
					response.status(),
					url.href,
					headers['retry-after'],
					body.toString().slice(0, 4000),
				);
			return { page, cookiesSet };
		} finally {
			await response.dispose().catch(() => undefined);
		}
	}
}
