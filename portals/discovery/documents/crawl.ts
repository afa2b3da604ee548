import type { Page } from 'playwright';
import { documentWordHits, DOWNLOAD_WORDS } from '../words/document-words';
import { followable, pageKey, urlPattern } from './links';
import { holdsDocuments, scorePage, type ScoredPage } from './page-score';
import { PdfProbe } from './pdf-probe';
import { settle, snapshot } from './snapshot';

export interface CrawlOptions {
	startUrl: string;
	documentsUrl?: string;
	domains: string[];
	maxPages: number;
	deadline: number;
}

interface Queued {
	url: string;
	via: string;
	priority: number;
	order: number;
}

/**
 * Visits same-site pages by following GET links only (page.goto of an address read from a
 * link; never a form, never a click), best-looking links first: those whose text or address
 * names documents. Stops at maxPages, at the deadline, or once a page with documents was found
 * and no unvisited link names documents any more. Returns every visited page, scored.
 */
export async function crawl(
	page: Page,
	options: CrawlOptions,
	probe: PdfProbe,
): Promise<ScoredPage[]> {
	const visited: ScoredPage[] = [];
	const seen = new Set<string>();
	const queue: Queued[] = [];
	let order = 0;
	const enqueue = (url: string, via: string) => {
		const key = pageKey(url);
		if (seen.has(key)) return;
		seen.add(key);
		const path = new URL(url).pathname;
		// Another page of a list already known (?page=2) teaches nothing new: visited last.
		const sameList = visited.some((p) => new URL(p.url).pathname === path);
		const priority = sameList ? -1 : documentWordHits(`${via} ${path.replace(/[/_-]+/g, ' ')}`);
		queue.push({ url, via, priority, order: order++ });
	};
	const visit = async (url: string | undefined, via: string) => {
		if (url !== undefined && pageKey(page.url()) !== pageKey(url)) {
			const timeout = Math.max(1_000, Math.min(30_000, options.deadline - Date.now()));
			const response = await page
				.goto(url, { waitUntil: 'domcontentloaded', timeout })
				.catch(() => null);
			// Not a web page (a file, an error): nothing to rank, and nothing to follow from it.
			// A refused load (guard.ts) still shows Chromium's error page: let it settle first, or
			// it interrupts the next load.
			if (!response) await page.waitForLoadState('load', { timeout: 2_000 }).catch(() => null);
			const type = response?.headers()['content-type'] ?? '';
			if (!response || !response.ok() || !type.includes('html')) return undefined;
		}
		await settle(page);
		const snap = await snapshot(page, DOWNLOAD_WORDS);
		seen.add(pageKey(snap.url));
		const scored = scorePage(snap, via, await probe.pdfLinks(snap.links, snap.url));
		visited.push(scored);
		// Files are counted, not visited: a PDF opened as a page would be a download.
		const files = new Set(scored.pdfLinks);
		for (const link of snap.links)
			if (!files.has(link.href) && followable(link, options.domains, snap.url))
				enqueue(link.href, link.text);
		return scored;
	};

	if (options.documentsUrl) {
		const given = await visit(new URL(options.documentsUrl, options.startUrl).toString(), '');
		if (given && holdsDocuments(given)) return visited;
	}
	if (!visited.length || pageKey(page.url()) !== pageKey(options.startUrl))
		await visit(options.startUrl, '');
	while (queue.length && visited.length < options.maxPages && Date.now() < options.deadline) {
		// Another page of a kind already visited (a row's detail page, /invoices/124 after
		// /invoices/123) teaches nothing new: visited last.
		const kinds = new Set(visited.map((p) => urlPattern(p.url)));
		for (const queued of queue) if (kinds.has(urlPattern(queued.url))) queued.priority = -1;
		queue.sort((a, b) => b.priority - a.priority || a.order - b.order);
		const found = visited.some(holdsDocuments);
		if (found && queue[0].priority <= 0) break;
		const next = queue.shift()!;
		await visit(next.url, next.via);
	}
	return visited;
}
