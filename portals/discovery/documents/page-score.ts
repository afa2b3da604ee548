import { documentWordHits } from '../words/document-words';
import type { PageSnapshot } from './snapshot';

/** A visited page, ranked: words that name documents, and links that lead to PDF files. */
export interface ScoredPage {
	url: string;
	/** The text of the link that led here ('' for the start page). */
	via: string;
	score: number;
	pdfLinks: string[];
	downloadButtons: number;
	snapshot: PageSnapshot;
}

/**
 * Words count three times in the title and headings (what the page says it is), twice in the
 * address and the link that led here; each PDF link counts once and each download button too.
 * Only a page with PDF links or download buttons holds documents: words alone choose nothing.
 */
export function scorePage(snapshot: PageSnapshot, via: string, pdfLinks: string[]): ScoredPage {
	const path = new URL(snapshot.url).pathname.replace(/[/_-]+/g, ' ');
	const words =
		3 * documentWordHits(`${snapshot.title} ${snapshot.headings}`) +
		2 * documentWordHits(`${path} ${via}`);
	return {
		url: snapshot.url,
		via,
		score: words + pdfLinks.length + snapshot.downloadButtons,
		pdfLinks,
		downloadButtons: snapshot.downloadButtons,
		snapshot,
	};
}

export const holdsDocuments = (p: ScoredPage) => p.pdfLinks.length > 0;

/** The page's address as the report and the definition write it: path and query. */
export function shortUrl(url: string): string {
	const u = new URL(url);
	return `${u.pathname}${u.search}`;
}

/** "/invoices scored 21 against /dashboard 3, /outbox 0" */
export function rankingLine(best: ScoredPage, others: ScoredPage[]): string {
	const rest = others
		.filter((p) => p !== best)
		.sort((a, b) => b.score - a.score)
		.slice(0, 4)
		.map((p) => `${shortUrl(p.url)} ${p.score}`);
	return `${shortUrl(best.url)} scored ${best.score}${rest.length ? ` against ${rest.join(', ')}` : ' (the only page visited)'}`;
}
