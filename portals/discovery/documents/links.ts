import { urlAllowed } from '../../core/contract/origins';
import { isForbiddenLink } from '../words/forbidden-words';

/** A link as the page shows it: resolved address, visible text (or title), and its hints. */
export interface PageLink {
	href: string;
	text: string;
	/** The <a download> attribute is present. */
	download: boolean;
	rel: string;
}

/** Whether an address is on the allowed site (host with port, or host name alone). */
export function onSite(href: string, domains: string[]): boolean {
	try {
		const url = new URL(href);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
		return urlAllowed(url, domains);
	} catch {
		return false;
	}
}

/** The address without its fragment: /invoices#top and /invoices are one page. */
export function pageKey(href: string): string {
	const url = new URL(href);
	url.hash = '';
	return url.toString();
}

/**
 * Whether the address itself says it is a PDF: a path ending in .pdf, or a query value that
 * does (download.php?file=x.pdf). Other file links are found by asking the server (pdf-probe.ts).
 */
export function looksLikePdf(href: string): boolean {
	try {
		const url = new URL(href);
		if (/\.pdf$/i.test(url.pathname)) return true;
		return [...url.searchParams.values()].some((v) => /\.pdf$/i.test(v));
	} catch {
		return false;
	}
}

/**
 * The shape of an address with its variable parts replaced by *: every row's link of one list
 * has the same shape (/invoices/*\/download), so one probe tells about all of them.
 */
export function urlPattern(href: string): string {
	const url = new URL(href);
	const path = url.pathname
		.split('/')
		.map((segment) => {
			const [name, ext] = segment.split(/(?=\.[a-z0-9]{2,4}$)/i);
			return /\d/.test(name) || /^[a-f0-9-]{16,}$/i.test(name) ? `*${ext ?? ''}` : segment;
		})
		.join('/');
	const keys = [...new Set(url.searchParams.keys())].sort().join('&');
	return `${url.origin}${path}${keys ? `?${keys}` : ''}`;
}

/**
 * The links discovery may follow: same site, http(s), not a fragment of this page, not a file
 * (PDFs are counted, not crawled), and nothing that says log out, delete, cancel, pay ...
 * mailto: and javascript: links fail the http(s) test.
 */
export function followable(link: PageLink, domains: string[], current: string): boolean {
	if (!onSite(link.href, domains)) return false;
	if (link.download || looksLikePdf(link.href)) return false;
	if (pageKey(link.href) === pageKey(current)) return false;
	if (/\.(zip|xml|csv|xlsx?|docx?|png|jpe?g|gif|svg|ics|txt)$/i.test(new URL(link.href).pathname))
		return false;
	return !isForbiddenLink(link.text, link.href);
}
