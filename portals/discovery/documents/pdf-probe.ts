import type { Page } from 'playwright';
import { kindOfType } from '../api/file-address';
import { PAGE_PARAMS } from '../words/document-words';
import { isForbiddenLink } from '../words/forbidden-words';
import { looksLikePdf, onSite, urlPattern, type PageLink } from './links';

/**
 * Tells which links lead to PDF files. The address or a download attribute usually says so;
 * otherwise the server is asked for the content type: HEAD, else a GET of the first byte
 * (Range: bytes=0-0; many portals answer HEAD with 404 or 405). page.request shares the
 * browser's cookies, so a signed-in link answers as it would for the user. Asking is bounded:
 * one probe per address shape (all rows' links share one), and a budget for the whole crawl.
 */
export class PdfProbe {
	private readonly known = new Map<string, string>();
	probes = 0;
	/**
	 * Hosts outside the domains that probed file links redirect to (a CDN, signed storage): the
	 * definition's downloadDomains. Never asked anything: the redirect's address is enough.
	 */
	readonly downloadHosts = new Set<string>();

	constructor(
		private readonly page: Page,
		private readonly domains: string[],
		private readonly budget = 16,
	) {}

	/** The distinct PDF links of a page. */
	async pdfLinks(links: PageLink[], current?: string): Promise<string[]> {
		// Links to other pages of this very list (its pager: ?page=1, ?page=2) are not files.
		const here = current ? new URL(current).pathname : undefined;
		const pager = (href: string) => {
			const url = new URL(href);
			return url.pathname === here && PAGE_PARAMS.some((p) => url.searchParams.has(p));
		};
		const candidates = links.filter(
			(l) => onSite(l.href, this.domains) && !isForbiddenLink(l.text, l.href) && !pager(l.href),
		);
		const byPattern = new Map<string, PageLink[]>();
		for (const link of candidates) {
			const key = urlPattern(link.href);
			byPattern.set(key, [...(byPattern.get(key) ?? []), link]);
		}
		const pdf = new Set<string>();
		for (const [pattern, group] of byPattern) {
			const direct = group.filter((l) => l.download || looksLikePdf(l.href));
			if (direct.length) {
				// An address ending in .pdf may be a web page about the file (a wiki's File: page
				// beside the file itself): a server that says so is believed; one that does not
				// answer the probe leaves the address's word. A download that says it is another
				// kind (ZIP, XML, CSV) is not taken either: HTML discovery learns PDF documents
				// only, and a definition it writes takes PDF alone (documents.accepts unset).
				const said = await this.contentType(pattern, direct[0].href);
				const other = said.includes('text/html') || (kindOfType(said) ?? 'pdf') !== 'pdf';
				if (!said || said.includes('application/pdf') || !other)
					direct.forEach((l) => pdf.add(l.href));
				continue;
			}
			// Only repeated shapes are probed: a documents list has one link per row.
			if (group.length < 2 && !this.known.has(pattern)) continue;
			if (await this.isPdf(pattern, group[0].href)) group.forEach((l) => pdf.add(l.href));
		}
		return [...pdf];
	}

	private async isPdf(pattern: string, href: string): Promise<boolean> {
		return (await this.contentType(pattern, href)).includes('application/pdf');
	}

	/**
	 * A redirect to a file on a host outside the domains: that host is noted as a download host and
	 * the link taken for a file when the target's address says PDF (the target is not probed: a
	 * download host gets no request of ours but a file's GET, and only in a run).
	 */
	private offsiteFile(href: string, status: number, location: string | undefined): boolean {
		if (status < 300 || status > 399 || !location) return false;
		let target: URL;
		try {
			target = new URL(location, href);
		} catch {
			return false;
		}
		if (!/^https?:$/.test(target.protocol) || onSite(target.href, this.domains)) return false;
		if (!looksLikePdf(target.href)) return false;
		this.downloadHosts.add(target.host);
		return true;
	}

	/** The content type the server gives for an address of this shape ('' when it does not say). */
	private async contentType(pattern: string, href: string): Promise<string> {
		const cached = this.known.get(pattern);
		if (cached !== undefined) return cached;
		if (this.probes >= this.budget) return '';
		this.probes++;
		const type = async (method: 'HEAD' | 'GET') => {
			const response = await this.page.request.fetch(href, {
				method,
				headers: method === 'GET' ? { Range: 'bytes=0-0' } : {},
				maxRedirects: 0,
				timeout: 10_000,
			});
			const offsite = this.offsiteFile(href, response.status(), response.headers().location);
			const contentType = response.ok()
				? (response.headers()['content-type'] ?? '')
				: offsite
					? 'application/pdf'
					: '';
			await response.dispose();
			return contentType.toLowerCase();
		};
		const head = await type('HEAD').catch(() => '');
		const answer = head || (await type('GET').catch(() => ''));
		this.known.set(pattern, answer);
		return answer;
	}
}
