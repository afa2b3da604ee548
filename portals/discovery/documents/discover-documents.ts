import type { Page } from 'playwright';
import type { DefinitionSpec } from '../../definitions/spec';
import type { DiscoveryReport } from '../report';
import { crawl } from './crawl';
import { describeList, missing } from './describe-list';
import { guardPage } from './guard';
import { holdsDocuments, rankingLine, shortUrl } from './page-score';
import { PdfProbe } from './pdf-probe';
import { settle } from './snapshot';

export interface DocumentsDiscoveryOptions {
	/** The page after login (the browser is on it); the crawl starts here. */
	startUrl: string;
	/** When the user knows where the documents are listed: tried first. */
	documentsUrl?: string;
	/**
	 * Host names (with port when not the default) the crawl may visit: same site only. The first
	 * is the login page's: a list on another host is written with its full address.
	 */
	domains: string[];
	/** Stop crawling after this many pages (default 25) or at this deadline (ms since epoch). */
	maxPages?: number;
	deadline?: number;
	/** Filled with the hosts outside `domains` that file links redirect to (downloadDomains). */
	downloadHosts?: Set<string>;
}

/**
 * Finds the documents list by following same-site GET links from the page after login, and
 * writes the definition's `documents` part for it. Read-only: it never submits a form and never
 * follows a link that says log out, delete, cancel, pay ... It throws PortalError
 * LAYOUT_CHANGED (missingElement names what is missing) when no page holds documents.
 */
export async function discoverDocuments(
	page: Page,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	const unguard = await guardPage(page, options.domains);
	try {
		return await discover(page, options, report);
	} finally {
		await unguard();
	}
}

async function discover(
	page: Page,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	const deadline = options.deadline ?? Date.now() + 60_000;
	const probe = new PdfProbe(page, options.domains);
	const visited = await crawl(
		page,
		{ ...options, maxPages: options.maxPages ?? 25, deadline },
		probe,
	);

	// The documents page: the best score among pages that hold PDF links.
	const best = visited.filter(holdsDocuments).sort((a, b) => b.score - a.score)[0];
	if (!best)
		throw missing(
			`No page holds documents: ${visited.length} page(s) visited (${visited.map((p) => shortUrl(p.url)).join(', ')}), none with links to PDF files.`,
			report,
			'documents page',
		);
	report.add({
		step: 'documents page',
		ok: true,
		summary: rankingLine(best, visited),
		details: [
			`${best.pdfLinks.length} PDF link(s)${best.downloadButtons ? `, ${best.downloadButtons} download button(s)` : ''}; ${visited.length} page(s) visited, ${probe.probes} content-type probe(s)`,
		],
	});
	if (page.url() !== best.url) await page.goto(best.url, { waitUntil: 'domcontentloaded' });
	await settle(page);
	const documents = await describeList(page, best, options.domains, probe, report);
	if (probe.downloadHosts.size) {
		const hosts = [...probe.downloadHosts];
		hosts.forEach((h) => options.downloadHosts?.add(h));
		report.add({
			step: 'download',
			ok: true,
			summary: `files redirect to ${hosts.join(', ')}: written as downloadDomains (reached without the portal's cookies)`,
		});
	}
	return documents;
}
